import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AuditEvent } from '../../platform/audit';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { orgPostHolder } from './api';
import { authorizeOrg, type OrgRow } from './authorize';
import {
  electionTimingProblem,
  hasCommitteeOn,
  heldOn,
  LEADER_POSTS,
  type Post,
  type PostSource,
  SINGLE_POSTS,
  termEnd,
  termStatus,
} from './committee-rules';
import type { OrgSettings } from './settings';
import { orgEntity, orgPostEntity, orgPosts, orgs, orgTermEntity, orgTerms } from './tables';

/**
 * Committees as data: who held which post of an organization from when to when, and the terms. Reads for
 * the modules (meetings takes its committee meetings' 应到 and what a branch owes from here) and the
 * writes every path goes through (appointment, election, migration), which keep `orgs.has_committee`
 * and `orgs.secretary_person_id` derived from the posts.
 */

export interface PostRow {
  id: string;
  orgId: string;
  personId: string;
  name: string;
  post: Post;
  from: string;
  to: string | null;
  source: PostSource;
  meetingId: string | null;
  reason: string | null;
}

export interface TermRow {
  id: string;
  orgId: string;
  startedOn: string;
  years: number;
  endsOn: string;
  meetingId: string | null;
  reason: string | null;
}

const postColumns = {
  id: orgPosts.id,
  orgId: orgPosts.orgId,
  personId: orgPosts.personId,
  name: orgPosts.personName,
  post: orgPosts.post,
  from: orgPosts.validFrom,
  to: orgPosts.validTo,
  source: orgPosts.source,
  meetingId: orgPosts.meetingId,
  reason: orgPosts.reason,
};

/** Every post ever held in these organizations, oldest first. */
export async function postsOf(db: Executor, tenantId: string, orgIds: string[]): Promise<PostRow[]> {
  if (!orgIds.length) return [];
  const rows = await db
    .select(postColumns)
    .from(orgPosts)
    .where(and(eq(orgPosts.tenantId, tenantId), sql`${orgPosts.orgId} in (${uuidList(orgIds)})`))
    .orderBy(asc(orgPosts.validFrom), asc(orgPosts.id));
  return rows as PostRow[];
}

/** The posts held in an organization on a date (its committee, or its secretary and deputy). */
export async function committeeOn(db: Executor, tenantId: string, orgId: string, on: string) {
  return (await postsOf(db, tenantId, [orgId])).filter((p) => heldOn(p, on));
}

/**
 * The whole post history of some branches, by branch. A branch missing from the map has never had a
 * post recorded: its `has_committee` flag is all there is (records older than posts).
 */
export async function branchCommittees(
  db: Executor,
  tenantId: string,
  branchIds: string[],
): Promise<Map<string, PostRow[]>> {
  const out = new Map<string, PostRow[]>();
  for (const p of await postsOf(db, tenantId, branchIds)) out.set(p.orgId, [...(out.get(p.orgId) ?? []), p]);
  return out;
}

/** The latest term of each organization (the one in force, or the last one, overdue). */
export async function currentTerms(
  db: Executor,
  tenantId: string,
  orgIds: string[],
): Promise<Map<string, TermRow>> {
  if (!orgIds.length) return new Map();
  const rows = await queryRows<{
    id: string;
    org_id: string;
    started_on: string;
    years: number;
    ends_on: string;
    meeting_id: string | null;
    reason: string | null;
  }>(
    db,
    sql`select distinct on (org_id) id, org_id, started_on, years, ends_on, meeting_id, reason from ${orgTerms}
        where tenant_id = ${tenantId} and org_id in (${uuidList(orgIds)})
        order by org_id, started_on desc, created_at desc`,
  );
  return new Map(
    rows.map((r) => [
      r.org_id,
      {
        id: r.id,
        orgId: r.org_id,
        startedOn: r.started_on,
        years: r.years,
        endsOn: r.ends_on,
        meetingId: r.meeting_id,
        reason: r.reason,
      },
    ]),
  );
}

/**
 * Terms that need the superior: the organizations strictly under `paths` (alive) whose term ends within
 * the reminder months or has ended without an election. For the managers' to-do.
 */
