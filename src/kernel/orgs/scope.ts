import { sql } from 'drizzle-orm';
import { type Actor, managedPaths, manages } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { forbidden, notFound } from '../../platform/errors';
import { authorizeOrg } from './service';

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
    if (!manages(actor, org.path)) throw forbidden('只有支部书记、支委及上级组织可以查看');
    return { id: org.id, name: org.name, path: org.path, type: org.type };
  }
  const paths = managedPaths(actor).sort((a, b) => a.length - b.length);
  if (!paths.length || actor.adminRole) throw forbidden('只有支部书记、支委及上级组织可以查看');
  const [org] = await queryRows<ScopeOrg>(
    db,
    sql`select id, name, path, type from orgs where path = ${paths[0]} and tenant_id = ${actor.tenantId}`,
  );
  if (!org) throw notFound('组织');
  return org;
}
