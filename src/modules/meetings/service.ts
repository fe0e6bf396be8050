import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { canOnOrg } from '../../kernel/orgs/policy';
import { authorizeOrg, type OrgRow } from '../../kernel/orgs/service';
import { orgs, tenantEntity, tenants } from '../../kernel/orgs/tables';
import { type Actor, pathSql } from '../../platform/access';
import { actorRef, canonicalJson, recordAudit } from '../../platform/audit';
import { groupBy } from '../../platform/collections';
import type { AppContext } from '../../platform/context';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { CreateMeetingInput, ListMeetingsQuery, UpdateMeetingInput } from './contract';
import {
  canOnMeeting,
  canRecordFor,
  type MeetingAction,
  meetingActions,
  readablePaths,
  supervisedPaths,
} from './policy';
import {
  type AttendanceEntry,
  addDays,
  attendanceCounts,
  attendanceRate,
  COUNTED_STATUSES,
  type ComplianceItem,
  checkVote,
  complianceStatus,
  computeCompliance,
  FIELD_NAMES,
  isCommitteePost,
  isLate,
  isSilent,
  MEETING_KIND_LABELS,
  MEETING_RULESETS,
  MEETING_STATUS_LABELS,
  type MeetingKind,
  type MeetingSettings,
  type MeetingStatus,
  meetingQuorum,
  meetingSettings,
  type Period,
  periodOf,
  REVISED_FIELDS,
  requirements,
  resolutionText,
  signInRefusal,
  tallyVote,
  unitsOf,
  VOTE_TYPE_LABELS,
  type VoteInput,
} from './rules';
import {
  complianceSnapshots,
  meetingAttachments,
  meetingEntity,
  meetingRevisionEntity,
  meetingRevisions,
  meetings,
} from './tables';

type MeetingRow = typeof meetings.$inferSelect;

