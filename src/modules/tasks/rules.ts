/**
 * The rules of 督办 (dispatched tasks), pure and tested as tables (rules.test.ts): a target's status and
 * when it is overdue, the answer loop (submit → accept, or return → submit again), the form's typed
 * fields and the figures a field can be prefilled with from the records.
 */

// ---- dates (calendar dates as YYYY-MM-DD, Asia/Shanghai) ----

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY);
export const monthStart = (d: string): string => `${d.slice(0, 7)}-01`;
export const yearStart = (d: string): string => `${d.slice(0, 4)}-01-01`;
export function quarterOf(d: string): { from: string; to: string; label: string } {
  const y = Number(d.slice(0, 4));
  const q = Math.floor((Number(d.slice(5, 7)) - 1) / 3);
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const next = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1), label: `${y}年第${q + 1}季度` };
}

// ---- statuses ----

/** What is stored: the answer loop. */
export const STORED_STATUSES = ['pending', 'submitted', 'accepted', 'returned'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
/** What is shown: `overdue` when nothing acceptable is in and the deadline has passed. */
export const TARGET_STATUSES = ['pending', 'submitted', 'accepted', 'returned', 'overdue'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  pending: '待回复',
  submitted: '待审核',
  accepted: '已通过',
  returned: '已退回',
  overdue: '已逾期',
};

export interface TargetDates {
  status: StoredStatus;
  /** The task's deadline. */
  dueOn: string;
  /** A new deadline given with a return. */
  redoBy?: string | null;
}

/** The deadline that counts now: a return may give a new one. */
export const currentDeadline = (t: TargetDates): string =>
  t.status === 'returned' && t.redoBy ? t.redoBy : t.dueOn;

/**
 * The status a target shows on `today`: a target still owing an answer (pending, or returned) whose
 * deadline has passed is overdue; an answer in (submitted, accepted) never is, however late it came.
 */
export function targetStatus(t: TargetDates, today: string): TargetStatus {
  if ((t.status === 'pending' || t.status === 'returned') && currentDeadline(t) < today) return 'overdue';
  return t.status;
}

/** An answer came in late: its first submission was after the task's deadline. */
export const submittedLate = (firstSubmittedOn: string | null, dueOn: string): boolean =>
  firstSubmittedOn !== null && firstSubmittedOn > dueOn;

/**
 * Overdue for assessment (`overdueTaskCounts`): the first answer came after the task's deadline, or none
 * has come and the deadline has passed by `asOf`. A return never makes an answer that came in time late.
 */
export const overdueForAssessment = (
  firstSubmittedOn: string | null,
  dueOn: string,
  asOf: string,
): boolean => (firstSubmittedOn === null ? dueOn < asOf : firstSubmittedOn > dueOn);

/** The target side may (re)submit while nothing is in or the answer was returned; never after acceptance. */
export const canSubmitIn = (status: StoredStatus): boolean => status === 'pending' || status === 'returned';
/** The sender reviews a submitted answer only. */
export const canReviewIn = (status: StoredStatus): boolean => status === 'submitted';
/** A reminder (催办) makes sense while the target still owes an answer. */
export const canRemindIn = (status: StoredStatus): boolean => status === 'pending' || status === 'returned';

/** One step of a target's loop, kept in the target row. */
export interface TargetEvent {
  kind: 'submit' | 'accept' | 'return' | 'remind';
  /** ISO instant. */
  at: string;
  actorName: string;
  comment?: string | null;
  content?: string | null;
  values?: Record<string, number | string | null> | null;
  /** A new deadline given with a return. */
  redoBy?: string | null;
}

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const reviewOutcome = (d: ReviewDecision): StoredStatus => (d === 'accept' ? 'accepted' : 'returned');

/** How close the deadline is, for the to-do and the home card: red past it, orange within the reminder days. */
export function urgency(deadline: string, today: string, remindDays: number): 'overdue' | 'soon' | 'later' {
  if (deadline < today) return 'overdue';
  return daysBetween(today, deadline) <= remindDays ? 'soon' : 'later';
}

export interface StatusCounts {
  total: number;
  pending: number;
  submitted: number;
  accepted: number;
  returned: number;
  overdue: number;
}
export function countStatuses(statuses: readonly TargetStatus[]): StatusCounts {
  const c: StatusCounts = { total: 0, pending: 0, submitted: 0, accepted: 0, returned: 0, overdue: 0 };
  for (const s of statuses) {
    c.total += 1;
    c[s] += 1;
  }
  return c;
}

// ---- the answer form ----

export const FIELD_TYPES = ['number', 'date', 'choice', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  number: '数字',
  date: '日期',
  choice: '选项',
  text: '文字',
};

/** Figures a number field can be prefilled with, counted from the records for the target organization. */
export const PREFILL_SOURCES = [
  'party_members_on_month_start',
  'full_members_on_month_start',
  'probationary_on_month_start',
  'employees_on_month_start',
  'branch_general_meetings_quarter',
  'branch_committee_meetings_quarter',
  'party_group_meetings_quarter',
  'party_lectures_quarter',
  'theme_party_days_quarter',
  'talks_year',
  'member_violations_year',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

interface SourceSpec {
  label: string;
  unit: string;
  /** `on`: a head count on one date; `quarter` / `year`: records counted over the period up to the as-of date. */
  period: 'month_start' | 'quarter' | 'year';
  /** For meeting counts: the meeting kind counted. */
  meetingKind?: string;
}
export const PREFILL_SPECS: Record<PrefillSource, SourceSpec> = {
  party_members_on_month_start: { label: '党员人数（含预备党员）', unit: '人', period: 'month_start' },
  full_members_on_month_start: { label: '正式党员人数', unit: '人', period: 'month_start' },
  probationary_on_month_start: { label: '预备党员人数', unit: '人', period: 'month_start' },
  employees_on_month_start: { label: '职工人数', unit: '人', period: 'month_start' },
  branch_general_meetings_quarter: {
    label: '支部党员大会次数',
    unit: '次',
    period: 'quarter',
    meetingKind: 'branch_general_meeting',
  },
  branch_committee_meetings_quarter: {
    label: '支部委员会会议次数',
    unit: '次',
    period: 'quarter',
    meetingKind: 'branch_committee_meeting',
  },
  party_group_meetings_quarter: {
    label: '党小组会次数',
    unit: '次',
    period: 'quarter',
    meetingKind: 'party_group_meeting',
  },
  party_lectures_quarter: { label: '党课次数', unit: '次', period: 'quarter', meetingKind: 'party_lecture' },
  theme_party_days_quarter: {
    label: '主题党日次数',
    unit: '次',
    period: 'quarter',
    meetingKind: 'theme_party_day',
  },
  talks_year: { label: '谈心谈话次数', unit: '次', period: 'year' },
  member_violations_year: { label: '党员违章违纪件数', unit: '件', period: 'year' },
};

/** The dates a source counts for, fixed by the task's as-of date (the day it was sent). */
export function prefillPeriod(source: PrefillSource, asOf: string): { from: string; to: string } {
  const spec = PREFILL_SPECS[source];
  if (spec.period === 'month_start') return { from: monthStart(asOf), to: monthStart(asOf) };
  if (spec.period === 'quarter') return { from: quarterOf(asOf).from, to: asOf };
  return { from: yearStart(asOf), to: asOf };
}

/** "截至 2026-11-01 党员人数（含预备党员）", "2026年第4季度（至 11-18）支部党员大会次数". */
export function prefillLabel(source: PrefillSource, asOf: string): string {
  const spec = PREFILL_SPECS[source];
  const { from, to } = prefillPeriod(source, asOf);
  if (spec.period === 'month_start') return `截至 ${from} ${spec.label}`;
  if (spec.period === 'quarter') return `${quarterOf(asOf).label}（${from} 至 ${to}）${spec.label}`;
  return `${from.slice(0, 4)}年（${from} 至 ${to}）${spec.label}`;
}

export interface TaskField {
  /** f1, f2 …: the key of the value in an answer. */
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  unit?: string;
  prefill?: PrefillSource;
}

export interface FieldInput {
  label: string;
  type: FieldType;
  required?: boolean;
  options?: string[];
  unit?: string;
  prefill?: PrefillSource;
}

/** Form fields as sent, checked and keyed; errors name the field by its place in the list. */
export function buildFields(input: readonly FieldInput[]): {
  fields: TaskField[];
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const fields = input.map((f, i): TaskField => {
    const at = `fields.${i}`;
    const label = f.label.trim();
    if (seen.has(label)) errors[`${at}.label`] = `填报项“${label}”重复`;
    seen.add(label);
    const options = [...new Set((f.options ?? []).map((o) => o.trim()).filter(Boolean))];
    if (f.type === 'choice' && options.length < 2)
      errors[`${at}.options`] = `填报项“${label}”是选项，至少需要两个选项`;
    if (f.prefill && f.type !== 'number')
      errors[`${at}.prefill`] = `填报项“${label}”：只有数字项可以从记录取数`;
    return {
      key: `f${i + 1}`,
      label,
      type: f.type,
      required: f.required ?? true,
      ...(f.type === 'choice' ? { options } : {}),
      ...(f.unit?.trim()
        ? { unit: f.unit.trim() }
        : f.prefill
          ? { unit: PREFILL_SPECS[f.prefill].unit }
          : {}),
      ...(f.prefill ? { prefill: f.prefill } : {}),
    };
  });
  return { fields, errors };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE_RE.test(s) && fromMs(toMs(s)) === s;

/**
 * An answer's form values checked against the task's fields: required ones present, numbers finite
 * (at most two decimals, not negative), dates real dates, choices among the options. Unknown keys are
 * dropped; an empty optional field is null.
 */
export function checkValues(
  fields: readonly TaskField[],
  values: Record<string, unknown> | undefined,
): { values: Record<string, number | string | null>; errors: Record<string, string> } {
  const out: Record<string, number | string | null> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = values?.[f.key];
    const at = `values.${f.key}`;
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (f.required) errors[at] = `${f.label}：必填`;
      out[f.key] = null;
      continue;
    }
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(n)) errors[at] = `${f.label}：应为数字`;
      else if (n < 0) errors[at] = `${f.label}：不能为负数`;
      else if (Math.round(n * 100) !== n * 100) errors[at] = `${f.label}：最多两位小数`;
      else if (n > 1e9) errors[at] = `${f.label}：数值过大`;
      else out[f.key] = n;
      continue;
    }
    if (typeof raw !== 'string') {
      errors[at] = `${f.label}：应为文字`;
      continue;
    }
    const s = raw.trim();
    if (f.type === 'date' && !isDate(s)) errors[at] = `${f.label}：日期格式应为 YYYY-MM-DD`;
    else if (f.type === 'choice' && !(f.options ?? []).includes(s))
      errors[at] = `${f.label}：应为以下之一：${(f.options ?? []).join('、')}`;
    else if (f.type === 'text' && s.length > 500) errors[at] = `${f.label}：不能超过 500 个字符`;
    else out[f.key] = s;
  }
  return { values: out, errors };
}
