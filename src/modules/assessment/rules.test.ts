import { describe, expect, it } from 'vitest';
import {
  branchApplicability,
  concern,
  DEFAULT_STAR_LEVELS,
  isWholeUnit,
  itemPoints,
  itemProblem,
  periodLabel,
  periodProblem,
  ranks,
  referenceDay,
  starsOf,
  totalOf,
  unitOf,
  yearShare,
} from './rules';

const Q3 = { from: '2026-07-01', to: '2026-09-30' };

describe('periods', () => {
  it.each([
    ['month', '2026-08-17', '2026-08-01', '2026-08-31'],
    ['quarter', '2026-08-17', '2026-07-01', '2026-09-30'],
    ['quarter', '2026-02-28', '2026-01-01', '2026-03-31'],
    ['year', '2026-08-17', '2026-01-01', '2026-12-31'],
    ['month', '2028-02-10', '2028-02-01', '2028-02-29'],
  ] as const)('the %s of %s is %s – %s', (kind, day, from, to) => {
    expect(unitOf(kind, day)).toEqual({ from, to });
  });

  it.each([
    [Q3, '2026年第3季度'],
    [{ from: '2026-08-01', to: '2026-08-31' }, '2026年8月'],
    [{ from: '2026-01-01', to: '2026-12-31' }, '2026年度'],
    [{ from: '2026-07-15', to: '2026-09-30' }, '2026-07-15 至 2026-09-30'],
  ])('%o is called %s', (p, label) => expect(periodLabel(p)).toBe(label));

  it.each([
    [Q3, null, null],
    [Q3, 'quarter', null],
    [{ from: '2026-07-01', to: '2026-08-31' }, 'quarter', 'periodStart'],
    [{ from: '2026-09-30', to: '2026-07-01' }, null, 'periodEnd'],
    [{ from: '2025-01-01', to: '2026-06-30' }, null, 'periodEnd'],
    [{ from: '2026-12-01', to: '2026-12-31' }, 'month', 'periodStart'],
  ] as const)('period %o for %s: problem on %s', (p, kind, field) => {
    const problem = periodProblem(p, kind, '2026-11-18');
    expect(problem ? Object.keys(problem)[0] : null).toBe(field);
  });

  it('reads figures at the end of the period, or today while it runs', () => {
    expect(referenceDay(Q3, '2026-11-18')).toBe('2026-09-30');
    expect(referenceDay({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-18')).toBe('2026-11-18');
    expect(isWholeUnit('quarter', Q3)).toBe(true);
  });

  it.each([
    ['2026-12-31', 1],
    ['2026-06-30', 181 / 365],
    ['2026-09-30', 273 / 365],
    ['2028-12-31', 1],
  ])('by %s the share of the year is %f', (d, share) => expect(yearShare(d)).toBeCloseTo(share, 6));
});

describe('who is assessed: empty branches and branches founded or dissolved mid-period', () => {
  it.each([
    ['a whole quarter with members', '2020-01-01', null, 22, true, null],
    ['an empty branch', '2020-01-01', null, 0, false, '空支部'],
    ['founded 2026-08-01 (61 of 92 days)', '2026-08-01', null, 5, true, '2026-08-01 成立'],
    ['founded 2026-08-17 (45 of 92 days)', '2026-08-17', null, 5, false, '存续不足一半'],
    ['founded 2026-08-16 (46 of 92 days: half)', '2026-08-16', null, 5, true, '2026-08-16 成立'],
    ['dissolved 2026-09-01 (62 days)', '2020-01-01', '2026-09-01', 5, true, '2026-09-01 撤销'],
    ['dissolved 2026-08-01 (31 days)', '2020-01-01', '2026-08-01', 5, false, '存续不足一半'],
  ])('%s', (_, establishedOn, dissolvedOn, members, applicable, note) => {
    const a = branchApplicability({ establishedOn, dissolvedOn, members }, Q3);
    expect(a.applicable).toBe(applicable);
    if (note) expect(a.note).toContain(note);
    else expect(a.note).toBeNull();
  });
});

describe('points of an item', () => {
  const score = { kind: 'score' as const, maxPoints: 30, source: 'meeting_compliance' as const };
  it.each([
    [1, undefined, 30],
    [0.75, undefined, 22.5],
    [0, undefined, 0],
    [0.9, 0.9, 30],
    [0.45, 0.9, 15],
    [1.3, undefined, 30],
  ])('ratio %f (full at %s) → %f', (ratio, fullAt, points) => {
    expect(itemPoints({ ...score, rule: fullAt ? { fullAt } : null }, { measure: 'ratio', ratio })).toBe(
      points,
    );
  });

  const deduction = { kind: 'deduction' as const, maxPoints: 10, source: 'overdue_tasks' as const };
  it.each([
    [0, undefined, 0],
    [1, undefined, -1],
    [3, 2, -6],
    [7, 2, -10],
  ])('%i overdue at %s a piece → %f', (amount, perUnit, points) => {
    expect(
      itemPoints({ ...deduction, rule: perUnit ? { perUnit } : null }, { measure: 'count', amount }),
    ).toBe(points);
  });

  it('member violations per 100 members: 2 of 22 members at 0.5 per unit', () => {
    const v = itemPoints(
      { kind: 'deduction', maxPoints: 10, source: 'member_violations', rule: { perUnit: 0.5 } },
      { measure: 'count', amount: (2 * 100) / 22 },
    );
    expect(v).toBe(-4.5);
  });

  it('a manual score stays within 0…max', () => {
    const manual = { kind: 'score' as const, maxPoints: 35, source: 'manual' as const };
    expect(itemPoints(manual, { measure: 'manual', points: 30 })).toBe(30);
    expect(itemPoints(manual, { measure: 'manual', points: 50 })).toBe(35);
    expect(itemPoints({ ...manual, kind: 'bonus' }, { measure: 'manual', points: 3 })).toBe(3);
  });

  it.each([
    ['meeting_compliance', 'score', 'branch', null],
    ['meeting_compliance', 'deduction', 'branch', '只能作为得分项'],
    ['overdue_tasks', 'score', 'branch', '应作为扣分项'],
    ['talk_coverage', 'score', 'member', '只能用于'],
    ['member_violations', 'deduction', 'member', null],
    ['manual', 'bonus', 'member', null],
  ] as const)('%s as %s for a %s: %s', (source, kind, target, problem) => {
    const p = itemProblem({ source, kind }, target);
    if (problem) expect(p).toContain(problem);
    else expect(p).toBeNull();
  });
});

describe('totals', () => {
  it('adds score items, bonuses up to their cap, takes deductions up to theirs, never below zero', () => {
    const t = totalOf(
      [
        { kind: 'score', maxPoints: 60, points: 50 },
        { kind: 'score', maxPoints: 40, points: 30 },
        { kind: 'bonus', maxPoints: 5, points: 5 },
        { kind: 'bonus', maxPoints: 5, points: 4 },
        { kind: 'deduction', maxPoints: 10, points: -6 },
      ],
      { bonusCap: 5, deductionCap: null },
    );
    expect(t).toEqual({ total: 79, maxTotal: 100, percent: 79, bonus: 5, deduction: 6 });
    expect(
      totalOf([
        { kind: 'score', maxPoints: 10, points: 2 },
        { kind: 'deduction', maxPoints: 10, points: -8 },
      ]).total,
    ).toBe(0);
    expect(
      totalOf(
        [
          { kind: 'score', maxPoints: 10, points: 10 },
          { kind: 'deduction', maxPoints: 30, points: -20 },
        ],
        {
          deductionCap: 5,
        },
      ).total,
    ).toBe(5);
  });

  it('leaves items not counted (source not enabled, not applicable, not scored) out of total and maximum', () => {
    const t = totalOf([
      { kind: 'score', maxPoints: 30, points: 24 },
      { kind: 'score', maxPoints: 5, points: null },
      { kind: 'score', maxPoints: 35, points: null },
    ]);
    expect(t).toMatchObject({ total: 24, maxTotal: 30, percent: 80 });
    expect(totalOf([{ kind: 'score', maxPoints: 5, points: null }]).percent).toBeNull();
  });
});

describe('ranking and stars (off unless the tenant turns them on)', () => {
  it('ranks with ties and leaves out what has no per cent', () => {
    const r = ranks([
      { key: 'a', percent: 80 },
      { key: 'b', percent: 95 },
      { key: 'c', percent: 80 },
      { key: 'd', percent: null },
      { key: 'e', percent: 60 },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, c: 2, e: 4 });
  });
  it.each([
    [96, 5],
    [85, 4],
    [74.9, 2],
    [10, 1],
    [null, null],
  ])('%s %% → %s stars', (p, s) => expect(starsOf(p, DEFAULT_STAR_LEVELS)).toBe(s));
});

describe('the overview’s follow-up order', () => {
  it('weighs overdue work, missing organization life, the safety flag and a weak assessment, with reasons', () => {
    const c = concern({
      overdueTasks: 1,
      overdueRectifications: 1,
      openRectifications: 2,
      orgLife: 'red',
      safetyFlagged: true,
      overdueTalks: 1,
      assessmentPercent: 70,
    });
    expect(c.weight).toBe(3 + 3 + 2 + 4 + 3 + 2 + 2);
    expect(c.reasons).toEqual([
      '督办逾期 1 项',
      '整改逾期 1 项',
      '整改未完成 2 项',
      '组织生活缺项较多',
      '党员违章率超过预警线',
      '两违谈话逾期 1 起',
      '最近一次考核低于80%',
    ]);
    const calm = concern({
      overdueTasks: 0,
      overdueRectifications: 0,
      openRectifications: 0,
      orgLife: 'green',
      safetyFlagged: false,
      overdueTalks: 0,
      assessmentPercent: 92,
    });
    expect(calm).toEqual({ weight: 0, reasons: [] });
  });
});
