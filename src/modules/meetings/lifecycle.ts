import { eq, sql } from 'drizzle-orm';
import { electionTiming, type OrgRow } from '../../kernel/orgs/api';
import { people } from '../../kernel/people/api';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit, canonicalJson } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { draftedAtValue } from '../../platform/drafts';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { CreateMeetingInput, UpdateMeetingInput } from './contract';
import { authorizeMeeting, iso, type JoinedRow, localDay, lockMeeting, type MeetingRow } from './records';
import { insertRevision } from './revisions';
import {
  type AttendanceEntry,
  checkGrades,
  checkVote,
  type GradeInput,
  meetingQuorum,
  type VoteInput,
} from './roll';
import { buildAttendance, orgForRecording, overridesOf, rollCallCounts, rosterOn } from './roster';
import { MEETING_KIND_LABELS, type MeetingKind, REVISED_FIELDS } from './rules-kinds';
import { addDays, isLate } from './rules-periods';
import type { MeetingSettings } from './rules-settings';
import { loadSettings } from './settings';
import { meetingEntity, meetingRevisionEntity, meetings } from './tables';

/** Recording a meeting and changing its record: drafts freely, after submission as revisions with a reason. */

/** A meeting is held after its organization was founded, and planned at most a year ahead. */
function checkHeldOn(heldOn: string, org: Pick<OrgRow, 'establishedOn'>) {
  if (heldOn < org.establishedOn)
    throw invalid({ heldAt: `召开时间：早于该组织成立日期（${org.establishedOn}）` });
  if (heldOn > addDays(todayLocal(), 366)) throw invalid({ heldAt: '召开时间：最多提前一年计划会议' });
}

/**
 * The votes against the roll call, each by its type's rule; an election of a new committee (换届) early
 * or late needs its reason, and never more than a year off.
 */
async function checkVotes(
  db: Executor,
  tenantId: string,
  m: { kind: string; branchId: string; heldOn: string },
  attendance: AttendanceEntry[],
  votes: VoteInput[],
  settings: MeetingSettings,
) {
  if (votes.length === 0) return;
  if (m.kind !== 'branch_general_meeting') throw invalid({ votes: '表决：只有支部党员大会可以表决' });
  const errors: Record<string, string> = {};
  for (const [i, v] of votes.entries()) {
    const problem = checkVote(attendance, v, settings);
    if (problem) errors[`votes.${i}`] = `表决：${problem}`;
    else if (v.type === 'election' && v.newTerm) {
      const timing = await electionTiming(db, tenantId, m.branchId, m.heldOn, v.termReason);
      if (timing) errors[`votes.${i}.termReason`] = `表决：${timing}`;
    }
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

function checkGradesOf(
  kind: string,
  attendance: AttendanceEntry[],
  grades: GradeInput[],
  settings: MeetingSettings,
) {
  const errors = checkGrades(kind, attendance, grades, settings);
  if (Object.keys(errors).length) throw invalid(errors, errors.grades);
}

/** Whether the roll call met the kind's quorum: null where no rule applies. */
const quorumOf = (
  kind: string,
  attendance: AttendanceEntry[],
  votes: VoteInput[],
  settings: MeetingSettings,
): boolean | null => meetingQuorum(kind, attendance, votes, settings)?.met ?? null;

async function checkPeopleRefs(
  db: Executor,
  tenantId: string,
  input: { hostPersonId?: string | null; recorderPersonId?: string | null },
) {
  const errors: Record<string, string> = {};
  for (const [field, title] of [
    ['hostPersonId', '主持人'],
    ['recorderPersonId', '记录人'],
  ] as const) {
    const id = input[field];
    if (!id) continue;
    const [p] = await queryRows<{ id: string }>(
      db,
      sql`select id from ${people} where id = ${id} and tenant_id = ${tenantId}`,
    );
    if (!p) errors[field] = `${title}：人员不存在`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

function checkKindFits(kind: string, orgType: string) {
  if (kind === 'party_group_meeting' && orgType !== 'party_group')
    throw invalid({ kind: '会议类型：党小组会应由党小组召开' });
  if (kind !== 'party_group_meeting' && kind !== 'other' && orgType === 'party_group')
    throw invalid({ kind: `会议类型：党小组不能召开${MEETING_KIND_LABELS[kind as MeetingKind]}` });
}

export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  input: CreateMeetingInput,
): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const heldOn = localDay(input.heldAt);
    const { org, branchId } = await orgForRecording(tx, actor, input.orgId, heldOn);
    checkKindFits(input.kind, org.type);
    await checkPeopleRefs(tx, actor.tenantId, input);
    const settings = await loadSettings(tx, actor.tenantId);
    checkHeldOn(heldOn, org);
    const roster = await rosterOn(tx, org, branchId, heldOn);
    const attendance = buildAttendance(input.kind, roster, input.attendance);
    const votes = (input.votes ?? []) as VoteInput[];
    await checkVotes(tx, actor.tenantId, { kind: input.kind, branchId, heldOn }, attendance, votes, settings);
    const grades = input.grades ?? [];
    checkGradesOf(input.kind, attendance, grades, settings);
    const now = new Date();
    const id = newId();
    await tx.insert(meetings).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      branchId,
      kind: input.kind,
      topic: input.topic,
      heldAt: new Date(input.heldAt),
      heldOn,
      place: input.place,
      hostPersonId: input.hostPersonId ?? null,
      recorderPersonId: input.recorderPersonId ?? null,
      lecturer: input.lecturer ?? null,
      agenda: input.agenda ?? [],
      minutes: input.minutes ?? null,
      resolutions: input.resolutions ?? null,
      attendance,
      votes,
      classHours: input.classHours ?? settings.classHoursByKind[input.kind],
      quorumMet: quorumOf(input.kind, attendance, votes, settings),
      grades: input.kind === 'democratic_review' ? grades : null,
      ...rollCallCounts(attendance),
      status: 'draft',
      // Provisional until submission: a record begun after the allowed delay can only be late.
      late: isLate(heldOn, localDay(now), settings.lateAfterDays),
      recordedAt: now,
      draftedAt: draftedAtValue(input.draftedAt, now),
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      updatedAt: now,
    });
    await audit(tx, actor, {
      action: 'meeting.create',
      target: { entity: meetingEntity, id },
      details: { orgId: org.id, kind: input.kind, heldOn },
    });
    return id;
  });
}

