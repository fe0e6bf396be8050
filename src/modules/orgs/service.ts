import { and, eq, sql } from 'drizzle-orm';
import { type Actor, isUnder, managedPaths, pathSql, pathsWithRole } from '../../platform/access';
import { type AuditInput, diffFields, recordAudit } from '../../platform/audit';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AppContext } from '../../server/context';
import { auditActor } from '../accounts/service';
import { membershipEntity, people, personEntity, personMemberships } from '../people/tables';
import type { CreateOrgInput, UpdateOrgInput } from './contract';
import { canOnOrg, type OrgAction, orgActions } from './policy';
import { canContain, childPath, movedPath, type OrgType, pathDepth, sizeWarnings } from './rules';
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

export async function listOrgs(ctx: AppContext, actor: Actor, includeDissolved = false) {
  if (actor.adminRole === 'audit_admin') throw forbidden('审计管理员只能查看审计日志');
  const rows = await queryRows<{
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
  }>(
    ctx.db,
    sql`select o.id, o.tenant_id, o.parent_id, o.type, o.code, o.name, o.path, o.depth, o.is_joint, o.is_temporary,
          o.is_retiree, o.has_committee, o.established_on, o.dissolved_on, o.secretary_person_id
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
      secretaryPersonId: r.secretary_person_id,
      memberCount: subtree.full + subtree.probationary,
      fullMemberCount: subtree.full,
      probationaryCount: subtree.probationary,
      employeeCount: subtree.employees,
      warnings: sizeWarnings(
        { type: r.type, hasCommittee: r.has_committee, dissolvedOn: r.dissolved_on },
        own,
      ),
      actions: orgActions(actor, org),
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
        actor: auditActor(actor),
        action: 'org.create',
        target: { entity: orgEntity, id },
        details: { name: input.name, type: input.type },
      },
      {
        tenantId: actor.tenantId,
        actor: auditActor(actor),
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
    await tx.update(orgs).set(input).where(eq(orgs.id, id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
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
    const closed = await tx
      .update(orgParentHistory)
      .set({ validTo: on })
      .where(and(eq(orgParentHistory.orgId, org.id), sql`${orgParentHistory.validTo} is null`))
      .returning({ id: orgParentHistory.id });
    const historyId = newId();
    await tx
      .insert(orgParentHistory)
      .values({ id: historyId, tenantId: actor.tenantId, orgId: org.id, parentId: parent.id, validFrom: on });
    await recordAudit(tx, [
      ...subtree.map((node) => ({
        tenantId: actor.tenantId,
        actor: auditActor(actor),
        action: 'org.move',
        target: { entity: orgEntity, id: node.id },
        details: node.id === org.id ? { from: org.parentId, to: parent.id, on } : { subtreeOf: org.id },
      })),
      ...[...closed.map((c) => c.id), historyId].map((hid) => ({
        tenantId: actor.tenantId,
        actor: auditActor(actor),
        action: 'org.parent_history',
        target: { entity: orgParentHistoryEntity, id: hid },
      })),
    ]);
  });
}

/** Moves every current member of a branch to another on a date; the old membership is closed, not deleted. */
export async function transferPeople(
  tx: Executor,
  tenantId: string,
  personIds: string[],
  toOrgId: string,
  on: string,
  reason: string,
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
    sql`update people set org_id = ${toOrgId}, party_group_id = null, version = version + 1, updated_at = now() where id in (${list})`,
  );
}

export async function mergeOrg(ctx: AppContext, actor: Actor, id: string, targetId: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const source = await authorizeOrg(tx, actor, id, 'merge');
    const target = await authorizeOrg(tx, actor, targetId, 'update');
    if (target.type !== 'branch' || target.dissolvedOn)
      throw invalid({ targetId: '只能并入一个现存的党支部' });
    if (target.id === source.id) throw invalid({ targetId: '不能并入自身' });
    if (on < source.establishedOn) throw invalid({ on: '合并日期不能早于成立日期' });
    const moved = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, source.id), sql`${people.endedOn} is null`));
    const ids = moved.map((m) => m.id);
    await transferPeople(tx, actor.tenantId, ids, target.id, on, 'merge');
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
    await tx.update(orgs).set({ dissolvedOn: on, mergedIntoId: target.id }).where(eq(orgs.id, source.id));
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: auditActor(actor),
        action: 'org.merge',
        target: { entity: orgEntity, id: source.id },
        details: { into: target.id, on, people: ids.length },
      },
      ...groups.map((g) => ({
        tenantId: actor.tenantId,
        actor: auditActor(actor),
        action: 'org.move',
        target: { entity: orgEntity, id: g.id },
        details: { mergedFrom: source.id },
      })),
      ...ids.map((pid) => ({
        tenantId: actor.tenantId,
        actor: auditActor(actor),
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
    actor: auditActor(actor),
    action: 'membership.write',
    target: { entity: membershipEntity, id: r.id },
  }));
}

export async function dissolveOrg(ctx: AppContext, actor: Actor, id: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'dissolve');
    if (on < org.establishedOn) throw invalid({ on: '撤销日期不能早于成立日期' });
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
    await tx.update(orgs).set({ dissolvedOn: on }).where(eq(orgs.id, id));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
      action: 'org.dissolve',
      target: { entity: orgEntity, id },
      details: { on },
    });
  });
}

export { isUnder };
