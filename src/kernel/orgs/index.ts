import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { demoOrgs } from './demo';
import { decideListOrgs, decideManagerView, orgAbilities } from './policy';
import { orgsRoutes } from './routes';
import { orgEntity, orgParentHistoryEntity, tenantEntity } from './tables';
import { warnedBranches } from './tree';

export const orgsModule = defineModule({
  name: 'orgs',
  label: '组织',
  routes: orgsRoutes,
  entities: [tenantEntity, orgEntity, orgParentHistoryEntity],
  actions: actions('组织', {
    'tenant.create': '创建党委',
    'org.create': '新建组织',
    'org.update': '修改组织',
    'org.move': '调整隶属',
    'org.merge': '合并支部',
    'org.dissolve': '撤销组织',
    'org.parent_history': '隶属历史',
  }),
  // A branch too small, too large or without the committee its size calls for is work for its managers.
  todo: async (ctx, actor) => {
    if (!allowed(decideManagerView(actor)) || !allowed(decideListOrgs(actor))) return [];
    const count = await warnedBranches(ctx, actor);
    return [
      { key: 'branch-size', label: '党支部设置需关注（人数、支委会）', count, link: '/orgs', order: 90 },
    ];
  },
  abilities: (_ctx, actor) => orgAbilities(actor),
  demo: demoOrgs,
  tests: { authz: () => import('./authz') },
});
