import { describe, expect, it } from 'vitest';
import {
  buildFields,
  canRemindIn,
  canReviewIn,
  canSubmitIn,
  checkValues,
  countStatuses,
  overdueForAssessment,
  prefillLabel,
  prefillPeriod,
  quarterOf,
  reviewOutcome,
  type StoredStatus,
  submittedLate,
  targetStatus,
  urgency,
} from './rules';

const TODAY = '2026-11-18';

describe('a target’s status on a day (overdue is derived)', () => {
  it.each([
    // stored, task deadline, new deadline of a return, shown
    ['pending', '2026-11-25', null, 'pending'],
    ['pending', '2026-11-18', null, 'pending'], // due today: not yet overdue
    ['pending', '2026-11-17', null, 'overdue'],
    ['submitted', '2026-11-01', null, 'submitted'], // an answer in is never overdue, however late
    ['accepted', '2026-11-01', null, 'accepted'],
    ['returned', '2026-11-25', null, 'returned'],
    ['returned', '2026-11-10', null, 'overdue'], // returned after the deadline, no new one: overdue
    ['returned', '2026-11-10', '2026-11-22', 'returned'], // the return gave a new deadline
    ['returned', '2026-11-10', '2026-11-17', 'overdue'], // and that one passed too
  ] as const)('%s due %s (redo %s) → %s', (status, dueOn, redoBy, shown) => {
    expect(targetStatus({ status, dueOn, redoBy }, TODAY)).toBe(shown);
  });
});

describe('the answer loop', () => {
  const steps: [StoredStatus, { submit: boolean; review: boolean; remind: boolean }][] = [
    ['pending', { submit: true, review: false, remind: true }],
    ['submitted', { submit: false, review: true, remind: false }],
    ['returned', { submit: true, review: false, remind: true }],
    ['accepted', { submit: false, review: false, remind: false }],
  ];
  it.each(steps)('%s allows %o', (status, allowed) => {
    expect({ submit: canSubmitIn(status), review: canReviewIn(status), remind: canRemindIn(status) }).toEqual(
      allowed,
    );
  });

  it('a return goes back to the target, an acceptance ends the loop', () => {
    // pending → submitted → returned → submitted → accepted
    let s: StoredStatus = 'pending';
    expect(canSubmitIn(s)).toBe(true);
    s = 'submitted';
    s = reviewOutcome('return');
    expect(s).toBe('returned');
    expect(canSubmitIn(s)).toBe(true);
    s = 'submitted';
    s = reviewOutcome('accept');
    expect(s).toBe('accepted');
    expect(canSubmitIn(s) || canReviewIn(s)).toBe(false);
  });
});

describe('late and overdue for assessment', () => {
  it.each([
    // first answer day, deadline, as of, late, overdue for assessment
    [null, '2026-11-20', TODAY, false, false], // not due yet
    [null, '2026-11-18', TODAY, false, false], // due today
    [null, '2026-11-17', TODAY, false, true], // passed, nothing in
    ['2026-11-16', '2026-11-17', TODAY, false, false], // in time
    ['2026-11-17', '2026-11-17', TODAY, false, false], // on the day
    ['2026-11-18', '2026-11-17', TODAY, true, true], // a day late
  ] as const)('answered %s, due %s: late %s, overdue %s', (first, due, asOf, late, overdue) => {
    expect(submittedLate(first, due)).toBe(late);
    expect(overdueForAssessment(first, due, asOf)).toBe(overdue);
  });
});

describe('urgency of a deadline (the reminder window)', () => {
  it.each([
    ['2026-11-17', 3, 'overdue'],
    ['2026-11-18', 3, 'soon'],
    ['2026-11-21', 3, 'soon'],
    ['2026-11-22', 3, 'later'],
    ['2026-11-19', 0, 'later'],
  ] as const)('due %s, remind %i days before → %s', (deadline, days, u) => {
    expect(urgency(deadline, TODAY, days)).toBe(u);
  });

  it('counts the statuses', () => {
    expect(countStatuses(['pending', 'overdue', 'overdue', 'accepted'])).toEqual({
      total: 4,
      pending: 1,
      submitted: 0,
      accepted: 1,
      returned: 0,
      overdue: 2,
    });
  });
});

describe('prefilled figures count for dates fixed by the sending day', () => {
  it.each([
    ['party_members_on_month_start', '2026-11-18', '2026-11-01', '2026-11-01'],
    ['branch_general_meetings_quarter', '2026-11-18', '2026-10-01', '2026-11-18'],
    ['branch_general_meetings_quarter', '2026-03-31', '2026-01-01', '2026-03-31'],
    ['talks_year', '2026-11-18', '2026-01-01', '2026-11-18'],
  ] as const)('%s sent %s → %s…%s', (source, asOf, from, to) => {
    expect(prefillPeriod(source, asOf)).toEqual({ from, to });
  });

  it('names the period in the label', () => {
    expect(prefillLabel('party_members_on_month_start', TODAY)).toBe(
      '截至 2026-11-01 党员人数（含预备党员）',
    );
    expect(prefillLabel('party_lectures_quarter', TODAY)).toContain('2026年第4季度');
    expect(quarterOf('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' });
  });
});

describe('the form', () => {
  it('keys the fields, defaults required, refuses a choice without options and a prefilled date', () => {
    const { fields, errors } = buildFields([
      { label: '党员人数', type: 'number', prefill: 'party_members_on_month_start' },
      { label: '是否核对', type: 'choice', options: ['是'] },
      { label: '日期', type: 'date', prefill: 'talks_year' },
      { label: '党员人数', type: 'text', required: false },
    ]);
    expect(fields.map((f) => f.key)).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(fields[0]).toMatchObject({ required: true, unit: '人', prefill: 'party_members_on_month_start' });
    expect(Object.keys(errors).sort()).toEqual(['fields.1.options', 'fields.2.prefill', 'fields.3.label']);
  });

  const { fields } = buildFields([
    { label: '人数', type: 'number' },
    { label: '日期', type: 'date' },
    { label: '结论', type: 'choice', options: ['已完成', '未完成'] },
    { label: '备注', type: 'text', required: false },
  ]);
  it.each([
    [{ f1: 12, f2: '2026-11-02', f3: '已完成' }, {}],
    [{ f1: '12', f2: '2026-11-02', f3: '已完成', f4: '  ' }, {}],
    [{ f2: '2026-11-02', f3: '已完成' }, { 'values.f1': '人数：必填' }],
    [
      { f1: -1, f2: '2026-02-30', f3: '完成' },
      {
        'values.f1': '人数：不能为负数',
        'values.f2': '日期：日期格式应为 YYYY-MM-DD',
        'values.f3': '结论：应为以下之一：已完成、未完成',
      },
    ],
    [{ f1: 1.234, f2: '2026-11-02', f3: '已完成' }, { 'values.f1': '人数：最多两位小数' }],
    [
      { f1: 'abc', f2: 20261102, f3: '已完成' },
      { 'values.f1': '人数：应为数字', 'values.f2': '日期：应为文字' },
    ],
  ])('%o → %o', (values, errors) => {
    expect(checkValues(fields, values).errors).toEqual(errors);
  });

  it('keeps numbers as numbers and drops unknown keys', () => {
    expect(checkValues(fields, { f1: '12.5', f2: '2026-11-02', f3: '已完成', x: 1 }).values).toEqual({
      f1: 12.5,
      f2: '2026-11-02',
      f3: '已完成',
      f4: null,
    });
  });
});
