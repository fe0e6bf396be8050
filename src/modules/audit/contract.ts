import { z } from 'zod';
import { zDate, zPage, zPageSize, zUuid } from '../../platform/i18n';

export const auditListQuery = z.object({
  entityId: zUuid.optional(),
  actorId: zUuid.optional(),
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, '操作名只能包含小写字母、下划线和点')
    .optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.login_refused': '登录被拒（锁定）',
  'auth.logout': '退出登录',
  'account.create': '创建账号',
  'account.password_changed': '修改密码',
  'account.reset_password': '重置密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'role.grant': '授予角色',
  'role.revoke': '收回角色',
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.move': '调整隶属',
  'org.merge': '合并支部',
  'org.dissolve': '撤销组织',
  'org.parent_history': '隶属历史',
  'person.create': '新增人员',
  'person.update': '修改人员',
  'person.transfer': '调整支部',
  'person.end': '终止在册',
  'person.reveal': '查看敏感信息',
  'person.import': '导入人员',
  'membership.write': '支部归属记录',
  'tenant.create': '创建党委',
  'demo.load': '载入演示数据',
};
