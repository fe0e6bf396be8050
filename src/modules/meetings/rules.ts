/**
 * Organization life rules as data: what a branch owes and when (《中国共产党支部工作条例（试行）》2018
 * 第十一条 支部党员大会, 第十二条 支部委员会, 第十三条 党小组会, 第十六条 三会一课 and 主题党日, 第十七条 组织生活会,
 * 第十八条 民主评议党员), with 《中国共产党党员教育管理工作条例》(2019) on party lectures and exempt members.
 * Local practice (lecture frequency, the late-entry delay, the red thresholds, the owed-if-active share,
 * the to-do's lead time for yearly items, …) is a tenant setting with the national or common default.
 * Pure functions, tested as tables. Who counts and votes: `roll.ts`.
 */

export const MEETING_RULESETS = [
  { name: '中国共产党支部工作条例（试行）', version: '2018', effectiveFrom: '2018-10-28' },
  { name: '中国共产党党员教育管理工作条例', version: '2019', effectiveFrom: '2019-04-28' },
  { name: '中国共产党基层组织选举工作条例', version: '2020', effectiveFrom: '2020-07-13' },
  { name: '中国共产党章程', version: '2022', effectiveFrom: '2022-10-22' },
] as const;

export {
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  type AttendanceEntry,
  type AttendanceStatus,
  VOTE_TYPE_LABELS,
  VOTE_TYPES,
  type VoteInput,
  type VoteType,
} from './roll';

export const MEETING_KINDS = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'party_group_meeting',
  'party_lecture',
  'theme_party_day',
  'organization_life_meeting',
  'democratic_review',
  'other',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  branch_general_meeting: '支部党员大会',
  branch_committee_meeting: '支部委员会',
  party_group_meeting: '党小组会',
  party_lecture: '党课',
  theme_party_day: '主题党日',
  organization_life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  other: '其他组织生活',
};

export const MEETING_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  returned: '已退回',
  cancelled: '已取消',
};

/**
 * Records that count as held (compliance, attendance, the to-do): everything submitted, returned ones
 * included — a return asks to correct the record of a meeting that took place. Drafts and cancelled
 * plans never count.
 */
export const COUNTED_STATUSES: readonly MeetingStatus[] = ['submitted', 'approved', 'returned'];

// ---------------------------------------------------------------- settings

export type Frequency = 'month' | 'quarter' | 'half_year' | 'year';

/** A share as a fraction of whole numbers (1/3 stays exact: 6 members → 2, not 1.98). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface MeetingSettings {
  /** A record submitted more than this many days after the meeting is late (补录). */
  lateAfterDays: number;
  /** 党课: the regulation sets no branch frequency; once a quarter is local practice. */
  lectureFrequency: Frequency;
  /** No organization life for this many days flags a branch silent (静默). */
  silentAfterDays: number;
  /** Rankings are optional and off by default (against 形式主义). */
  rankingEnabled: boolean;
  /**
   * 学时 a meeting of each kind credits to the members present, unless its record says otherwise. Local
   * practice: the regulation counts concentrated study (32 学时 a year) but sets no hours per meeting.
   */
  classHoursByKind: Record<MeetingKind, number>;
  /** A monthly meeting turns red after this many missed months (one slip is caught up next month). */
  redAfterMissedMonths: number;
  /** A quarterly, half-yearly or yearly meeting turns red after this many missed units. */
  redAfterMissedUnits: number;
  /** A unit is owed when the organization existed for at least this share of it (local practice: half). */
  owedIfActive: Fraction;
  /** Yearly items enter the secretary's to-do this many months before the year ends (3: from October). */
  yearlyTodoLeadMonths: number;
  /** Whether an absent exempt member (免于参加) counts in a vote's 应到 (default: left out). */
  exemptAbsentInVoteExpected: boolean;
  /** An election meeting needs more than this share of the voting members present (national: 4/5). */
  electionQuorum: Fraction;
  /** 优秀 at most this share of the full members graded, rounded down (national practice: 1/3). */
  excellentRatio: Fraction;
  /** Members sign in from this many minutes before the start to this many after (a code works all day). */
  signInWindowMinutes: number;
}

/** Local practice: a 党课, 主题党日 or 组织生活会 is half a day of study, a meeting with study on its agenda one. */
export const DEFAULT_CLASS_HOURS: Record<MeetingKind, number> = {
  branch_general_meeting: 1,
  branch_committee_meeting: 0,
  party_group_meeting: 1,
  party_lecture: 2,
  theme_party_day: 2,
  organization_life_meeting: 2,
  democratic_review: 0,
  other: 0,
};

