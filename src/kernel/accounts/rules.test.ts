import { describe, expect, it } from 'vitest';
import { commonPasswordCount } from './common-passwords';
import { checkPasswordPolicy } from './password-policy';
import {
  ACCOUNT_LOCK_AFTER_FAILURES,
  isLocked,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  mfaRequired,
  passwordExpired,
  reserveAttempt,
  resetNeedsApproval,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  sessionExpired,
  type Throttle,
} from './rules';

const TOO_SHORT = '密码至少 8 位';
const TOO_LONG = '密码不能超过 128 位';
const CLASSES = '密码须包含大写字母、小写字母、数字、符号中的至少三类';
const COMMON = '密码过于常见，请换一个';
const HAS_USERNAME = '密码不能包含用户名';

describe('constants of 等级保护 practice', () => {
  it('are 5 failures, 15 minutes, 30 minutes idle, 12 hours absolute', () => {
    expect([LOCK_AFTER_FAILURES, LOCK_MINUTES, SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS]).toEqual([
      5, 15, 30, 12,
    ]);
    expect(ACCOUNT_LOCK_AFTER_FAILURES).toBe(20);
  });

  it('check against a real list of thousands of common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
  });
});

describe('checkPasswordPolicy', () => {
  // [case, password, username, message or null when accepted]
  const cases: [string, string, string | undefined, string | null][] = [
    ['empty', '', undefined, TOO_SHORT],
    ['7 chars, 4 classes', 'Ab1!xyz', undefined, TOO_SHORT],
    ['exactly 8 chars, 3 classes', 'Gxcdeq12', undefined, null],
    ['a common word with digits stuck on', 'Abcdef12', undefined, COMMON],
    ['exactly 8 chars, 4 classes', 'Ab1!wxyz', undefined, null],
    ['128 chars', `Aa1${'x'.repeat(125)}`, undefined, null],
    ['129 chars', `Aa1${'x'.repeat(126)}`, undefined, TOO_LONG],
    ['only lowercase', 'abcdefghij', undefined, CLASSES],
    ['only digits', '1234567890123', undefined, CLASSES],
    ['2 classes: lower + digits', 'abcdef123', undefined, CLASSES],
    ['2 classes: upper + lower', 'Abcdefghij', undefined, CLASSES],
    ['2 classes: digits + symbols', '1234!@#$', undefined, CLASSES],
    ['3 classes: lower + digits + symbol', 'abcd12#$', undefined, null],
    ['3 classes: upper + digits + symbol', 'ABCD12#$', undefined, null],
    ['3 classes: upper + lower + symbol', 'Abcd-efg', undefined, null],
    ['space counts as a symbol', 'abc 1234', undefined, null],
    ['Chinese characters count as symbols', '密码abc123', undefined, null],
    ['common password, mixed case', 'P@ssw0rd', undefined, COMMON],
    ['common password, upper case', 'P@SSW0RD', undefined, COMMON],
    ['common password Admin@123', 'Admin@123', undefined, COMMON],
    ['common password with 3 classes, odd case', 'QwE123!@#', undefined, COMMON],
    ['a common word with digits and symbols stuck on', 'P@ssw0rd!9', undefined, COMMON],
    ['Password1! is common', 'Password1!', undefined, COMMON],
    ['from the zxcvbn list', 'Qwerty123!', undefined, COMMON],
    ['an uncommon one', 'Gx7#plmq-Tr', undefined, null],
    ['contains username', 'xZhangsan#1', 'zhangsan', HAS_USERNAME],
    ['contains username, case-insensitive', 'xzhangsan#1', 'ZhangSan', HAS_USERNAME],
    ['equals username', 'Wang_li88', 'wang_li88', HAS_USERNAME],
    ['does not contain username', 'Gx7#plmq', 'zhangsan', null],
    ['empty username is ignored', 'Gx7#plmq', '', null],
    ['common check runs before username check', 'Admin@123', 'admin', COMMON],
    ['length check runs before class check', 'abc', undefined, TOO_SHORT],
  ];

  it.each(cases)('%s', (_name, password, username, message) => {
    expect(checkPasswordPolicy(password, username)).toEqual(
      message === null ? { ok: true } : { ok: false, message },
    );
  });
});

