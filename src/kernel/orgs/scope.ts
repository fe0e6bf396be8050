import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { enforce, hide } from '../../platform/policy';
import { authorizeOrg } from './authorize';
import { decideManagerView, widestManagedPath } from './policy';

export interface ScopeOrg {
  id: string;
  name: string;
  path: string;
  type: string;
}

/**
 * The subtree a manager's view covers: the asked organization when the caller manages it (404 out of
 * sight, 403 for a member looking at their own branch), else the widest subtree the caller manages.
 */
export async function managedRoot(db: Executor, actor: Actor, orgId?: string): Promise<ScopeOrg> {
  if (orgId) {
    const org = await authorizeOrg(db, actor, orgId, 'read');
    enforce(decideManagerView(actor, org.path));
    return { id: org.id, name: org.name, path: org.path, type: org.type };
  }
  enforce(decideManagerView(actor));
  const [org] = await queryRows<ScopeOrg>(
    db,
    sql`select id, name, path, type from orgs where path = ${widestManagedPath(actor)} and tenant_id = ${actor.tenantId}`,
  );
  if (!org) enforce(hide('组织'));
  return org;
}
