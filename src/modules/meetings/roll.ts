/**
 * Who counts at a meeting and what its votes decide, pure and tested as tables:
 * - 《中国共产党支部工作条例（试行）》2018 第十一条: a vote of the 支部党员大会 needs more than half of the members
 *   with a vote present, and passes when yes-votes exceed half of the voting members who should attend;
 *   第十二条: a 支委会 needs more than half of the committee present.
 * - 《中国共产党基层组织选举工作条例》2020: an election needs more than four fifths of the voting members
 *   present (有选举权的到会人数超过应到会人数的五分之四，会议有效); a candidate is elected with yes-votes from
 *   more than half of the voting members present (实到会有选举权的人数的一半); no proxy or written ballots.
 * - 《中国共产党章程》第七条: a probationary member has no vote (表决权、选举权和被选举权); a member whose party
 *   standing is suspended (停止党籍) takes no part either: not in a vote's 应到 nor in attendance rates.
 * - Exempt members (免于参加, 《中国共产党党员教育管理工作条例》2019): absent, they are left out of the attendance
 *   rate; whether they count in a vote's 应到 is the tenant's setting.
 */
import { MEETING_KIND_LABELS, type MeetingKind } from './rules-kinds';
import { DEFAULT_SETTINGS, type Fraction, type MeetingSettings } from './rules-settings';

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
  /** 补学 confirmed: by the member (their own account of it) and by the secretary. */
  makeUpMemberAt?: string | null;
  makeUpSecretaryAt?: string | null;
  /** At a committee meeting: attended without being a committee member; not counted (应到, quorum, rates). */
  guest?: boolean;
  /** 停止党籍 on the meeting day: no vote, not in 应到 nor in attendance rates. */
  suspended?: boolean;
  /** The server's time when the member signed in on their own phone (签到). */
  signedInAt?: string | null;
  /** The server's time when the member asked for leave themselves (请假), with `reason`. */
  leaveRequestedAt?: string | null;
}

/** A candidate of an election vote, with the post they stand for. */
export interface CandidateInput {
  personId: string;
  post?: string | null;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteInput {
  subject: string;
  type: VoteType;
  yes: number;
  no: number;
  abstain: number;
  /** Written opinions of absent voting members, counted with the votes cast (never at an election). */
  writtenYes?: number;
  writtenNo?: number;
  writtenAbstain?: number;
  /** An election: its candidates, each with their own tally. */
  candidates?: CandidateInput[];
  /** An election of a whole new committee (换届), not a by-election (补选): a new term begins. */
  newTerm?: boolean;
  /** Why an election is held early or late (the superior's approval), when it is. */
  termReason?: string | null;
}

// ---------------------------------------------------------------- who counts

type RollLine = Pick<AttendanceEntry, 'status' | 'exempt' | 'guest' | 'suspended'>;

/** In the 应到 of attendance: not a guest, not suspended, and not an exempt member who stayed away. */
export const inAttendanceExpected = (e: RollLine): boolean =>
  !e.guest && !e.suspended && (!e.exempt || e.status === 'present');

/** Attendance rate of a meeting or a set of roll-call lines. */
export function attendanceRate(entries: RollLine[]): number | null {
  const expected = entries.filter(inAttendanceExpected);
  if (expected.length === 0) return null;
  return expected.filter((e) => e.status === 'present').length / expected.length;
}

export function attendanceCounts(entries: RollLine[]) {
  const expected = entries.filter(inAttendanceExpected);
  const own = entries.filter((e) => !e.guest);
  return {
    expected: expected.length,
    present: expected.filter((e) => e.status === 'present').length,
    leave: own.filter((e) => e.status === 'leave').length,
    absent: own.filter((e) => e.status === 'absent').length,
    guests: entries.length - own.length,
  };
}

/** A vote: full members whose standing is normal. */
export const hasVote = (e: Pick<AttendanceEntry, 'partyStatus' | 'suspended'>) =>
  e.partyStatus === 'full' && !e.suspended;

type VoteSettings = Pick<MeetingSettings, 'exemptAbsentInVoteExpected' | 'electionQuorum'>;

/** The voting members who should attend (应到会有表决权), those present and those not. */
export function votingRoll(attendance: AttendanceEntry[], settings: VoteSettings = DEFAULT_SETTINGS) {
  const voters = attendance.filter((e) => hasVote(e) && !e.guest);
  const expected = voters.filter(
    (e) => !e.exempt || e.status === 'present' || settings.exemptAbsentInVoteExpected,
  );
  return {
    eligible: expected.length,
    present: expected.filter((e) => e.status === 'present').length,
    absent: expected.filter((e) => e.status !== 'present').length,
  };
}

export const LEFT_OUT_REASONS = ['guest', 'suspended', 'exempt', 'probationary'] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];
export const LEFT_OUT_LABELS: Record<LeftOutReason, string> = {
  guest: '列席，不计入应到',
  suspended: '停止党籍，不计入应到、没有表决权',
  exempt: '免于参加组织生活且未到会，不计入应到',
  probationary: '预备党员，没有表决权',
};

