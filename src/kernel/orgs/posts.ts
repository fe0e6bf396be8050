import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { AppError, conflict, invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import { partyPostsSource } from './api';
import { authorizeOrg } from './authorize';
import {
  currentTerms,
  electionTiming,
  holderName,
  insertPosts,
  insertTerm,
  type NewPost,
  type PostRow,
  postsOf,
  refreshLeadership,
} from './committee';
import {
  hasCommitteeOn,
  heldOn,
  POST_LABELS,
  POST_SOURCE_LABELS,
  postsFromText,
  TERM_STATUS_LABELS,
  termStatus,
} from './committee-rules';
import type {
  AppointInput,
  CommitteeResponse,
  EndPostInput,
  PostItem,
  RecordTermInput,
  TermsResponse,
} from './contract';
import { canOnOrg, decideListOrgs, orgScope } from './policy';
import { loadOrgSettings } from './settings';
import { orgPostEntity, orgPosts } from './tables';

/** The committee and terms routes' use cases: read a committee on a date, appoint and end posts, terms. */

const presentPost = (p: PostRow): PostItem => ({
  id: p.id,
  personId: p.personId,
  name: p.name,
  post: p.post,
  postLabel: POST_LABELS[p.post],
  from: p.from,
  to: p.to,
  source: p.source,
  sourceLabel: POST_SOURCE_LABELS[p.source],
  meetingId: p.meetingId,
  reason: p.reason,
});

function checkNotFuture(field: string, date: string, what: string) {
  const today = todayLocal();
  if (date > today) throw invalid({ [field]: `${what}不能晚于今天（${today}）` });
}

function checkPostOrg(org: { type: string }) {
  if (org.type === 'party_group') throw invalid({ id: '党小组不设委员会职务' });
}

/** `GET /orgs/:id/committee?on=`: the posts held that day and the history. */
export async function getCommittee(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  on = todayLocal(),
): Promise<CommitteeResponse> {
  const org = await authorizeOrg(ctx.db, actor, orgId, 'read');
  const posts = await postsOf(ctx.db, actor.tenantId, [org.id]);
  const held = posts.filter((p) => heldOn(p, on));
  return {
    orgId: org.id,
    on,
    posts: held.map(presentPost),
    hasCommittee: hasCommitteeOn(posts, on),
    history: [...posts].reverse().map(presentPost),
    canManage: org.type !== 'party_group' && !org.dissolvedOn && canOnOrg(actor, 'update', org),
  };
}

/** The superior appoints a person to a post from a date (a single post's holder leaves that day). */
export async function appointPost(ctx: AppContext, actor: Actor, orgId: string, input: AppointInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, orgId, 'update');
    checkPostOrg(org);
    if (org.dissolvedOn) throw invalid({ from: '组织已撤销' });
    checkNotFuture('from', input.from, '任职日期');
    if (input.from < org.establishedOn)
      throw invalid({ from: `任职日期早于组织成立日期（${org.establishedOn}）` });
    const name = await holderName(tx, org, input.personId, input.from);
    const post: NewPost = { ...input, name, source: 'appointment', reason: input.reason ?? null };
    const events = await insertPosts(tx, org, [post]);
    events.push(...(await refreshLeadership(tx, actor.tenantId, org.id, todayLocal())));
    await audit(tx, actor, events);
  });
}

/** A post ends on a date (resignation, transfer, removal), with the reason. */
export async function endPost(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  postId: string,
  input: EndPostInput,
) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, orgId, 'update');
    const [row] = await tx
      .select()
      .from(orgPosts)
      .where(and(eq(orgPosts.id, postId), eq(orgPosts.orgId, org.id)));
    if (!row) throw new AppError(404, 'not_found', '任职记录不存在');
    if (row.validTo) throw conflict(`该任职已于 ${row.validTo} 结束`);
    checkNotFuture('on', input.on, '离任日期');
    if (input.on < row.validFrom) throw invalid({ on: `离任日期早于任职日期（${row.validFrom}）` });
    await tx
      .update(orgPosts)
      .set({ validTo: input.on, reason: [row.reason, `离任：${input.reason}`].filter(Boolean).join('；') })
      .where(eq(orgPosts.id, postId));
    await audit(tx, actor, [
      { action: 'org.post.end', target: { entity: orgPostEntity, id: postId }, details: input },
      ...(await refreshLeadership(tx, actor.tenantId, org.id, todayLocal())),
    ]);
  });
}

interface ScopedOrg {
  id: string;
  tenant_id: string;
  name: string;
  type: string;
  path: string;
  parent_name: string | null;
  dissolved_on: string | null;
}

