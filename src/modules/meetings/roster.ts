import { sql } from 'drizzle-orm';
import {
  canOnOrg,
  committeeOn,
  getOrgRow,
  groupsUnder,
  hasCommitteeOn,
  type OrgRow,
  orgs,
  POST_LABELS,
  parentOnDate,
} from '../../kernel/orgs/api';
import { people, personMemberships } from '../../kernel/people/api';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import type { CreateMeetingInput } from './contract';
import type { RecordableOrg, RosterPerson, RosterResponse } from './contract-roll';
import { canRecordFor, decideRecordFor, recorderPaths } from './policy';
import { type AttendanceEntry, attendanceCounts } from './roll';
import { addDays } from './rules-periods';

/**
 * Who is expected at a meeting: the branch's party members on the day (membership history, party status
 * then), the committee from the party posts, and the roll call built from what the secretary sent.
 */

/**
 * The party members of a branch (or a group) as they were on a date: branch membership history, party
 * status that day (a full member whose full membership began later was probationary then), standing that
 * day (停止党籍 from `suspended_on`), and the committee posts held that day (org posts, the one source).
 */
export async function rosterOn(
  db: Executor,
  org: Pick<OrgRow, 'id' | 'tenantId' | 'type'>,
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
    suspended: boolean;
  }>(
    db,
    sql`select p.id, p.name, p.party_status, p.full_member_on, p.exempt, p.party_group_id, p.party_posts,
          (p.standing = 'suspended' and (p.suspended_on is null or p.suspended_on <= ${on})) as suspended
        from ${people} p
        where p.tenant_id = ${org.tenantId}
          and p.party_status in ('probationary', 'full')
          and (p.joined_party_on is null or p.joined_party_on <= ${on})
          and (p.ended_on is null or p.ended_on > ${on})
          and exists (select 1 from ${personMemberships} pm where pm.person_id = p.id and pm.org_id = ${branchId}
                      and pm.valid_from <= ${on} and (pm.valid_to is null or pm.valid_to > ${on}))
          ${org.type === 'party_group' ? sql`and p.party_group_id = ${org.id}` : sql``}
        order by p.employee_no nulls last, p.name`,
  );
  const posts = org.type === 'branch' ? await committeeOn(db, org.tenantId, branchId, on) : [];
  // A committee that day: a committee member's post is held, not only 书记/副书记.
  const committeeExists = hasCommitteeOn(posts, on);
  return rows.map((r) => {
    const own = posts.filter((p) => p.personId === r.id);
    return {
      personId: r.id,
      name: r.name,
      partyStatus:
        r.party_status === 'full' && r.full_member_on && r.full_member_on > on
          ? 'probationary'
          : r.party_status,
      exempt: r.exempt,
      suspended: r.suspended,
      partyGroupId: r.party_group_id,
      partyPosts: r.party_posts,
      posts: own.map((p) => POST_LABELS[p.post]),
      committee: committeeExists && own.length > 0,
    };
  });
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

type AttendanceLine = CreateMeetingInput['attendance'][number];

/** One line the secretary sent, checked against the roster: the entry, or the problems by field. */
function entryOf(
  a: AttendanceLine,
  p: RosterPerson,
  i: number,
  committeeMeeting: boolean,
  errors: Record<string, string>,
): AttendanceEntry {
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
  if (p.suspended) entry.suspended = true;
  return entry;
}

/** What the member did themselves (签到, 请假, 补学) stays with their line while it still holds. */
function keepOwn(entry: AttendanceEntry, before: AttendanceEntry | undefined, confirm: boolean | undefined) {
  if (before?.signedInAt && entry.status === 'present') entry.signedInAt = before.signedInAt;
  if (before?.leaveRequestedAt && entry.status === 'leave') entry.leaveRequestedAt = before.leaveRequestedAt;
  if (entry.status === 'present') return;
  if (before?.makeUpMemberAt && entry.makeUpOn) entry.makeUpMemberAt = before.makeUpMemberAt;
  if (entry.makeUpOn && (confirm || (confirm === undefined && before?.makeUpSecretaryAt)))
    entry.makeUpSecretaryAt = before?.makeUpSecretaryAt ?? new Date().toISOString();
}

/** A line the secretary changed against what the member recorded themselves (for the audit trail). */
export interface Override {
  personId: string;
  name: string;
  own: 'signed_in' | 'leave';
  to: AttendanceEntry['status'];
}

