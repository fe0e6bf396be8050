import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  type Actor,
  isUnder,
  managedPaths,
  pathSql,
  pathsWithRole,
  seesMemberData,
} from '../../platform/access';
import { type AuditInput, actorRef, diffFields, recordAudit } from '../../platform/audit';
import { groupBy } from '../../platform/collections';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { membershipEntity, people, personEntity, personMemberships } from '../people/tables';
import type { CreateOrgInput, UpdateOrgInput } from './contract';
import { canOnOrg, type OrgAction, orgActions } from './policy';
import {
  canContain,
  childPath,
  type DateBound,
  existsOn,
  movedPath,
  type OrgType,
  type ParentInterval,
  parentOn,
  pathDepth,
  reorgDateProblem,
  sizeWarnings,
} from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgs } from './tables';

export type OrgRow = typeof orgs.$inferSelect;

/** SQL condition selecting the organizations the actor may see. */
export function orgScope(actor: Actor) {
  if (actor.adminRole === 'system_admin' || actor.adminRole === 'security_admin')
    return sql`o.tenant_id = ${actor.tenantId}`;
  if (actor.adminRole) return sql`false`;
  const parts = [pathSql(sql`o.path`, managedPaths(actor))];
  const memberOrgs = pathsWithRole(actor, ['member']);
  if (memberOrgs.length)
    parts.push(
      sql`o.path in (${sql.join(
        memberOrgs.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
  return sql`(${sql.join(parts, sql` or `)})`;
}

interface CountRow {
  org_id: string;
  full: number;
  probationary: number;
  employees: number;
}

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

export async function listOrgs(ctx: AppContext, actor: Actor, includeDissolved = false) {
  if (actor.adminRole === 'audit_admin') throw forbidden('审计管理员只能查看审计日志');
  const rows = await queryRows<ListRow>(
    ctx.db,
    sql`select ${LIST_COLUMNS}
        from orgs o where ${orgScope(actor)} ${includeDissolved ? sql`` : sql`and o.dissolved_on is null`}
        order by o.depth, o.sort_order, o.code`,
  );
  const counts = await queryRows<CountRow>(
    ctx.db,
    sql`select p.org_id,
          count(*) filter (where p.party_status = 'full')::int as full,
          count(*) filter (where p.party_status = 'probationary')::int as probationary,
          count(*)::int as employees
        from people p join orgs o on o.id = p.org_id
        where p.ended_on is null and ${orgScope(actor)} group by p.org_id`,
  );
  return presentOrgs(actor, rows, counts, false);
}

/**
 * The tree as it was on a date: the organizations that existed then, each under the parent its history
 * names for that day, with the staff their memberships place there. Scope is today's: the caller sees
 * the organizations they may see now. Party status has no history of its own, so a person counts as a
 * member from the day they joined and as a full member from the day they became one. The past is shown
 * read-only: no actions and no size warnings (the branch committee flag has no history either).
 */
export async function listOrgsOn(ctx: AppContext, actor: Actor, on: string) {
  if (actor.adminRole === 'audit_admin') throw forbidden('审计管理员只能查看审计日志');
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
  const intervals: Map<string, ParentInterval[]> = groupBy(history, (h) => h.orgId);
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
  const rows = [...existing.values()]
    .filter((r) => visible.has(r.id))
    .map((r) => {
      const path = pathOf(r.id);
      return { ...r, path, depth: pathDepth(path) };
    })
    .sort((a, b) => a.depth - b.depth || a.sort_order - b.sort_order || a.code.localeCompare(b.code));
  const counts = await queryRows<CountRow>(
    ctx.db,
    sql`select m.org_id,
          count(*) filter (where p.full_member_on <= ${on})::int as full,
          count(*) filter (where p.party_status in ('probationary', 'full') and p.joined_party_on <= ${on}
            and (p.full_member_on is null or p.full_member_on > ${on}))::int as probationary,
          count(*)::int as employees
        from person_memberships m join people p on p.id = m.person_id join orgs o on o.id = m.org_id
        where m.valid_from <= ${on} and (m.valid_to is null or m.valid_to > ${on}) and ${orgScope(actor)}
        group by m.org_id`,
  );
  return presentOrgs(actor, rows, counts, true);
}

/** Platform administrators see the tree's shape only: no counts, warnings or secretaries (member data). */
function presentOrgs(actor: Actor, rows: ListRow[], counts: CountRow[], past: boolean) {
  const members = seesMemberData(actor);
  const direct = new Map(counts.map((c) => [c.org_id, c]));
  const byPath = rows.map((r) => ({ path: r.path, c: direct.get(r.id) }));
  return rows.map((r) => {
    const own = direct.get(r.id) ?? { full: 0, probationary: 0, employees: 0 };
    const subtree = byPath
      .filter((x) => x.path.startsWith(r.path) && x.c)
      .reduce(
        (acc, x) => ({
          full: acc.full + x.c!.full,
          probationary: acc.probationary + x.c!.probationary,
          employees: acc.employees + x.c!.employees,
        }),
        {
          full: 0,
          probationary: 0,
          employees: 0,
        },
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

export async function getOrgRow(db: Executor, tenantId: string, id: string): Promise<OrgRow | undefined> {
  const [row] = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, id), eq(orgs.tenantId, tenantId)));
  return row;
}

/** Loads an organization and checks the action; out of sight is 404, in sight but not allowed is 403. */
export async function authorizeOrg(
  db: Executor,
  actor: Actor,
  id: string,
  action: OrgAction,
): Promise<OrgRow> {
  const org = await getOrgRow(db, actor.tenantId, id);
  if (!org || !canOnOrg(actor, 'read', org)) throw notFound('组织');
  if (!canOnOrg(actor, action, org)) throw forbidden();
  return org;
}

export async function getOrg(ctx: AppContext, actor: Actor, id: string) {
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

async function nextCode(db: Executor, parent: OrgRow): Promise<string> {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from orgs where parent_id = ${parent.id}`,
  );
  return `${parent.code}-${String(n + 1).padStart(2, '0')}`;
}