/** SQL: the status column (of `alias`) is one that counts as held; see COUNTED_STATUSES. */
const counted = (alias = '') =>
  sql.raw(`${alias ? `${alias}.` : ''}status in (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export async function loadSettings(db: Executor, tenantId: string): Promise<MeetingSettings> {
  const [t] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  return meetingSettings(t?.settings);
}

export async function getSettings(ctx: AppContext, actor: Actor) {
  if (actor.adminRole !== null || supervisedPaths(actor).length === 0)
    throw forbidden('只有组织管理者可以查看组织生活设置');
  return { ...(await loadSettings(ctx.db, actor.tenantId)), rulesets: MEETING_RULESETS };
}

/** Local practice is set by the committee (党委) for its whole tenant; the change is audited like any other. */
export async function updateSettings(ctx: AppContext, actor: Actor, patch: Partial<MeetingSettings>) {
  const committee = actor.roles.some(
    (r) => r.role === 'committee_admin' && r.orgPath.split('/').filter(Boolean).length === 1,
  );
  if (actor.adminRole !== null || !committee) throw forbidden('组织生活设置由党委管理员修改');
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx
      .select({ settings: tenants.settings })
      .from(tenants)
      .where(eq(tenants.id, actor.tenantId));
    const current = (t?.settings ?? {}) as Record<string, unknown>;
    const before = meetingSettings(current);
    const next = { ...before, ...patch };
    await tx
      .update(tenants)
      .set({ settings: { ...current, meetings: next } })
      .where(eq(tenants.id, actor.tenantId));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'meeting.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: next },
    });
    return { ...next, rulesets: MEETING_RULESETS };
  });
}

export const localDay = (at: Date | string): string => dayjs(at).tz(ZONE).format('YYYY-MM-DD');

// ---------------------------------------------------------------- roster

export interface RosterPerson {
  personId: string;
  name: string;
  partyStatus: string;
  exempt: boolean;
  partyGroupId: string | null;
  partyPosts: string | null;
  /** Holds a branch-committee post (isCommitteePost): on the 应到 list of a committee meeting. */
  committee: boolean;
}

/**
 * The party members of a branch (or a group) as they were on a date: branch membership history, party
 * status on that day (a full member whose full membership began later was probationary then).
 */
export async function rosterOn(
  db: Executor,
  org: OrgRow,
  branchId: string,
  on: string,
): Promise<RosterPerson[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    party_status: string;
    full_member_on: string | null;
    exempt: boolean;
    party_group_id: string | null;
    party_posts: string | null;
  }>(
    db,
    sql`select p.id, p.name, p.party_status, p.full_member_on, p.exempt, p.party_group_id, p.party_posts
        from people p
        where p.tenant_id = ${org.tenantId}
          and p.party_status in ('probationary', 'full')
          and (p.joined_party_on is null or p.joined_party_on <= ${on})
          and (p.ended_on is null or p.ended_on > ${on})
          and exists (select 1 from person_memberships pm where pm.person_id = p.id and pm.org_id = ${branchId}
                      and pm.valid_from <= ${on} and (pm.valid_to is null or pm.valid_to > ${on}))
          ${org.type === 'party_group' ? sql`and p.party_group_id = ${org.id}` : sql``}
        order by p.employee_no nulls last, p.name`,
  );
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    partyStatus:
      r.party_status === 'full' && r.full_member_on && r.full_member_on > on
        ? 'probationary'
        : r.party_status,
    exempt: r.exempt,
    partyGroupId: r.party_group_id,
    partyPosts: r.party_posts,
    committee: org.type === 'branch' && isCommitteePost(r.party_posts),
  }));
}

/** Kinds whose expected list (应到) is the whole roster: missing names are recorded absent. */
const ROSTER_KINDS: readonly string[] = [
  'branch_general_meeting',
  'party_group_meeting',
  'party_lecture',
  'theme_party_day',
  'organization_life_meeting',
  'democratic_review',
];

/**
 * The roll call of a meeting from what the secretary sent, against the roster of the day. A committee
 * meeting's 应到 is the committee (party posts), not the names sent: other members present are guests,
 * missing committee members are absent. Sign-in times already recorded are kept.
 */
export function buildAttendance(
  kind: string,
  roster: RosterPerson[],
  input: CreateMeetingInput['attendance'],
  previous: AttendanceEntry[] = [],
): AttendanceEntry[] {
  const byId = new Map(roster.map((p) => [p.personId, p]));
  const committeeMeeting = kind === 'branch_committee_meeting';
  if (committeeMeeting && !roster.some((p) => p.committee))
    throw invalid({
      attendance:
        '出勤：本支部没有登记支部委员（人员信息中的党内职务，如“党支部书记”“组织委员”），无法确定支委会应到名单',
    });
  const signedIn = new Map(previous.filter((e) => e.signedInAt).map((e) => [e.personId, e.signedInAt]));
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const out: AttendanceEntry[] = [];
  input.forEach((a, i) => {
    const p = byId.get(a.personId);
    if (!p) {
      errors[`attendance.${i}.personId`] = '出勤：该人员不在会议当日本组织的党员名单中';
      return;
    }
    if (seen.has(a.personId)) {
      errors[`attendance.${i}.personId`] = `出勤：${p.name} 重复登记`;
      return;
    }
    seen.add(a.personId);
    if (a.status === 'present' && (a.makeUpOn || a.makeUpHow))
      errors[`attendance.${i}.makeUpOn`] = `出勤：${p.name} 已出席，无需补学`;
    const guest = committeeMeeting && !p.committee;
    if (guest && a.status !== 'present')
      errors[`attendance.${i}.status`] = `出勤：${p.name} 不是支部委员，只能作为列席人员登记出席`;
    const entry: AttendanceEntry = {
      personId: p.personId,
      name: p.name,
      partyStatus: p.partyStatus,
      exempt: p.exempt,
      status: a.status,
      reason: a.status === 'present' ? null : (a.reason ?? null),
      makeUpOn: a.makeUpOn ?? null,
      makeUpHow: a.makeUpHow ?? null,
    };
    if (guest) entry.guest = true;
    const at = a.status === 'present' ? signedIn.get(p.personId) : undefined;
    if (at) entry.signedInAt = at;
    out.push(entry);
  });
  if (Object.keys(errors).length) throw invalid(errors);
  if (ROSTER_KINDS.includes(kind) || committeeMeeting)
    for (const p of roster)
      if (!seen.has(p.personId) && (!committeeMeeting || p.committee))
        out.push({
          personId: p.personId,
          name: p.name,
          partyStatus: p.partyStatus,
          exempt: p.exempt,
          status: 'absent',
        });
  return out;
}

/** A meeting is held while its organization exists, and planned at most a year ahead. */
function checkHeldOn(heldOn: string, org: Pick<OrgRow, 'establishedOn' | 'dissolvedOn'>) {
  if (heldOn < org.establishedOn)
    throw invalid({ heldAt: `召开时间：早于该组织成立日期（${org.establishedOn}）` });
  if (org.dissolvedOn && heldOn > org.dissolvedOn)
    throw invalid({ heldAt: `召开时间：晚于该组织撤销日期（${org.dissolvedOn}）` });
  if (heldOn > addDays(todayLocal(), 366)) throw invalid({ heldAt: '召开时间：最多提前一年计划会议' });
}

export function rollCallCounts(attendance: AttendanceEntry[]) {
  const c = attendanceCounts(attendance);
  return { expectedCount: c.expected, presentCount: c.present };
}

function checkVotes(kind: string, attendance: AttendanceEntry[], votes: VoteInput[]) {
  if (votes.length === 0) return;
  if (kind !== 'branch_general_meeting') throw invalid({ votes: '表决：只有支部党员大会可以表决' });
  const errors: Record<string, string> = {};
  votes.forEach((v, i) => {
    const problem = checkVote(attendance, v);
    if (problem) errors[`votes.${i}`] = `表决：${problem}`;
  });
  if (Object.keys(errors).length) throw invalid(errors);
}

// ---------------------------------------------------------------- loading and presenting

type JoinedRow = MeetingRow & {
  orgName: string;
  orgType: string;
  branchName: string;
  branchPath: string;
  hostName: string | null;
  recorderName: string | null;
};

async function loadMeeting(db: Executor, tenantId: string, id: string): Promise<JoinedRow | undefined> {
  const [row] = await db
    .select({
      m: meetings,
      orgName: sql<string>`o.name`,
      orgType: sql<string>`o.type`,
      branchName: sql<string>`b.name`,
      branchPath: sql<string>`b.path`,
      hostName: sql<string | null>`(select name from people where id = ${meetings.hostPersonId})`,
      recorderName: sql<string | null>`(select name from people where id = ${meetings.recorderPersonId})`,
    })
    .from(meetings)
    .innerJoin(sql`orgs o`, sql`o.id = ${meetings.orgId}`)
    .innerJoin(sql`orgs b`, sql`b.id = ${meetings.branchId}`)
    .where(and(eq(meetings.id, id), eq(meetings.tenantId, tenantId)));
  if (!row) return undefined;
  const { m, ...rest } = row;
  return { ...m, ...rest };
}

const resourceOf = (r: {
  tenantId: string;
  branchPath: string;
  status: string;
  heldOn: string;
  kind: string;
  attendance: AttendanceEntry[];
}) => {
  const today = todayLocal();
  return {
    tenantId: r.tenantId,
    branchPath: r.branchPath,
    status: r.status as MeetingStatus,
    planned: r.status === 'draft' && r.heldOn >= today,
    kind: r.kind,
    heldOn: r.heldOn,
    today,
    attendeeIds: r.attendance.map((a) => a.personId),
    signedInIds: r.attendance.filter((a) => a.signedInAt).map((a) => a.personId),
  };
};

/** Loads a meeting and checks the action: out of the caller's sight is 404, visible but not allowed 403. */
export async function authorizeMeeting(
  db: Executor,
  actor: Actor,
  id: string,
  action: MeetingAction,
): Promise<JoinedRow> {
  const row = await loadMeeting(db, actor.tenantId, id);
  if (!row || !canOnMeeting(actor, 'read', resourceOf(row))) throw notFound('会议记录');
  if (!canOnMeeting(actor, action, resourceOf(row))) {
    if (action === 'submit' && canOnMeeting(actor, 'submit', { ...resourceOf(row), status: 'draft' }))
      throw new AppError(
        409,
        'conflict',
        `该记录状态为“${MEETING_STATUS_LABELS[row.status as MeetingStatus]}”，不能提交`,
      );
    if (
      action === 'cancel' &&
      canOnMeeting(actor, 'cancel', { ...resourceOf(row), status: 'draft', planned: true })
    )
      throw new AppError(409, 'conflict', '只有尚未召开的计划（草稿）可以取消');
    if (action === 'sign_in' && actor.personId) {
      const onList = row.attendance.some((a) => a.personId === actor.personId);
      const why = signInRefusal(row, todayLocal(), onList);
      if (why) throw onList ? new AppError(409, 'conflict', why) : forbidden(why);
    }
    if (
      action === 'review' &&
      row.status !== 'submitted' &&
      canOnMeeting(actor, 'review', { ...resourceOf(row), status: 'submitted' })
    )
      throw new AppError(
        409,
        'conflict',
        `该记录状态为“${MEETING_STATUS_LABELS[row.status as MeetingStatus]}”，不在待审核状态`,
      );
    throw forbidden();
  }
  return row;
}

const iso = (v: Date | string | null) =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

function presentVotes(heldOn: string, attendance: AttendanceEntry[], votes: VoteInput[]) {
  return votes.map((v) => {
    const tally = tallyVote(attendance, v);
    return { ...v, typeLabel: VOTE_TYPE_LABELS[v.type], tally, resolution: resolutionText(heldOn, v, tally) };
  });
}

/** The whitelist of what a client sees of a meeting. */
function present(actor: Actor, r: JoinedRow, detail: boolean) {
  const counts = attendanceCounts(r.attendance);
  const mine = actor.personId ? r.attendance.find((a) => a.personId === actor.personId) : undefined;
  const base = {
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
    statusLabel: resourceOf(r).planned ? '计划' : MEETING_STATUS_LABELS[r.status as MeetingStatus],
    planned: resourceOf(r).planned,
    late: r.late,
    recordedAt: iso(r.recordedAt)!,
    submittedAt: iso(r.submittedAt),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
    reviewerName: r.reviewerName,
    attendanceCounts: counts,
    attendanceRate: attendanceRate(r.attendance),
    quorum: meetingQuorum(r.kind, r.attendance),
    /** The caller's own line: on the expected list (or a guest), and when they signed in. */
    me: mine ? { status: mine.status, guest: !!mine.guest, signedInAt: mine.signedInAt ?? null } : null,
    version: r.version,
    actions: meetingActions(actor, resourceOf(r)),
  };
  if (!detail) return base;
  return {
    ...base,
    hostPersonId: r.hostPersonId,
    hostName: r.hostName,
    recorderPersonId: r.recorderPersonId,
    recorderName: r.recorderName,
    lecturer: r.lecturer,
    agenda: r.agenda,
    minutes: r.minutes,
    resolutions: r.resolutions,
    attendance: r.attendance,
    votes: presentVotes(r.heldOn, r.attendance, r.votes),
    createdByName: r.createdByName,
    updatedAt: iso(r.updatedAt),
  };
}

export type MeetingView = ReturnType<typeof present>;

// ---------------------------------------------------------------- reading

/** SQL: meetings (alias m, branch alias b) the actor may read, drafts only for those who record them. */
function readableWhere(actor: Actor): SQL {
  if (actor.adminRole !== null) return sql`false`;
  const { member } = readablePaths(actor);
  const recorder = actor.roles.filter((r) => r.role === 'branch_secretary').map((r) => r.orgPath);
  const reviewer = actor.roles
    .filter((r) => r.role === 'committee_admin' || r.role === 'general_branch_admin')
    .map((r) => r.orgPath);
  const parts: SQL[] = [];
  if (recorder.length) parts.push(pathSql(sql`b.path`, recorder));
  const shown = sql`(m.status <> 'draft' or m.held_on >= ${todayLocal()})`;
  if (reviewer.length) parts.push(sql`(${shown} and ${pathSql(sql`b.path`, reviewer)})`);
  if (member.length)
    parts.push(
      sql`(${shown} and b.path in (${sql.join(
        member.map((p) => sql`${p}`),
        sql`, `,
      )}))`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export interface ListFilter extends ListMeetingsQuery {
  queue?: 'review';
  /** The ledger lists records, never cancelled plans. */
  withoutCancelled?: boolean;
}

/** The scoped, filtered WHERE over `meetings m join orgs o (org) join orgs b (branch)`. */
export async function meetingsWhere(ctx: AppContext, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize'>) {
  if (actor.adminRole !== null) throw forbidden('平台管理员不查看组织生活记录（三员分立）');
  const parts: SQL[] = [sql`m.tenant_id = ${actor.tenantId}`, readableWhere(actor)];
  if (f.orgId) {
    const org = await authorizeOrg(ctx.db, actor, f.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (f.kind) parts.push(sql`m.kind = ${f.kind}`);
  // Cancelled plans are shown only when asked for by status.
  if (f.status) parts.push(sql`m.status = ${f.status}`);
  else parts.push(sql`m.status <> 'cancelled'`);
  if (f.from) parts.push(sql`m.held_on >= ${f.from}`);
  if (f.to) parts.push(sql`m.held_on <= ${f.to}`);
  if (f.late) parts.push(sql`m.late = ${f.late === 'true'}`);
  if (f.withoutCancelled) parts.push(sql`m.status <> 'cancelled'`);
  if (f.queue === 'review') {
    const reviewer = actor.roles
      .filter((r) => r.role === 'committee_admin' || r.role === 'general_branch_admin')
      .map((r) => r.orgPath);
    parts.push(sql`m.status = 'submitted' and ${pathSql(sql`b.path`, reviewer)}`);
  }
  return sql.join(parts, sql` and `);
}

export async function listMeetings(ctx: AppContext, actor: Actor, f: ListFilter) {
  const where = await meetingsWhere(ctx, actor, f);
  const from = sql`meetings m join orgs o on o.id = m.org_id join orgs b on b.id = m.branch_id`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${from} where ${where}`,
  );
  const ids = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id from ${from} where ${where}
        order by ${f.queue === 'review' ? sql`m.submitted_at asc,` : sql``} m.held_at desc, m.id
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const rows = await loadMany(
    ctx.db,
    actor.tenantId,
    ids.map((r) => r.id),
  );
  return { items: rows.map((r) => present(actor, r, false)), total, page: f.page, pageSize: f.pageSize };
}

