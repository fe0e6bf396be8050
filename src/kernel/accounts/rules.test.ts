import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  checkPasswordPolicy,
  isLocked,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  sessionExpired,
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
  });
});

describe('checkPasswordPolicy', () => {
  // [case, password, username, message or null when accepted]
  const cases: [string, string, string | undefined, string | null][] = [
    ['empty', '', undefined, TOO_SHORT],
    ['7 chars, 4 classes', 'Ab1!xyz', undefined, TOO_SHORT],
    ['exactly 8 chars, 3 classes', 'Abcdef12', undefined, null],
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
    ['near-common password is fine', 'P@ssw0rd!9', undefined, null],
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

describe('lockout', () => {
  const now = new Date('2024-05-01T08:00:00.000Z');

  // [case, failures so far, expected counter, expected lock end]
  const failures: [string, number, number, string | null][] = [
    ['1st failure', 0, 1, null],
    ['3rd failure', 2, 3, null],
    ['4th failure is not locked', 3, 4, null],
    ['5th failure locks for 15 minutes and resets the counter', 4, 0, '2024-05-01T08:15:00.000Z'],
    ['a stale counter above the limit still locks', 7, 0, '2024-05-01T08:15:00.000Z'],
  ];

  it.each(failures)('afterFailure: %s', (_name, before, counter, lockedUntil) => {
    expect(afterFailure(before, now)).toEqual({
      failedAttempts: counter,
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil),
    });
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