/** The fields a reviewer compares, in the shape the client sent them. */
function revisable(r: MeetingRow): Record<string, unknown> {
  return {
    orgId: r.orgId,
    kind: r.kind,
    topic: r.topic,
    heldAt: iso(r.heldAt),
    place: r.place,
    hostPersonId: r.hostPersonId,
    recorderPersonId: r.recorderPersonId,
    lecturer: r.lecturer,
    agenda: r.agenda,
    minutes: r.minutes,
    resolutions: r.resolutions,
    attendance: r.attendance,
    votes: r.votes,
    classHours: r.classHours,
    grades: r.grades,
  };
}

function diffOf(before: MeetingRow, after: MeetingRow) {
  const a = revisable(before);
  const b = revisable(after);
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of REVISED_FIELDS)
    if (canonicalJson(a[f]) !== canonicalJson(b[f])) diff[f] = { from: a[f], to: b[f] };
  return diff;
}

/** A field the client may clear (null) or leave out (undefined: unchanged). */
const keep = <T>(sent: T | undefined, old: T): T => (sent === undefined ? old : sent);

/** The organization, kind, day and roll call of a changed meeting, checked like a new one. */
async function changedRecord(
  tx: Executor,
  actor: Actor,
  before: JoinedRow,
  input: UpdateMeetingInput,
  settings: MeetingSettings,
) {
  const orgId = input.orgId ?? before.orgId;
  const heldAt = input.heldAt ? new Date(input.heldAt) : before.heldAt;
  const heldOn = localDay(heldAt);
  // The organization (a new one, or a new day: a dissolved branch's date rule, a group's branch that day).
  const { org, branchId } = await orgForRecording(tx, actor, orgId, heldOn);
  const kind = input.kind ?? before.kind;
  checkKindFits(kind, org.type);
  await checkPeopleRefs(tx, actor.tenantId, input);
  checkHeldOn(heldOn, org);
  let attendance = before.attendance;
  if (input.attendance || heldOn !== before.heldOn || orgId !== before.orgId || kind !== before.kind) {
    const roster = await rosterOn(tx, org, branchId, heldOn);
    const lines =
      input.attendance ??
      before.attendance.map(({ personId, status, reason, makeUpOn, makeUpHow }) => ({
        personId,
        status,
        reason,
        makeUpOn,
        makeUpHow,
      }));
    attendance = buildAttendance(kind, roster, lines, before.attendance);
  }
  const votes = (input.votes ?? before.votes) as VoteInput[];
  await checkVotes(tx, actor.tenantId, { kind, branchId, heldOn }, attendance, votes, settings);
  const grades = kind === 'democratic_review' ? (input.grades ?? before.grades ?? []) : null;
  checkGradesOf(kind, attendance, input.grades ?? grades ?? [], settings);
  // Cleared, or a new kind without hours of its own: the kind's default.
  const classHours =
    input.classHours != null
      ? input.classHours
      : input.classHours === null || kind !== before.kind
        ? settings.classHoursByKind[kind as MeetingKind]
        : before.classHours;
  return {
    orgId,
    branchId,
    kind,
    topic: input.topic ?? before.topic,
    heldAt,
    heldOn,
    place: input.place ?? before.place,
    hostPersonId: keep(input.hostPersonId, before.hostPersonId),
    recorderPersonId: keep(input.recorderPersonId, before.recorderPersonId),
    lecturer: keep(input.lecturer, before.lecturer),
    agenda: input.agenda ?? before.agenda,
    minutes: keep(input.minutes, before.minutes),
    resolutions: keep(input.resolutions, before.resolutions),
    attendance,
    votes,
    classHours,
    grades,
    quorumMet: quorumOf(kind, attendance, votes, settings),
    ...rollCallCounts(attendance),
  } satisfies Partial<MeetingRow>;
}