async function loadMany(db: Executor, tenantId: string, ids: string[]): Promise<JoinedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      m: meetings,
      orgName: sql<string>`o.name`,
      orgType: sql<string>`o.type`,
      branchName: sql<string>`b.name`,
      branchPath: sql<string>`b.path`,
    })
    .from(meetings)
    .innerJoin(sql`orgs o`, sql`o.id = ${meetings.orgId}`)
    .innerJoin(sql`orgs b`, sql`b.id = ${meetings.branchId}`)
    .where(and(eq(meetings.tenantId, tenantId), sql`${meetings.id} in (${uuidList(ids)})`));
  const byId = new Map(
    rows.map(({ m, ...rest }) => [m.id, { ...m, ...rest, hostName: null, recorderName: null }]),
  );
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** Planned meetings (drafts not yet held) the caller is expected at: the in-app notice. */
export async function notices(ctx: AppContext, actor: Actor) {
  if (!actor.personId || actor.adminRole !== null) return { items: [] };
  const ids = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id from meetings m join orgs b on b.id = m.branch_id
        where m.tenant_id = ${actor.tenantId} and m.status = 'draft' and m.held_on >= ${todayLocal()}
          and m.attendance @> ${JSON.stringify([{ personId: actor.personId }])}::jsonb and ${readableWhere(actor)}
        order by m.held_at limit 20`,
  );
  const rows = await loadMany(
    ctx.db,
    actor.tenantId,
    ids.map((r) => r.id),
  );
  return { items: rows.map((r) => present(actor, r, false)) };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: string) {
  const row = await authorizeMeeting(ctx.db, actor, id, 'read');
  const [cancel] =
    row.status === 'cancelled'
      ? await ctx.db
          .select()
          .from(meetingRevisions)
          .where(and(eq(meetingRevisions.meetingId, id), eq(meetingRevisions.kind, 'cancel')))
          .orderBy(sql`${meetingRevisions.seq} desc`)
          .limit(1)
      : [];
  const files = await ctx.db
    .select()
    .from(meetingAttachments)
    .where(and(eq(meetingAttachments.meetingId, id), isNull(meetingAttachments.removedAt)))
    .orderBy(meetingAttachments.uploadedAt);
  return {
    ...present(actor, row, true),
    cancellation: cancel
      ? { at: iso(cancel.at)!, actorName: cancel.actorName, reason: cancel.reason ?? '' }
      : null,
    attachments: files.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mimeType: a.mimeType,
      size: a.size,
      sha256: a.sha256,
      uploadedAt: a.uploadedAt.toISOString(),
      uploadedByName: a.uploadedByName,
    })),
  };
}

export async function listRevisions(ctx: AppContext, actor: Actor, id: string) {
  await authorizeMeeting(ctx.db, actor, id, 'read');
  const rows = await ctx.db
    .select()
    .from(meetingRevisions)
    .where(eq(meetingRevisions.meetingId, id))
    .orderBy(meetingRevisions.seq);
  return {
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind,
      at: iso(r.at)!,
      actorName: r.actorName,
      reason: r.reason,
      statusAfter: r.statusAfter,
      diff: Object.entries(r.diff ?? {}).map(([field, d]) => ({
        field,
        label: FIELD_NAMES[field] ?? field,
        from: d.from,
        to: d.to,
      })),
    })),
  };
}

// ---------------------------------------------------------------- writing

async function orgForRecording(db: Executor, actor: Actor, orgId: string, field = 'orgId') {
  const [org] = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, orgId), eq(orgs.tenantId, actor.tenantId)));
  if (!org || !canOnOrg(actor, 'read', org)) throw notFound('组织');
  if (org.type !== 'branch' && org.type !== 'party_group')
    throw invalid({ [field]: '组织：会议应由党支部或党小组召开' });
  if (org.dissolvedOn) throw invalid({ [field]: '组织：该组织已撤销' });
  if (!canRecordFor(actor, org)) throw forbidden('只有本支部书记（支部委员）可以记录本支部的组织生活');
  const branchId = org.type === 'branch' ? org.id : org.parentId!;
  return { org, branchId };
}

async function checkPeopleRefs(
  db: Executor,
  tenantId: string,
  input: { hostPersonId?: string | null; recorderPersonId?: string | null },
) {
  const errors: Record<string, string> = {};
  for (const [field, label] of [
    ['hostPersonId', '主持人'],
    ['recorderPersonId', '记录人'],
  ] as const) {
    const id = input[field];
    if (!id) continue;
    const [p] = await queryRows<{ id: string }>(
      db,
      sql`select id from people where id = ${id} and tenant_id = ${tenantId}`,
    );
    if (!p) errors[field] = `${label}：人员不存在`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

const meetingKindFits = (kind: string, orgType: string): string | null => {
  if (kind === 'party_group_meeting' && orgType !== 'party_group') return '会议类型：党小组会应由党小组召开';
  if (kind !== 'party_group_meeting' && kind !== 'other' && orgType === 'party_group')
    return `会议类型：党小组不能召开${MEETING_KIND_LABELS[kind as MeetingKind]}`;
  return null;
};

export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  input: CreateMeetingInput,
): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const { org, branchId } = await orgForRecording(tx, actor, input.orgId);
    const misfit = meetingKindFits(input.kind, org.type);
    if (misfit) throw invalid({ kind: misfit });
    await checkPeopleRefs(tx, actor.tenantId, input);
    const settings = await loadSettings(tx, actor.tenantId);
    const heldOn = localDay(input.heldAt);
    checkHeldOn(heldOn, org);
    const roster = await rosterOn(tx, org, branchId, heldOn);
    const attendance = buildAttendance(input.kind, roster, input.attendance);
    const votes = input.votes ?? [];
    checkVotes(input.kind, attendance, votes);
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
      ...rollCallCounts(attendance),
      status: 'draft',
      // Provisional until submission: a record begun after the allowed delay can only be late.
      late: isLate(heldOn, localDay(now), settings.lateAfterDays),
      recordedAt: now,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      updatedAt: now,
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
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
  };
}

async function nextRevisionSeq(tx: Executor, meetingId: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(seq), 0)::int + 1 as n from meeting_revisions where meeting_id = ${meetingId}`,
  );
  return n;
}

