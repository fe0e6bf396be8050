import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export const ORG_ROLES = ['committee_admin', 'general_branch_admin', 'branch_secretary', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const MANAGER_ROLES: readonly OrgRole[] = [
  'committee_admin',
  'general_branch_admin',
  'branch_secretary',
];

export interface RoleGrant {
  role: OrgRole;
  orgId: string;
  orgPath: string;
  orgName: string;
}

/** The authenticated caller, as every policy and scoped query sees it. */
export interface Actor {
  accountId: string;
  tenantId: string;
  username: string;
  displayName: string;
  personId: string | null;
  adminRole: AdminRole | null;
  roles: RoleGrant[];
  ip: string;
}

/** Paths of the subtrees the actor manages (committee, general branch or branch roles). */
export const managedPaths = (actor: Actor): string[] =>
  actor.roles.filter((r) => MANAGER_ROLES.includes(r.role)).map((r) => r.orgPath);

export const pathsWithRole = (actor: Actor, roles: readonly OrgRole[]): string[] =>
  actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.orgPath);

export const isUnder = (path: string, ancestorPaths: string[]): boolean =>
  ancestorPaths.some((p) => path.startsWith(p));

export const manages = (actor: Actor, orgPath: string, roles: readonly OrgRole[] = MANAGER_ROLES): boolean =>
  actor.adminRole === null && isUnder(orgPath, pathsWithRole(actor, roles));

/** Member data is never shown to the three platform administrators (三员分立). */
export const seesMemberData = (actor: Actor): boolean => actor.adminRole === null;

const likeAny = (pathCol: SQL | AnyPgColumn, paths: string[]): SQL =>
  paths.length === 0
    ? sql`false`
    : sql`(${sql.join(
        paths.map((p) => sql`${pathCol} like ${`${p}%`}`),
        sql` or `,
      )})`;

/** SQL: the organization column lies in one of the subtrees. */
export const orgInPaths = (orgIdCol: AnyPgColumn | SQL, paths: string[]): SQL =>
  paths.length === 0
    ? sql`false`
    : sql`${orgIdCol} in (select o.id from orgs o where ${likeAny(sql`o.path`, paths)})`;

/**
 * SQL: a person-owned row is visible to the actor — inside a managed subtree, or the actor's own row.
 * Every list query over member data goes through this.
 */
export function personScope(actor: Actor, orgIdCol: AnyPgColumn | SQL, personIdCol?: AnyPgColumn | SQL): SQL {
  if (!seesMemberData(actor)) return sql`false`;
  const parts: SQL[] = [];
  const paths = managedPaths(actor);
  if (paths.length) parts.push(orgInPaths(orgIdCol, paths));
  if (personIdCol && actor.personId) parts.push(sql`${personIdCol} = ${actor.personId}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export const pathSql = likeAny;