export interface LeftOut {
  personId: string;
  name: string;
  reason: LeftOutReason;
  label: string;
}

const leftOutOf = (e: AttendanceEntry, reason: LeftOutReason): LeftOut => ({
  personId: e.personId,
  name: e.name,
  reason,
  label: LEFT_OUT_LABELS[reason],
});

/**
 * Who the record leaves out of which 应到 and why: of the attendance (guests, suspended, exempt absent)
 * and, where the meeting votes, of the voting members (probationary and suspended members, exempt ones
 * absent unless the setting counts them).
 */
export function leftOut(
  attendance: AttendanceEntry[],
  withVotes: boolean,
  settings: VoteSettings = DEFAULT_SETTINGS,
): { attendance: LeftOut[]; vote: LeftOut[] } {
  const fromAttendance: LeftOut[] = [];
  for (const e of attendance) {
    if (e.guest) fromAttendance.push(leftOutOf(e, 'guest'));
    else if (e.suspended) fromAttendance.push(leftOutOf(e, 'suspended'));
    else if (e.exempt && e.status !== 'present') fromAttendance.push(leftOutOf(e, 'exempt'));
  }
  const fromVote: LeftOut[] = [];
  if (withVotes)
    for (const e of attendance) {
      if (e.guest) continue;
      if (e.suspended) fromVote.push(leftOutOf(e, 'suspended'));
      else if (e.partyStatus !== 'full') fromVote.push(leftOutOf(e, 'probationary'));
      else if (e.exempt && e.status !== 'present' && !settings.exemptAbsentInVoteExpected)
        fromVote.push(leftOutOf(e, 'exempt'));
    }
  return { attendance: fromAttendance, vote: fromVote };
}

// ---------------------------------------------------------------- quorum

/** More than `f` of `total` (present × d > total × n), exactly. */
export const moreThan = (present: number, total: number, f: Fraction) =>
  present * f.denominator > total * f.numerator;

const HALF: Fraction = { numerator: 1, denominator: 2 };

export interface Quorum {
  rule: 'general' | 'election' | 'committee';
  /** What the rule asks, in the words of the record book. */
  required: string;
  expected: number;
  present: number;
  met: boolean;
}

const CN_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => CN_NUMBERS[n] ?? String(n);
/** 半数, 五分之四, 三分之一… */
export const fractionText = (f: Fraction) =>
  f.numerator * 2 === f.denominator ? '半数' : `${cn(f.denominator)}分之${cn(f.numerator)}`;

/**
 * Whether enough attended for the meeting to be valid: a 支委会 more than half of its members, a 支部党员大会
 * more than half of the members with a vote, and one that holds an election more than the election share
 * (4/5) of them. Other meetings have no quorum rule (null). A meeting without its quorum is recorded as
 * such (未达到规定人数) and does not count as held.
 */