/** Appends one step to a meeting's revision trail (who, when, what, why); returns its id for the audit. */
async function insertRevision(
  tx: Executor,
  actor: Actor,
  meetingId: string,
  at: Date,
  step: Pick<typeof meetingRevisions.$inferInsert, 'kind' | 'statusAfter' | 'reason' | 'diff'>,
): Promise<string> {
  const id = newId();
  await tx.insert(meetingRevisions).values({
    id,
    tenantId: actor.tenantId,
    meetingId,
    seq: await nextRevisionSeq(tx, meetingId),
    at,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    ...step,
  });
  return id;
}

/** Serializes the writers of one roll call (the secretary's edits and members signing in at once). */
const lockMeeting = (tx: Executor, id: string) =>
  tx.execute(sql`select id from meetings where id = ${id} for update`);

export async function updateMeeting(ctx: AppContext, actor: Actor, id: string, input: UpdateMeetingInput) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const before = await authorizeMeeting(tx, actor, id, 'update');
    const afterSubmission = before.status !== 'draft';
    const reason = input.reason?.trim();
    if (afterSubmission && !reason) throw invalid({ reason: '修改原因：记录提交后的每次修改都须说明原因' });

    let org: OrgRow | undefined;
    let branchId = before.branchId;
    const orgId = input.orgId ?? before.orgId;
    if (input.orgId && input.orgId !== before.orgId) {
      const target = await orgForRecording(tx, actor, input.orgId);
      org = target.org;
      branchId = target.branchId;
    } else {
      [org] = await tx.select().from(orgs).where(eq(orgs.id, before.orgId));
    }
    const kind = input.kind ?? before.kind;
    const misfit = meetingKindFits(kind, org!.type);
    if (misfit) throw invalid({ kind: misfit });
    await checkPeopleRefs(tx, actor.tenantId, input);
    const heldAt = input.heldAt ? new Date(input.heldAt) : before.heldAt;
    const heldOn = localDay(heldAt);
    checkHeldOn(heldOn, org!);

    let attendance = before.attendance;
    if (input.attendance || heldOn !== before.heldOn || orgId !== before.orgId || kind !== before.kind) {
      const roster = await rosterOn(tx, org!, branchId, heldOn);
      const lines =
        input.attendance ??
        before.attendance.map((a) => ({
          personId: a.personId,
          status: a.status,
          reason: a.reason,
          makeUpOn: a.makeUpOn,
          makeUpHow: a.makeUpHow,
        }));
      attendance = buildAttendance(kind, roster, lines, before.attendance);
    }
    const votes = input.votes ?? before.votes;
    checkVotes(kind, attendance, votes);

    const next: Partial<MeetingRow> = {
      orgId,
      branchId,
      kind,
      topic: input.topic ?? before.topic,
      heldAt,
      heldOn,
      place: input.place ?? before.place,
      hostPersonId: input.hostPersonId === undefined ? before.hostPersonId : input.hostPersonId,
      recorderPersonId:
        input.recorderPersonId === undefined ? before.recorderPersonId : input.recorderPersonId,
      lecturer: input.lecturer === undefined ? before.lecturer : input.lecturer,
      agenda: input.agenda ?? before.agenda,
      minutes: input.minutes === undefined ? before.minutes : input.minutes,
      resolutions: input.resolutions === undefined ? before.resolutions : input.resolutions,
      attendance,
      votes,
      ...rollCallCounts(attendance),
    };
    const beforeView = revisable(before);
    const afterView = revisable({ ...before, ...next } as MeetingRow);
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const f of REVISED_FIELDS)
      if (canonicalJson(beforeView[f]) !== canonicalJson(afterView[f]))
        diff[f] = { from: beforeView[f], to: afterView[f] };
    if (Object.keys(diff).length === 0) return;

    const now = new Date();
    const settings = await loadSettings(tx, actor.tenantId);
    // Once late, always late; moving the date after submission is judged against the first submission.
    const late = afterSubmission
      ? before.late || isLate(heldOn, localDay(before.firstSubmittedAt!), settings.lateAfterDays)
      : isLate(heldOn, localDay(now), settings.lateAfterDays);
    // A change to an approved record sends it back to the reviewer.
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
    const audits = [];
    if (afterSubmission) {
      const revisionId = await insertRevision(tx, actor, id, now, {
        kind: 'revision',
        reason: reason!,
        diff,
        statusAfter: status,
      });
      audits.push({
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: revisionId },
      });
    }
    audits.unshift({
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: afterSubmission ? 'meeting.revise' : 'meeting.update',
      target: { entity: meetingEntity, id },
      details: { fields: Object.keys(diff), reason: reason ?? null },
    });
    await recordAudit(tx, audits);
  });
}

