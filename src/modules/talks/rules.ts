/**
 * Talk rules. Coverage follows 《中国共产党党员教育管理工作条例》 (2019): a talk with every member at least
 * once a year. The late-record window (`talkLateDays`) is local practice, a safety setting.
 */
export const TALK_KINDS = ['violation_followup', 'yearly', 'mentoring', 'other'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const TALK_KIND_LABELS: Record<TalkKind, string> = {
  violation_followup: '两违谈话',
  yearly: '年度谈心谈话',
  mentoring: '包保帮教谈话',
  other: '其他谈话',
};

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

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** A talk recorded more than `lateDays` calendar days after it was held is marked late (补录). */
export const isLateRecord = (heldOn: string, recordedOn: string, lateDays: number): boolean =>
  Math.round(dayNumber(recordedOn) - dayNumber(heldOn)) > lateDays;

export const TALK_COVERAGE_RULESET = { name: '中国共产党党员教育管理工作条例', version: '2019' } as const;
/** Members talked with in the year per 100 members, one decimal; null without members. */
export const coverage = (talked: number, members: number): number | null =>
  members <= 0 ? null : Math.round((Math.min(talked, members) / members) * 1000) / 10;