export function meetingQuorum(
  kind: string,
  attendance: AttendanceEntry[],
  votes: Pick<VoteInput, 'type'>[] = [],
  settings: VoteSettings = DEFAULT_SETTINGS,
): Quorum | null {
  if (kind === 'branch_committee_meeting') {
    const members = attendance.filter((a) => !a.guest && !a.suspended);
    if (members.length === 0) return null;
    const present = members.filter((a) => a.status === 'present').length;
    return {
      rule: 'committee',
      required: '超过半数委员到会',
      expected: members.length,
      present,
      met: moreThan(present, members.length, HALF),
    };
  }
  if (kind === 'branch_general_meeting') {
    const roll = votingRoll(attendance, settings);
    if (roll.eligible === 0) return null;
    const election = votes.some((v) => v.type === 'election');
    const share = election ? settings.electionQuorum : HALF;
    return {
      rule: election ? 'election' : 'general',
      required: `有表决权的党员到会超过应到会人数的${fractionText(share)}${election ? '（选举）' : ''}`,
      expected: roll.eligible,
      present: roll.present,
      met: moreThan(roll.present, roll.eligible, share),
    };
  }
  return null;
}

export const NO_QUORUM_LABEL = '未达到规定人数';

// ---------------------------------------------------------------- votes

export interface CandidateTally extends CandidateInput {
  name: string;
  elected: boolean;
}

export interface VoteTally {
  /** Voting members who should attend (应到会有表决权). */
  eligible: number;
  presentVoters: number;
  /** Enough voting members present for this vote (an election: the election share). */
  quorum: boolean;
  yesTotal: number;
  noTotal: number;
  abstainTotal: number;
  /** Yes-votes must exceed this: half of the eligible (an election: half of those present). */
  threshold: number;
  passed: boolean;
  candidates: CandidateTally[];
}

/**
 * A vote's result by its type's rule: admission, full membership and decisions pass with yes-votes
 * (written opinions included) from more than half of the voting members who should attend; an election
 * elects each candidate with yes-votes from more than half of the voting members present, and passes
 * when every candidate is elected.
 */
export function tallyVote(
  attendance: AttendanceEntry[],
  vote: VoteInput,
  settings: VoteSettings = DEFAULT_SETTINGS,
): VoteTally {
  const roll = votingRoll(attendance, settings);
  const election = vote.type === 'election';
  const quorum = moreThan(roll.present, roll.eligible, election ? settings.electionQuorum : HALF);
  const yesTotal = vote.yes + (vote.writtenYes ?? 0);
  const noTotal = vote.no + (vote.writtenNo ?? 0);
  const abstainTotal = vote.abstain + (vote.writtenAbstain ?? 0);
  const names = new Map(attendance.map((a) => [a.personId, a.name]));
  if (election) {
    const candidates = (vote.candidates ?? []).map((c) => ({
      ...c,
      name: names.get(c.personId) ?? '',
      elected: quorum && c.yes * 2 > roll.present,
    }));
    return {
      eligible: roll.eligible,
      presentVoters: roll.present,
      quorum,
      yesTotal,
      noTotal,
      abstainTotal,
      threshold: roll.present / 2,
      passed: candidates.length ? candidates.every((c) => c.elected) : quorum && yesTotal * 2 > roll.present,
      candidates,
    };
  }
  return {
    eligible: roll.eligible,
    presentVoters: roll.present,
    quorum,
    yesTotal,
    noTotal,
    abstainTotal,
    threshold: roll.eligible / 2,
    passed: quorum && yesTotal * 2 > roll.eligible,
    candidates: [],
  };
}

