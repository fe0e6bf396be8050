import { describe, expect, it } from 'vitest';
import {
  addMonths,
  answeredLate,
  buildItems,
  canAnswerIn,
  canCloseIn,
  canReopenIn,
  countRect,
  defaultPeriod,
  overdueForAssessment,
  rectStatus,
  type StoredRectStatus,
} from './rules';

const TODAY = '2026-11-18';

describe('a rectification’s status on a day', () => {
  it.each([
    ['open', '2026-11-30', 'open'],
    ['open', '2026-11-18', 'open'], // due today
    ['open', '2026-11-17', 'overdue'],
    ['answered', '2026-11-01', 'answered'], // answered: waiting for the inspector, never overdue
    ['closed', '2026-11-01', 'closed'],
  ] as const)('%s, rectify by %s → %s', (status, rectifyBy, shown) => {
    expect(rectStatus({ status, rectifyBy }, TODAY)).toBe(shown);
  });
});

describe('the rectification loop: answer → close, or → reopen → answer again', () => {
  it.each([
    ['open', { answer: true, close: false, reopen: false }],
    ['answered', { answer: false, close: true, reopen: true }],
    ['closed', { answer: false, close: false, reopen: true }],
  ] as [StoredRectStatus, Record<string, boolean>][])('%s allows %o', (s, allowed) => {
    expect({ answer: canAnswerIn(s), close: canCloseIn(s), reopen: canReopenIn(s) }).toEqual(allowed);
  });

  it('a reopened item is open again, and overdue when its (new) deadline passes', () => {
    const reopened = { status: 'open' as const, rectifyBy: '2026-11-20' };
    expect(canAnswerIn(reopened.status)).toBe(true);
    expect(rectStatus(reopened, TODAY)).toBe('open');
    expect(rectStatus(reopened, '2026-11-21')).toBe('overdue');
  });
});

describe('late and overdue for assessment (against the deadline set with the finding)', () => {
  it.each([
    [null, '2026-11-20', false, false],
    [null, '2026-11-17', false, true],
    ['2026-11-15', '2026-11-17', false, false],
    ['2026-11-18', '2026-11-17', true, true],
  ] as const)('answered %s, due %s: late %s, overdue %s', (first, due, late, overdue) => {
    expect(answeredLate(first, due)).toBe(late);
    expect(overdueForAssessment(first, due, TODAY)).toBe(overdue);
  });

  it('counts statuses', () => {
    expect(countRect(['open', 'overdue', 'closed', 'overdue'])).toEqual({
      total: 4,
      open: 1,
      answered: 0,
      closed: 1,
      overdue: 2,
    });
  });
});

describe('checklist items keep their keys across versions', () => {
  const v1 = buildItems([{ title: '三会一课' }, { title: '谈心谈话', records: ['talk', 'talk'] }]).items;
  it('keys a first version in order, records without repeats', () => {
    expect(v1).toEqual([
      { key: 'i1', title: '三会一课' },
      { key: 'i2', title: '谈心谈话', records: ['talk'] },
    ]);
  });

  it('a new version keeps known keys, gives new items the next key, never reuses a dropped one', () => {
    const { items, errors } = buildItems(
      [{ key: 'i2', title: '谈心谈话（含两违谈话）' }, { title: '主题党日' }, { key: 'i9', title: '台账' }],
      v1,
    );
    expect(errors).toEqual({});
    expect(items.map((i) => i.key)).toEqual(['i2', 'i3', 'i4']);
  });

  it('refuses a repeated title, naming the item', () => {
    expect(buildItems([{ title: '台账' }, { title: ' 台账 ' }]).errors).toEqual({
      'items.1.title': '检查项目“台账”重复',
    });
  });
});

describe('the period an online inspection reads', () => {
  it.each([
    ['2026-11-18', 3, '2026-08-19'],
    ['2026-05-31', 3, '2026-03-01'],
    ['2026-03-31', 1, '2026-03-01'],
  ] as const)('%s, %i months → from %s', (today, months, from) => {
    expect(defaultPeriod(today, months)).toEqual({ from, to: today });
  });

  it('adds months clamped to the month’s end', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-18', 2)).toBe('2027-01-18');
  });
});
