/**
 * Organization life rules: 《中国共产党支部工作条例（试行）》(2018) art. 19 (三会一课, 主题党日, 组织生活会,
 * 民主评议) and art. 15 (votes of the 支部党员大会), with 《中国共产党党员教育管理工作条例》(2019) on
 * party lectures and exempt members. Local practice (lecture frequency, the late-entry delay) is a tenant
 * setting. Pure functions, tested as tables.
 */

export const MEETING_RULESETS = [
  { name: '中国共产党支部工作条例（试行）', version: '2018', effectiveFrom: '2018-10-28' },
  { name: '中国共产党党员教育管理工作条例', version: '2019', effectiveFrom: '2019-04-28' },
] as const;

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

export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: '出席',
  leave: '请假',
  absent: '缺席',
};

export const VOTE_TYPES = ['admission', 'full_membership', 'election', 'decision'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];
export const VOTE_TYPE_LABELS: Record<VoteType, string> = {
  admission: '接收预备党员',
  full_membership: '预备党员转正',
  election: '选举',
  decision: '决议事项',
};

/** One line of the roll call, with the person's standing on the meeting day kept as it was. */
export interface AttendanceEntry {
  personId: string;
  name: string;
  partyStatus: string;
  exempt: boolean;
  status: AttendanceStatus;
  reason?: string | null;
  makeUpOn?: string | null;
  makeUpHow?: string | null;
  /** At a committee meeting: attended without being a committee member; not counted (应到, quorum, rates). */
  guest?: boolean;
  /** The server's time when the member signed in on their own phone (签到). */
  signedInAt?: string | null;
}

export interface VoteInput {
  subject: string;
  type: VoteType;
  yes: number;
  no: number;
  abstain: number;
  /** Written opinions of absent voting members, counted with the votes cast. */
  writtenYes?: number;
  writtenNo?: number;
  writtenAbstain?: number;
}

// ---------------------------------------------------------------- settings

export type Frequency = 'month' | 'quarter' | 'half_year' | 'year';
export interface MeetingSettings {
  /** A record submitted more than this many days after the meeting is late (补录). */
  lateAfterDays: number;
  /** 党课: the regulation sets no branch frequency; once a quarter is local practice. */
  lectureFrequency: Frequency;
  /** No organization life for this many days flags a branch silent (静默). */
  silentAfterDays: number;
  /** Rankings are optional and off by default (against 形式主义). */
  rankingEnabled: boolean;
}

export const DEFAULT_SETTINGS: MeetingSettings = {
  lateAfterDays: 7,
  lectureFrequency: 'quarter',
  silentAfterDays: 30,
  rankingEnabled: false,
};

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
const lastDayOfMonth = (y: number, m: number) => fromMs(Date.UTC(y, m, 0));
const pad = (n: number) => String(n).padStart(2, '0');

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

/**
 * An organization owes a unit's meeting when it was active for at least half of the unit: a branch set
 * up on the 20th of a month owes nothing that month, one dissolved on the 25th still owes it.
 */
export function owesUnit(
  unit: Period,
  life: { establishedOn: string; dissolvedOn?: string | null },
): boolean {
  const start = life.establishedOn > unit.from ? life.establishedOn : unit.from;
  const end = life.dissolvedOn && life.dissolvedOn < unit.to ? life.dissolvedOn : unit.to;
  if (end < start) return false;
  const active = daysBetween(start, end) + 1;
  const length = daysBetween(unit.from, unit.to) + 1;
  return active * 2 >= length;
}

// ---------------------------------------------------------------- compliance

export interface Requirement {
  kind: MeetingKind;
  frequency: Frequency;
  /** Who holds it: the branch, its committee (only where one exists), or each party group. */
  holder: 'branch' | 'committee' | 'group';
  basis: string;
}

