import { on, provide } from '../../platform/hooks';
import { actions, defineModule } from '../../platform/manifest';
import {
  orgDissolving,
  orgEndBounds,
  orgHeadcounts,
  orgMerging,
  orgPostHolder,
  partyPostsSource,
  secretaryAssigning,
} from '../orgs/api';
import { demoPeople } from './demo';
import {
  checkPostHolder,
  checkSecretary,
  headcounts,
  membershipBounds,
  partyPosts,
  refuseDissolvingWithPeople,
} from './org-hooks';
import { peopleAbilities } from './policy';
import { peopleRoutes } from './routes';
import { loadPeopleSettings, peopleSettings } from './settings';
import { membershipEntity, personEntity } from './tables';
import { followMerge } from './transfers';

export const peopleModule = defineModule({
  name: 'people',
  label: '党员和职工',
  dependsOn: ['orgs'],
  routes: peopleRoutes,
  entities: [personEntity, membershipEntity],
  actions: actions('人员', {
    'person.create': '新增人员',
    'person.update': '修改人员',
    'person.transfer': '调整支部',
    'person.end': '终止在册',
    'person.reveal': '查看敏感信息',
    'person.import': '导入人员',
    'person.export': '导出名册',
    'person.export_clear': '导出明文名册',
    'person.settings': '修改名册导出策略',
    'membership.write': '支部归属记录',
  }),
  sealed: [{ entity: personEntity, columns: ['id_number_enc', 'mobile_enc', 'landline_enc', 'address_enc'] }],
  abilities: async (ctx, actor) =>
    peopleAbilities(actor, (await loadPeopleSettings(ctx.db, actor.tenantId)).exportClearLevel),
  settings: peopleSettings,
  exports: [
    { key: 'roster', label: '花名册（.xlsx）', path: '/people/export' },
    { key: 'template', label: '花名册导入模板', path: '/people/import/template' },
  ],
  hooks: [
    on(orgMerging, followMerge),
    on(orgDissolving, refuseDissolvingWithPeople),
    on(orgEndBounds, membershipBounds),
    on(secretaryAssigning, checkSecretary),
    on(orgPostHolder, checkPostHolder),
    provide(orgHeadcounts, headcounts),
    provide(partyPostsSource, partyPosts),
  ],
  demo: demoPeople,
  tests: { authz: () => import('./authz') },
});
