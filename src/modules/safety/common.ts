import { sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/service';
import { type Actor, managedPaths, manages } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { forbidden, notFound } from '../../platform/errors';
import { resolveSafetySettings, type SafetySettings } from './rules';

export async function loadSafetySettings(db: Executor, tenantId: string): Promise<SafetySettings> {
  const [row] = await queryRows<{ settings: unknown }>(
    db,
    sql`select settings from tenants where id = ${tenantId}`,
  );
  const raw = typeof row?.settings === 'string' ? JSON.parse(row.settings) : row?.settings;
  return resolveSafetySettings(raw);
}

export interface ScopeOrg {
  id: string;
  name: string;
  path: string;
  type: string;
}

/**
 * The subtree a safety view covers: the asked organization when the caller manages it (404 out of sight,
 * 403 for a member looking at their own branch), else the widest subtree the caller manages.
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

export interface PersonBrief {
  id: string;
  tenant_id: string;
  name: string;
  org_id: string;
  org_path: string;
  org_name: string;
  party_status: string;
  joined_party_on: string | null;
  post: string | null;
  ended_on: string | null;
}

export async function loadPersonBrief(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<PersonBrief | undefined> {
  const [p] = await queryRows<PersonBrief>(
    db,
    sql`select p.id, p.tenant_id, p.name, p.org_id, o.path as org_path, o.name as org_name, p.party_status,
               p.joined_party_on, p.post, p.ended_on
        from people p join orgs o on o.id = p.org_id where p.id = ${id} and p.tenant_id = ${tenantId}`,
  );
  return p;
}

export interface BranchOnDate {
  id: string;
  name: string;
  path: string;
  type: string;
  tenantId: string;
}

/** The branch a person belonged to on a date (person_memberships; valid_to exclusive). */
export async function branchOnDate(
  db: Executor,
  personId: string,
  date: string,
): Promise<BranchOnDate | null> {
  const [m] = await queryRows<{ id: string; name: string; path: string; type: string; tenant_id: string }>(
    db,
    sql`select o.id, o.name, o.path, o.type, o.tenant_id from person_memberships m join orgs o on o.id = m.org_id
        where m.person_id = ${personId} and m.valid_from <= ${date} and (m.valid_to is null or m.valid_to > ${date})
        order by m.valid_from desc, m.created_at desc limit 1`,
  );
  return m ? { id: m.id, name: m.name, path: m.path, type: m.type, tenantId: m.tenant_id } : null;
}

export const isMemberOn = (p: { party_status: string; joined_party_on: string | null }, date: string) =>
  (p.party_status === 'full' || p.party_status === 'probationary') &&
  (!p.joined_party_on || p.joined_party_on <= date);

export const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/** The three platform administrators never see member data (三员分立). */
export function requireMemberData(actor: Actor) {
  if (actor.adminRole) throw forbidden('平台管理员不查看党员和职工的业务数据');
}

/** Views for branch secretaries and their superiors only. */
export function requireManager(actor: Actor) {
  requireMemberData(actor);
  if (managedPaths(actor).length === 0) throw forbidden('只有支部书记、支委及上级组织可以查看');
}

/**
 * SQL: the last follow-up of a weak worker (alias `w`): a mentoring follow-up, or a talk of kind
 * `mentoring` with the worker since mentoring began. A follow-up talk is entered once, as a talk.
 */
export const lastFollowupSql = sql`(select max(d) from (
    select f.held_on as d from mentoring_followups f where f.weak_person_id = w.id
    union all
    select t.held_on from talks t where t.person_id = w.person_id and t.kind = 'mentoring' and t.held_on >= w.started_on
  ) x)`;
