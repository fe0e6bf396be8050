import { sql } from 'drizzle-orm';
import type { AuditActor, AuditInput } from '../../platform/audit';
import type { Executor } from '../../platform/db';
import { newId } from '../../platform/ids';
import { refreshLeadership } from './committee';
import { type Post, type PostSource, termEnd } from './committee-rules';
import { childPath, pathDepth } from './rules';
import {
  orgEntity,
  orgParentHistory,
  orgParentHistoryEntity,
  orgPostEntity,
  orgPosts,
  orgs,
  orgTermEntity,
  orgTerms,
} from './tables';

/**
 * System writes of the demo section for modules that build the tree out as they fill it (people adds
 * party groups to the branches it staffs, and names the secretaries). Each returns the audit events of
 * what it wrote, for the caller's one system audit write.
 */
export interface SeedGroup {
  id: string;
  tenantId: string;
  branch: { id: string; path: string };
  code: string;
  name: string;
  establishedOn: string;
  sortOrder: number;
}

export async function seedPartyGroups(
  tx: Executor,
  system: AuditActor,
  groups: SeedGroup[],
): Promise<{ rows: { id: string; path: string }[]; events: AuditInput[] }> {
  const rows = groups.map((g) => {
    const path = childPath(g.branch.path, g.id);
    return {
      id: g.id,
      tenantId: g.tenantId,
      parentId: g.branch.id,
      type: 'party_group',
      code: g.code,
      name: g.name,
      path,
      depth: pathDepth(path),
      establishedOn: g.establishedOn,
      sortOrder: g.sortOrder,
    } satisfies typeof orgs.$inferInsert;
  });
  const history = groups.map((g) => ({
    id: newId(),
    tenantId: g.tenantId,
    orgId: g.id,
    parentId: g.branch.id,
    validFrom: g.establishedOn,
  }));
  for (let i = 0; i < rows.length; i += 200) await tx.insert(orgs).values(rows.slice(i, i + 200));
  if (history.length) await tx.insert(orgParentHistory).values(history);
  const event = (tenantId: string, action: string, target: AuditInput['target']): AuditInput => ({
    tenantId,
    actor: system,
    action,
    target,
  });
  return {
    rows: rows.map((r) => ({ id: r.id, path: r.path })),
    events: [
      ...rows.map((r) => event(r.tenantId, 'org.create', { entity: orgEntity, id: r.id })),
      ...history.map((h) =>
        event(h.tenantId, 'org.parent_history', { entity: orgParentHistoryEntity, id: h.id }),
      ),
    ],
  };
}

export interface SeedLeadership {
  tenantId: string;
  orgId: string;
  hasCommittee: boolean;
  secretaryPersonId: string | null;
}

/** Whether each branch has a committee and who its secretary is. */
export async function seedBranchLeadership(
  tx: Executor,
  system: AuditActor,
  list: SeedLeadership[],
): Promise<AuditInput[]> {
  for (const b of list) {
    await tx
      .update(orgs)
      .set({ hasCommittee: b.hasCommittee, secretaryPersonId: b.secretaryPersonId })
      .where(sql`${orgs.id} = ${b.orgId}`);
  }
  return list.map((b) => ({
    tenantId: b.tenantId,
    actor: system,
    action: 'org.update',
    target: { entity: orgEntity, id: b.orgId },
    details: { hasCommittee: b.hasCommittee },
  }));
}

export interface SeedPost {
  orgId: string;
  personId: string;
  name: string;
  post: Post;
  from: string;
  /** Ended (exclusive), for a post of an earlier term. */
  to?: string | null;
  source: PostSource;
  meetingId?: string | null;
}
export interface SeedTerm {
  orgId: string;
  startedOn: string;
  years: number;
  meetingId?: string | null;
  reason?: string | null;
}

/**
 * The demo's committees as posts from a date and their terms (the meetings demo knows who holds which
 * post and when the committee was elected). The organization rows' derived leadership follows the posts.
 * Returns the audit events, for the caller's one system audit write.
 */
export async function seedCommittees(
  tx: Executor,
  system: AuditActor,
  tenantId: string,
  today: string,
  list: { posts: SeedPost[]; terms: SeedTerm[] },
): Promise<AuditInput[]> {
  const now = new Date();
  const posts = list.posts.map((p) => ({
    id: newId(),
    tenantId,
    orgId: p.orgId,
    personId: p.personId,
    personName: p.name,
    post: p.post,
    validFrom: p.from,
    validTo: p.to ?? null,
    source: p.source,
    meetingId: p.meetingId ?? null,
    createdAt: now,
  }));
  const terms = list.terms.map((t) => ({
    id: newId(),
    tenantId,
    orgId: t.orgId,
    startedOn: t.startedOn,
    years: t.years,
    endsOn: termEnd(t.startedOn, t.years),
    meetingId: t.meetingId ?? null,
    reason: t.reason ?? null,
    createdAt: now,
  }));
  for (let i = 0; i < posts.length; i += 500) await tx.insert(orgPosts).values(posts.slice(i, i + 500));
  for (let i = 0; i < terms.length; i += 500) await tx.insert(orgTerms).values(terms.slice(i, i + 500));
  const events: AuditInput[] = [
    ...posts.map((p) => ({
      tenantId,
      actor: system,
      action: p.source === 'election' ? 'org.post.elect' : 'org.post.appoint',
      target: { entity: orgPostEntity, id: p.id },
    })),
    ...terms.map((t) => ({
      tenantId,
      actor: system,
      action: 'org.term.start',
      target: { entity: orgTermEntity, id: t.id },
    })),
  ];
  for (const orgId of new Set(list.posts.map((p) => p.orgId)))
    for (const e of await refreshLeadership(tx, tenantId, orgId, today))
      events.push({
        tenantId,
        actor: system,
        action: e.action,
        target: e.target ?? undefined,
        details: e.details,
      });
  return events;
}