/** Problems of a vote against the roll call, in Chinese; null when it fits. */
export function checkVote(
  attendance: AttendanceEntry[],
  vote: VoteInput,
  settings: VoteSettings = DEFAULT_SETTINGS,
): string | null {
  const roll = votingRoll(attendance, settings);
  const cast = vote.yes + vote.no + vote.abstain;
  const written = (vote.writtenYes ?? 0) + (vote.writtenNo ?? 0) + (vote.writtenAbstain ?? 0);
  if (cast > roll.present)
    return `表决票数（${cast}）超过到会有表决权的正式党员人数（${roll.present}）；预备党员和停止党籍的党员没有表决权`;
  if (vote.type === 'election') {
    if (written > 0) return '选举不得以书面意见代替投票';
    for (const c of vote.candidates ?? []) {
      const line = attendance.find((a) => a.personId === c.personId);
      if (!line || line.guest) return '候选人应为本支部党员';
      if (!hasVote(line)) return `${line.name} 没有被选举权（预备党员或停止党籍）`;
      if (c.yes + c.no + c.abstain > roll.present)
        return `${line.name} 的得票数超过到会有选举权的党员人数（${roll.present}）`;
    }
    if ((vote.candidates ?? []).length === 0 && vote.newTerm) return '换届选举须列出候选人及其得票';
    return null;
  }
  if (vote.candidates?.length) return '只有选举可以列出候选人';
  if (written > roll.absent) return `书面意见数（${written}）超过未到会有表决权的党员人数（${roll.absent}）`;
  return null;
}

