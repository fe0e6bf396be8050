import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { Executor } from '../../platform/db';
import { enforce, hide } from '../../platform/policy';
import { decideOnOrg, type OrgAction } from './policy';
import { orgs } from './tables';

export type OrgRow = typeof orgs.$inferSelect;

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
  enforce(org ? decideOnOrg(actor, action, org) : hide('组织'));
  return org as OrgRow;
}
