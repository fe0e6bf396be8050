import { actions, defineModule } from '../../platform/manifest';
import { decideReadAuditLog } from './policy';
import { auditRoutes } from './routes';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  // The viewer finds actors by their account's username (accounts' api).
  dependsOn: ['accounts'],
  routes: auditRoutes,
  actions: actions('系统运维', {
    'keys.rotate': '密钥轮换（重新加密）',
    'audit.reseal': '表结构变更后重新登记',
    'audit.rehash': '审计哈希规则升级后重新登记',
  }),
  abilities: (_ctx, actor) => ({ read: decideReadAuditLog(actor).ok }),
  tests: { authz: () => import('./authz') },
});