export async function termsDue(
  db: Executor,
  tenantId: string,
  paths: string[],
  today: string,
  settings: OrgSettings,
): Promise<{ dueSoon: number; overdue: number }> {
  if (!paths.length) return { dueSoon: 0, overdue: 0 };
  const under = sql.join(
    paths.map((p) => sql`(o.path like ${`${p}%`} and o.path <> ${p})`),
    sql` or `,
  );
  const rows = await queryRows<{ ends_on: string }>(
    db,
    sql`select distinct on (t.org_id) t.ends_on from ${orgTerms} t join ${orgs} o on o.id = t.org_id
        where t.tenant_id = ${tenantId} and o.dissolved_on is null and o.type <> 'party_group' and (${under})
        order by t.org_id, t.started_on desc, t.created_at desc`,
  );
  let dueSoon = 0;
  let overdue = 0;
  for (const r of rows) {
    const s = termStatus(r.ends_on, today, settings.termReminderMonths);
    if (s === 'overdue') overdue += 1;
    else if (s === 'due_soon') dueSoon += 1;
  }
  return { dueSoon, overdue };
}

/** Whether a term begun on `startedOn` may follow the organization's current one (see electionTimingProblem). */
export async function electionTiming(
  db: Executor,
  tenantId: string,
  orgId: string,
  startedOn: string,
  reason: string | null | undefined,
): Promise<string | null> {
  const current = (await currentTerms(db, tenantId, [orgId])).get(orgId);
  if (current && startedOn <= current.startedOn)
    return `换届日期应晚于本届任期的开始日期（${current.startedOn}）`;
  return electionTimingProblem(current?.endsOn ?? null, startedOn, reason);
}

/**
 * Keeps the organization row's derived leadership in step with its posts as of today: `has_committee`
 * (a committee member's post is held) and `secretary_person_id` (the 书记). Each is derived once its
 * kind of post has ever been recorded for the organization; before that (records older than posts) the
 * row keeps what it has. Returns the audit event of the change, if any.
 */
export async function refreshLeadership(
  tx: Executor,
  tenantId: string,
  orgId: string,
  today: string,
): Promise<AuditEvent[]> {
  const posts = await postsOf(tx, tenantId, [orgId]);
  if (!posts.length) return [];
  const [org] = await tx
    .select({ hasCommittee: orgs.hasCommittee, secretaryPersonId: orgs.secretaryPersonId })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  const hasCommittee = posts.some((p) => !LEADER_POSTS.includes(p.post))
    ? hasCommitteeOn(posts, today)
    : org.hasCommittee;
  const secretary = posts.some((p) => p.post === 'secretary')
    ? (posts.find((p) => p.post === 'secretary' && heldOn(p, today))?.personId ?? null)
    : org.secretaryPersonId;
  if (org.hasCommittee === hasCommittee && org.secretaryPersonId === secretary) return [];
  await tx.update(orgs).set({ hasCommittee, secretaryPersonId: secretary }).where(eq(orgs.id, orgId));
  return [
    {
      action: 'org.update',
      target: { entity: orgEntity, id: orgId },
      details: { derivedFromPosts: { hasCommittee, secretaryPersonId: secretary } },
    },
  ];
}

/** The name of a person who may hold a post of `org` on `on` (people checks them), or a 400 on `personId`. */
export async function holderName(
  tx: Executor,
  org: Pick<OrgRow, 'id' | 'tenantId' | 'path' | 'type'>,
  personId: string,
  on: string,
): Promise<string> {
  const [answer] = await orgPostHolder.run(tx, { tenantId: org.tenantId, org, personId, on });
  if (!answer) throw invalid({ personId: '人员不存在' });
  return answer.name;
}

export interface NewPost {
  personId: string;
  name: string;
  post: Post;
  from: string;
  source: PostSource;
  meetingId?: string | null;
  reason?: string | null;
}

/**
 * Inserts posts of one organization; a single post (书记, 组织委员, …) ends its current holder's on the
 * new one's first day. The same person holding the same post already is refused. Returns the events.
 */
