/**
 * Safety rules. None of them is a national regulation: the categories, the severity scale, the talk
 * deadline, the members' rate threshold and the weak-worker rule are local practice, hence tenant settings
 * (tenants.settings.safety, `settings.ts`) with these defaults.
 */
export const SAFETY_RULESET = { name: '海拉尔车务段两违管理（本地做法）', version: '2026' } as const;

export const VIOLATION_KINDS = ['rule_breach', 'discipline_breach'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
export const VIOLATION_KIND_LABELS: Record<ViolationKind, string> = {
  rule_breach: '违章',
  discipline_breach: '违纪',
};

export const VIOLATION_SOURCES = ['inspection', 'video', 'self_report', 'other'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];
export const VIOLATION_SOURCE_LABELS: Record<ViolationSource, string> = {
  inspection: '检查发现',
  video: '视频监控',
  self_report: '自查自报',
  other: '其他',
};

export interface CodeName {
  code: string;
  name: string;
}

export const DEFAULT_CATEGORIES: CodeName[] = [
  { code: 'receiving_departing', name: '接发列车作业' },
  { code: 'shunting', name: '调车作业' },
  { code: 'signal_operation', name: '信号操作' },
  { code: 'passenger', name: '客运组织' },
  { code: 'freight', name: '货运作业' },
  { code: 'labor_safety', name: '劳动安全' },
  { code: 'standard_phrases', name: '标准化用语' },
  { code: 'duty_discipline', name: '劳动纪律（脱岗、睡岗等）' },
  { code: 'alcohol', name: '班前饮酒' },
  { code: 'equipment', name: '设备使用与检查' },
  { code: 'fire_safety', name: '消防安全' },
  { code: 'other', name: '其他' },
];

export const DEFAULT_SEVERITIES: CodeName[] = [
  { code: 'a', name: 'A类（严重）' },
  { code: 'b', name: 'B类（较重）' },
  { code: 'c', name: 'C类（一般）' },
];

export interface SafetySettings {
  categories: CodeName[];
  severities: CodeName[];
  /** Days after the violation by which the branch secretary talks with the worker. */
  talkDueDays: number;
  /** A talk recorded more than this many days after it was held is marked late (补录). */
  talkLateDays: number;
  /** Members' violations per 100 members per year above which a branch is flagged for analysis. */
  memberRateThreshold: number;
  /** …and at least this many members' violations in the period, so one slip in a small branch is no trend. */
  flagMinViolations: number;
  /** Proposes a weak worker with at least `count` violations within `days` days. */
  weakRule: { count: number; days: number };
  /** Days after which a mentoring follow-up is overdue (monthly by default). */
  followupEveryMonths: number;
}

export const DEFAULT_SAFETY_SETTINGS: SafetySettings = {
  categories: DEFAULT_CATEGORIES,
  severities: DEFAULT_SEVERITIES,
  talkDueDays: 3,
  talkLateDays: 7,
  memberRateThreshold: 5,
  flagMinViolations: 2,
  weakRule: { count: 2, days: 90 },
  followupEveryMonths: 1,
};

// ---- calendar arithmetic on YYYY-MM-DD strings (UTC, no time zone involved) ----

const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => fromUtc(toUtc(d) + n * 86_400_000);
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The period of an analysis: a whole year, or one month of it. */
export function periodOf(year: number, month?: number): { from: string; to: string; months: number } {
  if (!month) return { from: `${year}-01-01`, to: `${year}-12-31`, months: 12 };
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 1), -1), months: 1 };
}

const daysInMonth = (d: string) => Number(addDays(addMonths(`${d.slice(0, 7)}-01`, 1), -1).slice(8));

/**
 * Calendar months of a period that have passed by `asOf` (both ends included): whole months count 1,
 * the running month the share of its days gone. A past period gives its full length, a future one 0;
 * year-to-date counts are scaled to a year by this, not by 12, or a branch is under-flagged all year.
 */
