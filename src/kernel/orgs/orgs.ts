import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { secretaryAssigning } from './api';
import { authorizeOrg, type OrgRow } from './authorize';
import { holderName, insertPosts, refreshLeadership } from './committee';
import type { CreateOrgInput, UpdateOrgInput } from './contract';
import { canContain, childPath, type OrgType, pathDepth } from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgPostEntity, orgPosts, orgs } from './tables';

/** The use cases of one organization's own record: set it up under a parent, change it. */

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
      establishedOn: input.establishedOn,
    });
    const historyId = newId();
    await tx.insert(orgParentHistory).values({
      id: historyId,
      tenantId: actor.tenantId,
      orgId: id,
      parentId: parent.id,
      validFrom: input.establishedOn,
    });
    const events: AuditEvent[] = [
      {
        action: 'org.create',
        target: { entity: orgEntity, id },
        details: { name: input.name, type: input.type },
      },
      { action: 'org.parent_history', target: { entity: orgParentHistoryEntity, id: historyId } },
    ];
    if (input.secretaryPersonId && input.type !== 'party_group') {
      const org = { id, tenantId: actor.tenantId, path, type: input.type };
      await secretaryAssigning.run(tx, {
        actor,
        org: { ...org, name: input.name },
        personId: input.secretaryPersonId,
      });
      const from = input.establishedOn < todayLocal() ? input.establishedOn : todayLocal();
      events.push(...(await appointSecretary(tx, org, input.secretaryPersonId, from)));
    }
    await audit(tx, actor, events);
    return { id };
  });
}

/**
 * The secretary named in the organization form is a 书记 post from `from` (the posts are the one source
 * of who leads); people checks the person. Returns the events.
 */
async function appointSecretary(
  tx: Executor,
  org: Pick<OrgRow, 'id' | 'tenantId' | 'path' | 'type'>,
  personId: string,
  from: string,
): Promise<AuditEvent[]> {
  let name: string;
  try {
    name = await holderName(tx, org, personId, from);
  } catch (e) {
    if (e instanceof AppError && e.fields?.personId) throw invalid({ secretaryPersonId: e.fields.personId });
    throw e;
  }
  const events = await insertPosts(tx, org, [
    { personId, name, post: 'secretary', from, source: 'appointment' },
  ]);
  return [...events, ...(await refreshLeadership(tx, org.tenantId, org.id, todayLocal()))];
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: string, input: UpdateOrgInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'update');
    if (input.secretaryPersonId)
      await secretaryAssigning.run(tx, { actor, org, personId: input.secretaryPersonId });
    if (input.establishedOn && org.dissolvedOn && input.establishedOn > org.dissolvedOn)
      throw invalid({ establishedOn: `成立日期不能晚于撤销日期（${org.dissolvedOn}）` });
    const { secretaryPersonId, ...own } = input;
    const events: AuditEvent[] = [];
    if (Object.keys(own).length) await tx.update(orgs).set(own).where(eq(orgs.id, id));
    events.push({
      action: 'org.update',
      target: { entity: orgEntity, id },
      details: { changes: diffFields(org, input) },
    });
    if (secretaryPersonId !== undefined && secretaryPersonId !== org.secretaryPersonId) {
      const today = todayLocal();
      if (secretaryPersonId && org.type !== 'party_group')
        events.push(...(await appointSecretary(tx, org, secretaryPersonId, today)));
      else {
        // No secretary: the 书记 post ends today (or, before posts, the row forgets the name).
        const ended = await tx
          .update(orgPosts)
          .set({ validTo: today })
          .where(and(eq(orgPosts.orgId, id), eq(orgPosts.post, 'secretary'), isNull(orgPosts.validTo)))
          .returning({ id: orgPosts.id });
        events.push(
          ...ended.map((p) => ({ action: 'org.post.end', target: { entity: orgPostEntity, id: p.id } })),
        );
        await tx.update(orgs).set({ secretaryPersonId }).where(eq(orgs.id, id));
        events.push(...(await refreshLeadership(tx, org.tenantId, id, today)));
      }
    }
    await audit(tx, actor, events);
  });
}