const dateCn = (heldOn: string) => {
  const [y, m, d] = heldOn.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The resolution text of one vote, generated from the data, in the words of the record book. */
export function resolutionText(heldOn: string, vote: VoteInput, tally: VoteTally): string {
  const election = vote.type === 'election';
  const head = `${dateCn(heldOn)}支部党员大会应到会有${election ? '选举' : '表决'}权的党员${tally.eligible}名，实到${tally.presentVoters}名`;
  if (!tally.quorum)
    return election
      ? `${head}，未超过应到会有选举权党员的五分之四，不能进行选举，“${vote.subject}”未进行。`
      : `${head}，未超过应到会有表决权党员的半数，会议不能进行表决，“${vote.subject}”事项未付表决。`;
  if (election) {
    const lines = tally.candidates.map(
      (c) =>
        `${c.name}${c.post ? `（${c.post}）` : ''}得赞成票${c.yes}票，${c.elected ? '当选' : '未超过实到会有选举权党员的半数，未当选'}`,
    );
    return `${head}，符合规定人数。经无记名投票选举，${lines.join('；') || `赞成${tally.yesTotal}票`}。`;
  }
  const writtenCount = (vote.writtenYes ?? 0) + (vote.writtenNo ?? 0) + (vote.writtenAbstain ?? 0);
  const written = writtenCount > 0 ? `（含未到会党员书面意见${writtenCount}份）` : '';
  const counts = `赞成${tally.yesTotal}票，反对${tally.noTotal}票，弃权${tally.abstainTotal}票${written}`;
  const verdict = tally.passed
    ? `赞成票超过应到会有表决权党员的半数，“${vote.subject}”获得通过。`
    : `赞成票未超过应到会有表决权党员的半数，“${vote.subject}”未获通过。`;
  return `${head}，符合规定人数。经${VOTE_TYPE_LABELS[vote.type]}表决，${counts}。${verdict}`;
}

// ---------------------------------------------------------------- members' own part

interface OwnTurn {
  kind: string;
  status: string;
  heldOn: string;
  /** The meeting's start. */
  heldAt: Date | string;
}

/**
 * Self sign-in (签到): a member on the expected list signs in while the record is still the secretary's
 * draft, on the meeting's own day (Asia/Shanghai) within `signInWindowMinutes` of the start, or any time
 * that day with the code the secretary shows. Every kind of meeting. Null when allowed, else why not.
 */
export function signInRefusal(
  m: OwnTurn,
  now: Date,
  today: string,
  onList: boolean,
  settings: Pick<MeetingSettings, 'signInWindowMinutes'> = DEFAULT_SETTINGS,
  withCode = false,
): string | null {
  if (m.status === 'cancelled') return '会议已取消';
  if (m.status !== 'draft') return '会议记录已提交，签到已结束';
  if (!onList) return '您不在本次会议的应到名单中';
  if (m.heldOn !== today)
    return m.heldOn > today ? `签到在会议当天（${m.heldOn}）开放` : '会议已过，签到已结束';
  if (withCode) return null;
  const minutes = (now.getTime() - new Date(m.heldAt).getTime()) / 60_000;
  const w = settings.signInWindowMinutes;
  if (minutes < -w) return `签到在会议开始前 ${w} 分钟开放；也可扫描书记出示的签到码`;
  if (minutes > w) return `签到已于会议开始后 ${w} 分钟结束；请扫描书记出示的签到码`;
  return null;
}

/** Asking for leave (请假): before the meeting starts, while it is a plan, by a member on its list. */
export function leaveRefusal(m: OwnTurn, now: Date, onList: boolean, signedIn: boolean): string | null {
  if (m.status === 'cancelled') return '会议已取消';
  if (m.status !== 'draft') return '会议记录已提交';
  if (!onList) return '您不在本次会议的应到名单中';
  if (signedIn) return '您已签到';
  if (now.getTime() >= new Date(m.heldAt).getTime()) return '会议已开始，请直接联系支部书记';
  return null;
}

/** A member reports their 补学 (make-up study): absent or on leave at a record that counts. */
export function makeUpRefusal(
  m: { status: string },
  line: AttendanceEntry | undefined,
  counted: boolean,
): string | null {
  if (!line) return '您不在本次会议的名单中';
  if (!counted) return m.status === 'cancelled' ? '会议已取消' : '会议记录提交后才能登记补学';
  if (line.status === 'present') return '您已出席，无需补学';
  return null;
}

// ---------------------------------------------------------------- 民主评议 grades

export const GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export interface GradeInput {
  personId: string;
  grade: Grade;
}

/** The most 优秀 grades allowed among `graded` full members: the ratio, rounded down. */
export const excellentCap = (graded: number, ratio: Fraction = DEFAULT_SETTINGS.excellentRatio) =>
  Math.floor((graded * ratio.numerator) / ratio.denominator);

/**
 * Problems of the grades of a 民主评议党员 against its roll call, by field: only full members with a normal
 * standing get a grade (probationary members take part without one); each once; 优秀 at most the ratio
 * of the full members graded, rounded down.
 */
export function checkGrades(
  kind: string,
  attendance: AttendanceEntry[],
  grades: GradeInput[],
  settings: Pick<MeetingSettings, 'excellentRatio'> = DEFAULT_SETTINGS,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (grades.length === 0) return errors;
  if (kind !== 'democratic_review') return { grades: '评定等次：只有民主评议党员记录评定等次' };
  const seen = new Set<string>();
  grades.forEach((g, i) => {
    const line = attendance.find((a) => a.personId === g.personId && !a.guest);
    if (!line) errors[`grades.${i}.personId`] = '评定等次：该人员不在本次评议的党员名单中';
    else if (seen.has(g.personId)) errors[`grades.${i}.personId`] = `评定等次：${line.name} 重复评定`;
    else if (line.suspended) errors[`grades.${i}.grade`] = `评定等次：${line.name} 已停止党籍，不评定等次`;
    else if (line.partyStatus !== 'full')
      errors[`grades.${i}.grade`] = `评定等次：${line.name} 是预备党员，参加评议但不评定等次`;
    seen.add(g.personId);
  });
  const excellent = grades.filter((g) => g.grade === 'excellent').length;
  const cap = excellentCap(grades.length, settings.excellentRatio);
  if (excellent > cap) {
    errors.grades = `评定等次：评为优秀的最多 ${cap} 人（参加评定的正式党员 ${grades.length} 人的${fractionText(settings.excellentRatio)}，向下取整），本次评为优秀 ${excellent} 人`;
  }
  return errors;
}

export const FOLLOW_UP_KINDS = ['talk', 'disposal'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FOLLOW_UP_LABELS: Record<FollowUpKind, string> = {
  talk: '谈心谈话，帮助查找问题、限期改进',
  disposal: '组织处置：限期改正；经教育仍无转变的，劝其退党或除名（《中国共产党章程》第九条）',
};

/** The follow-up a grade calls for: 基本合格 a talk, 不合格 the handling the party constitution names. */
export const followUpOf = (grade: Grade): FollowUpKind | null =>
  grade === 'basically_qualified' ? 'talk' : grade === 'unqualified' ? 'disposal' : null;

export const kindLabel = (k: string) => MEETING_KIND_LABELS[k as MeetingKind] ?? k;
