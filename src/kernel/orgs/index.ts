import { actions, defineModule } from '../../platform/manifest';
import { demoOrgs } from './demo';
import { orgsRoutes } from './routes';
import { orgEntity, orgParentHistoryEntity, tenantEntity } from './tables';

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
  demo: demoOrgs,
  tests: { authz: () => import('./authz') },
});
