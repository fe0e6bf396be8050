export const TALK_KINDS = ['violation_followup', 'yearly', 'mentoring', 'other'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const TALK_KIND_LABELS: Record<TalkKind, string> = {
  violation_followup: '两违谈话',
  yearly: '年度谈心谈话',
  mentoring: '包保帮教谈话',
  other: '其他谈话',
};

export {
  coverage,
  isLateRecord,
  type ObligationStatus,
  obligationStatus,
  TALK_COVERAGE_RULESET,
  talkDueOn,
} from '../safety/rules';

export const OBLIGATION_STATUS_LABELS = { open: '待谈话', done: '已谈话', overdue: '已逾期' } as const;

/** Checks of a talk against the violation it follows; returns field → Chinese reason. */
export function checkTalkAgainstViolation(
  talk: { personId: string; heldOn: string; kind: string },
  violation: { personId: string; occurredOn: string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (talk.kind !== 'violation_followup')
    errors.kind = '针对违章违纪的谈话，类型应为 violation_followup（两违谈话）';
  if (violation.personId !== talk.personId) errors.violationId = '该违章违纪记录不是此人的';
  if (talk.heldOn < violation.occurredOn) errors.heldOn = '谈话日期不能早于违章违纪发生日期';
  return errors;
}