/** `GET /terms?orgId=`: the current term of every organization in scope (the subtree of `orgId`). */
export async function listTerms(ctx: AppContext, actor: Actor, orgId?: string): Promise<TermsResponse> {
  enforce(decideListOrgs(actor));
  const settings = await loadOrgSettings(ctx.db, actor.tenantId);
  const prefix = orgId ? (await authorizeOrg(ctx.db, actor, orgId, 'read')).path : null;
  const rows = await queryRows<ScopedOrg>(
    ctx.db,
    sql`select o.id, o.tenant_id, o.name, o.type, o.path, p.name as parent_name, o.dissolved_on
        from orgs o left join orgs p on p.id = o.parent_id
        where ${orgScope(actor)} and o.type <> 'party_group' and o.dissolved_on is null
          ${prefix ? sql`and o.path like ${`${prefix}%`}` : sql``}
        order by o.depth, o.sort_order, o.code`,
  );
  const terms = await currentTerms(
    ctx.db,
    actor.tenantId,
    rows.map((r) => r.id),
  );
  const today = todayLocal();
  const may = (r: ScopedOrg) =>
    canOnOrg(actor, 'update', { tenantId: r.tenant_id, path: r.path, type: r.type });
  const items: TermsResponse['items'] = [];
  const withoutTerm: TermsResponse['withoutTerm'] = [];
  for (const r of rows) {
    const t = terms.get(r.id);
    if (!t) {
      withoutTerm.push({ orgId: r.id, orgName: r.name, canRecord: may(r) });
      continue;
    }
    const status = termStatus(t.endsOn, today, settings.termReminderMonths);
    items.push({
      orgId: r.id,
      orgName: r.name,
      orgType: r.type as TermsResponse['items'][number]['orgType'],
      parentName: r.parent_name,
      startedOn: t.startedOn,
      endsOn: t.endsOn,
      years: t.years,
      status,
      statusLabel: TERM_STATUS_LABELS[status],
      reason: t.reason,
      canRecord: may(r),
    });
  }
  return { items, withoutTerm, settings };
}

/** The superior records a term (an election held outside a recorded meeting, or the term in force). */
export async function recordTerm(ctx: AppContext, actor: Actor, orgId: string, input: RecordTermInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, orgId, 'update');
    checkPostOrg(org);
    if (org.dissolvedOn) throw invalid({ startedOn: '组织已撤销' });
    checkNotFuture('startedOn', input.startedOn, '换届日期');
    if (input.startedOn < org.establishedOn)
      throw invalid({ startedOn: `换届日期早于组织成立日期（${org.establishedOn}）` });
    const problem = await electionTiming(tx, actor.tenantId, org.id, input.startedOn, input.reason);
    if (problem) throw invalid({ [problem.includes('原因') ? 'reason' : 'startedOn']: problem });
    const settings = await loadOrgSettings(tx, actor.tenantId);
    await audit(
      tx,
      actor,
      await insertTerm(tx, org, {
        startedOn: input.startedOn,
        years: input.years ?? settings.termYears,
        reason: input.reason,
      }),
    );
  });
}

/**
 * Migrates the free-text party posts (people.party_posts) of the branches under `orgId` (one the caller
 * may update: the committee for the whole section, a branch for itself) into posts, for every branch with no post recorded yet. Posts start the day the
 * person joined the branch (not before the branch's founding), source 「由党内职务迁移」.
 */
export async function importPartyPosts(ctx: AppContext, actor: Actor, orgId: string) {
  return ctx.db.transaction(async (tx) => {
    const root = await authorizeOrg(tx, actor, orgId, 'update');
    const branches = await queryRows<{
      id: string;
      tenant_id: string;
      path: string;
      type: string;
      established_on: string;
    }>(
      tx,
      sql`select o.id, o.tenant_id, o.path, o.type, o.established_on from orgs o
          where o.tenant_id = ${actor.tenantId} and o.type = 'branch' and o.dissolved_on is null
            and o.path like ${`${root.path}%`}
            and not exists (select 1 from org_posts p where p.org_id = o.id)`,
    );
    const allowed = new Map(
      branches
        .filter((b) => canOnOrg(actor, 'update', { tenantId: b.tenant_id, path: b.path, type: b.type }))
        .map((b) => [b.id, b]),
    );
    const people = (
      await Promise.all(partyPostsSource.values().map((s) => s.under(tx, actor.tenantId, root.path)))
    ).flat();
    let posts = 0;
    const touched = new Set<string>();
    const events: AuditEvent[] = [];
    for (const p of people) {
      const branch = allowed.get(p.orgId);
      if (!branch) continue;
      for (const post of postsFromText(p.partyPosts)) {
        const one: NewPost = {
          personId: p.personId,
          name: p.name,
          post,
          from: p.since > branch.established_on ? p.since : branch.established_on,
          source: 'migrated',
          reason: `党内职务：${p.partyPosts}`,
        };
        try {
          events.push(...(await insertPosts(tx, { id: branch.id, tenantId: actor.tenantId }, [one])));
          posts += 1;
          touched.add(branch.id);
        } catch (e) {
          // A single post named by two people who joined the same day: the first keeps it.
          if (!(e instanceof AppError)) throw e;
        }
      }
    }
    for (const id of touched) events.push(...(await refreshLeadership(tx, actor.tenantId, id, todayLocal())));
    if (events.length) await audit(tx, actor, events);
    return { orgs: touched.size, posts };
  });
}
