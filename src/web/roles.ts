/**
 * The role labels the shell shows (header tags, 我的), the same words as the accounts contract's
 * ROLE_LABELS (roles.test.ts keeps them equal). Copied because the contract comes with zod, about 40 KB
 * gzip the shell and the home page would otherwise download for seven words.
 */
export const ROLE_LABELS: Record<string, string> = {
  committee_admin: '党委管理员',
  general_branch_admin: '党总支管理员',
  branch_secretary: '支部书记',
  member: '党员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};
