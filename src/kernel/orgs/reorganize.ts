import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { type OrgRef, orgDissolving, orgEndBounds, orgMerging } from './api';
import { authorizeOrg, type OrgRow } from './authorize';
import {
  canContain,
  childPath,
  type DateBound,
  movedPath,
  type OrgType,
  pathDepth,
  reorgDateProblem,
} from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgs } from './tables';

/**
 * Reorganizations of the tree: move an organization under another parent, merge a branch into another,
 * dissolve an organization. Each keeps the history (`org_parent_history`) and asks the modules built on
 * the tree (people) to follow, through the hooks of api.ts.
 */

const ref = (o: OrgRow): OrgRef => ({
  id: o.id,
  tenantId: o.tenantId,
  name: o.name,
  path: o.path,
  type: o.type,
});

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
 * What happened inside an org's subtree that an end of the org on `on` would contradict: what the
 * modules built on the tree report (members who joined or left later), children dissolved, moved in or
 * moved out later.
 */
async function subtreeBounds(tx: Executor, org: OrgRow, on: string): Promise<DateBound[]> {
  const prefix = `${org.path}%`;
  const reported = (await orgEndBounds.run(tx, { org: ref(org), on })).flat();
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
    ...reported,
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
  const closed = await tx
    .update(orgParentHistory)
    .set({ validTo: on })
    .where(and(sql`${orgParentHistory.orgId} in (${uuidList(orgIds)})`, isNull(orgParentHistory.validTo)))
    .returning({ id: orgParentHistory.id });
  const opened = orgIds.map((orgId) => ({ id: newId(), tenantId, orgId, parentId, validFrom: on }));
  await tx.insert(orgParentHistory).values(opened);
  return [...closed.map((c) => c.id), ...opened.map((o) => o.id)];
}

const historyEvents = (ids: string[]): AuditEvent[] =>
  ids.map((id) => ({ action: 'org.parent_history', target: { entity: orgParentHistoryEntity, id } }));

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
    await audit(tx, actor, [
      ...subtree.map((node) => ({
        action: 'org.move',
        target: { entity: orgEntity, id: node.id },
        details: node.id === org.id ? { from: org.parentId, to: parent.id, on } : { subtreeOf: org.id },
      })),
      ...historyEvents(historyIds),
    ]);
  });
}

/**
 * Merges a branch into another on `on`: the modules built on the tree move their part (people), the
 * active party groups move under the target, and the source ends as merged.
 */
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
    const followed = await orgMerging.run(tx, { actor, source: ref(source), target: ref(target), on });
    const moved = followed.reduce((n, r) => n + r.moved, 0);
    // The party groups move with their members, so each member stays in their group.
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
    await audit(tx, actor, [
      {
        action: 'org.merge',
        target: { entity: orgEntity, id: source.id },
        details: { into: target.id, on, people: moved },
      },
      ...groups.map((g) => ({
        action: 'org.move',
        target: { entity: orgEntity, id: g.id },
        details: { mergedFrom: source.id, to: target.id, on },
      })),
      ...historyEvents(historyIds),
      ...followed.flatMap((r) => r.events),
    ]);
    return { moved };
  });
}

export async function dissolveOrg(ctx: AppContext, actor: Actor, id: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'dissolve');
    await orgDissolving.run(tx, { actor, org: ref(org), on });
    const [{ n: children }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from orgs where parent_id = ${org.id} and dissolved_on is null`,
    );
    if (children > 0) throw conflict(`该组织下还有 ${children} 个下级组织，请先撤销或移走`);
    checkDate('撤销', on, [...(await ownBounds(tx, org)), ...(await subtreeBounds(tx, org, on))]);
    await tx.update(orgs).set({ dissolvedOn: on }).where(eq(orgs.id, id));
    await audit(tx, actor, { action: 'org.dissolve', target: { entity: orgEntity, id }, details: { on } });
  });
}