export async function createOrg(ctx: AppContext, actor: Actor, input: CreateOrgInput) {
  return ctx.db.transaction(async (tx) => {
    const parent = await authorizeOrg(tx, actor, input.parentId, 'create_child');
    if (!canContain(parent.type as OrgType, input.type)) {
      throw invalid({ type: `${parent.name}下不能设立此类组织` });
    }
    if (input.establishedOn < parent.establishedOn)
      throw invalid({ establishedOn: '成立日期不能早于上级组织的成立日期' });
    const id = newId();
    const path = childPath(parent.path, id);
    await tx.insert(orgs).values({
      id,
      tenantId: actor.tenantId,
      parentId: parent.id,
      type: input.type,
      code: input.code || (await nextCode(tx, parent)),
      name: input.name,
      path,
      depth: pathDepth(path),
      isJoint: input.isJoint ?? false,
      isTemporary: input.isTemporary ?? false,
      isRetiree: input.isRetiree ?? false,
      hasCommittee: input.hasCommittee ?? false,
      establishedOn: input.establishedOn,
      secretaryPersonId: input.secretaryPersonId ?? null,
    });
    const historyId = newId();
    await tx.insert(orgParentHistory).values({
      id: historyId,
      tenantId: actor.tenantId,
      orgId: id,
      parentId: parent.id,
      validFrom: input.establishedOn,
    });
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'org.create',
        target: { entity: orgEntity, id },
        details: { name: input.name, type: input.type },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'org.parent_history',
        target: { entity: orgParentHistoryEntity, id: historyId },
      },
    ]);
    return { id };
  });
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: string, input: UpdateOrgInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'update');
    if (input.secretaryPersonId) {
      const [p] = await tx
        .select({ orgId: people.orgId })
        .from(people)
        .where(and(eq(people.id, input.secretaryPersonId), eq(people.tenantId, actor.tenantId)));
      if (!p) throw invalid({ secretaryPersonId: '书记不存在' });
    }
    if (input.establishedOn && org.dissolvedOn && input.establishedOn > org.dissolvedOn)
      throw invalid({ establishedOn: `成立日期不能晚于撤销日期（${org.dissolvedOn}）` });
    await tx.update(orgs).set(input).where(eq(orgs.id, id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'org.update',
      target: { entity: orgEntity, id },
      details: { changes: diffFields(org, input) },
    });
  });
}

export async function moveOrg(ctx: AppContext, actor: Actor, id: string, parentId: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'move');
    const parent = await authorizeOrg(tx, actor, parentId, 'create_child');
    if (!canContain(parent.type as OrgType, org.type as OrgType))
      throw invalid({ parentId: `${parent.name}下不能设立此类组织` });
    if (parent.path.startsWith(org.path)) throw invalid({ parentId: '不能移动到自身或其下级组织之下' });
    if (parent.id === org.parentId) throw invalid({ parentId: '已经在该组织之下' });
    checkDate('调整', on, [
      ...(await ownBounds(tx, org)),
      { what: '新上级组织的成立日期', who: parent.name, date: parent.establishedOn },
    ]);
    const newPrefix = childPath(parent.path, org.id);
    const subtree = await tx
      .select({ id: orgs.id, path: orgs.path })
      .from(orgs)
      .where(sql`${orgs.path} like ${`${org.path}%`}`);
    for (const node of subtree) {
      const path = movedPath(node.path, org.path, newPrefix);
      await tx
        .update(orgs)
        .set({ path, depth: pathDepth(path), ...(node.id === org.id ? { parentId: parent.id } : {}) })
        .where(eq(orgs.id, node.id));
    }
    const historyIds = await reparentHistory(tx, actor.tenantId, [org.id], parent.id, on);
    await recordAudit(tx, [
      ...subtree.map((node) => ({
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'org.move',
        target: { entity: orgEntity, id: node.id },
        details: node.id === org.id ? { from: org.parentId, to: parent.id, on } : { subtreeOf: org.id },
      })),
      ...historyEvents(actor, historyIds),
    ]);
  });
}

