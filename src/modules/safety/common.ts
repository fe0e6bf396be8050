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

export { managedRoot, type ScopeOrg } from '../../kernel/orgs/api';
export { branchOnDate, isMemberOn, loadPersonBrief, type PersonBrief } from '../../kernel/people/api';

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