export async function submitMeeting(ctx: AppContext, actor: Actor, id: string) {
  return ctx.db.transaction(async (tx) => {
    const m = await authorizeMeeting(tx, actor, id, 'submit');
    const now = new Date();
    const today = localDay(now);
    if (m.heldOn > today) throw invalid({ heldAt: '召开时间：会议尚未召开，召开后才能提交记录' });
    if (m.attendance.length === 0) throw invalid({ attendance: '出勤：请登记出勤情况后再提交' });
    const settings = await loadSettings(tx, actor.tenantId);
    const first = m.firstSubmittedAt ?? now;
    const late = m.late || isLate(m.heldOn, localDay(first), settings.lateAfterDays);
    const kind = m.status === 'returned' ? 'resubmit' : 'submit';
    await tx
      .update(meetings)
      .set({ status: 'submitted', late, submittedAt: now, firstSubmittedAt: first, updatedAt: now })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, {
      kind,
      statusAfter: 'submitted',
    });
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: `meeting.${kind}`,
        target: { entity: meetingEntity, id },
        details: { late },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: revisionId },
      },
    ]);
  });
}

export async function reviewMeeting(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'return'; comment?: string },
) {
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment)
    throw invalid({ comment: '审核意见：退回时须写明需要更正的内容' });
  return ctx.db.transaction(async (tx) => {
    await authorizeMeeting(tx, actor, id, 'review');
    const now = new Date();
    const status = input.decision === 'approve' ? 'approved' : 'returned';
    await tx
      .update(meetings)
      .set({
        status,
        reviewedAt: now,
        reviewerAccountId: actor.accountId,
        reviewerName: actor.displayName,
        reviewComment: comment,
        updatedAt: now,
      })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, {
      kind: input.decision,
      reason: comment,
      statusAfter: status,
    });
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: `meeting.${input.decision}`,
        target: { entity: meetingEntity, id },
        details: { comment },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: revisionId },
      },
    ]);
  });
}

/**
 * Calls off a planned meeting (a draft not yet held): the row stays, `cancelled`, with the reason in the
 * trail; it stops being a notice and never counts.
 */
export async function cancelMeeting(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const m = await authorizeMeeting(tx, actor, id, 'cancel');
    const now = new Date();
    await tx
      .update(meetings)
      .set({ status: 'cancelled', version: m.version + 1, updatedAt: now })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, {
      kind: 'cancel',
      reason,
      statusAfter: 'cancelled',
    });
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'meeting.cancel',
        target: { entity: meetingEntity, id },
        details: { reason, heldOn: m.heldOn },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: revisionId },
      },
    ]);
  });
}

