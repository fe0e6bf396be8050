import { sql } from 'drizzle-orm';
import { canOnOrg, getOrgRow, type OrgRow, orgs } from '../../kernel/orgs/api';
import { people, personMemberships } from '../../kernel/people/api';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import type { CreateMeetingInput, RecordableOrg, RosterPerson, RosterResponse } from './contract';
import { canRecordFor, decideRecordFor, recorderPaths } from './policy';
import { type AttendanceEntry, attendanceCounts, isCommitteePost } from './rules';

/**
 * Who is expected at a meeting: the branch's party members on the day (membership history, party status
 * then), the committee from the party posts, and the roll call built from what the secretary sent.
 */

/**
 * The party members of a branch (or a group) as they were on a date: branch membership history, party
 * status on that day (a full member whose full membership began later was probationary then).
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
  }>(
    db,
    sql`select p.id, p.name, p.party_status, p.full_member_on, p.exempt, p.party_group_id, p.party_posts
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
  return entry;
}

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
    const entry = entryOf(a, p, i, committeeMeeting, errors);
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

/** 应到 and 实到 of a roll call, kept in the row. */
export function rollCallCounts(attendance: AttendanceEntry[]) {
  const c = attendanceCounts(attendance);
  return { expectedCount: c.expected, presentCount: c.present };
}

/** The organization a new (or moved) meeting is recorded for, and the branch it counts for. */
export async function orgForRecording(db: Executor, actor: Actor, orgId: string, field = 'orgId') {
  const org = await getOrgRow(db, actor.tenantId, orgId);
  if (!org || !canOnOrg(actor, 'read', org)) throw notFound('组织');
  if (org.type !== 'branch' && org.type !== 'party_group')
    throw invalid({ [field]: '组织：会议应由党支部或党小组召开' });
  if (org.dissolvedOn) throw invalid({ [field]: '组织：该组织已撤销' });
  enforce(decideRecordFor(actor, org));
  const branchId = org.type === 'branch' ? org.id : org.parentId!;
  return { org, branchId };
}

/** The branches and party groups the caller may record a meeting for: each branch, then its groups. */
export async function recordableOrgs(db: Executor, actor: Actor): Promise<{ items: RecordableOrg[] }> {
  const paths = recorderPaths(actor);
  if (!paths.length) return { items: [] };
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
    name: string;
    type: 'branch' | 'party_group';
    path: string;
    parent_id: string | null;
    has_committee: boolean;
  }>(
    db,
    sql`select o.id, o.tenant_id, o.name, o.type, o.path, o.parent_id, o.has_committee from ${orgs} o
        where o.tenant_id = ${actor.tenantId} and o.type in ('branch', 'party_group') and o.dissolved_on is null
          and ${pathSql(sql`o.path`, paths)}
        order by o.sort_order, o.code, o.name`,
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
  });
  const branches = allowed.filter((o) => o.type === 'branch');
  const groups = allowed.filter((o) => o.type === 'party_group');
  const items = branches.flatMap((b) => [item(b), ...groups.filter((g) => g.parent_id === b.id).map(item)]);
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
  const { org, branchId } = await orgForRecording(ctx.db, actor, orgId);
  const on = date ?? todayLocal();
  const items = await rosterOn(ctx.db, org, branchId, on);
  const groups = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`select id, name from ${orgs} where parent_id = ${branchId} and type = 'party_group' and dissolved_on is null
        order by sort_order, name`,
  );
  return {
    orgId,
    date: on,
    items,
    groups,
    /** The 应到 of a committee meeting: the members holding a branch-committee post. */
    committee: items.filter((p) => p.committee).map((p) => p.personId),
  };
}
