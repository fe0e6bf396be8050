import { z } from 'zod';
import { ORG_ROLES } from '../../platform/access';
import { zPage, zPageSize, zRequiredText, zUuid } from '../../platform/i18n';

export const loginBody = z.object({
  username: zRequiredText(64),
  password: z.string().min(1, '不能为空').max(128, '不能超过 128 个字符'),
});
export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, '不能为空').max(128),
  newPassword: z.string().min(1, '不能为空').max(128),
});
export const accountListQuery = z.object({
  page: zPage,
  pageSize: zPageSize,
  q: z.string().max(64).optional(),
});
export const createAccountBody = z.object({
  username: zRequiredText(64).regex(/^[A-Za-z0-9._-]+$/, '只能包含字母、数字、点、下划线和连字符'),
  displayName: zRequiredText(64),
  password: z.string().min(1, '不能为空').max(128),
  personId: zUuid.nullish(),
});
export const resetPasswordBody = z.object({ password: z.string().min(1, '不能为空').max(128) });
export const disableBody = z.object({ disabled: z.boolean() });
export const grantRoleBody = z.object({ role: z.enum(ORG_ROLES), orgId: zUuid });
export const idParams = z.object({ id: zUuid });
export const roleParams = z.object({ id: zUuid, roleId: zUuid });

export const ROLE_LABELS: Record<string, string> = {
  committee_admin: '党委管理员',
  general_branch_admin: '党总支管理员',
  branch_secretary: '支部书记',
  member: '党员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};