function checkDate(verb: '调整' | '合并' | '撤销', on: string, bounds: DateBound[]) {
  const problem = reorgDateProblem(verb, on, todayLocal(), bounds);
  if (problem) throw invalid({ on: problem });
}

/** The org's own founding and the start of its current place in the tree. */
async function ownBounds(tx: Executor, org: OrgRow): Promise<DateBound[]> {
  const [current] = await tx
    .select({ validFrom: orgParentHistory.validFrom })
    .from(orgParentHistory)
    .where(and(eq(orgParentHistory.orgId, org.id), isNull(orgParentHistory.validTo)));
  return [
    { what: '本组织的成立日期', date: org.establishedOn },
    ...(current ? [{ what: '本组织隶属现上级组织的起始日期', date: current.validFrom }] : []),
  ];
}

/**
 * What happened inside an org's subtree that an end of the org on `on` would contradict: members who
 * joined or left later, children dissolved, moved in or moved out later.
 */
async function subtreeBounds(tx: Executor, org: OrgRow, on: string): Promise<DateBound[]> {
  const prefix = `${org.path}%`;
  const members = await queryRows<{ name: string; valid_from: string; valid_to: string | null }>(
    tx,
    sql`select p.name, m.valid_from, m.valid_to from person_memberships m
          join orgs o on o.id = m.org_id join people p on p.id = m.person_id
        where o.path like ${prefix} and (m.valid_to > ${on} or (m.valid_to is null and m.valid_from > ${on}))`,
  );
  const children = await queryRows<{ name: string; dissolved_on: string | null }>(
    tx,
    sql`select name, dissolved_on from orgs where path like ${prefix} and id <> ${org.id} and dissolved_on > ${on}`,
  );
  const placed = await queryRows<{ name: string; valid_from: string; valid_to: string | null }>(
    tx,
    sql`select o.name, h.valid_from, h.valid_to from org_parent_history h join orgs o on o.id = h.org_id
        where h.parent_id = ${org.id} and (h.valid_from > ${on} or h.valid_to > ${on})`,
  );
  return [
    ...members.map((m) =>
      m.valid_to === null
        ? { what: '某成员加入本支部的日期', who: m.name, date: m.valid_from }
        : { what: '某人调离本组织的日期', who: m.name, date: m.valid_to },
    ),
    ...children.map((c) => ({ what: '下级组织的撤销日期', who: c.name, date: c.dissolved_on! })),
    ...placed.map((h) =>
      h.valid_to !== null && h.valid_to > on
        ? { what: '下级组织调离本组织的日期', who: h.name, date: h.valid_to }
        : { what: '下级组织隶属本组织的起始日期', who: h.name, date: h.valid_from },
    ),
  ];
}

/** Ends the current parent interval of these orgs at `on` and opens one under the new parent; returns the rows written. */
async function reparentHistory(
  tx: Executor,
  tenantId: string,
  orgIds: string[],
  parentId: string,
  on: string,
): Promise<string[]> {
  if (!orgIds.length) return [];
  const list = sql.join(
    orgIds.map((o) => sql`${o}::uuid`),
    sql`, `,
  );
  const closed = await tx
    .update(orgParentHistory)
    .set({ validTo: on })
    .where(and(sql`${orgParentHistory.orgId} in (${list})`, isNull(orgParentHistory.validTo)))
    .returning({ id: orgParentHistory.id });
  const opened = orgIds.map((orgId) => ({ id: newId(), tenantId, orgId, parentId, validFrom: on }));
  await tx.insert(orgParentHistory).values(opened);
  return [...closed.map((c) => c.id), ...opened.map((o) => o.id)];
}

const historyEvents = (actor: Actor, ids: string[]): AuditInput[] =>
  ids.map((id) => ({
    tenantId: actor.tenantId,
    actor: actorRef(actor),
    action: 'org.parent_history',
    target: { entity: orgParentHistoryEntity, id },
  }));

