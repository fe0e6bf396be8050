import { actions, defineModule } from '../../platform/manifest';
import { decideReadAuditLog, decideReadSecurityLog } from './policy';
import { auditRoutes } from './routes';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  // The viewer finds actors by their account's username (accounts' api).
  dependsOn: ['accounts'],
  routes: auditRoutes,
  actions: actions('系统运维', {
    'keys.rotate': '密钥轮换（重新加密）',
    'audit.reseal': '迁移变更列后重新登记（表结构变更）',
    'audit.reseal_prepare': '迁移前登记待变更列（重新登记准备）',
    'audit.rehash': '审计哈希规则升级后重新登记',
    'audit.acknowledge': '确认审计链断点或库外改动（不视为完好）',
    'audit.archive': '审计日志归档点',
    'audit.carry': '归档前转登记（记录的最新事件将被归档）',
  }),
  abilities: (_ctx, actor) => ({
    read: decideReadAuditLog(actor).ok,
    security: decideReadSecurityLog(actor).ok,
  }),
  tests: { authz: () => import('./authz') },
});