export const DEFAULT_SETTINGS: MeetingSettings = {
  lateAfterDays: 7,
  lectureFrequency: 'quarter',
  silentAfterDays: 30,
  rankingEnabled: false,
  classHoursByKind: DEFAULT_CLASS_HOURS,
  redAfterMissedMonths: 2,
  redAfterMissedUnits: 1,
  owedIfActive: { numerator: 1, denominator: 2 },
  yearlyTodoLeadMonths: 3,
  exemptAbsentInVoteExpected: false,
  electionQuorum: { numerator: 4, denominator: 5 },
  excellentRatio: { numerator: 1, denominator: 3 },
  signInWindowMinutes: 120,
};

/** The 学时 of a record: its own, or (for records older than the field) its kind's default. */
export const classHoursOf = (
  m: { kind: string; classHours: number | string | null },
  settings: Pick<MeetingSettings, 'classHoursByKind'>,
): number =>
  m.classHours == null ? (settings.classHoursByKind[m.kind as MeetingKind] ?? 0) : Number(m.classHours);

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
const lastDayOfMonth = (y: number, m: number) => fromMs(Date.UTC(y, m, 0));
const pad = (n: number) => String(n).padStart(2, '0');

/** A date plus whole calendar months, clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return `${ny}-${pad(nm)}-${pad(Math.min(d, Number(lastDayOfMonth(ny, nm).slice(8))))}`;
}

/** Late (补录): submitted more than `lateAfterDays` calendar days after the day it was held. */
export const isLate = (heldOn: string, submittedOn: string, lateAfterDays: number): boolean =>
  daysBetween(heldOn, submittedOn) > lateAfterDays;

export interface Period {
  from: string;
  to: string;
}

export function periodOf(year: number, quarter?: number): Period {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const m1 = (quarter - 1) * 3 + 1;
  return { from: `${year}-${pad(m1)}-01`, to: lastDayOfMonth(year, m1 + 2) };
}

