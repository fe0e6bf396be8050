import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { secretaryAssigning } from './api';
import { authorizeOrg, type OrgRow } from './authorize';
import type { CreateOrgInput, UpdateOrgInput } from './contract';
import { canContain, childPath, type OrgType, pathDepth } from './rules';
import { orgEntity, orgParentHistory, orgParentHistoryEntity, orgs } from './tables';

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
    await audit(tx, actor, [
      {
        action: 'org.create',
        target: { entity: orgEntity, id },
        details: { name: input.name, type: input.type },
      },
      { action: 'org.parent_history', target: { entity: orgParentHistoryEntity, id: historyId } },
    ]);
    return { id };
  });
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: string, input: UpdateOrgInput) {
  await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, id, 'update');
    if (input.secretaryPersonId)
      await secretaryAssigning.run(tx, { actor, org, personId: input.secretaryPersonId });
    if (input.establishedOn && org.dissolvedOn && input.establishedOn > org.dissolvedOn)
      throw invalid({ establishedOn: `成立日期不能晚于撤销日期（${org.dissolvedOn}）` });
    await tx.update(orgs).set(input).where(eq(orgs.id, id));
    await audit(tx, actor, {
      action: 'org.update',
      target: { entity: orgEntity, id },
      details: { changes: diffFields(org, input) },
    });
  });
}