/** Moves every current member of a branch to another on a date; the old membership is closed, not deleted. */
export async function transferPeople(
  tx: Executor,
  tenantId: string,
  personIds: string[],
  toOrgId: string,
  on: string,
  reason: string,
  options: { keepPartyGroups?: boolean } = {},
) {
  if (personIds.length === 0) return;
  const list = sql.join(
    personIds.map((p) => sql`${p}::uuid`),
    sql`, `,
  );
  await tx.execute(
    sql`update person_memberships set valid_to = ${on} where person_id in (${list}) and valid_to is null`,
  );
  const now = new Date();
  await tx.insert(personMemberships).values(
    personIds.map((personId) => ({
      id: newId(),
      tenantId,
      personId,
      orgId: toOrgId,
      validFrom: on,
      reason,
      createdAt: now,
    })),
  );
  await tx.execute(
    sql`update people set org_id = ${toOrgId}, ${options.keepPartyGroups ? sql`` : sql`party_group_id = null,`} version = version + 1, updated_at = now() where id in (${list})`,
  );
}

export async function mergeOrg(ctx: AppContext, actor: Actor, id: string, targetId: string, on: string) {
  return ctx.db.transaction(async (tx) => {
    const source = await authorizeOrg(tx, actor, id, 'merge');
    const target = await authorizeOrg(tx, actor, targetId, 'update');
    if (target.type !== 'branch' || target.dissolvedOn)
      throw invalid({ targetId: '只能并入一个现存的党支部' });
    if (target.id === source.id) throw invalid({ targetId: '不能并入自身' });
    checkDate('合并', on, [
      ...(await ownBounds(tx, source)),
      ...(await subtreeBounds(tx, source, on)),
      { what: '目标党支部的成立日期', who: target.name, date: target.establishedOn },
    ]);
    const moved = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, source.id), sql`${people.endedOn} is null`));
    const ids = moved.map((m) => m.id);
    // The party groups move with their members, so each member stays in their group.
    await transferPeople(tx, actor.tenantId, ids, target.id, on, 'merge', { keepPartyGroups: true });
    const groups = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.parentId, source.id), sql`${orgs.dissolvedOn} is null`));
    for (const g of groups) {
      const path = childPath(target.path, g.id);
      await tx
        .update(orgs)
        .set({ parentId: target.id, path, depth: pathDepth(path) })
        .where(eq(orgs.id, g.id));
    }
    const historyIds = await reparentHistory(
      tx,
      actor.tenantId,
      groups.map((g) => g.id),
      target.id,
      on,
    );
    await tx.update(orgs).set({ dissolvedOn: on, mergedIntoId: target.id }).where(eq(orgs.id, source.id));
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'org.merge',
        target: { entity: orgEntity, id: source.id },
        details: { into: target.id, on, people: ids.length },
      },
      ...groups.map((g) => ({
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'org.move',
        target: { entity: orgEntity, id: g.id },
        details: { mergedFrom: source.id, to: target.id, on },
      })),
      ...historyEvents(actor, historyIds),
      ...ids.map((pid) => ({
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.transfer',
        target: { entity: personEntity, id: pid },
        details: { from: source.id, to: target.id, on, reason: 'merge' },
      })),
      ...(await membershipEvents(tx, actor, ids)),
    ]);
    return { moved: ids.length };
  });
}

/** Audit events for the membership rows of these people (after a transfer wrote them). */
export async function membershipEvents(
  tx: Executor,
  actor: Actor,
  personIds: string[],
): Promise<AuditInput[]> {
  if (!personIds.length) return [];
  const rows = await tx
    .select({ id: personMemberships.id })
    .from(personMemberships)
    .where(
      sql`${personMemberships.personId} in (${sql.join(
        personIds.map((p) => sql`${p}::uuid`),
        sql`, `,
      )})`,
    );
  return rows.map((r) => ({
    tenantId: actor.tenantId,
    actor: actorRef(actor),
    action: 'membership.write',
    target: { entity: membershipEntity, id: r.id },
  }));
}

export async function dissolveOrg(ctx: AppContext, actor: Actor, id: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'dissolve');
    const [{ n: activePeople }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from people p join orgs o on o.id = p.org_id where o.path like ${`${org.path}%`} and p.ended_on is null`,
    );
    if (activePeople > 0) throw conflict(`该组织下还有 ${activePeople} 名在册人员，请先转出或合并后再撤销`);
    const [{ n: children }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from orgs where parent_id = ${org.id} and dissolved_on is null`,
    );
    if (children > 0) throw conflict(`该组织下还有 ${children} 个下级组织，请先撤销或移走`);
    checkDate('撤销', on, [...(await ownBounds(tx, org)), ...(await subtreeBounds(tx, org, on))]);
    await tx.update(orgs).set({ dissolvedOn: on }).where(eq(orgs.id, id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'org.dissolve',
      target: { entity: orgEntity, id },
      details: { on },
    });
  });
}

export { isUnder };
