import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import type { Executor } from '../../platform/db';

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : v == null ? '' : String(v));

/** The path of the asked organization, which the caller must see (404 otherwise). */
export async function underOrgPath(db: Executor, actor: Actor, orgId: string | undefined) {
  if (!orgId) return undefined;
  return (await authorizeOrg(db, actor, orgId, 'read')).path;
}

/** SQL: the organization column lies under the asked organization. */
export async function underOrg(
  db: Executor,
  actor: Actor,
  orgId: string | undefined,
  col: SQL,
): Promise<SQL[]> {
  const path = await underOrgPath(db, actor, orgId);
  return path ? [sql`${col} in (select id from orgs where path like ${`${path}%`})`] : [];
}