/**
 * The roll call of a meeting from what the secretary sent, against the roster of the day. A committee
 * meeting's 应到 is the committee (posts held that day), not the names sent: other members present are
 * guests, missing committee members are absent. Sign-ins, leave requests and 补学 the members recorded
 * themselves are kept while the line still says so.
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
        '出勤：会议当日本支部没有支部委员会（委员会职务由上级组织在“组织”中登记，或从党内职务导入），无法确定支委会应到名单',
    });
  const before = new Map(previous.map((e) => [e.personId, e]));
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
    const entry = entryOf(a, p, i, committeeMeeting, errors);
    keepOwn(entry, before.get(p.personId), a.makeUpConfirmed);
    out.push(entry);
  });
  if (Object.keys(errors).length) throw invalid(errors);
  if (ROSTER_KINDS.includes(kind) || committeeMeeting)
    for (const p of roster)
      if (!seen.has(p.personId) && (!committeeMeeting || p.committee)) {
        const entry: AttendanceEntry = {
          personId: p.personId,
          name: p.name,
          partyStatus: p.partyStatus,
          exempt: p.exempt,
          status: 'absent',
        };
        if (p.suspended) entry.suspended = true;
        out.push(entry);
      }
  return out;
}

/** The lines where the secretary's roll call overrides a member's own sign-in or leave request. */
export function overridesOf(previous: AttendanceEntry[], next: AttendanceEntry[]): Override[] {
  const now = new Map(next.map((e) => [e.personId, e]));
  const out: Override[] = [];
  for (const e of previous) {
    const after = now.get(e.personId);
    const to = after?.status ?? 'absent';
    if (e.signedInAt && to !== 'present')
      out.push({ personId: e.personId, name: e.name, own: 'signed_in', to });
    else if (e.leaveRequestedAt && to !== 'leave')
      out.push({ personId: e.personId, name: e.name, own: 'leave', to });
  }
  return out;
}

/** 应到 and 实到 of a roll call, kept in the row. */
export function rollCallCounts(attendance: AttendanceEntry[]) {
  const c = attendanceCounts(attendance);
  return { expectedCount: c.expected, presentCount: c.present };
}

/**
 * The organization a new (or moved) meeting is recorded for, and the branch it counts for: the branch
 * itself, or the branch the party group hung under on the meeting day (a group moved by a merge keeps
 * counting for its old branch before the merge). A dissolved or merged organization takes late records
 * (补录) for the days it existed, up to, not including, its dissolution day.
 *
 * A group's meeting on a day it hung under another branch is that branch's record (its secretary reads,
 * submits and answers for it), so that branch's secretary records it, not the group's present one.
 */
export async function orgForRecording(
  db: Executor,
  actor: Actor,
  orgId: string,
  heldOn: string,
  field = 'orgId',
) {
  const org = await getOrgRow(db, actor.tenantId, orgId);
  if (!org) throw notFound('组织');
  const branchId =
    org.type === 'party_group' ? ((await parentOnDate(db, org.id, heldOn)) ?? org.parentId!) : org.id;
  const formerBranch =
    org.type === 'party_group' && branchId !== org.parentId
      ? await getOrgRow(db, actor.tenantId, branchId)
      : null;
  const owner = formerBranch ?? org;
  if (formerBranch && !canOnOrg(actor, 'read', formerBranch) && canRecordFor(actor, org))
    throw invalid({
      heldAt: `召开时间：该党小组在 ${heldOn} 隶属${formerBranch.name}，当天的会议计入该支部，应由该支部书记补录`,
    });
  if (!canOnOrg(actor, 'read', owner)) throw notFound('组织');
  if (org.type !== 'branch' && org.type !== 'party_group')
    throw invalid({ [field]: '组织：会议应由党支部或党小组召开' });
  enforce(decideRecordFor(actor, owner));
  if (org.dissolvedOn && heldOn >= org.dissolvedOn)
    throw invalid({
      heldAt: `召开时间：该组织已于 ${org.dissolvedOn} 撤销（或合并），只能补录此前召开的会议`,
    });
  return { org, branchId };
}

/**
 * The party groups that hung under these branches and have moved away since `since` (with a merge into
 * another branch): each under the branch it left, with the days it hung there, for late records (补录)
 * that count for that branch. One entry a group: the branch it left last.
 */
