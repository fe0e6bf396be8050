import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { groupBy } from '../../platform/collections';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { enforce } from '../../platform/policy';
import { type OrgHeadcount, orgHeadcounts } from './api';
import { authorizeOrg } from './authorize';
import type { OrgDetail, OrgItem } from './contract';
import { decideListOrgs, orgActions, orgScope, seesOrgMemberData } from './policy';
import {
  childPath,
  existsOn,
  type OrgType,
  type ParentInterval,
  parentOn,
  pathDepth,
  sizeWarnings,
} from './rules';
import { orgParentHistory } from './tables';

interface ListRow {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  type: OrgType;
  code: string;
  name: string;
  path: string;
  depth: number;
  is_joint: boolean;
  is_temporary: boolean;
  is_retiree: boolean;
  has_committee: boolean;
  established_on: string;
  dissolved_on: string | null;
  secretary_person_id: string | null;
}

const LIST_COLUMNS = sql`o.id, o.tenant_id, o.parent_id, o.type, o.code, o.name, o.path, o.depth, o.is_joint,
  o.is_temporary, o.is_retiree, o.has_committee, o.established_on, o.dissolved_on, o.secretary_person_id`;

/** Each organization's own head counts, summed over every source that provides them. */
async function headcounts(db: Executor, orgWhere: SQL, on?: string): Promise<OrgHeadcount[]> {
  const lists = [];
  for (const source of orgHeadcounts.values())
    lists.push(await (on ? source.on(db, on, orgWhere) : source.current(db, orgWhere)));
  const byOrg = new Map<string, OrgHeadcount>();
  for (const c of lists.flat()) {
    const sum = byOrg.get(c.org_id) ?? { org_id: c.org_id, full: 0, probationary: 0, employees: 0 };
    byOrg.set(c.org_id, {
      org_id: c.org_id,
      full: sum.full + c.full,
      probationary: sum.probationary + c.probationary,
      employees: sum.employees + c.employees,
    });
  }
  return [...byOrg.values()];
}

export async function listOrgs(ctx: AppContext, actor: Actor, includeDissolved = false): Promise<OrgItem[]> {
  enforce(decideListOrgs(actor));
  const rows = await queryRows<ListRow>(
    ctx.db,
    sql`select ${LIST_COLUMNS}
        from orgs o where ${orgScope(actor)} ${includeDissolved ? sql`` : sql`and o.dissolved_on is null`}
        order by o.depth, o.sort_order, o.code`,
  );
  return presentOrgs(actor, rows, await headcounts(ctx.db, orgScope(actor)), false);
}

/** Today's tree and each organization's place in it: parent, children and where it hung before. */
function placeOn(
  all: (ListRow & { sort_order: number })[],
  intervals: Map<string, ParentInterval[]>,
  on: string,
) {
  const existing = new Map(
    all
      .filter((r) => existsOn({ establishedOn: r.established_on, dissolvedOn: r.dissolved_on }, on))
      .map((r) => {
        const own = intervals.get(r.id);
        return [r.id, { ...r, parent_id: own?.length ? (parentOn(own, on) ?? r.parent_id) : r.parent_id }];
      }),
  );
  const pathOf = (id: string, seen = new Set<string>()): string => {
    const r = existing.get(id);
    if (!r?.parent_id || seen.has(id) || !existing.has(r.parent_id)) return `/${id}/`;
    seen.add(id);
    return childPath(pathOf(r.parent_id, seen), id);
  };
  return { existing, pathOf };
}

/**
 * The tree as it was on a date: the organizations that existed then, each under the parent its history
 * names for that day, with the staff their memberships place there. Scope is today's: the caller sees
 * the organizations they may see now. Party status has no history of its own, so a person counts as a
 * member from the day they joined and as a full member from the day they became one. The past is shown
 * read-only: no actions and no size warnings (the branch committee flag has no history either).
 */
export async function listOrgsOn(ctx: AppContext, actor: Actor, on: string): Promise<OrgItem[]> {
  enforce(decideListOrgs(actor));
  const visible = new Set(
    (await queryRows<{ id: string }>(ctx.db, sql`select o.id from orgs o where ${orgScope(actor)}`)).map(
      (r) => r.id,
    ),
  );
  // The whole tenant's tree is needed to place a visible org at its depth on that day; only visible rows leave.
  const all = await queryRows<ListRow & { sort_order: number }>(
    ctx.db,
    sql`select ${LIST_COLUMNS}, o.sort_order from orgs o where o.tenant_id = ${actor.tenantId}`,
  );
  const history = await ctx.db
    .select({
      orgId: orgParentHistory.orgId,
      parentId: orgParentHistory.parentId,
      validFrom: orgParentHistory.validFrom,
      validTo: orgParentHistory.validTo,
    })
    .from(orgParentHistory)
    .where(eq(orgParentHistory.tenantId, actor.tenantId));
  const { existing, pathOf } = placeOn(
    all,
    groupBy(history, (h) => h.orgId),
    on,
  );
  const rows = [...existing.values()]
    .filter((r) => visible.has(r.id))
    .map((r) => {
      const path = pathOf(r.id);
      return { ...r, path, depth: pathDepth(path) };
    })
    .sort((a, b) => a.depth - b.depth || a.sort_order - b.sort_order || a.code.localeCompare(b.code));
  return presentOrgs(actor, rows, await headcounts(ctx.db, orgScope(actor), on), true);
}