export function elapsedMonths(period: { from: string; to: string; months: number }, asOf: string): number {
  if (asOf < period.from) return 0;
  if (asOf >= period.to) return period.months;
  const whole =
    (Number(asOf.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 +
    Number(asOf.slice(5, 7)) -
    Number(period.from.slice(5, 7));
  return whole + Number(asOf.slice(8)) / daysInMonth(asOf);
}

export const ANALYSIS_TRIGGERS = ['threshold', 'manual'] as const;
export const ANALYSIS_STATUSES = ['open', 'closed'] as const;
export const PROJECT_STATUSES = ['active', 'completed'] as const;

/** An analysis answers a flag when its period overlaps the flagged period. */
export const analysisCovers = (
  a: { periodFrom: string; periodTo: string },
  period: { from: string; to: string },
): boolean => a.periodFrom <= period.to && a.periodTo >= period.from;

// ---- talk obligations ----

/**
 * A talk is due N calendar days after the later of the violation date and the day it was recorded (the
 * server's date in Asia/Shanghai), so a violation found days later on video does not start overdue.
 */
export const talkDueOn = (occurredOn: string, recordedOn: string, dueDays: number): string =>
  addDays(recordedOn > occurredOn ? recordedOn : occurredOn, dueDays);

export const OBLIGATION_STATUSES = ['open', 'done', 'overdue'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  open: '待谈话',
  done: '已谈话',
  overdue: '已逾期',
};
/** Done once a talk closed it; overdue from the day after the due date. */
export function obligationStatus(dueOn: string, doneOn: string | null, today: string): ObligationStatus {
  if (doneOn) return 'done';
  return today > dueOn ? 'overdue' : 'open';
}

// ---- rates ----

/** Violations per 100 people, one decimal; null when there is nobody to divide by. */
export function ratePer100(count: number, population: number): number | null {
  if (population <= 0) return null;
  return Math.round((count / population) * 1000) / 10;
}

export interface BranchCounts {
  employees: number;
  members: number;
  violations: number;
  memberViolations: number;
}

export interface BranchRates {
  rate: number | null;
  memberRate: number | null;
  nonMemberRate: number | null;
  /** Members' rate scaled to a year, the figure compared with the threshold. */
  memberRateYearly: number | null;
  flagged: boolean;
}

/**
 * Rates per 100 employees, members and non-members, and the flag: the members' rate, scaled to a year
 * over the `months` elapsed (elapsedMonths; may be fractional),
 * strictly above the threshold, with at least `minViolations` members' violations. A branch without
 * members is never flagged.
 */
export function branchRates(
  c: BranchCounts,
  months: number,
  threshold: number,
  minViolations = 1,
): BranchRates {
  const memberRate = ratePer100(c.memberViolations, c.members);
  const yearly =
    c.members > 0 && months > 0
      ? Math.round(((c.memberViolations * 12) / months / c.members) * 1000) / 10
      : null;
  return {
    rate: ratePer100(c.violations, c.employees),
    memberRate,
    nonMemberRate: ratePer100(c.violations - c.memberViolations, c.employees - c.members),
    memberRateYearly: yearly,
    flagged: yearly !== null && c.memberViolations >= Math.max(1, minViolations) && yearly > threshold,
  };
}

// ---- weak workers ----

/**
 * The weak-worker rule: at least `count` violations within the `days` calendar days ending on `asOf`,
 * both ends included (with 90 days: from asOf − 89 to asOf). Violations after `asOf` don't count.
 */
export function meetsWeakRule(
  occurredOn: readonly string[],
  rule: { count: number; days: number },
  asOf: string,
): boolean {
  const from = addDays(asOf, -(rule.days - 1));
  return occurredOn.filter((d) => d >= from && d <= asOf).length >= rule.count;
}

export const WEAK_SOURCES = ['rule', 'manual'] as const;
export const WEAK_OUTCOMES = ['improved', 'not_improved'] as const;
export type WeakOutcome = (typeof WEAK_OUTCOMES)[number];
export const WEAK_OUTCOME_LABELS: Record<WeakOutcome, string> = {
  improved: '已转化',
  not_improved: '未转化',
};

/** The next mentoring follow-up is due a month (setting) after the last one, or after the start. */
export const nextFollowupDue = (
  startedOn: string,
  lastFollowupOn: string | null,
  everyMonths: number,
): string =>
  addMonths(lastFollowupOn && lastFollowupOn > startedOn ? lastFollowupOn : startedOn, everyMonths);
