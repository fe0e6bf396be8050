import { describe, expect, it } from 'vitest';
import { checkTalkAgainstViolation, coverage, isLateRecord } from './rules';

describe('a talk after a violation', () => {
  const v = { personId: 'p1', occurredOn: '2026-03-10' };
  it.each([
    [{ personId: 'p1', heldOn: '2026-03-10', kind: 'violation_followup' }, []],
    [{ personId: 'p1', heldOn: '2026-03-09', kind: 'violation_followup' }, ['heldOn']],
    [{ personId: 'p2', heldOn: '2026-03-12', kind: 'violation_followup' }, ['violationId']],
    [{ personId: 'p1', heldOn: '2026-03-12', kind: 'yearly' }, ['kind']],
  ])('%o → errors on %o', (talk, fields) => {
    expect(Object.keys(checkTalkAgainstViolation(talk, v)).sort()).toEqual(fields);
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
