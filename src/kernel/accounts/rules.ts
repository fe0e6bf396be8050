import type { OrgRole } from '../../platform/access';

/** Rules of 等级保护 2.0 common practice for accounts: password policy, lockout, session timeouts. */

/**
 * Lockout (等保 common practice: 5 failures, 15–30 minutes). Platform rules, not tenant settings: an
 * unknown username belongs to no committee and must be answered exactly like a known one.
 * - per typed username and address: 5 failures lock that address out of that username for 15 minutes;
 * - per username over every address: 20 failures lock the username everywhere for 15 minutes, which
 *   bounds guessing from many addresses; the holder lifts it with the second factor.
 */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const ACCOUNT_LOCK_AFTER_FAILURES = 20;
/** Codes tried to lift a username-wide lock, over every address, per lock period. */
export const UNLOCK_TRIES = 10;
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
/** A password-checked login waits this long for its second factor, and allows this many codes. */
export const MFA_CHALLENGE_MINUTES = 5;
export const MFA_CHALLENGE_TRIES = 5;
/** The holder is told of a reset of their password at each login for this many days. */
export const RESET_NOTICE_DAYS = 14;

export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** Whether something that lasts until a moment (a challenge, a temporary password, an approval) still does. */
export const stillValid = (until: Date, now: Date): boolean => until.getTime() > now.getTime();

/** One row of `login_throttles` as the rules see it. */
export interface Throttle {
  failures: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

/** A counter whose lock ended, or that saw no attempt for a lock period, starts again from zero. */
export function freshThrottle(t: Throttle | undefined, now: Date): Throttle {
  const stale =
    !t ||
    (t.lockedUntil !== null && !isLocked(t.lockedUntil, now)) ||
    (t.lockedUntil === null && now.getTime() - t.updatedAt.getTime() >= LOCK_MINUTES * 60_000);
  return stale ? { failures: 0, lockedUntil: null, updatedAt: now } : t;
}

export type Reservation =
  | { allowed: true; counters: Throttle[] }
  | { allowed: false; lockedUntil: Date; counters: Throttle[] };

/**
 * Takes one attempt from each counter before the secret is checked, so that parallel guesses can't pass
 * a limit: refused while any counter is locked; otherwise every counter goes up by one and locks when it
 * reaches its limit (that attempt is still checked). `limits[i]` belongs to `counters[i]`.
 */
export function reserveAttempt(counters: (Throttle | undefined)[], limits: number[], now: Date): Reservation {
  const fresh = counters.map((c) => freshThrottle(c, now));
  const locked = fresh.filter((c) => isLocked(c.lockedUntil, now));
  if (locked.length) {
    const until = new Date(Math.max(...locked.map((c) => c.lockedUntil!.getTime())));
    return { allowed: false, lockedUntil: until, counters: fresh };
  }
  const lockEnd = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  return {
    allowed: true,
    counters: fresh.map((c, i) => {
      const failures = c.failures + 1;
      return { failures, lockedUntil: failures >= limits[i] ? lockEnd : null, updatedAt: now };
    }),
  };
}

/** Whether a password set at `changedAt` has expired under the committee's expiry (0: never). */
export function passwordExpired(changedAt: Date, expiryDays: number, now: Date): boolean {
  return expiryDays > 0 && now.getTime() - changedAt.getTime() >= expiryDays * 86_400_000;
}

/** Roles whose holders see other people's member data: a reset of such an account needs approval. */
export const MEMBER_DATA_ROLES: readonly OrgRole[] = [
  'committee_admin',
  'general_branch_admin',
  'branch_secretary',
];

/**
 * 三员分立: the system admin resets alone only an account that sees no member data but its holder's own;
 * an administrator's account (one's own included), a manager's, or a reset of the second factor needs
 * the security admin's approval.
 */
export function resetNeedsApproval(
  target: { adminRole: string | null; roles: readonly string[] },
  resetMfa: boolean,
): boolean {
  return (
    resetMfa ||
    target.adminRole !== null ||
    target.roles.some((r) => (MEMBER_DATA_ROLES as readonly string[]).includes(r))
  );
}

/** Whether the committee's settings require a second factor of this account. */
export function mfaRequired(
  account: { adminRole: string | null; roles: readonly string[] },
  requiredFor: readonly string[],
): boolean {
  return [account.adminRole, ...account.roles].some((r) => r !== null && requiredFor.includes(r));
}

export function sessionExpired(createdAt: Date, lastSeenAt: Date, now: Date): 'idle' | 'absolute' | null {
  if (now.getTime() - createdAt.getTime() >= SESSION_ABSOLUTE_HOURS * 3_600_000) return 'absolute';
  if (now.getTime() - lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * 60_000) return 'idle';
  return null;
}

/** The organization types a role can be held on (contract.ts, where the web reads it too). */
export { ROLE_ORG_TYPES } from './contract';
/** The password policy, for importers that predate password-policy.ts (the setup command). */
export { checkPasswordPolicy } from './password-policy';

/** A LIKE pattern matching values that contain `text` literally (its `%`, `_` and `\\` are no wildcards). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
