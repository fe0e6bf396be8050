import { describe, expect, it } from 'vitest';
import { checkTalkAgainstViolation } from './rules';

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
