import { z } from 'zod';
import { ADMIN_ROLES, ORG_ROLES } from '../../platform/access';
import { zPage, zPageSize, zRequiredText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { ACCOUNT_ACTIONS } from './policy';

/** Requests and answers of the accounts kernel; the web's types are inferred from the answers. */

const password = (title: string) =>
  label(z.string().min(1, '不能为空').max(128, '不能超过 128 个字符'), title);

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────

export const loginBody = z.object({
  username: label(zRequiredText(64), '用户名'),
  password: password('密码'),
});
export const changePasswordBody = z.object({
  oldPassword: password('原密码'),
  newPassword: password('新密码'),
});
export const accountListQuery = z.object({
  page: zPage,
  pageSize: zPageSize,
  q: label(z.string().max(64, '不能超过 64 个字符').optional(), '用户名或姓名'),
});
export const createAccountBody = z.object({
  username: label(
    zRequiredText(64).regex(/^[A-Za-z0-9._-]+$/, '只能包含字母、数字、点、下划线和连字符'),
    '用户名',
  ),
  displayName: label(zRequiredText(64), '姓名'),
  password: password('初始密码'),
  personId: label(zUuid.nullish(), '关联人员'),
});
export const resetPasswordBody = z.object({ password: password('新密码') });
export const disableBody = z.object({ disabled: label(z.boolean(), '是否停用') });
export const grantRoleBody = z.object({
  role: label(z.enum(ORG_ROLES), '角色'),
  orgId: label(zUuid, '所在组织'),
});
export const idParams = z.object({ id: label(zUuid, '账号') });
export const roleParams = z.object({ id: label(zUuid, '账号'), roleId: label(zUuid, '角色') });

export type CreateAccountInput = z.infer<typeof createAccountBody>;

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────────

/** What the login page may show before anyone logs in (the demo accounts only in demo mode). */
export const loginOptionsResponse = z.object({
  organization: z.string().nullable(),
  demoMode: z.boolean(),
  demoPassword: z.string().nullable(),
  demoAccounts: z.array(z.object({ username: z.string(), label: z.string() })),
});
export type LoginOptions = z.infer<typeof loginOptionsResponse>;

export const accountRole = z.object({
  id: z.string(),
  role: z.enum(ORG_ROLES),
  orgId: z.string(),
  orgName: z.string(),
});

export const accountItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  adminRole: z.enum(ADMIN_ROLES).nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(accountRole),
  /** What the caller may do to this account. */
  actions: z.array(z.enum(ACCOUNT_ACTIONS)),
});
export type AccountItem = z.infer<typeof accountItem>;

export const accountList = z.object({
  items: z.array(accountItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Collection actions of the caller (`create`); `GET /me` has them as `abilities['accounts.create']`. */
  actions: z.array(z.enum(['create'])),
});
export type AccountList = z.infer<typeof accountList>;

/** A created account or role assignment. */
export const createdResponse = z.object({ id: z.string() });

// ── Labels ──────────────────────────────────────────────────────────────────────────────────────────

export const ROLE_LABELS: Record<string, string> = {
  committee_admin: '党委管理员',
  general_branch_admin: '党总支管理员',
  branch_secretary: '支部书记',
  member: '党员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};
