import { and, eq } from 'drizzle-orm';
import type { Actor, OrgRole } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { conflict, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { getOrgRow } from '../orgs/api';
import { authorizeAccount } from './accounts';
import { ROLE_ORG_TYPES } from './rules';
import { roleAssignments, roleEntity } from './tables';

/** Role assignments: the security admin grants an organization role to an account, or takes it back. */

export async function grantRole(
  ctx: AppContext,
  actor: Actor,
  accountId: string,
  role: OrgRole,
  orgId: string,
): Promise<{ id: string }> {
  await authorizeAccount(ctx.db, actor, accountId, 'grant_role');
  const org = await getOrgRow(ctx.db, actor.tenantId, orgId);
  if (!org) throw notFound('组织');
  if (!ROLE_ORG_TYPES[role].includes(org.type)) throw invalid({ orgId: '该角色不能设在此类组织上' });
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roleAssignments)
      .values({ id, tenantId: actor.tenantId, accountId, role, orgId, createdAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (!inserted.length) throw conflict('该账号已在此组织拥有此角色');
    await audit(tx, actor, {
      action: 'role.grant',
      target: { entity: roleEntity, id },
      details: { accountId, role, orgId },
    });
  });
  return { id };
}

export async function revokeRole(ctx: AppContext, actor: Actor, accountId: string, roleId: string) {
  await authorizeAccount(ctx.db, actor, accountId, 'revoke_role');
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, roleId), eq(roleAssignments.accountId, accountId)))
      .returning({ role: roleAssignments.role, orgId: roleAssignments.orgId });
    if (!removed.length) throw notFound('角色');
    await audit(tx, actor, {
      action: 'role.revoke',
      target: { entity: roleEntity, id: roleId },
      details: { accountId, ...removed[0] },
    });
  });
}
