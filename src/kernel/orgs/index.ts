import { managedPaths } from '../../platform/access';
import { todayLocal } from '../../platform/dates';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { termsDue } from './committee';
import { demoOrgs } from './demo';
import { decideListOrgs, decideManagerView, orgAbilities } from './policy';
import { orgsRoutes } from './routes';
import { loadOrgSettings, mayUpdateOrgSettings, orgSettingsSpec } from './settings';
import { orgEntity, orgParentHistoryEntity, orgPostEntity, orgTermEntity, tenantEntity } from './tables';
import { warnedBranches } from './tree';

export const orgsModule = defineModule({
  name: 'orgs',
  label: '组织',
  routes: orgsRoutes,
  entities: [tenantEntity, orgEntity, orgParentHistoryEntity, orgPostEntity, orgTermEntity],
  actions: actions('组织', {
    'tenant.create': '创建党委',
    'org.create': '新建组织',
    'org.update': '修改组织',
    'org.move': '调整隶属',
    'org.merge': '合并支部',
    'org.dissolve': '撤销组织',
    'org.parent_history': '隶属历史',
    'org.post.appoint': '任命委员会职务',
    'org.post.elect': '选举产生委员会职务',
    'org.post.end': '结束委员会任职',
    'org.term.start': '登记换届（新一届任期）',
    'org.settings': '修改任期设置',
  }),
  settings: orgSettingsSpec,
  todo: async (ctx, actor) => {
    if (!allowed(decideManagerView(actor)) || !allowed(decideListOrgs(actor))) return [];
    const count = await warnedBranches(ctx, actor);
    // The superior is reminded of the terms of the organizations under it: due soon, and red when overdue.
    const terms = await termsDue(
      ctx.db,
      actor.tenantId,
      managedPaths(actor),
      todayLocal(),
      await loadOrgSettings(ctx.db, actor.tenantId),
    );
    return [
      { key: 'branch-size', label: '党支部设置需关注（人数、支委会）', count, link: '/orgs', order: 90 },
      {
        key: 'terms',
        label: '委员会换届（即将届满、逾期）',
        count: terms.dueSoon + terms.overdue,
        overdue: terms.overdue,
        link: '/orgs/terms',
        order: 91,
      },
    ];
  },
  abilities: (_ctx, actor) => ({ ...orgAbilities(actor), settings: mayUpdateOrgSettings(actor) }),
  demo: demoOrgs,
  tests: { authz: () => import('./authz') },
});