/**
 * A member signs in (签到) to the paperless 支部党员大会 from the notice on their phone: their line becomes
 * present at the server's time. Signing in twice keeps the first time.
 */
export async function signIn(ctx: AppContext, actor: Actor, id: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const seen = await authorizeMeeting(tx, actor, id, 'read');
    // A retry after a dropped connection answers the first sign-in, not an error.
    if (seen.attendance.some((a) => a.personId === actor.personId && a.signedInAt)) return;
    const m = await authorizeMeeting(tx, actor, id, 'sign_in');
    const line = m.attendance.find((a) => a.personId === actor.personId);
    if (!line) return;
    const now = new Date();
    const attendance = m.attendance.map((a) =>
      a === line ? { ...a, status: 'present' as const, reason: null, signedInAt: now.toISOString() } : a,
    );
    await tx
      .update(meetings)
      .set({ attendance, ...rollCallCounts(attendance), version: m.version + 1, updatedAt: now })
      .where(eq(meetings.id, id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'meeting.sign_in',
      target: { entity: meetingEntity, id },
      details: { personId: actor.personId, at: now.toISOString() },
    });
  });
}

export async function roster(ctx: AppContext, actor: Actor, orgId: string, date?: string) {
  const { org, branchId } = await orgForRecording(ctx.db, actor, orgId);
  const on = date ?? todayLocal();
  const people = await rosterOn(ctx.db, org, branchId, on);
  const groups = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from orgs where parent_id = ${branchId} and type = 'party_group' and dissolved_on is null order by sort_order, name`,
  );
  return {
    orgId,
    date: on,
    items: people,
    groups,
    /** The 应到 of a committee meeting: the members holding a branch-committee post. */
    committee: people.filter((p) => p.committee).map((p) => p.personId),
  };
}

// ---------------------------------------------------------------- compliance

interface BranchRow {
  id: string;
  name: string;
  parent_id: string | null;
  parent_name: string | null;
  established_on: string;
  dissolved_on: string | null;
  has_committee: boolean;
}

/** The branches in the actor's supervision (optionally under one organization) alive during the period. */
async function scopedBranches(ctx: AppContext, actor: Actor, orgId: string | undefined, period: Period) {
  const paths = supervisedPaths(actor);
  const parts: SQL[] = [
    sql`o.tenant_id = ${actor.tenantId}`,
    sql`o.type = 'branch'`,
    pathSql(sql`o.path`, paths),
  ];
  if (orgId) {
    const org = await authorizeOrg(ctx.db, actor, orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  parts.push(
    sql`o.established_on <= ${period.to}`,
    sql`(o.dissolved_on is null or o.dissolved_on >= ${period.from})`,
  );
  const where = sql.join(parts, sql` and `);
  const branches = await queryRows<BranchRow>(
    ctx.db,
    sql`select o.id, o.name, o.parent_id, p.name as parent_name, o.established_on, o.dissolved_on, o.has_committee
        from orgs o left join orgs p on p.id = o.parent_id
        where ${where} order by p.sort_order, o.sort_order, o.code`,
  );
  return { branches, where };
}

/** The party groups and the counted meetings of some branches during the period. */
async function branchFacts(ctx: AppContext, tenantId: string, branchIds: string[], period: Period) {
  if (!branchIds.length) return { groups: [], held: [] };
  const inBranches = sql`(${uuidList(branchIds)})`;
  const groups = await queryRows<{
    id: string;
    parent_id: string;
    established_on: string;
    dissolved_on: string | null;
  }>(
    ctx.db,
    sql`select id, parent_id, established_on, dissolved_on from orgs where type = 'party_group' and parent_id in ${inBranches}`,
  );
  // One JSON value instead of thousands of rows: PGlite hands over rows slowly, JSON.parse is fast.
  const [packed] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(org_id, branch_id, kind, held_on, late, expected_count, present_count))::text, '[]') as j
        from meetings
        where tenant_id = ${tenantId} and ${counted()} and branch_id in ${inBranches}
          and held_on between ${period.from} and ${period.to}`,
  );
  const held = (JSON.parse(packed.j) as [string, string, string, string, boolean, number, number][]).map(
    ([org_id, branch_id, kind, held_on, late, expected_count, present_count]) => ({
      org_id,
      branch_id,
      kind,
      held_on,
      late,
      expected_count,
      present_count,
    }),
  );
  return { groups, held };
}

async function branchesInScope(ctx: AppContext, actor: Actor, orgId: string | undefined, period: Period) {
  const { branches } = await scopedBranches(ctx, actor, orgId, period);
  const facts = await branchFacts(
    ctx,
    actor.tenantId,
    branches.map((b) => b.id),
    period,
  );
  return { branches, ...facts };
}

type BranchFacts = Awaited<ReturnType<typeof branchFacts>>;

/** A branch's rows as the compliance rule takes them. */
const ruleFacts = (b: BranchRow, groups: BranchFacts['groups'] = [], held: BranchFacts['held'] = []) => ({
  branch: {
    id: b.id,
    establishedOn: b.established_on,
    dissolvedOn: b.dissolved_on,
    hasCommittee: b.has_committee,
  },
  groups: groups.map((g) => ({ id: g.id, establishedOn: g.established_on, dissolvedOn: g.dissolved_on })),
  meetings: held.map((m) => ({ orgId: m.org_id, kind: m.kind, heldOn: m.held_on, late: m.late })),
});

/** What compliance computes for one branch and period; kept in compliance_snapshots for the day. */
interface BranchCompliance {
  items: ComplianceItem[];
  lastHeldOn: string | null;
  attendanceExpected: number;
  attendancePresent: number;
}

// Snapshots are stored as tuples: the whole section's answer is read in one go, and its size is the cost.
const ITEM_FIELDS = ['kind', 'expected', 'due', 'held', 'late', 'missing', 'meetings', 'status'] as const;
type StoredCompliance = [unknown[][], string | null, number, number];
const storeCompliance = (c: BranchCompliance): StoredCompliance => [
  c.items.map((i) => ITEM_FIELDS.map((f) => i[f])),
  c.lastHeldOn,
  c.attendanceExpected,
  c.attendancePresent,
];