/**
 * Changes a meeting's record. A draft changes freely; after submission every change needs a reason and
 * is kept as a revision, and a change to an approved record sends it back to the reviewer.
 */
export async function updateMeeting(ctx: AppContext, actor: Actor, id: string, input: UpdateMeetingInput) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const before = await authorizeMeeting(tx, actor, id, 'update');
    const afterSubmission = before.status !== 'draft';
    const reason = input.reason?.trim();
    if (afterSubmission && !reason) throw invalid({ reason: '修改原因：记录提交后的每次修改都须说明原因' });
    const settings = await loadSettings(tx, actor.tenantId);
    const next = await changedRecord(tx, actor, before, input, settings);
    const diff = diffOf(before, { ...before, ...next });
    if (Object.keys(diff).length === 0) return;

    const now = new Date();
    const { lateAfterDays } = settings;
    // Once late, always late; moving the date after submission is judged against the first submission.
    const late = afterSubmission
      ? before.late || isLate(next.heldOn, localDay(before.firstSubmittedAt!), lateAfterDays)
      : isLate(next.heldOn, localDay(now), lateAfterDays);
    const status = before.status === 'approved' ? 'submitted' : before.status;
    await tx
      .update(meetings)
      .set({
        ...next,
        late,
        status,
        submittedAt: status !== before.status ? now : before.submittedAt,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(eq(meetings.id, id));
    const events: AuditEvent[] = [
      {
        action: afterSubmission ? 'meeting.revise' : 'meeting.update',
        target: { entity: meetingEntity, id },
        details: {
          fields: Object.keys(diff),
          reason: reason ?? null,
          // The secretary's roll call over what members recorded themselves (签到, 请假), for the trail.
          overrides: overridesOf(before.attendance, next.attendance),
        },
      },
    ];
    if (afterSubmission) {
      const revisionId = await insertRevision(tx, actor, id, now, {
        kind: 'revision',
        reason: reason!,
        diff,
        statusAfter: status,
      });
      events.push({ action: 'meeting.revision', target: { entity: meetingRevisionEntity, id: revisionId } });
    }
    await audit(tx, actor, events);
  });
}