async function movedAwayGroups(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  since: string,
): Promise<RecordableOrg[]> {
  const today = todayLocal();
  const out = new Map<string, RecordableOrg>();
  for (const g of await groupsUnder(db, tenantId, branchIds, since, today)) {
    // Still under the branch (an open span): listed there already, every day recordable.
    if (g.spans.some((s) => s.to === null)) continue;
    const last = g.spans.reduce((a, b) => (b.to! > a.to! ? b : a));
    const from = last.from > g.establishedOn ? last.from : g.establishedOn;
    const until = g.dissolvedOn && g.dissolvedOn < last.to! ? g.dissolvedOn : last.to!;
    if (from >= until || until <= since) continue;
    const seen = out.get(g.id);
    if (seen && seen.formerSpan!.until >= until) continue;
    out.set(g.id, {
      id: g.id,
      name: g.name,
      type: 'party_group',
      parentId: g.branchId,
      hasCommittee: false,
      establishedOn: g.establishedOn,
      dissolvedOn: g.dissolvedOn,
      formerSpan: { from, until },
    });
  }
  return [...out.values()];
}

/**
 * The branches and party groups the caller may record a meeting for: each branch, then its groups, then
 * the groups that moved away from it (late records for the days they hung under it, `formerSpan`).
 */
export async function recordableOrgs(db: Executor, actor: Actor): Promise<{ items: RecordableOrg[] }> {
  const paths = recorderPaths(actor);
  if (!paths.length) return { items: [] };
  // Organizations dissolved (or merged) within the last year stay on the list for late records (补录).
  const since = addDays(todayLocal(), -366);
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
    name: string;
    type: 'branch' | 'party_group';
    path: string;
    parent_id: string | null;
    has_committee: boolean;
    established_on: string;
    dissolved_on: string | null;
  }>(
    db,
    sql`select o.id, o.tenant_id, o.name, o.type, o.path, o.parent_id, o.has_committee, o.established_on, o.dissolved_on
        from ${orgs} o
        where o.tenant_id = ${actor.tenantId} and o.type in ('branch', 'party_group')
          and (o.dissolved_on is null or o.dissolved_on > ${since})
          and ${pathSql(sql`o.path`, paths)}
        order by o.dissolved_on nulls first, o.sort_order, o.code, o.name`,
  );
  const allowed = rows.filter((o) =>
    canRecordFor(actor, { tenantId: o.tenant_id, path: o.path, type: o.type }),
  );
  const item = (o: (typeof rows)[number]): RecordableOrg => ({
    id: o.id,
    name: o.name,
    type: o.type,
    parentId: o.parent_id,
    hasCommittee: o.has_committee,
    establishedOn: o.established_on,
    dissolvedOn: o.dissolved_on,
    formerSpan: null,
  });
  const branches = allowed.filter((o) => o.type === 'branch');
  const groups = allowed.filter((o) => o.type === 'party_group');
  // A group the caller records for where it hangs now is listed there, for every day (no duplicate id).
  const moved = (
    await movedAwayGroups(
      db,
      actor.tenantId,
      branches.map((b) => b.id),
      since,
    )
  ).filter((g) => !groups.some((o) => o.id === g.id));
  const items = branches.flatMap((b) => [
    item(b),
    ...groups.filter((g) => g.parent_id === b.id).map(item),
    ...moved.filter((g) => g.parentId === b.id),
  ]);
  // Groups whose branch the caller does not record for (a grant on the group itself) come last.
  items.push(...groups.filter((g) => !branches.some((b) => b.id === g.parent_id)).map(item));
  return { items };
}

/** The roster of a day for the recording form, with the branch's party groups and its committee. */
export async function roster(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  date?: string,
): Promise<RosterResponse> {
  const on = date ?? todayLocal();
  const { org, branchId } = await orgForRecording(ctx.db, actor, orgId, on);
  const items = await rosterOn(ctx.db, org, branchId, on);
  const groups = (await groupsUnder(ctx.db, actor.tenantId, [branchId], on, on))
    .filter((g) => g.establishedOn <= on && (!g.dissolvedOn || g.dissolvedOn > on))
    .map((g) => ({ id: g.id, name: g.name }));
  return {
    orgId,
    date: on,
    items,
    groups,
    /** The 应到 of a committee meeting: the members holding a post of the committee that day. */
    committee: items.filter((p) => p.committee).map((p) => p.personId),
    hasCommittee: items.some((p) => p.committee),
  };
}
