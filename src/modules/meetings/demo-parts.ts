import type { SeedPost, SeedTerm } from '../../kernel/orgs/api';
import { Rng } from '../../platform/random';
import {
  type AttendanceEntry,
  excellentCap,
  type Grade,
  type GradeInput,
  hasVote,
  type VoteInput,
} from './roll';
import { addDays, addMonths as addMonthsTo } from './rules-periods';

/**
 * The parts of the demo issue 9 asks for, drawn from a random sequence of their own (so every other
 * module's demo data stays what it was): committees as posts with their terms, 民主评议 grades, and the
 * members' own sign-ins and leave requests on recent meetings.
 */
export const demoRng = () => new Rng(20181028);

export interface DemoBranch {
  id: string;
  parentId: string | null;
  establishedOn: string;
  hasCommittee: boolean;
}

export interface DemoHolder {
  id: string;
  name: string;
  fullMemberOn: string | null;
  post: SeedPost['post'];
}

/**
 * The term each branch's committee is in: most elected in the last two and a half years, a few ending
 * within six months (the superior's reminder), one or two overdue, each no earlier than the branch.
 */
export function demoTermStarts(
  branches: DemoBranch[],
  today: string,
  r: Rng,
  special: { demoBranchId: string; demoGeneralId: string },
): Map<string, string> {
  const out = new Map<string, string>();
  const others = branches.filter((b) => b.id !== special.demoBranchId);
  const underDemo = others.filter((b) => b.parentId === special.demoGeneralId);
  const elsewhere = others.filter((b) => b.parentId !== special.demoGeneralId);
  const dueSoon = new Set(
    [...underDemo.slice(0, 2), ...elsewhere.filter((_, i) => i % 37 === 5)].map((b) => b.id),
  );
  const overdue = new Set([underDemo[2]?.id, elsewhere[11]?.id].filter(Boolean) as string[]);
  for (const b of branches) {
    let start: string;
    if (overdue.has(b.id)) start = addDays(addMonthsTo(today, -36), -r.int(25, 110));
    else if (dueSoon.has(b.id)) start = r.date(addMonthsTo(today, -35), addMonthsTo(today, -31));
    else start = r.date(addMonthsTo(today, -29), addMonthsTo(today, -2));
    out.set(b.id, start < b.establishedOn ? b.establishedOn : start);
  }
  return out;
}

/** The posts of one branch's term: each from the term's start (or the day the holder became a full member). */
export function demoPosts(
  orgId: string,
  start: string,
  holders: DemoHolder[],
  meetingId?: string,
): SeedPost[] {
  return holders.map((h) => ({
    orgId,
    personId: h.id,
    name: h.name,
    post: h.post,
    from: h.fullMemberOn && h.fullMemberOn > start ? h.fullMemberOn : start,
    source: meetingId ? 'election' : 'appointment',
    meetingId: meetingId ?? null,
  }));
}

export const demoTerm = (orgId: string, startedOn: string, meetingId?: string): SeedTerm => ({
  orgId,
  startedOn,
  years: 3,
  meetingId: meetingId ?? null,
});

/**
 * The election at the demo branch's general meeting that began its term: at least four fifths of the
 * voting members there (an election needs it), each committee member a candidate elected to their post.
 */
export function demoElection(attendance: AttendanceEntry[], holders: DemoHolder[], r: Rng): VoteInput {
  const voters = attendance.filter((a) => hasVote(a) && !a.guest);
  for (const a of voters) {
    const present = voters.filter((v) => v.status === 'present').length;
    if (present * 5 > voters.length * 4) break;
    if (a.status !== 'present') {
      a.status = 'present';
      a.reason = null;
      a.makeUpOn = undefined;
      a.makeUpHow = undefined;
    }
  }
  const present = voters.filter((v) => v.status === 'present').length;
  return {
    subject: '选举新一届支部委员会',
    type: 'election',
    yes: 0,
    no: 0,
    abstain: 0,
    newTerm: true,
    candidates: holders.map((h) => {
      const no = r.int(0, 1);
      return { personId: h.id, post: h.post, yes: present - no, no, abstain: 0 };
    }),
  };
}

/**
 * Grades of one 民主评议党员: every full member with a vote graded; 优秀 for up to the cap (a share drawn
 * each year), now and then a 基本合格, very rarely a 不合格.
 */
export function demoGrades(attendance: AttendanceEntry[], r: Rng, mustFollowUp = false): GradeInput[] {
  const graded = attendance.filter((a) => hasVote(a) && !a.guest);
  const cap = excellentCap(graded.length);
  const excellent = Math.min(cap, Math.round(graded.length * (r.int(15, 30) / 100)));
  const order = r.shuffle([...graded]);
  return order.map((a, i) => {
    let grade: Grade = i < excellent ? 'excellent' : 'qualified';
    if (grade === 'qualified' && (r.chance(0.04) || (mustFollowUp && i === graded.length - 1)))
      grade = 'basically_qualified';
    if (grade === 'qualified' && r.chance(0.005)) grade = 'unqualified';
    return { personId: a.personId, grade };
  });
}

/**
 * What members did themselves at a recent meeting: most of those present signed in on their phones around
 * the start, about half of those on leave asked for it the day before. Never after `latest`.
 */
export function demoOwnActions(attendance: AttendanceEntry[], heldAt: Date, latest: number, r: Rng) {
  for (const a of attendance) {
    if (a.guest) continue;
    if (a.status === 'present' && r.chance(0.7)) {
      const at = heldAt.getTime() + r.int(-25, 8) * 60_000;
      if (at <= latest) a.signedInAt = new Date(at).toISOString();
    }
    if (a.status === 'leave' && r.chance(0.6)) {
      const at = heldAt.getTime() - r.int(3, 40) * 3_600_000;
      if (at <= latest) a.leaveRequestedAt = new Date(at).toISOString();
    }
  }
}
