import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths, seesMemberData } from '../../platform/access';
import type { Executor } from '../../platform/db';
import { followupDateSources } from './api';

export { managedRoot, type ScopeOrg } from '../../kernel/orgs/api';
export {
  type BranchOnDate,
  branchOnDate,
  isMemberOn,
  loadPersonBrief,
  type PersonBrief,
} from '../../kernel/people/api';

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : v == null ? '' : String(v));
export const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

/** SQL: the organization column lies in a subtree the caller manages (nothing for administrators). */
export const managedScope = (actor: Actor, col: SQL): SQL =>
  seesMemberData(actor) ? orgInPaths(col, managedPaths(actor)) : sql`false`;

/** SQL: `o.path` lies under the asked organization, which the caller must see (404 otherwise). */
export async function underOrg(db: Executor, actor: Actor, orgId: string | undefined): Promise<SQL[]> {
  if (!orgId) return [];
  const org = await authorizeOrg(db, actor, orgId, 'read');
  return [sql`o.path like ${`${org.path}%`}`];
}

/**
 * SQL: the last follow-up of a weak worker (alias `w`): a mentoring follow-up, or a date another module
 * counts as one (talks: a talk of kind `mentoring` with the worker since mentoring began), so a follow-up
 * talk is entered once, as a talk. Built per call: the sources are installed with the modules.
 */
export function lastFollowupSql(): SQL {
  const others = followupDateSources
    .values()
    .map((source) => sql` union all ${source({ personId: sql`w.person_id`, startedOn: sql`w.started_on` })}`);
  return sql`(select max(d) from (
    select f.held_on as d from mentoring_followups f where f.weak_person_id = w.id${sql.join(others, sql``)}
  ) x)`;
}
