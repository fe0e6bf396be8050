import { and, eq, sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { people } from '../../kernel/people/api';
import type { Actor } from '../../platform/access';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { type Executor, uuidList } from '../../platform/db';
import type { AppError } from '../../platform/errors';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import type { AttachmentItem, MeetingDetail, MeetingItem } from './contract';
import {
  canOnMeeting,
  decideOnMeeting,
  type MeetingAction,
  type MeetingResource,
  meetingActions,
} from './policy';
import {
  type AttendanceEntry,
  attendanceCounts,
  attendanceRate,
  FOLLOW_UP_LABELS,
  followUpOf,
  GRADE_LABELS,
  leaveRefusal,
  leftOut,
  makeUpRefusal,
  meetingQuorum,
  resolutionText,
  signInRefusal,
  tallyVote,
  VOTE_TYPE_LABELS,
  type VoteInput,
} from './roll';
import {
  COUNTED_STATUSES,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingStatus,
} from './rules-kinds';
import type { MeetingSettings } from './rules-settings';
import { type meetingAttachments, meetings } from './tables';

/**
 * One meeting as the use cases hold it: loading (with its organization and branch), the policy's view of
 * it, the authorization of an action, and the whitelist a client sees.
 */

export type MeetingRow = typeof meetings.$inferSelect;

export type JoinedRow = MeetingRow & {
  orgName: string;
  orgType: string;
  branchName: string;
  branchPath: string;
  hostName: string | null;
  recorderName: string | null;
};

export const localDay = (at: Date | string): string => dayjs(at).tz(ZONE).format('YYYY-MM-DD');

export const iso = (v: Date | string | null) =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

const joined = {
  m: meetings,
  orgName: sql<string>`o.name`,
  orgType: sql<string>`o.type`,
  branchName: sql<string>`b.name`,
  branchPath: sql<string>`b.path`,
};

export async function loadMeeting(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<JoinedRow | undefined> {
  const [row] = await db
    .select({
      ...joined,
      hostName: sql<string | null>`(select name from ${people} where id = ${meetings.hostPersonId})`,
      recorderName: sql<string | null>`(select name from ${people} where id = ${meetings.recorderPersonId})`,
    })
    .from(meetings)
    .innerJoin(sql`${orgs} o`, sql`o.id = ${meetings.orgId}`)
    .innerJoin(sql`${orgs} b`, sql`b.id = ${meetings.branchId}`)
    .where(and(eq(meetings.id, id), eq(meetings.tenantId, tenantId)));
  if (!row) return undefined;
  const { m, ...rest } = row;
  return { ...m, ...rest };
}

/** Meetings by id, in the order given (lists: host and recorder names are for the detail only). */
export async function loadMany(db: Executor, tenantId: string, ids: string[]): Promise<JoinedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(joined)
    .from(meetings)
    .innerJoin(sql`${orgs} o`, sql`o.id = ${meetings.orgId}`)
    .innerJoin(sql`${orgs} b`, sql`b.id = ${meetings.branchId}`)
    .where(and(eq(meetings.tenantId, tenantId), sql`${meetings.id} in (${uuidList(ids)})`));
  const byId = new Map(
    rows.map(({ m, ...rest }) => [m.id, { ...m, ...rest, hostName: null, recorderName: null }]),
  );
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** What the policy needs to know of a meeting. */
export const resourceOf = (r: {
  tenantId: string;
  branchPath: string;
  status: string;
  heldOn: string;
  heldAt: Date | string;
  kind: string;
  attendance: AttendanceEntry[];
}): MeetingResource => {
  const now = new Date();
  const today = todayLocal(now);
  return {
    tenantId: r.tenantId,
    branchPath: r.branchPath,
    status: r.status as MeetingStatus,
    planned: r.status === 'draft' && r.heldOn >= today,
    kind: r.kind,
    heldOn: r.heldOn,
    heldAt: iso(r.heldAt)!,
    today,
    now,
    attendeeIds: r.attendance.filter((a) => !a.guest).map((a) => a.personId),
    signedInIds: r.attendance.filter((a) => a.signedInAt).map((a) => a.personId),
    presentIds: r.attendance.filter((a) => a.status === 'present').map((a) => a.personId),
  };
};

const statusLabel = (s: string) => MEETING_STATUS_LABELS[s as MeetingStatus];

/**
 * Why an action the policy refuses is refused, when the caller is the right person and the record's
 * state is what stands in the way: that is a conflict (409), not a permission.
 */
function stateConflict(actor: Actor, row: JoinedRow, action: MeetingAction): AppError | null {
  const res = resourceOf(row);
  if (action === 'submit' && canOnMeeting(actor, 'submit', { ...res, status: 'draft' }))
    return conflict(`该记录状态为“${statusLabel(row.status)}”，不能提交`);
  if (action === 'cancel' && canOnMeeting(actor, 'cancel', { ...res, status: 'draft', planned: true }))
    return conflict('只有尚未召开的计划（草稿）可以取消');
  const line = actor.personId
    ? row.attendance.find((a) => a.personId === actor.personId && !a.guest)
    : undefined;
  if (action === 'sign_in' && actor.personId) {
    const why = line?.signedInAt
      ? '您已签到'
      : signInRefusal(row, new Date(), todayLocal(), !!line, undefined, true);
    if (why) return line ? conflict(why) : forbidden(why);
  }
  if (action === 'request_leave' && actor.personId) {
    const why = leaveRefusal(row, new Date(), !!line, !!line?.signedInAt);
    if (why) return line ? conflict(why) : forbidden(why);
  }
  if (action === 'make_up' && actor.personId) {
    const why = makeUpRefusal(row, line, COUNTED_STATUSES.includes(row.status as MeetingStatus));
    if (why) return line ? conflict(why) : forbidden(why);
  }
  if (
    action === 'review' &&
    row.status !== 'submitted' &&
    canOnMeeting(actor, 'review', { ...res, status: 'submitted' })
  )
    return conflict(`该记录状态为“${statusLabel(row.status)}”，不在待审核状态`);
  return null;
}

/** Loads a meeting and checks the action: out of the caller's sight is 404, visible but not allowed 403. */
export async function authorizeMeeting(
  db: Executor,
  actor: Actor,
  id: string,
  action: MeetingAction,
): Promise<JoinedRow> {
  const row = await loadMeeting(db, actor.tenantId, id);
  if (!row) throw notFound('会议记录');
  enforce(decideOnMeeting(actor, 'read', resourceOf(row)));
  const decision = decideOnMeeting(actor, action, resourceOf(row));
  if (!decision.ok) {
    const why = stateConflict(actor, row, action);
    if (why) throw why;
    enforce(decision);
  }
  return row;
}

/** Serializes the writers of one roll call (the secretary's edits and members signing in at once). */
export const lockMeeting = (tx: Executor, id: string) =>
  tx.execute(sql`select id from ${meetings} where id = ${id} for update`);

function presentVotes(
  heldOn: string,
  attendance: AttendanceEntry[],
  votes: VoteInput[],
  settings: MeetingSettings,
) {
  return votes.map((v) => {
    const tally = tallyVote(attendance, v, settings);
    return { ...v, typeLabel: VOTE_TYPE_LABELS[v.type], tally, resolution: resolutionText(heldOn, v, tally) };
  });
}

/** The caller's own line: on the expected list (or a guest), signed in, on leave, 补学. */
function ownLine(actor: Actor, r: JoinedRow): MeetingItem['me'] {
  const mine = actor.personId ? r.attendance.find((a) => a.personId === actor.personId) : undefined;
  if (!mine) return null;
  return {
    status: mine.status,
    guest: !!mine.guest,
    signedInAt: mine.signedInAt ?? null,
    leaveRequestedAt: mine.leaveRequestedAt ?? null,
    reason: mine.reason ?? null,
    makeUpOn: mine.makeUpOn ?? null,
    makeUpMemberAt: mine.makeUpMemberAt ?? null,
    makeUpSecretaryAt: mine.makeUpSecretaryAt ?? null,
  };
}

/** The whitelist of what a client sees of a meeting in a list. */
export function presentItem(actor: Actor, r: JoinedRow, settings: MeetingSettings): MeetingItem {
  const res = resourceOf(r);
  const quorum = meetingQuorum(r.kind, r.attendance, r.votes, settings);
  // The stored verdict is the record's (kept when it was written); older rows are read from the roll call.
  const met = r.quorumMet ?? quorum?.met ?? null;
  const started = new Date(r.heldAt).getTime() <= Date.now();
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    orgType: r.orgType,
    branchId: r.branchId,
    branchName: r.branchName,
    kind: r.kind as MeetingKind,
    kindLabel: MEETING_KIND_LABELS[r.kind as MeetingKind],
    topic: r.topic,
    heldAt: iso(r.heldAt)!,
    heldOn: r.heldOn,
    place: r.place,
    status: r.status as MeetingStatus,
    statusLabel: res.planned ? (started ? '待记录' : '计划') : statusLabel(r.status),
    planned: !!res.planned,
    started,
    late: r.late,
    recordedAt: iso(r.recordedAt)!,
    submittedAt: iso(r.submittedAt),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
    reviewerName: r.reviewerName,
    attendanceCounts: attendanceCounts(r.attendance),
    attendanceRate: attendanceRate(r.attendance),
    quorum: met,
    quorumRule: quorum && { ...quorum, met: met ?? quorum.met },
    noQuorum: met === false,
    me: ownLine(actor, r),
    version: r.version,
    actions: meetingActions(actor, res),
  };
}

/** The grades of a 民主评议党员 with their follow-ups (done ones from review_follow_ups). */
export function presentGrades(
  r: JoinedRow,
  done: Map<string, { doneOn: string; note: string }>,
): MeetingDetail['grades'] {
  const names = new Map(r.attendance.map((a) => [a.personId, a.name]));
  return (r.grades ?? []).map((g) => {
    const followUp = followUpOf(g.grade);
    const d = done.get(g.personId);
    return {
      personId: g.personId,
      name: names.get(g.personId) ?? '',
      grade: g.grade,
      gradeLabel: GRADE_LABELS[g.grade],
      followUp,
      followUpLabel: followUp ? FOLLOW_UP_LABELS[followUp] : null,
      followUpDoneOn: d?.doneOn ?? null,
      followUpNote: d?.note ?? null,
    };
  });
}

/** A meeting in full, without the parts kept in other tables (cancellation, attachments, follow-ups). */
export function presentDetail(
  actor: Actor,
  r: JoinedRow,
  settings: MeetingSettings,
): Omit<MeetingDetail, 'cancellation' | 'attachments' | 'classHours' | 'grades'> {
  return {
    ...presentItem(actor, r, settings),
    hostPersonId: r.hostPersonId,
    hostName: r.hostName,
    recorderPersonId: r.recorderPersonId,
    recorderName: r.recorderName,
    lecturer: r.lecturer,
    agenda: r.agenda,
    minutes: r.minutes,
    resolutions: r.resolutions,
    attendance: r.attendance,
    votes: presentVotes(r.heldOn, r.attendance, r.votes, settings),
    leftOut: leftOut(r.attendance, r.kind === 'branch_general_meeting', settings),
    createdByName: r.createdByName,
    updatedAt: iso(r.updatedAt),
  };
}

export const presentAttachment = (a: typeof meetingAttachments.$inferSelect): AttachmentItem => ({
  id: a.id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256,
  uploadedAt: iso(a.uploadedAt)!,
  uploadedByName: a.uploadedByName,
});
