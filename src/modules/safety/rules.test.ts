import { describe, expect, it } from 'vitest';
import {
  addMonths,
  branchRates,
  coverage,
  DEFAULT_SAFETY_SETTINGS,
  isLateRecord,
  meetsWeakRule,
  nextFollowupDue,
  obligationStatus,
  periodOf,
  ratePer100,
  resolveSafetySettings,
  talkDueOn,
} from './rules';

describe('ratePer100', () => {
  it.each([
    [0, 0, null],
    [3, 0, null],
    [0, 10, 0],
    [1, 3, 33.3],
    [2, 40, 5],
    [7, 1581, 0.4],
  ])('%i violations among %i people → %s', (count, pop, expected) => {
    expect(ratePer100(count, pop)).toBe(expected);
  });
});

describe('branchRates', () => {
  it.each([
    // employees, members, violations, memberViolations, months, threshold → rate, memberRate, nonMemberRate, flagged
    [{ employees: 0, members: 0, violations: 0, memberViolations: 0 }, 12, 5, null, null, null, false],
    [{ employees: 10, members: 0, violations: 2, memberViolations: 0 }, 12, 5, 20, null, 20, false],
    [{ employees: 10, members: 10, violations: 1, memberViolations: 1 }, 12, 5, 10, 10, null, true],
    [{ employees: 40, members: 20, violations: 3, memberViolations: 1 }, 12, 5, 7.5, 5, 10, false],
    [{ employees: 40, members: 20, violations: 3, memberViolations: 2 }, 12, 5, 7.5, 10, 5, true],
    // one member's violation in a month among 25 members: 4 a month, 48 a year → flagged
    [{ employees: 50, members: 25, violations: 1, memberViolations: 1 }, 1, 5, 2, 4, 0, true],
    [{ employees: 50, members: 25, violations: 4, memberViolations: 0 }, 1, 5, 8, 0, 16, false],
  ])(
    '%o over %i months, threshold %i',
    (counts, months, threshold, rate, memberRate, nonMemberRate, flagged) => {
      const r = branchRates(counts, months, threshold);
      expect([r.rate, r.memberRate, r.nonMemberRate, r.flagged]).toEqual([
        rate,
        memberRate,
        nonMemberRate,
        flagged,
      ]);
    },
  );

  it("needs the minimum number of members' violations", () => {
    const one = { employees: 50, members: 25, violations: 1, memberViolations: 1 };
    expect(branchRates(one, 12, 3, 2).flagged).toBe(false);
    expect(branchRates({ ...one, violations: 2, memberViolations: 2 }, 12, 3, 2).flagged).toBe(true);
  });

  it('flags only strictly above the threshold', () => {
    const at = branchRates({ employees: 40, members: 20, violations: 1, memberViolations: 1 }, 12, 5);
    expect(at.memberRateYearly).toBe(5);
    expect(at.flagged).toBe(false);
  });
});

describe('talkDueOn: violation date + N days across month and year ends', () => {
  it.each([
    ['2026-03-10', 3, '2026-03-13'],
    ['2026-01-30', 3, '2026-02-02'],
    ['2026-02-27', 3, '2026-03-02'],
    ['2024-02-27', 3, '2024-03-01'],
    ['2026-04-29', 3, '2026-05-02'],
    ['2025-12-30', 3, '2026-01-02'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('%s + %i → %s', (from, n, due) => {
    expect(talkDueOn(from, n)).toBe(due);
  });
});

describe('obligationStatus', () => {
  it.each([
    ['2026-03-13', null, '2026-03-12', 'open'],
    ['2026-03-13', null, '2026-03-13', 'open'],
    ['2026-03-13', null, '2026-03-14', 'overdue'],
    ['2026-03-13', '2026-03-20', '2026-03-25', 'done'],
  ])('due %s, done %s, today %s → %s', (due, done, today, status) => {
    expect(obligationStatus(due, done, today)).toBe(status);
  });
});

describe('meetsWeakRule: 2 violations within 90 days', () => {
  const rule = { count: 2, days: 90 };
  it.each([
    [['2026-06-30', '2026-04-02'], '2026-06-30', true], // 89 days back: inside
    [['2026-06-30', '2026-04-01'], '2026-06-30', false], // 90 days back: outside
    [['2026-06-30'], '2026-06-30', false],
    [['2026-07-01', '2026-06-30'], '2026-06-30', false], // a later violation does not count yet
    [['2026-03-01', '2026-03-01'], '2026-05-29', true], // two on one day, 89 days before
    [[], '2026-06-30', false],
  ])('%o as of %s → %s', (dates, asOf, expected) => {
    expect(meetsWeakRule(dates, rule, asOf)).toBe(expected);
  });
  it('follows the tenant rule', () => {
    expect(
      meetsWeakRule(['2026-06-30', '2026-06-01', '2026-05-01'], { count: 3, days: 61 }, '2026-06-30'),
    ).toBe(true);
    expect(
      meetsWeakRule(['2026-06-30', '2026-06-01', '2026-05-01'], { count: 3, days: 60 }, '2026-06-30'),
    ).toBe(false);
  });
});

describe('calendar months', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months → %s', (d, n, e) => expect(addMonths(d, n)).toBe(e));
  it.each([
    [2026, undefined, '2026-01-01', '2026-12-31'],
    [2026, 2, '2026-02-01', '2026-02-28'],
    [2024, 2, '2024-02-01', '2024-02-29'],
    [2026, 12, '2026-12-01', '2026-12-31'],
  ])('period %i/%s', (y, m, from, to) => expect(periodOf(y, m)).toMatchObject({ from, to }));
  it.each([
    ['2026-01-31', null, '2026-02-28'],
    ['2026-01-10', '2026-02-20', '2026-03-20'],
    ['2026-01-10', '2026-01-05', '2026-02-10'],
  ])('follow-up after start %s, last %s → %s', (start, last, e) =>
    expect(nextFollowupDue(start, last, 1)).toBe(e),
  );
});

describe('settings', () => {
  it('falls back to the defaults', () => {
    expect(resolveSafetySettings({})).toEqual(DEFAULT_SAFETY_SETTINGS);
    expect(resolveSafetySettings(null)).toEqual(DEFAULT_SAFETY_SETTINGS);
  });
  it('takes valid values and ignores malformed ones', () => {
    const s = resolveSafetySettings({
      safety: {
        talkDueDays: 5,
        memberRateThreshold: 'x',
        weakRule: { count: 3 },
        categories: [{ code: 'x' }],
      },
    });
    expect(s.talkDueDays).toBe(5);
    expect(s.memberRateThreshold).toBe(5);
    expect(s.weakRule).toEqual({ count: 3, days: 90 });
    expect(s.categories).toEqual(DEFAULT_SAFETY_SETTINGS.categories);
  });
});

describe('late records and coverage', () => {
  it.each([
    ['2026-03-01', '2026-03-08', 7, false],
    ['2026-03-01', '2026-03-09', 7, true],
  ])('held %s, recorded %s, allowed %i days → late %s', (h, r, n, e) =>
    expect(isLateRecord(h, r, n)).toBe(e),
  );
  it.each([
    [0, 0, null],
    [5, 10, 50],
    [12, 10, 100],
    [1, 3, 33.3],
  ])('%i talked of %i members → %s%%', (t, m, e) => expect(coverage(t, m)).toBe(e));
});
