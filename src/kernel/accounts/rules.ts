import type { OrgRole } from '../../platform/access';

/** Rules of 等级保护 2.0 common practice for accounts: password policy, lockout, session timeouts. */

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;

const COMMON_PASSWORDS = new Set(
  [
    '12345678',
    '123456789',
    '1234567890',
    '11111111',
    '88888888',
    '66666666',
    '00000000',
    'password',
    'password1',
    'password123',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword',
    'qwerty123',
    'qwer1234',
    'qwerty12',
    'abc12345',
    'abcd1234',
    'a1234567',
    'aa123456',
    'a123456789',
    'admin123',
    'admin@123',
    'admin1234',
    'root1234',
    'iloveyou',
    'woaini1314',
    'woaini520',
    '1qaz2wsx',
    '1q2w3e4r',
    '1q2w3e4r5t',
    'zaq12wsx',
    'qazwsx123',
    'asdf1234',
    'welcome1',
    'welcome123',
    'letmein1',
    'changeme',
    'changeme1',
    'test1234',
    'huawei123',
    'abc@1234',
    'abc123456',
    'test@123',
    'root@123',
    'p@ssw0rd1',
    'password@123',
    'qwe123!@#',
    'asd123456',
    'zxc123456',
    'branchline',
    'branchline1',
  ].map((p) => p.toLowerCase()),
);

export interface PasswordProblem {
  ok: boolean;
  message?: string;
}

export function checkPasswordPolicy(password: string, username?: string): PasswordProblem {
  if (password.length < 8) return { ok: false, message: '密码至少 8 位' };
  if (password.length > 128) return { ok: false, message: '密码不能超过 128 位' };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return { ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' };
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return { ok: false, message: '密码过于常见，请换一个' };
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return { ok: false, message: '密码不能包含用户名' };
  }
  return { ok: true };
}

export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** After a failed attempt: the new counter, and the lock end when it reaches the limit. */
export function afterFailure(
  failedAttempts: number,
  now: Date,
): { failedAttempts: number; lockedUntil: Date | null } {
  const n = failedAttempts + 1;
  if (n >= LOCK_AFTER_FAILURES)
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  return { failedAttempts: n, lockedUntil: null };
}

export function sessionExpired(createdAt: Date, lastSeenAt: Date, now: Date): 'idle' | 'absolute' | null {
  if (now.getTime() - createdAt.getTime() >= SESSION_ABSOLUTE_HOURS * 3_600_000) return 'absolute';
  if (now.getTime() - lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * 60_000) return 'idle';
  return null;
}

/** The organization types a role can be held on: a role reaches that organization's subtree. */
export const ROLE_ORG_TYPES: Record<OrgRole, readonly string[]> = {
  committee_admin: ['committee'],
  general_branch_admin: ['general_branch'],
  branch_secretary: ['branch'],
  member: ['branch'],
};

/** A LIKE pattern matching values that contain `text` literally (its `%`, `_` and `\\` are no wildcards). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
