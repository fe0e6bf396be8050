import { describe, expect, it } from 'vitest';
import {
  certificateNo,
  classCode,
  creditBeat,
  drawQuestions,
  gradeAttempt,
  inLastStretch,
  ledgerVerdict,
  monthsLeft,
  overlaps,
  pointsToHours,
  questionProblems,
  secondsToFinish,
  yearFraction,
} from './rules';

describe('the ledger verdict against the 32-hour target', () => {
  it.each([
    // hours, exempt, year, today, status, needed
    [40, false, 2026, '2026-11-18', 'done', 0],
    [32, false, 2026, '2026-11-18', 'done', 0],
    [30, false, 2026, '2026-11-18', 'on_track', 2],
    [20, false, 2026, '2026-11-18', 'behind', 12],
    [20, false, 2026, '2026-06-30', 'on_track', 12],
    [10, false, 2026, '2026-06-30', 'behind', 22],
    [0, true, 2026, '2026-11-18', 'exempt', 32],
    [31.5, false, 2025, '2026-11-18', 'behind', 0.5],
    [0, false, 2027, '2026-11-18', 'on_track', 32],
  ] as const)('%s h, exempt %s, %s on %s → %s, %s to go', (hours, exempt, year, today, status, needed) => {
    const v = ledgerVerdict({ hours, exempt }, 32, year, today);
    expect(v.status).toBe(status);
    expect(v.needed).toBe(needed);
  });

  it('counts the part of the year gone and the months left, the current month included', () => {
    expect(yearFraction(2026, '2026-12-31')).toBe(1);
    expect(yearFraction(2025, '2026-01-01')).toBe(1);
    expect(yearFraction(2027, '2026-01-01')).toBe(0);
    expect(yearFraction(2026, '2026-07-02')).toBeCloseTo(0.5, 2);
    expect(monthsLeft(2026, '2026-11-18')).toBe(2);
    expect(monthsLeft(2026, '2026-01-05')).toBe(12);
    expect(monthsLeft(2025, '2026-11-18')).toBe(0);
    expect(inLastStretch('2026-10-01', 10)).toBe(true);
    expect(inLastStretch('2026-09-30', 10)).toBe(false);
  });
});

describe('grading', () => {
  const qs = [
    { id: 'a', kind: 'single' as const, answer: [1] },
    { id: 'b', kind: 'multiple' as const, answer: [0, 2] },
    { id: 'c', kind: 'judge' as const, answer: [0] },
    { id: 'd', kind: 'single' as const, answer: [3] },
  ];
  it.each([
    [
      'all right',
      [
        ['a', [1]],
        ['b', [2, 0]],
        ['c', [0]],
        ['d', [3]],
      ],
      100,
      true,
    ],
    [
      'a multiple choice half right is wrong',
      [
        ['a', [1]],
        ['b', [0]],
        ['c', [0]],
        ['d', [3]],
      ],
      75,
      true,
    ],
    [
      'an extra choice is wrong',
      [
        ['a', [1]],
        ['b', [0, 1, 2]],
        ['c', [0]],
        ['d', [3]],
      ],
      75,
      true,
    ],
    ['unanswered questions are wrong', [['a', [1]]], 25, false],
    ['nothing answered', [], 0, false],
    [
      'a repeated choice counts once',
      [
        ['a', [1, 1]],
        ['b', [0, 2]],
        ['c', [1]],
        ['d', [0]],
      ],
      50,
      false,
    ],
  ] as const)('%s → %s', (_, given, score, passed) => {
    const r = gradeAttempt(
      qs,
      given.map(([questionId, choices]) => ({ questionId, choices: [...choices] })),
      60,
    );
    expect(r.score).toBe(score);
    expect(r.passed).toBe(passed);
    expect(r.results).toHaveLength(4);
  });

  it('rounds a score out of 100', () => {
    const three = qs.slice(0, 3);
    expect(gradeAttempt(three, [{ questionId: 'a', choices: [1] }], 60).score).toBe(33);
  });
});

describe('question checks', () => {
  it.each([
    [{ kind: 'single', options: ['甲', '乙'], answer: [0] }, {}],
    [{ kind: 'single', options: ['甲', '乙'], answer: [0, 1] }, { answer: '单选题只有一个答案' }],
    [{ kind: 'multiple', options: ['甲', '乙', '丙'], answer: [1] }, { answer: '多选题至少有两个正确选项' }],
    [
      { kind: 'judge', options: ['正确', '错误', '不确定'], answer: [0] },
      { options: '判断题应有 2 个选项（正确、错误）' },
    ],
    [{ kind: 'single', options: ['甲', '甲'], answer: [0] }, { options: '选项不能重复' }],
    [{ kind: 'single', options: ['甲', '乙'], answer: [2] }, { answer: '答案应为选项的序号（0–1）' }],
  ] as const)('%j → %j', (q, errors) => {
    expect(questionProblems({ ...q, options: [...q.options], answer: [...q.answer] })).toEqual(errors);
  });

  it('draws distinct questions, never more than the pool', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'];
    const drawn = drawQuestions(pool, 3, () => 0.5);
    expect(new Set(drawn).size).toBe(3);
    expect(drawQuestions(pool, 9)).toHaveLength(5);
  });
});

describe('reading time', () => {
  const t0 = new Date('2026-11-18T02:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  it.each([
    ['a regular beat', 0, 15, 15, 600, 15],
    ['no more than the time since the last beat, plus slack', 0, 10, 60, 600, 15],
    ['a page hidden for an hour reports only its visible seconds', 100, 3600, 12, 600, 112],
    ['never more than two beats at once', 0, 3600, 120, 600, 30],
    ['capped at the length', 590, 15, 15, 600, 600],
    ['a negative report adds nothing', 50, 15, -5, 600, 50],
  ])('%s', (_, seconds, since, reported, cap, expected) => {
    expect(
      creditBeat({ seconds, lastBeatAt: t0, openedAt: t0, now: at(since), reported, capSeconds: cap }),
    ).toBe(expected);
  });

  it('finishes at the ratio of the length', () => {
    expect(secondsToFinish(10, 0.8)).toBe(480);
    expect(secondsToFinish(1, 1)).toBe(60);
  });
});

describe('imports and numbering', () => {
  it('turns points into hours at the rate, to one decimal', () => {
    expect(pointsToHours(450, 100)).toBe(4.5);
    expect(pointsToHours(333, 100)).toBe(3.3);
    expect(pointsToHours(0, 100)).toBe(0);
  });
  it.each([
    [{ from: '2026-07-01', to: '2026-09-30' }, { from: '2026-09-30', to: '2026-12-31' }, true],
    [{ from: '2026-07-01', to: '2026-09-30' }, { from: '2026-10-01', to: '2026-12-31' }, false],
    [{ from: '2026-01-01', to: '2026-12-31' }, { from: '2026-03-01', to: '2026-03-31' }, true],
  ])('periods %j and %j overlap: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
  it('numbers classes per year and completion records per class', () => {
    expect(classCode(2026, 7)).toBe('2026-007');
    expect(certificateNo('2026-007', 12)).toBe('2026-007-012');
  });
});
