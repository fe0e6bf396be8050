import { z } from 'zod';
import { ADMIN_ROLES, ORG_ROLES } from '../../platform/access';
import { zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
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
/** A reset asked by the system admin: why, and whether the second factor goes too. */
export const resetPasswordBody = z.object({
  reason: label(zRequiredText(200), '重置原因'),
  resetMfa: label(z.boolean().default(false), '同时清除两步验证'),
});
export const resetDecisionBody = z.object({ note: label(zText(200).optional(), '审批意见') });
export const resetParams = z.object({ id: label(zUuid, '重置申请') });
export const resetListQuery = z.object({
  status: label(z.enum(['pending', 'approved', 'rejected', 'issued', 'expired']).optional(), '状态'),
  page: zPage,
  pageSize: zPageSize,
});
/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx). */
export const mfaCodeBody = z.object({
  code: label(zRequiredText(32), '验证码'),
});
export const unlockBody = z.object({
  username: label(zRequiredText(64), '用户名'),
  code: label(zRequiredText(32), '验证码'),
});

/** The committee's account rules: password policy, temporary passwords, who must use a second factor. */
export const MFA_ROLES = [...ADMIN_ROLES, ...ORG_ROLES] as const;
export const accountSettingsSchema = z.object({
  passwordMinLength: label(z.number().int().min(8).max(64).default(8), '密码最短长度'),
  passwordMinClasses: label(z.number().int().min(3).max(4).default(3), '密码最少字符类别'),
  passwordHistory: label(z.number().int().min(0).max(24).default(5), '不得与最近几次密码相同'),
  passwordExpiryDays: label(z.number().int().min(0).max(3650).default(0), '密码有效期（天，0 为不过期）'),
  temporaryPasswordHours: label(z.number().int().min(1).max(72).default(24), '临时密码有效期（小时）'),
  mfaRequiredFor: label(
    z
      .array(z.enum(MFA_ROLES))
      .max(MFA_ROLES.length)
      .default(['system_admin', 'security_admin', 'audit_admin', 'committee_admin'])
      .refine((roles) => ADMIN_ROLES.every((r) => roles.includes(r)), {
        message: '等级保护三级要求系统、安全、审计管理员必须使用两步验证',
      }),
    '必须使用两步验证的角色',
  ),
});
export type AccountSettings = z.output<typeof accountSettingsSchema>;
export const accountSettingsBody = accountSettingsSchema.partial().strict();
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

export const mfaEnrollResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
/** Shown once: each code lets its holder in once without the authenticator. */
export const mfaConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const RESET_ACTIONS = ['approve', 'reject', 'issue'] as const;
export const passwordResetItem = z.object({
  id: z.string(),
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  reason: z.string(),
  resetMfa: z.boolean(),
  needsApproval: z.boolean(),
  status: z.enum(['pending', 'approved', 'rejected', 'issued', 'expired']),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  issuedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  actions: z.array(z.enum(RESET_ACTIONS)),
});
export type PasswordResetItem = z.infer<typeof passwordResetItem>;
export const passwordResetList = z.object({
  items: z.array(passwordResetItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PasswordResetList = z.infer<typeof passwordResetList>;
/** A reset as asked: issued at once (with its temporary password, shown once) or waiting for approval. */
export const resetRequested = z.object({
  reset: passwordResetItem,
  temporaryPassword: z.string().nullable(),
});
export type ResetRequested = z.infer<typeof resetRequested>;
export const resetIssued = z.object({ temporaryPassword: z.string(), expiresAt: z.string() });
export type ResetIssued = z.infer<typeof resetIssued>;

export const accountSettingsResponse = z.object({
  passwordMinLength: z.number().int(),
  passwordMinClasses: z.number().int(),
  passwordHistory: z.number().int(),
  passwordExpiryDays: z.number().int(),
  temporaryPasswordHours: z.number().int(),
  mfaRequiredFor: z.array(z.enum(MFA_ROLES)),
  /** Platform rules shown beside the settings (not settable: they must treat unknown usernames alike). */
  fixed: z.object({
    lockAfterFailures: z.number().int(),
    lockMinutes: z.number().int(),
    accountLockAfterFailures: z.number().int(),
    commonPasswords: z.number().int(),
    sessionIdleMinutes: z.number().int(),
  }),
  editable: z.boolean(),
});
export type AccountSettingsAnswer = z.infer<typeof accountSettingsResponse>;

/** The organization types a role can be held on: a role reaches that organization's subtree. */
export const ROLE_ORG_TYPES: Record<(typeof ORG_ROLES)[number], readonly string[]> = {
  committee_admin: ['committee'],
  general_branch_admin: ['general_branch'],
  branch_secretary: ['branch'],
  member: ['branch'],
};

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