/** The calendar units (months, quarters, …) that intersect a period, each whole. */
export function unitsOf(freq: Frequency, period: Period): Period[] {
  const months = { month: 1, quarter: 3, half_year: 6, year: 12 }[freq];
  const out: Period[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Math.floor((Number(period.from.slice(5, 7)) - 1) / months) * months + 1;
  for (;;) {
    const from = `${y}-${pad(m)}-01`;
    if (from > period.to) break;
    const endMonth = m + months - 1;
    out.push({ from, to: lastDayOfMonth(y, endMonth) });
    m += months;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

/** A stretch of days `[from, to)` (to exclusive, null: open). */
export interface Span {
  from: string;
  to: string | null;
}

/** The days of `unit` covered by the spans (a dissolution or end day is not a day of existence). */
function activeDays(unit: Period, spans: Span[]): number {
  let days = 0;
  for (const s of spans) {
    const start = s.from > unit.from ? s.from : unit.from;
    const endExclusive = s.to !== null && s.to <= unit.to ? s.to : addDays(unit.to, 1);
    if (endExclusive > start) days += daysBetween(start, endExclusive);
  }
  return days;
}

/** An organization's life as a span: from its founding up to, not including, its dissolution (or merge) day. */
export const lifeSpan = (life: { establishedOn: string; dissolvedOn?: string | null }): Span => ({
  from: life.establishedOn,
  to: life.dissolvedOn ?? null,
});

/** The overlap of two lists of spans. */
export function intersectSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a)
    for (const y of b) {
      const from = x.from > y.from ? x.from : y.from;
      const to = x.to === null ? y.to : y.to === null ? x.to : x.to < y.to ? x.to : y.to;
      if (to === null || to > from) out.push({ from, to });
    }
  return out;
}

/**
 * Whether a unit's meeting is owed: the holder existed for at least the `owedIfActive` share of the unit
 * (half by default: a branch set up on the 16th of a 30-day month owes it, one set up on the 17th does
 * not). A dissolution day is not a day of existence: a branch dissolved on the 16th existed 15 days.
 */
export function owesUnit(
  unit: Period,
  life: { establishedOn: string; dissolvedOn?: string | null } | Span[],
  owedIfActive: Fraction = DEFAULT_SETTINGS.owedIfActive,
): boolean {
  const spans = Array.isArray(life) ? life : [lifeSpan(life)];
  const active = activeDays(unit, spans);
  const length = daysBetween(unit.from, unit.to) + 1;
  return active > 0 && active * owedIfActive.denominator >= length * owedIfActive.numerator;
}

// ---------------------------------------------------------------- compliance

export interface Requirement {
  kind: MeetingKind;
  frequency: Frequency;
  /** Who holds it: the branch, its committee (only while one exists), or each party group. */
  holder: 'branch' | 'committee' | 'group';
  /** The rule and article it comes from. */
  basis: string;
}

const BRANCH_RULES = `《${MEETING_RULESETS[0].name}》${MEETING_RULESETS[0].version}`;
const EDUCATION_RULES = `《${MEETING_RULESETS[1].name}》${MEETING_RULESETS[1].version}`;

/** What a branch owes, with the article each requirement comes from. */
export function requirements(settings: MeetingSettings): Requirement[] {
  const b = BRANCH_RULES;
  return [
    {
      kind: 'branch_general_meeting',
      frequency: 'quarter',
      holder: 'branch',
      basis: `${b} 第十一条（一般每季度召开1次）`,
    },
    {
      kind: 'branch_committee_meeting',
      frequency: 'month',
      holder: 'committee',
      basis: `${b} 第十二条（一般每月召开1次）`,
    },
    {
      kind: 'party_group_meeting',
      frequency: 'month',
      holder: 'group',
      basis: `${b} 第十三条（一般每月召开1次）`,
    },
    {
      kind: 'party_lecture',
      frequency: settings.lectureFrequency,
      holder: 'branch',
      basis: `${b} 第十六条、${EDUCATION_RULES}（支部党课频次未作规定，按本单位设置）`,
    },
    {
      kind: 'theme_party_day',
      frequency: 'month',
      holder: 'branch',
      basis: `${b} 第十六条（每月相对固定1天）`,
    },
    {
      kind: 'organization_life_meeting',
      frequency: 'year',
      holder: 'branch',
      basis: `${b} 第十七条（每年至少1次，一般在第四季度）`,
    },
    {
      kind: 'democratic_review',
      frequency: 'year',
      holder: 'branch',
      basis: `${b} 第十八条（一般每年1次）`,
    },
  ];
}

export type ComplianceStatus = 'green' | 'yellow' | 'red';

export interface OrgLife {
  id: string;
  establishedOn: string;
  dissolvedOn?: string | null;
}

export interface HeldMeeting {
  orgId: string;
  kind: string;
  heldOn: string;
  late: boolean;
  /** False for a meeting recorded without its quorum (未达到规定人数): it does not count as held. */
  valid?: boolean;
}

export interface ComplianceInput {
  /**
   * The branch; `committeeSpans` are the days a committee existed (from the posts), or, for a branch
   * with no posts recorded, `hasCommittee` stands for its whole life.
   */
  branch: OrgLife & { hasCommittee: boolean; committeeSpans?: Span[] };
  /** Its party groups; `spans` are the days each hung under this branch (default: its whole life). */
  groups: (OrgLife & { spans?: Span[] })[];
  /** Submitted, returned or approved meetings of the branch and its groups (drafts don't count). */
  meetings: HeldMeeting[];
  period: Period;
  today: string;
  settings: MeetingSettings;
}

/** One unit a holder owes: the answer of `owedUnits`, from which compliance, the to-do and the matrix count. */
export interface OwedUnit {
  kind: MeetingKind;
  frequency: Frequency;
  holderId: string;
  unit: Period;
  /** The unit has ended (before today). */
  past: boolean;
  /** A valid meeting covers it. */
  held: boolean;
  /** Covered only by late records (补录). */
  late: boolean;
  /** Meetings in the unit recorded without their quorum (未达到规定人数). */
  invalid: number;
}

/** The spans during which a requirement's holder owed it. */
function holdersOf(req: Requirement, input: ComplianceInput): { id: string; spans: Span[] }[] {
  const { branch, groups } = input;
  const branchLife = [lifeSpan(branch)];
  if (req.holder === 'group')
    return groups.map((g) => ({
      id: g.id,
      spans: intersectSpans([lifeSpan(g)], g.spans ?? [{ from: g.establishedOn, to: null }]),
    }));
  if (req.holder === 'committee') {
    const spans = branch.committeeSpans
      ? intersectSpans(branchLife, branch.committeeSpans)
      : branch.hasCommittee
        ? branchLife
        : [];
    return spans.length ? [{ id: branch.id, spans }] : [];
  }
  return [{ id: branch.id, spans: branchLife }];
}

/**
 * The one answer to "what does this branch owe in this period": every unit each holder owes (founded,
 * dissolved or merged mid-period: the `owedIfActive` share of the unit; a dissolution day excluded; a
 * committee while one existed; a party group while it hung under this branch) and whether a valid
 * meeting covers it. Compliance, the matrix, the secretary's to-do and the ledger all count from here.
 */
export function owedUnits(input: ComplianceInput): OwedUnit[] {
  const { meetings, period, today, settings } = input;
  const out: OwedUnit[] = [];
  for (const req of requirements(settings)) {
    const ofKind = meetings.filter(
      (m) => m.kind === req.kind && m.heldOn >= period.from && m.heldOn <= period.to,
    );
    for (const holder of holdersOf(req, input)) {
      const own = ofKind.filter((m) => req.holder !== 'group' || m.orgId === holder.id);
      for (const unit of unitsOf(req.frequency, period)) {
        if (!owesUnit(unit, holder.spans, settings.owedIfActive)) continue;
        const inUnit = own.filter((m) => m.heldOn >= unit.from && m.heldOn <= unit.to);
        const valid = inUnit.filter((m) => m.valid !== false);
        out.push({
          kind: req.kind,
          frequency: req.frequency,
          holderId: holder.id,
          unit,
          past: unit.to < today,
          held: valid.length > 0,
          late: valid.length > 0 && valid.every((m) => m.late),
          invalid: inUnit.length - valid.length,
        });
      }
    }
  }
  return out;
}

export interface ComplianceItem {
  kind: MeetingKind;
  /** Units owed over the whole period, its future part included. */
  expected: number;
  /** Units owed whose end has passed. */
  due: number;
  /** Owed units covered by a valid meeting (late ones included). */
  held: number;
  /** Owed units covered only by late records (补录). */
  late: number;
  /** Owed units already past and not covered. */
  missing: number;
  /** Meetings of the kind in the period, counted plainly. */
  meetings: number;
  /** Meetings of the kind recorded without their quorum (未达到规定人数), which cover nothing. */
  invalid: number;
  status: ComplianceStatus;
}

/**
 * Status of one kind: red after `redAfterMissedMonths` missed months for a monthly meeting (one month's
 * slip is caught up next month in practice) or `redAfterMissedUnits` missed units otherwise; yellow for
 * fewer missed units or any 补录; green otherwise. Units still running are not held against the branch.
 */
export function complianceStatus(
  frequency: Frequency,
  missing: number,
  late: number,
  settings: Pick<MeetingSettings, 'redAfterMissedMonths' | 'redAfterMissedUnits'> = DEFAULT_SETTINGS,
): ComplianceStatus {
  const red = frequency === 'month' ? settings.redAfterMissedMonths : settings.redAfterMissedUnits;
  if (missing >= red) return 'red';
  if (missing > 0 || late > 0) return 'yellow';
  return 'green';
}

export function computeCompliance(input: ComplianceInput): ComplianceItem[] {
  const owed = owedUnits(input);
  const { period, meetings, settings } = input;
  return requirements(settings).map((req) => {
    const units = owed.filter((u) => u.kind === req.kind);
    const ofKind = meetings.filter(
      (m) => m.kind === req.kind && m.heldOn >= period.from && m.heldOn <= period.to,
    );
    const missing = units.filter((u) => u.past && !u.held).length;
    const late = units.filter((u) => u.late).length;
    return {
      kind: req.kind,
      expected: units.length,
      due: units.filter((u) => u.past).length,
      held: units.filter((u) => u.held).length,
      late,
      missing,
      meetings: ofKind.length,
      invalid: ofKind.filter((m) => m.valid === false).length,
      status: complianceStatus(req.frequency, missing, late, settings),
    };
  });
}

/**
 * Whether an owed, uncovered unit belongs on the secretary's to-do today: past ones (overdue) and running
 * ones; a yearly unit only in its last `yearlyTodoLeadMonths` months, so the list is what is due.
 */
export function onTodo(u: OwedUnit, today: string, settings: MeetingSettings): boolean {
  if (u.held || u.unit.from > today) return false;
  if (u.past || u.frequency !== 'year') return true;
  const leadFrom = `${u.unit.to.slice(0, 4)}-${pad(13 - settings.yearlyTodoLeadMonths)}-01`;
  return today >= leadFrom;
}

/** 静默: no organization life held for `silentAfterDays` days (a branch younger than that is not judged). */
export function isSilent(
  lastHeldOn: string | null,
  today: string,
  establishedOn: string,
  silentAfterDays: number,
): boolean {
  const since = lastHeldOn ?? establishedOn;
  return daysBetween(since, today) > silentAfterDays;
}

// ---------------------------------------------------------------- reviewers' view of changes

/** The fields whose changes after submission are revisions (everything a reviewer reads). */
export const REVISED_FIELDS = [
  'orgId',
  'kind',
  'topic',
  'heldAt',
  'place',
  'hostPersonId',
  'recorderPersonId',
  'lecturer',
  'agenda',
  'minutes',
  'resolutions',
  'attendance',
  'votes',
  'classHours',
  'grades',
] as const;

export const FIELD_NAMES: Record<string, string> = {
  orgId: '组织',
  kind: '会议类型',
  topic: '主题',
  heldAt: '召开时间',
  place: '地点',
  hostPersonId: '主持人',
  recorderPersonId: '记录人',
  lecturer: '授课人',
  agenda: '议程',
  minutes: '会议记录',
  resolutions: '决议',
  attendance: '出勤',
  votes: '表决',
  classHours: '学时',
  grades: '评定等次',
  attachments: '附件',
};