export async function insertPosts(
  tx: Executor,
  org: Pick<OrgRow, 'id' | 'tenantId'>,
  list: NewPost[],
): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const p of list) {
    const current = await tx
      .select({ id: orgPosts.id, personId: orgPosts.personId, from: orgPosts.validFrom })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.id), eq(orgPosts.post, p.post), isNull(orgPosts.validTo)));
    if (current.some((c) => c.personId === p.personId)) throw invalid({ personId: `${p.name} 已担任该职务` });
    if (SINGLE_POSTS.includes(p.post))
      for (const c of current) {
        if (c.from > p.from) throw invalid({ from: `任职日期早于现任的任职日期（${c.from}）` });
        await tx.update(orgPosts).set({ validTo: p.from }).where(eq(orgPosts.id, c.id));
        events.push({ action: 'org.post.end', target: { entity: orgPostEntity, id: c.id } });
      }
    const id = newId();
    await tx.insert(orgPosts).values({
      id,
      tenantId: org.tenantId,
      orgId: org.id,
      personId: p.personId,
      personName: p.name,
      post: p.post,
      validFrom: p.from,
      source: p.source,
      meetingId: p.meetingId ?? null,
      reason: p.reason ?? null,
      createdAt: new Date(),
    });
    events.push({
      action: `org.post.${p.source === 'election' ? 'elect' : 'appoint'}`,
      target: { entity: orgPostEntity, id },
    });
  }
  return events;
}

/** A new term of an organization's committee, begun on `startedOn`. Returns the events. */
export async function insertTerm(
  tx: Executor,
  org: Pick<OrgRow, 'id' | 'tenantId'>,
  t: { startedOn: string; years: number; meetingId?: string | null; reason?: string | null },
): Promise<AuditEvent[]> {
  const id = newId();
  await tx.insert(orgTerms).values({
    id,
    tenantId: org.tenantId,
    orgId: org.id,
    startedOn: t.startedOn,
    years: t.years,
    endsOn: termEnd(t.startedOn, t.years),
    meetingId: t.meetingId ?? null,
    reason: t.reason?.trim() || null,
    createdAt: new Date(),
  });
  return [{ action: 'org.term.start', target: { entity: orgTermEntity, id }, details: t }];
}

export interface ElectedPost {
  personId: string;
  post: Post;
}

/**
 * The result of an election recorded at a branch's meeting, written when the superior approves the
 * record: a general election (换届) ends every post held and starts a new term; a by-election (补选)
 * adds the posts elected. The holders are checked like any appointment. Returns the events, for the
 * caller's one audit write.
 */
export async function recordElection(
  tx: Executor,
  actor: Actor,
  e: {
    orgId: string;
    on: string;
    meetingId: string;
    elected: ElectedPost[];
    newTerm: boolean;
    reason?: string | null;
    settings: OrgSettings;
    today: string;
  },
): Promise<AuditEvent[]> {
  const org = await authorizeOrg(tx, actor, e.orgId, 'update');
  const events: AuditEvent[] = [];
  if (e.newTerm) {
    const problem = await electionTiming(tx, actor.tenantId, org.id, e.on, e.reason);
    if (problem) throw invalid({ votes: `选举：${problem}` });
    const held = await tx
      .select({ id: orgPosts.id, from: orgPosts.validFrom })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.id), isNull(orgPosts.validTo)));
    for (const h of held) {
      await tx
        .update(orgPosts)
        .set({ validTo: h.from > e.on ? h.from : e.on })
        .where(eq(orgPosts.id, h.id));
      events.push({ action: 'org.post.end', target: { entity: orgPostEntity, id: h.id } });
    }
    events.push(
      ...(await insertTerm(tx, org, {
        startedOn: e.on,
        years: e.settings.termYears,
        meetingId: e.meetingId,
        reason: e.reason,
      })),
    );
  }
  const named: NewPost[] = [];
  for (const p of e.elected)
    named.push({
      ...p,
      name: await holderName(tx, org, p.personId, e.on),
      from: e.on,
      source: 'election',
      meetingId: e.meetingId,
    });
  events.push(...(await insertPosts(tx, org, named)));
  events.push(...(await refreshLeadership(tx, actor.tenantId, org.id, e.today)));
  return events;
}