/** The computation itself: the pure rules over the facts of branches that have no snapshot for today. */
async function computeBranches(
  ctx: AppContext,
  tenantId: string,
  branches: BranchRow[],
  period: Period,
  today: string,
  settings: MeetingSettings,
): Promise<Map<string, BranchCompliance>> {
  const ids = branches.map((b) => b.id);
  const { groups, held } = await branchFacts(ctx, tenantId, ids, period);
  const groupsOf = groupBy(groups, (g) => g.parent_id);
  const heldOf = groupBy(held, (m) => m.branch_id);
  const last = ids.length
    ? await queryRows<{ branch_id: string; last: string }>(
        ctx.db,
        sql`select branch_id, max(held_on) as last from meetings
            where tenant_id = ${tenantId} and ${counted()} and held_on <= ${today} and branch_id in (${uuidList(ids)})
            group by branch_id`,
      )
    : [];
  const lastOf = new Map(last.map((r) => [r.branch_id, r.last]));
  const out = new Map<string, BranchCompliance>();
  for (const b of branches) {
    const list = heldOf.get(b.id) ?? [];
    out.set(b.id, {
      items: computeCompliance({ ...ruleFacts(b, groupsOf.get(b.id), list), period, today, settings }),
      lastHeldOn: lastOf.get(b.id) ?? null,
      attendanceExpected: list.reduce((a, m) => a + m.expected_count, 0),
      attendancePresent: list.reduce((a, m) => a + m.present_count, 0),
    });
  }
  return out;
}

/**
 * Compliance of every branch in scope. A branch's result is computed once a day and kept until anything
 * it depends on changes (the triggers of migration 0005 drop it in the writing transaction), so the
 * committee's whole-section view reads snapshots and recomputes only the branches that changed.
 */
export async function compliance(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; year: number; quarter?: number },
  today = todayLocal(),
) {
  if (actor.adminRole !== null) throw forbidden('平台管理员不查看组织生活情况');
  const period = periodOf(q.year, q.quarter);
  const periodKey = `${period.from}/${period.to}`;
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const { branches, where } = await scopedBranches(ctx, actor, q.orgId, period);
  const [packed] = branches.length
    ? await queryRows<{ j: string }>(
        ctx.db,
        sql`select coalesce(json_object_agg(s.branch_id, s.result)::text, '{}') as j
            from compliance_snapshots s
            where s.tenant_id = ${actor.tenantId} and s.period_key = ${periodKey} and s.as_of = ${today}
              and s.branch_id in (select o.id from orgs o where ${where})`,
      )
    : [{ j: '{}' }];
  const known = new Map(Object.entries(JSON.parse(packed.j) as Record<string, StoredCompliance>));
  const missing = branches.filter((b) => !known.has(b.id));
  if (missing.length) {
    const computed = await computeBranches(ctx, actor.tenantId, missing, period, today, settings);
    const rows = [...computed].map(([branchId, result]) => ({
      tenantId: actor.tenantId,
      branchId,
      periodKey,
      asOf: today,
      result: storeCompliance(result),
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await ctx.db
        .insert(complianceSnapshots)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [complianceSnapshots.branchId, complianceSnapshots.periodKey],
          set: { asOf: sql`excluded.as_of`, result: sql`excluded.result` },
        });
    }
    for (const r of rows) known.set(r.branchId, r.result);
  }
  const items = [];
  const summaries = [];
  for (const b of branches) {
    const [stored, lastHeldOn, attendanceExpected, attendancePresent] = known.get(b.id)!;
    let expected = 0;
    let held = 0;
    let late = 0;
    let worst: ComplianceItem['status'] = 'green';
    for (const t of stored) {
      const item: Record<string, unknown> = { orgId: b.id };
      ITEM_FIELDS.forEach((f, i) => {
        item[f] = t[i];
      });
      const r = item as unknown as ComplianceItem & { orgId: string };
      item.kindLabel = MEETING_KIND_LABELS[r.kind];
      items.push(r as typeof r & { kindLabel: string });
      expected += r.expected;
      held += r.held;
      late += r.late;
      if (r.status === 'red' || (r.status === 'yellow' && worst === 'green')) worst = r.status;
    }
    summaries.push({
      orgId: b.id,
      name: b.name,
      parentId: b.parent_id,
      parentName: b.parent_name,
      status: worst,
      lastHeldOn,
      silent: !b.dissolved_on && isSilent(lastHeldOn, today, b.established_on, settings.silentAfterDays),
      attendanceRate: attendanceExpected ? attendancePresent / attendanceExpected : null,
      expected,
      held,
      late,
    });
  }
  return {
    rulesets: MEETING_RULESETS,
    settings,
    period,
    items,
    branches: summaries,
  };
}

/** Attendance rate per member over a year (exempt members' absences left out), lowest first. */
export async function memberAttendance(ctx: AppContext, actor: Actor, q: { orgId?: string; year: number }) {
  if (actor.adminRole !== null) throw forbidden('平台管理员不查看组织生活情况');
  const period = periodOf(q.year);
  const paths = supervisedPaths(actor);
  const parts: SQL[] = [
    sql`m.tenant_id = ${actor.tenantId}`,
    counted('m'),
    sql`m.held_on between ${period.from} and ${period.to}`,
    pathSql(sql`b.path`, paths),
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`b.path like ${`${org.path}%`}`);
  }
  const rows = await queryRows<{
    person_id: string;
    name: string;
    branch_id: string;
    branch_name: string;
    expected: number;
    present: number;
    leave: number;
    absent: number;
    made_up: number;
  }>(
    ctx.db,
    sql`select e->>'personId' as person_id, max(e->>'name') as name, m.branch_id, max(b.name) as branch_name,
          count(*) filter (where not (e->>'exempt')::boolean or e->>'status' = 'present')::int as expected,
          count(*) filter (where e->>'status' = 'present')::int as present,
          count(*) filter (where e->>'status' = 'leave')::int as leave,
          count(*) filter (where e->>'status' = 'absent')::int as absent,
          count(*) filter (where e->>'status' <> 'present' and e->>'makeUpOn' is not null)::int as made_up
        from meetings m join orgs b on b.id = m.branch_id cross join lateral jsonb_array_elements(m.attendance) e
        where ${sql.join(parts, sql` and `)} and not coalesce((e->>'guest')::boolean, false)
        group by e->>'personId', m.branch_id`,
  );
  const items = rows
    .map((r) => ({
      personId: r.person_id,
      name: r.name,
      branchId: r.branch_id,
      branchName: r.branch_name,
      expected: r.expected,
      present: r.present,
      leave: r.leave,
      absent: r.absent,
      madeUp: r.made_up,
      rate: r.expected ? r.present / r.expected : null,
    }))
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || a.name.localeCompare(b.name, 'zh'));
  return { year: q.year, items };
}