const ZERO = { full: 0, probationary: 0, employees: 0 };

/** Platform administrators see the tree's shape only: no counts, warnings or secretaries (member data). */
function presentOrgs(actor: Actor, rows: ListRow[], counts: OrgHeadcount[], past: boolean): OrgItem[] {
  const members = seesOrgMemberData(actor);
  const direct = new Map(counts.map((c) => [c.org_id, c]));
  const byPath = rows.map((r) => ({ path: r.path, c: direct.get(r.id) }));
  return rows.map((r) => {
    const own = direct.get(r.id) ?? ZERO;
    const subtree = byPath
      .filter((x) => x.path.startsWith(r.path) && x.c)
      .reduce(
        (acc, x) => ({
          full: acc.full + x.c!.full,
          probationary: acc.probationary + x.c!.probationary,
          employees: acc.employees + x.c!.employees,
        }),
        ZERO,
      );
    const org = { tenantId: r.tenant_id, path: r.path, type: r.type, dissolvedOn: r.dissolved_on };
    return {
      id: r.id,
      parentId: r.parent_id,
      type: r.type,
      code: r.code,
      name: r.name,
      depth: r.depth,
      isJoint: r.is_joint,
      isTemporary: r.is_temporary,
      isRetiree: r.is_retiree,
      hasCommittee: r.has_committee,
      establishedOn: r.established_on,
      dissolvedOn: r.dissolved_on,
      secretaryPersonId: members ? r.secretary_person_id : null,
      memberCount: members ? subtree.full + subtree.probationary : null,
      fullMemberCount: members ? subtree.full : null,
      probationaryCount: members ? subtree.probationary : null,
      employeeCount: members ? subtree.employees : null,
      warnings:
        past || !members
          ? []
          : sizeWarnings({ type: r.type, hasCommittee: r.has_committee, dissolvedOn: r.dissolved_on }, own),
      actions: past ? [] : orgActions(actor, org),
    };
  });
}

export async function getOrg(ctx: AppContext, actor: Actor, id: string): Promise<OrgDetail> {
  await authorizeOrg(ctx.db, actor, id, 'read');
  const all = await listOrgs(ctx, actor, true);
  const org = all.find((o) => o.id === id)!;
  const history = await ctx.db.select().from(orgParentHistory).where(eq(orgParentHistory.orgId, id));
  return {
    ...org,
    children: all.filter((o) => o.parentId === id),
    parentHistory: history.map((h) => ({ parentId: h.parentId, validFrom: h.validFrom, validTo: h.validTo })),
  };
}

/** Branches in the caller's view whose size or committee needs attention (the to-do's reminder). */
export async function warnedBranches(ctx: AppContext, actor: Actor): Promise<number> {
  const items = await listOrgs(ctx, actor);
  return items.filter((o) => o.type === 'branch' && o.warnings.length > 0).length;
}

/** The parent an organization hung under on a date (its history; today's parent where none covers it). */
export async function parentOnDate(db: Executor, orgId: string, date: string): Promise<string | null> {
  const history = await db
    .select({
      parentId: orgParentHistory.parentId,
      validFrom: orgParentHistory.validFrom,
      validTo: orgParentHistory.validTo,
    })
    .from(orgParentHistory)
    .where(eq(orgParentHistory.orgId, orgId));
  const found = parentOn(history, date);
  if (found !== undefined) return found;
  const [row] = await queryRows<{ parent_id: string | null }>(
    db,
    sql`select parent_id from orgs where id = ${orgId}`,
  );
  return row?.parent_id ?? null;
}

export interface GroupUnder {
  id: string;
  name: string;
  /** The branch the spans are under. */
  branchId: string;
  establishedOn: string;
  dissolvedOn: string | null;
  /** The days `[from, to)` the group hung under that branch. */
  spans: { from: string; to: string | null }[];
}

/**
 * The party groups that hung under these branches at some time between `from` and `to`, with the days
 * they did: a group moved by a merge owes its meetings to the branch it belonged to on each day.
 */
export async function groupsUnder(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  from: string,
  to: string,
): Promise<GroupUnder[]> {
  if (!branchIds.length) return [];
  const rows = await queryRows<{
    id: string;
    name: string;
    branch_id: string;
    established_on: string;
    dissolved_on: string | null;
    valid_from: string | null;
    valid_to: string | null;
  }>(
    db,
    sql`select g.id, g.name, coalesce(h.parent_id, g.parent_id) as branch_id, g.established_on, g.dissolved_on,
          h.valid_from, h.valid_to
        from orgs g left join org_parent_history h on h.org_id = g.id
        where g.tenant_id = ${tenantId} and g.type = 'party_group'
          and coalesce(h.parent_id, g.parent_id) in (${uuidList(branchIds)})
          and (h.id is null or (h.valid_from <= ${to} and (h.valid_to is null or h.valid_to > ${from})))
        order by g.sort_order, g.name`,
  );
  const out = new Map<string, GroupUnder>();
  for (const r of rows) {
    const key = `${r.id}/${r.branch_id}`;
    const g = out.get(key) ?? {
      id: r.id,
      name: r.name,
      branchId: r.branch_id,
      establishedOn: r.established_on,
      dissolvedOn: r.dissolved_on,
      spans: [],
    };
    g.spans.push({ from: r.valid_from ?? r.established_on, to: r.valid_to });
    out.set(key, g);
  }
  return [...out.values()];
}
