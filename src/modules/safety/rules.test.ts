import { describe, expect, it } from 'vitest';
import {
  addMonths,
  analysisCovers,
  branchRates,
  DEFAULT_SAFETY_SETTINGS,
  elapsedMonths,
  meetsWeakRule,
  nextFollowupDue,
  obligationStatus,
  periodOf,
  ratePer100,
  talkDueOn,
} from './rules';
import { resolveSafetySettings } from './settings';

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
  // Recorded on the day it happened: the rule before late records were considered, unchanged.
  it.each([
    ['2026-03-10', 3, '2026-03-13'],
    ['2026-01-30', 3, '2026-02-02'],
    ['2026-02-27', 3, '2026-03-02'],
    ['2024-02-27', 3, '2024-03-01'],
    ['2026-04-29', 3, '2026-05-02'],
    ['2025-12-30', 3, '2026-01-02'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('%s + %i → %s', (from, n, due) => {
    expect(talkDueOn(from, from, n)).toBe(due);
  });
});

describe('talkDueOn: counted from the later of the violation date and the recording date', () => {
  it.each([
    // occurred, recorded, N → due
    ['2026-03-01', '2026-03-10', 3, '2026-03-13'], // found on video nine days later
    ['2026-01-25', '2026-01-30', 3, '2026-02-02'], // recorded late, due in the next month
    ['2026-02-20', '2026-02-27', 3, '2026-03-02'], // February of a common year
    ['2024-02-20', '2024-02-27', 3, '2024-03-01'], // leap year: Feb 29 counts
    ['2024-02-28', '2024-02-28', 1, '2024-02-29'],
    ['2025-12-20', '2025-12-30', 3, '2026-01-02'], // across the year end
    ['2026-04-30', '2026-04-30', 1, '2026-05-01'],
    ['2026-05-05', '2026-05-12', 0, '2026-05-12'],
    // A record can't be older than the event; if the dates say so, the event date wins.
    ['2026-03-10', '2026-03-08', 3, '2026-03-13'],
  ])('occurred %s, recorded %s, %i days → %s', (occurred, recorded, n, due) => {
    expect(talkDueOn(occurred, recorded, n)).toBe(due);
  });
  it('a violation recorded ten days late is not overdue on the day it is recorded', () => {
    const due = talkDueOn('2026-03-01', '2026-03-11', 3);
    expect(obligationStatus(due, null, '2026-03-11')).toBe('open');
    expect(obligationStatus(due, null, '2026-03-15')).toBe('overdue');
  });
});

describe('elapsedMonths: the part of the period gone by', () => {
  const y2026 = periodOf(2026);
  const y2024 = periodOf(2024);
  it.each([
    [y2026, '2026-01-01', 1 / 31], // Jan 1: one day of January
    [y2026, '2026-01-31', 1],
    [y2026, '2026-02-01', 1 + 1 / 28],
    [y2026, '2026-02-28', 2],
    [y2024, '2024-02-28', 1 + 28 / 29], // leap year: February has 29 days
    [y2024, '2024-02-29', 2],
    [y2026, '2026-04-30', 4],
    [y2026, '2026-07-01', 6 + 1 / 31],
    [y2026, '2026-12-30', 11 + 30 / 31],
    [y2026, '2026-12-31', 12], // Dec 31: the whole year
    [y2026, '2027-03-01', 12], // a past year
    [y2026, '2025-12-31', 0], // a future year
    [periodOf(2024, 2), '2024-02-15', 15 / 29],
    [periodOf(2026, 2), '2026-02-28', 1],
    [periodOf(2026, 3), '2026-04-02', 1],
  ])('%o as of %s → %d', (period, asOf, expected) => {
    expect(elapsedMonths(period, asOf)).toBeCloseTo(expected, 10);
  });

  it.each([
    // members, members' violations, as of → yearly rate, flagged (threshold 5, at least 2)
    [40, 2, '2026-06-30', 10, true], // half a year: 2 in 6 months is 4 a year among 40 → 10; ÷12 gave 5
    [40, 2, '2026-12-31', 5, false], // the same two over the whole year: not above 5
    [100, 2, '2026-01-01', 744, true], // Jan 1: two on the first day is a steep rate
    [100, 1, '2026-01-01', 372, false], // …but one slip is never a trend
    [20, 1, '2024-02-29', 30, false],
    [20, 2, '2024-02-29', 60, true],
  ])('%i members, %i violations by %s → %d a year, flagged %s', (members, mv, asOf, yearly, flagged) => {
    const months = elapsedMonths(periodOf(Number(asOf.slice(0, 4))), asOf);
    const r = branchRates(
      { employees: members, members, violations: mv, memberViolations: mv },
      months,
      5,
      2,
    );
    expect(r.memberRateYearly).toBe(yearly);
    expect(r.flagged).toBe(flagged);
  });

  it('nothing elapsed gives no yearly rate and no flag', () => {
    const r = branchRates({ employees: 10, members: 10, violations: 0, memberViolations: 0 }, 0, 5);
    expect(r).toMatchObject({ memberRateYearly: null, flagged: false });
  });
});

describe('analysisCovers', () => {
  const year = periodOf(2026);
  it.each([
    ['2026-01-01', '2026-03-31', true],
    ['2025-10-01', '2026-01-15', true],
    ['2026-12-31', '2026-12-31', true],
    ['2025-01-01', '2025-12-31', false],
    ['2027-01-01', '2027-03-31', false],
  ])('%s … %s answers 2026 → %s', (periodFrom, periodTo, expected) => {
    expect(analysisCovers({ periodFrom, periodTo }, year)).toBe(expected);
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