describe('reserveAttempt: the count is taken before the check', () => {
  const now = new Date('2024-05-01T08:00:00.000Z');
  const t = (failures: number, lockedUntil: string | null = null, updatedAt = now): Throttle => ({
    failures,
    lockedUntil: lockedUntil ? new Date(lockedUntil) : null,
    updatedAt,
  });
  const lockEnd = new Date('2024-05-01T08:15:00.000Z');

  it('counts every attempt and locks at the limit, that attempt still checked', () => {
    const first = reserveAttempt([undefined, undefined], [20, 5], now);
    expect(first).toEqual({ allowed: true, counters: [t(1), t(1)] });
    const fifth = reserveAttempt([t(4), t(4)], [20, 5], now);
    expect(fifth).toEqual({ allowed: true, counters: [t(5), { ...t(5), lockedUntil: lockEnd }] });
  });

  it('refuses while any counter is locked, without counting', () => {
    const r = reserveAttempt([t(7), t(5, '2024-05-01T08:10:00.000Z')], [20, 5], now);
    expect(r.allowed).toBe(false);
    if (!r.allowed) expect(r.lockedUntil).toEqual(new Date('2024-05-01T08:10:00.000Z'));
  });

  it('starts again after the lock, or after a quiet lock period', () => {
    const ended = reserveAttempt([t(5, '2024-05-01T07:59:00.000Z')], [5], now);
    expect(ended).toEqual({ allowed: true, counters: [t(1)] });
    const quiet = reserveAttempt([t(4, null, new Date('2024-05-01T07:45:00.000Z'))], [5], now);
    expect(quiet).toEqual({ allowed: true, counters: [t(1)] });
    const recent = reserveAttempt([t(4, null, new Date('2024-05-01T07:45:00.001Z'))], [5], now);
    expect(recent).toEqual({ allowed: true, counters: [{ ...t(5), lockedUntil: lockEnd }] });
  });

  // [case, lockedUntil, locked]
  const locks: [string, string | null, boolean][] = [
    ['never locked', null, false],
    ['locked until 15 minutes from now', '2024-05-01T08:15:00.000Z', true],
    ['locked until 1 ms from now', '2024-05-01T08:00:00.001Z', true],
    ['locked until exactly now', '2024-05-01T08:00:00.000Z', false],
    ['lock ended 1 ms ago', '2024-05-01T07:59:59.999Z', false],
    ['lock ended yesterday', '2024-04-30T08:00:00.000Z', false],
  ];

  it.each(locks)('isLocked: %s', (_name, lockedUntil, locked) => {
    expect(isLocked(lockedUntil === null ? null : new Date(lockedUntil), now)).toBe(locked);
  });
});

describe('password rules of a committee', () => {
  it('apply a longer minimum and four classes', () => {
    expect(checkPasswordPolicy('Gx7#plmq', undefined, { minLength: 10, minClasses: 3 })).toEqual({
      ok: false,
      message: '密码至少 10 位',
    });
    expect(checkPasswordPolicy('Gx7plmqTrk', undefined, { minLength: 8, minClasses: 4 })).toEqual({
      ok: false,
      message: '密码须同时包含大写字母、小写字母、数字和符号',
    });
  });

  it('expire a password after the days set, never when 0', () => {
    const changed = new Date('2024-01-01T00:00:00Z');
    expect(passwordExpired(changed, 0, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(passwordExpired(changed, 90, new Date('2024-03-30T23:59:59Z'))).toBe(false);
    expect(passwordExpired(changed, 90, new Date('2024-03-31T00:00:00Z'))).toBe(true);
  });
});

describe('三员分立 of resets and the second factor', () => {
  // [case, adminRole, roles, resetMfa, needs approval]
  const cases: [string, string | null, string[], boolean, boolean][] = [
    ['a plain member', null, ['member'], false, false],
    ['an account with no role', null, [], false, false],
    ['a branch secretary', null, ['branch_secretary', 'member'], false, true],
    ['a general-branch admin', null, ['general_branch_admin'], false, true],
    ['the committee admin', null, ['committee_admin'], false, true],
    ['the security admin', 'security_admin', [], false, true],
    ['the system admin (one’s own)', 'system_admin', [], false, true],
    ['the audit admin', 'audit_admin', [], false, true],
    ['a member whose second factor goes too', null, ['member'], true, true],
  ];
  it.each(cases)('resetNeedsApproval: %s', (_n, adminRole, roles, resetMfa, needs) => {
    expect(resetNeedsApproval({ adminRole, roles }, resetMfa)).toBe(needs);
  });

  it('mfaRequired follows the roles the settings name', () => {
    const required = ['system_admin', 'security_admin', 'audit_admin', 'committee_admin'];
    expect(mfaRequired({ adminRole: 'audit_admin', roles: [] }, required)).toBe(true);
    expect(mfaRequired({ adminRole: null, roles: ['committee_admin'] }, required)).toBe(true);
    expect(mfaRequired({ adminRole: null, roles: ['branch_secretary', 'member'] }, required)).toBe(false);
    expect(
      mfaRequired({ adminRole: null, roles: ['branch_secretary'] }, [...required, 'branch_secretary']),
    ).toBe(true);
  });
});

describe('sessionExpired', () => {
  const created = '2024-05-01T00:00:00.000Z';
  // [case, createdAt, lastSeenAt, now, result]
  const cases: [string, string, string, string, 'idle' | 'absolute' | null][] = [
    ['fresh', created, created, '2024-05-01T00:00:01.000Z', null],
    ['idle 29m59s', created, '2024-05-01T01:00:00.000Z', '2024-05-01T01:29:59.000Z', null],
    ['idle 29m59.999s', created, '2024-05-01T01:00:00.000Z', '2024-05-01T01:29:59.999Z', null],
    ['idle exactly 30m', created, '2024-05-01T01:00:00.000Z', '2024-05-01T01:30:00.000Z', 'idle'],
    ['idle 31m', created, '2024-05-01T01:00:00.000Z', '2024-05-01T01:31:00.000Z', 'idle'],
    ['active, 11h59m59s old', created, '2024-05-01T11:50:00.000Z', '2024-05-01T11:59:59.000Z', null],
    ['active, exactly 12h old', created, '2024-05-01T11:50:00.000Z', '2024-05-01T12:00:00.000Z', 'absolute'],
    ['active, 13h old', created, '2024-05-01T12:59:00.000Z', '2024-05-01T13:00:00.000Z', 'absolute'],
    ['both idle and too old: absolute wins', created, created, '2024-05-01T12:00:00.000Z', 'absolute'],
  ];

  it.each(cases)('%s', (_name, createdAt, lastSeenAt, now, result) => {
    expect(sessionExpired(new Date(createdAt), new Date(lastSeenAt), new Date(now))).toBe(result);
  });
});
