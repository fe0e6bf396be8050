import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg, type OrgRow } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import { canOrganizeIn } from './policy';

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : v == null ? '' : String(v));
export const num = (v: unknown): number => (v == null ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

/** The organization something is organized in, checked: 404 out of sight, 403 when not its manager. */
export async function organizerOrg(
  db: Executor,
  actor: Actor,
  orgId: string,
  what: Parameters<typeof canOrganizeIn>[2],
): Promise<OrgRow> {
  const org = await authorizeOrg(db, actor, orgId, 'read');
  enforce(canOrganizeIn(actor, org, what));
  if (org.dissolvedOn) throw invalid({ orgId: `${org.name}已撤销` });
  return org;
}

/** Organizations by id within the tenant (unknown ids are simply absent). */
export async function orgsById(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<
  Map<string, { id: string; name: string; path: string; type: string; dissolved_on: string | null }>
> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{
    id: string;
    name: string;
    path: string;
    type: string;
    dissolved_on: string | null;
  }>(
    db,
    sql`select id, name, path, type, dissolved_on from orgs where tenant_id = ${tenantId} and id in (${uuidList([...new Set(ids)])})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The audience (or participant) organizations of something published from `orgPath`: each must exist, be
 * current and lie in the publisher's subtree. The field's errors name the position of the bad entry.
 */
export async function checkScopeOrgs(
  db: Executor,
  tenantId: string,
  orgPath: string,
  ids: readonly string[],
  field: string,
): Promise<{ id: string; name: string; path: string }[]> {
  const found = await orgsById(db, tenantId, ids);
  const out: { id: string; name: string; path: string }[] = [];
  for (const [i, id] of ids.entries()) {
    const o = found.get(id);
    if (!o?.path.startsWith(orgPath))
      throw invalid({ [`${field}.${i}`]: '该组织不存在或不在发布组织的下级范围内' });
    if (o.dissolved_on) throw invalid({ [`${field}.${i}`]: `${o.name}已撤销` });
    out.push(o);
  }
  if (new Set(ids).size !== ids.length) throw invalid({ [field]: '组织重复' });
  return out;
}

/** The caller's current branch path (for what is addressed to their branch), or null. */
export async function myBranchPath(db: Executor, actor: Actor): Promise<string | null> {
  if (!actor.personId) return null;
  const [r] = await queryRows<{ path: string }>(
    db,
    sql`select o.path from people p join orgs o on o.id = p.org_id
        where p.id = ${actor.personId} and p.tenant_id = ${actor.tenantId} and p.ended_on is null`,
  );
  return r?.path ?? null;
}

/** Paths of a jsonb array of org ids (column `col`), as a SQL text array. */
export const scopePathsSql = (col: SQL) =>
  sql`coalesce((select array_agg(so.path) from jsonb_array_elements_text(${col}) sx join orgs so on so.id = sx::uuid), '{}')`;

/**
 * SQL: something published from `orgCol` to the organizations in the jsonb `scopeCol` concerns the
 * caller: published in a subtree they manage, addressed to a subtree overlapping one they manage, or
 * addressed to their own branch.
 */
export function concernsActor(actor: Actor, orgCol: SQL, scopeCol: SQL, branchPath: string | null): SQL {
  const paths = managedPaths(actor);
  const parts: SQL[] = [];
  if (paths.length) {
    parts.push(sql`${orgCol} in (select o2.id from orgs o2 where ${pathSql(sql`o2.path`, paths)})`);
    parts.push(sql`exists (select 1 from jsonb_array_elements_text(${scopeCol}) sx join orgs so on so.id = sx::uuid
      where ${pathSql(sql`so.path`, paths)} or ${sql.join(
        paths.map((p) => sql`${p} like so.path || '%'`),
        sql` or `,
      )})`);
  }
  if (branchPath)
    parts.push(sql`exists (select 1 from jsonb_array_elements_text(${scopeCol}) sx join orgs so on so.id = sx::uuid
      where ${branchPath} like so.path || '%')`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** SQL: the person (`personCol`) was in a branch (the membership's org) on the date `dateCol`. */
export const branchOnDateSql = (personCol: SQL, dateCol: SQL) =>
  sql`(select m.org_id from person_memberships m where m.person_id = ${personCol} and m.valid_from <= ${dateCol}
       and (m.valid_to is null or m.valid_to > ${dateCol}) order by m.valid_from desc, m.created_at desc limit 1)`;