export function requirements(settings: MeetingSettings): Requirement[] {
  const [branchRules, educationRules] = MEETING_RULESETS;
  const b = `《${branchRules.name}》${branchRules.version}`;
  const e = `《${educationRules.name}》${educationRules.version}`;
  return [
    { kind: 'branch_general_meeting', frequency: 'quarter', holder: 'branch', basis: `${b} 第十九条` },
    { kind: 'branch_committee_meeting', frequency: 'month', holder: 'committee', basis: `${b} 第十九条` },
    { kind: 'party_group_meeting', frequency: 'month', holder: 'group', basis: `${b} 第十九条` },
    {
      kind: 'party_lecture',
      frequency: settings.lectureFrequency,
      holder: 'branch',
      basis: `${e} 第二十条（频次按本单位设置）`,
    },
    { kind: 'theme_party_day', frequency: 'month', holder: 'branch', basis: `${b} 第十九条` },
    { kind: 'organization_life_meeting', frequency: 'year', holder: 'branch', basis: `${b} 第十九条` },
    { kind: 'democratic_review', frequency: 'year', holder: 'branch', basis: `${b} 第十九条` },
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
}

export interface ComplianceInput {
  branch: OrgLife & { hasCommittee: boolean };
  groups: OrgLife[];
  /** Submitted, returned or approved meetings of the branch and its groups (drafts don't count). */
  meetings: HeldMeeting[];
  period: Period;
  today: string;
  settings: MeetingSettings;
}

export interface ComplianceItem {
  kind: MeetingKind;
  /** Units owed over the whole period, its future part included. */
  expected: number;
  /** Units owed whose end has passed. */
  due: number;
  /** Owed units covered by a meeting (late ones included). */
  held: number;
  /** Owed units covered only by late records (补录). */
  late: number;
  /** Owed units already past and not covered. */
  missing: number;
  /** Meetings of the kind in the period, counted plainly. */
  meetings: number;
  status: ComplianceStatus;
}

/**
 * Status of one kind: red when a past unit was missed (two months for a monthly meeting, since one
 * month's slip is caught up next month in practice), yellow for one missed month or any 补录, green
 * otherwise. Units still running are not held against the branch.
 */
export function complianceStatus(frequency: Frequency, missing: number, late: number): ComplianceStatus {
  if (missing >= (frequency === 'month' ? 2 : 1)) return 'red';
  if (missing > 0 || late > 0) return 'yellow';
  return 'green';
}

export function computeCompliance(input: ComplianceInput): ComplianceItem[] {
  const { branch, groups, meetings, period, today, settings } = input;
  return requirements(settings).map((req) => {
    const holders: OrgLife[] =
      req.holder === 'group' ? groups : req.holder === 'committee' && !branch.hasCommittee ? [] : [branch];
    const ofKind = meetings.filter(
      (m) => m.kind === req.kind && m.heldOn >= period.from && m.heldOn <= period.to,
    );
    let expected = 0;
    let due = 0;
    let held = 0;
    let late = 0;
    let missing = 0;
    for (const holder of holders) {
      const own = ofKind.filter((m) => req.holder !== 'group' || m.orgId === holder.id);
      for (const unit of unitsOf(req.frequency, period)) {
        if (!owesUnit(unit, holder)) continue;
        expected += 1;
        const inUnit = own.filter((m) => m.heldOn >= unit.from && m.heldOn <= unit.to);
        const past = unit.to < today;
        if (past) due += 1;
        if (inUnit.length) {
          held += 1;
          if (inUnit.every((m) => m.late)) late += 1;
        } else if (past) missing += 1;
      }
    }
    return {
      kind: req.kind,
      expected,
      due,
      held,
      late,
      missing,
      meetings: ofKind.length,
      status: complianceStatus(req.frequency, missing, late),
    };
  });
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

// ---------------------------------------------------------------- the branch committee

/** Bodies other than the branch committee whose 书记/委员 a post may name (党委委员, 团支部书记, …). */
const OTHER_BODY = /党委|总支|纪委|团(支部|总支|委)|工会|妇委|职代会|党小组|人大|政协/;
const FORMER = /^(原|前任?|曾任|退休前)/;

/**
 * Whether a person's party posts (people.party_posts, free text such as “党支部书记、纪检委员”) name a post
 * of the branch committee (支部委员会: 书记, 副书记, 组织/宣传/纪检/青年… 委员, 委员): 《支部工作条例》
 * 2018 art. 10. Posts of other bodies and former posts don't.
 */
export function isCommitteePost(posts: string | null | undefined): boolean {
  if (!posts) return false;
  return posts
    .split(/[、，,；;／/|\s兼]+/)
    .map((p) => p.trim())
    .some((p) => /书记|委员|支委/.test(p) && !OTHER_BODY.test(p) && !FORMER.test(p));
}

// ---------------------------------------------------------------- attendance

type RollLine = Pick<AttendanceEntry, 'status' | 'exempt' | 'guest'>;
const counted = (entries: RollLine[]) => entries.filter((e) => !e.guest);

/** Attendance rate of a meeting or a set of roll-call lines; exempt members are left out unless present, guests always. */
export function attendanceRate(entries: RollLine[]): number | null {
  const expected = counted(entries).filter((e) => !e.exempt || e.status === 'present');
  if (expected.length === 0) return null;
  return expected.filter((e) => e.status === 'present').length / expected.length;
}

export function attendanceCounts(entries: RollLine[]) {
  const own = counted(entries);
  return {
    expected: own.filter((e) => !e.exempt || e.status === 'present').length,
    present: own.filter((e) => e.status === 'present').length,
    leave: own.filter((e) => e.status === 'leave').length,
    absent: own.filter((e) => e.status === 'absent').length,
    guests: entries.length - own.length,
  };
}

// ---------------------------------------------------------------- votes of the 支部党员大会

export interface VoteTally {
  /** Full members who should attend: probationary members have no vote; absent exempt members are not expected. */
  eligible: number;
  presentVoters: number;
  /** More than half of the voting members present. */
  quorum: boolean;
  yesTotal: number;
  noTotal: number;
  abstainTotal: number;
  /** Yes-votes (written ones included) must exceed this: half of the eligible. */
  threshold: number;
  passed: boolean;
}

export const hasVote = (e: Pick<AttendanceEntry, 'partyStatus'>) => e.partyStatus === 'full';

export function votingRoll(attendance: AttendanceEntry[]) {
  const voters = attendance.filter((e) => hasVote(e) && !e.guest);
  const expected = voters.filter((e) => !e.exempt || e.status === 'present');
  return {
    eligible: expected.length,
    present: expected.filter((e) => e.status === 'present').length,
    absent: expected.filter((e) => e.status !== 'present').length,
  };
}

export function tallyVote(attendance: AttendanceEntry[], vote: VoteInput): VoteTally {
  const roll = votingRoll(attendance);
  const quorum = roll.present * 2 > roll.eligible;
  const yesTotal = vote.yes + (vote.writtenYes ?? 0);
  const noTotal = vote.no + (vote.writtenNo ?? 0);
  const abstainTotal = vote.abstain + (vote.writtenAbstain ?? 0);
  return {
    eligible: roll.eligible,
    presentVoters: roll.present,
    quorum,
    yesTotal,
    noTotal,
    abstainTotal,
    threshold: roll.eligible / 2,
    passed: quorum && yesTotal * 2 > roll.eligible,
  };
}

/**
 * Whether enough attended for the meeting to be valid: a 支部委员会 needs more than half of its members, a
 * 支部党员大会 more than half of the members with a vote. Other meetings have no quorum rule (null).
 */
export function meetingQuorum(kind: string, attendance: AttendanceEntry[]): boolean | null {
  if (kind === 'branch_committee_meeting') {
    const members = attendance.filter((a) => !a.guest);
    if (members.length === 0) return null;
    return members.filter((a) => a.status === 'present').length * 2 > members.length;
  }
  if (kind === 'branch_general_meeting') {
    const roll = votingRoll(attendance);
    return roll.eligible === 0 ? null : roll.present * 2 > roll.eligible;
  }
  return null;
}

/**
 * Self sign-in (签到) of the paperless 支部党员大会: a member on the expected list signs in on the meeting's
 * own day (Asia/Shanghai), while the record is still the secretary's draft. Null when allowed, else why not.
 */
export function signInRefusal(
  m: { kind: string; status: string; heldOn: string },
  today: string,
  onList: boolean,
): string | null {
  if (m.kind !== 'branch_general_meeting') return '只有支部党员大会开放本人签到';
  if (m.status === 'cancelled') return '会议已取消';
  if (m.status !== 'draft') return '会议记录已提交，签到已结束';
  if (!onList) return '您不在本次会议的应到名单中';
  if (m.heldOn !== today)
    return m.heldOn > today ? `签到在会议当天（${m.heldOn}）开放` : '会议已过，签到已结束';
  return null;
}

/** Problems of a vote against the roll call, by field name, in Chinese. */
export function checkVote(attendance: AttendanceEntry[], vote: VoteInput): string | null {
  const roll = votingRoll(attendance);
  const cast = vote.yes + vote.no + vote.abstain;
  const written = (vote.writtenYes ?? 0) + (vote.writtenNo ?? 0) + (vote.writtenAbstain ?? 0);
  if (cast > roll.present)
    return `表决票数（${cast}）超过到会有表决权的正式党员人数（${roll.present}）；预备党员没有表决权`;
  if (written > roll.absent) return `书面意见数（${written}）超过未到会有表决权的党员人数（${roll.absent}）`;
  return null;
}

/** The resolution text of one vote, generated from the data, in the words of the record book. */
export function resolutionText(heldOn: string, vote: VoteInput, tally: VoteTally): string {
  const [y, m, d] = heldOn.split('-').map(Number);
  const date = `${y}年${m}月${d}日`;
  const head = `${date}支部党员大会应到会有表决权的党员${tally.eligible}名，实到${tally.presentVoters}名`;
  if (!tally.quorum)
    return `${head}，未超过应到会有表决权党员的半数，会议不能进行表决，“${vote.subject}”事项未付表决。`;
  const written =
    (vote.writtenYes ?? 0) + (vote.writtenNo ?? 0) + (vote.writtenAbstain ?? 0) > 0
      ? `（含未到会党员书面意见${(vote.writtenYes ?? 0) + (vote.writtenNo ?? 0) + (vote.writtenAbstain ?? 0)}份）`
      : '';
  const counts = `赞成${tally.yesTotal}票，反对${tally.noTotal}票，弃权${tally.abstainTotal}票${written}`;
  const verdict = tally.passed
    ? `赞成票超过应到会有表决权党员的半数，“${vote.subject}”获得通过。`
    : `赞成票未超过应到会有表决权党员的半数，“${vote.subject}”未获通过。`;
  return `${head}，符合规定人数。经${VOTE_TYPE_LABELS[vote.type]}表决，${counts}。${verdict}`;
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
  attachments: '附件',
};