const MONTHLY_KINDS: readonly string[] = [
  'branch_committee_meeting',
  'party_group_meeting',
  'theme_party_day',
];

/** Branches × months of a year for the monthly meetings, and the trend of completion and attendance. */
export async function complianceMatrix(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; year: number },
  today = todayLocal(),
) {
  if (actor.adminRole !== null) throw forbidden('平台管理员不查看组织生活情况');
  const period = periodOf(q.year);
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const { branches, groups, held } = await branchesInScope(ctx, actor, q.orgId, period);
  const groupsOf = groupBy(groups, (g) => g.parent_id);
  const heldOf = groupBy(held, (m) => m.branch_id);
  const months = unitsOf('month', period);
  const monthly = requirements(settings).filter((r) => MONTHLY_KINDS.includes(r.kind));
  const totals = months.map(() => ({ expected: 0, held: 0 }));
  const rows = branches.map((b) => {
    const own = heldOf.get(b.id) ?? [];
    const cells = months.map((unit, i) => {
      const result = computeCompliance({
        ...ruleFacts(b, groupsOf.get(b.id), own),
        period: unit,
        today,
        settings,
      }).filter((r) => monthly.some((k) => k.kind === r.kind));
      const expected = result.reduce((a, r) => a + r.expected, 0);
      const done = result.reduce((a, r) => a + r.held, 0);
      const late = result.reduce((a, r) => a + r.late, 0);
      const missing = result.reduce((a, r) => a + r.missing, 0);
      const due = unit.to < today;
      if (due) {
        totals[i].expected += expected;
        totals[i].held += done;
      }
      return {
        month: unit.from.slice(0, 7),
        expected,
        held: done,
        late,
        meetings: own.filter((m) => m.held_on >= unit.from && m.held_on <= unit.to).length,
        status: !due && done < expected ? 'pending' : complianceStatus('quarter', missing, late),
      };
    });
    return { orgId: b.id, name: b.name, parentId: b.parent_id, parentName: b.parent_name, cells };
  });
  const byMonth = new Map<string, { present: number; expected: number }>();
  for (const m of held) {
    const month = m.held_on.slice(0, 7);
    const t = byMonth.get(month) ?? { present: 0, expected: 0 };
    t.present += m.present_count;
    t.expected += m.expected_count;
    byMonth.set(month, t);
  }
  const attendanceOf = new Map(
    [...byMonth].map(([month, t]) => [month, t.expected ? t.present / t.expected : null]),
  );
  return {
    year: q.year,
    months: months.map((m) => m.from.slice(0, 7)),
    rows,
    trend: months.map((m, i) => ({
      month: m.from.slice(0, 7),
      completion: m.to < today && totals[i].expected ? totals[i].held / totals[i].expected : null,
      attendanceRate: attendanceOf.get(m.from.slice(0, 7)) ?? null,
    })),
  };
}

// ---------------------------------------------------------------- the secretary's to-do

export async function todo(ctx: AppContext, actor: Actor, today = todayLocal()) {
  const recorder = actor.adminRole === null ? actor.roles.filter((r) => r.role === 'branch_secretary') : [];
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // The current units and the ones just ended: a period from last month to the end of this year.
  const from = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const period = { from, to: `${year}-12-31` };
  const branches = recorder.length
    ? await queryRows<BranchRow & { path: string }>(
        ctx.db,
        sql`select o.id, o.name, o.parent_id, null as parent_name, o.established_on, o.dissolved_on, o.has_committee, o.path
            from orgs o where o.tenant_id = ${actor.tenantId} and o.type = 'branch' and o.dissolved_on is null
              and ${pathSql(
                sql`o.path`,
                recorder.map((r) => r.orgPath),
              )} order by o.code`,
      )
    : [];
  const out = [];
  for (const b of branches) {
    const groups = await queryRows<{
      id: string;
      name: string;
      established_on: string;
      dissolved_on: string | null;
    }>(
      ctx.db,
      sql`select id, name, established_on, dissolved_on from orgs where parent_id = ${b.id} and type = 'party_group' and dissolved_on is null order by sort_order`,
    );
    const held = await queryRows<{ org_id: string; kind: string; held_on: string; late: boolean }>(
      ctx.db,
      sql`select org_id, kind, held_on, late from meetings where branch_id = ${b.id} and ${counted()}
            and held_on between ${period.from} and ${period.to}`,
    );
    const due: {
      kind: MeetingKind;
      kindLabel: string;
      orgId: string;
      orgName: string;
      deadline: string;
      overdue: boolean;
    }[] = [];
    for (const req of requirements(settings)) {
      const holders =
        req.holder === 'group'
          ? groups
          : req.holder === 'committee' && !b.has_committee
            ? []
            : [{ id: b.id, name: b.name, established_on: b.established_on, dissolved_on: null }];
      for (const h of holders) {
        const units = unitsOf(req.frequency, period).filter((u) => u.from <= today && u.to >= from);
        for (const u of units) {
          const covered = held.some(
            (m) =>
              m.kind === req.kind &&
              (req.holder !== 'group' || m.org_id === h.id) &&
              m.held_on >= u.from &&
              m.held_on <= u.to,
          );
          if (covered || h.established_on > u.to) continue;
          const overdue = u.to < today;
          // Yearly items show from the last quarter on, so the list is what is due, not a year-long nag.
          if (!overdue && req.frequency === 'year' && month < 10) continue;
          due.push({
            kind: req.kind,
            kindLabel: MEETING_KIND_LABELS[req.kind],
            orgId: h.id,
            orgName: h.name,
            deadline: u.to,
            overdue,
          });
        }
      }
    }
    out.push({ orgId: b.id, name: b.name, hasCommittee: b.has_committee, due });
  }
  const mine = (status: MeetingStatus) =>
    listMeetings(ctx, actor, { status, page: 1, pageSize: 50 }).then((r) =>
      r.items.filter((i) => i.actions.includes('update')),
    );
  const reviewQueue =
    actor.adminRole === null
      ? await listMeetings(ctx, actor, { queue: 'review', page: 1, pageSize: 1 })
      : { total: 0 };
  return {
    today,
    branches: out,
    /** Planned meetings the caller is expected at (the home page shows them as notices). */
    notices: (await notices(ctx, actor)).items,
    drafts: recorder.length ? await mine('draft') : [],
    returned: recorder.length ? await mine('returned') : [],
    reviewQueueCount: reviewQueue.total,
  };
}
