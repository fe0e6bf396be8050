import { sql } from 'drizzle-orm';
import { pathSql } from '../../platform/access';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { statusSql } from './queries';
import { overdueForAssessment, TARGET_STATUS_LABELS, type TargetStatus } from './rules';

/**
 * The tasks module's public surface: what modules building on 督办 (assessment, the committee's
 * overview) may use. They import nothing else of tasks. Authorization is the caller's: these take the
 * organization paths the caller has already authorized.
 *
 * "Overdue" for assessment (rules.overdueForAssessment): a target whose deadline falls in the period
 * and whose first answer came after the deadline, or that has no answer and whose deadline passed
 * before `asOf` (default today). A return never makes an answer that came in time late.
 */

export { overdueForAssessment, TARGET_STATUS_LABELS, TARGET_STATUSES, type TargetStatus } from './rules';

export interface OrgPeriodFilter {
  /** Subtrees (materialized paths) whose target organizations count. */
  orgPaths: string[];
  /** The period the deadlines fall in, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The day the count is made on (default today, Asia/Shanghai). */
  asOf?: string;
}

const firstDay = sql`((t.first_submitted_at at time zone 'Asia/Shanghai')::date)`;
const overdueSql = (asOf: string) =>
  sql`(case when t.first_submitted_at is null then k.due_on < ${asOf} else ${firstDay} > k.due_on end)`;

/** Per target organization with a deadline in the period: how many tasks were due, how many overdue. */
export async function overdueTaskCounts(
  db: Executor,
  tenantId: string,
  f: OrgPeriodFilter,
): Promise<{ orgId: string; due: number; overdue: number }[]> {
  if (!f.orgPaths.length) return [];
  const asOf = f.asOf ?? todayLocal();
  const rows = await queryRows<{ org_id: string; due: number; overdue: number }>(
    db,
    sql`select t.org_id, count(*)::int as due, count(*) filter (where ${overdueSql(asOf)})::int as overdue
        from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id
        where t.tenant_id = ${tenantId} and k.due_on between ${f.from} and ${f.to} and ${pathSql(sql`o.path`, f.orgPaths)}
        group by t.org_id`,
  );
  return rows.map((r) => ({ orgId: r.org_id, due: r.due, overdue: r.overdue }));
}

export interface OverdueTask {
  taskId: string;
  title: string;
  senderName: string;
  orgId: string;
  orgName: string;
  dueOn: string;
  /** The day of the first answer (Asia/Shanghai), null when none came. */
  firstSubmittedOn: string | null;
  /** The status shown on `asOf`. */
  status: TargetStatus;
  statusLabel: string;
  /** The web page that shows it. */
  link: string;
}

/** The evidence behind `overdueTaskCounts`: every overdue target, by organization and deadline. */
export async function overdueTaskList(
  db: Executor,
  tenantId: string,
  f: OrgPeriodFilter,
): Promise<OverdueTask[]> {
  if (!f.orgPaths.length) return [];
  const asOf = f.asOf ?? todayLocal();
  const rows = await queryRows<{
    task_id: string;
    title: string;
    sender_name: string;
    org_id: string;
    org_name: string;
    due_on: string;
    first_on: string | null;
    st: TargetStatus;
  }>(
    db,
    sql`select k.id as task_id, k.title, so.name as sender_name, t.org_id, o.name as org_name, k.due_on,
          ${firstDay}::text as first_on, ${statusSql(asOf)} as st
        from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id join orgs so on so.id = k.org_id
        where t.tenant_id = ${tenantId} and k.due_on between ${f.from} and ${f.to} and ${pathSql(sql`o.path`, f.orgPaths)}
          and ${overdueSql(asOf)}
        order by o.path, k.due_on, k.id limit 5000`,
  );
  return rows
    .filter((r) => overdueForAssessment(r.first_on, r.due_on, asOf))
    .map((r) => ({
      taskId: r.task_id,
      title: r.title,
      senderName: r.sender_name,
      orgId: r.org_id,
      orgName: r.org_name,
      dueOn: r.due_on,
      firstSubmittedOn: r.first_on,
      status: r.st,
      statusLabel: TARGET_STATUS_LABELS[r.st],
      link: `/tasks/${r.task_id}?orgId=${r.org_id}`,
    }));
}

/**
 * Tasks in flight per target organization on `today` (for the overview): answers owed (pending or
 * returned), of which overdue, and answers waiting for review.
 */
export async function tasksInFlightCounts(
  db: Executor,
  tenantId: string,
  f: { orgPaths: string[]; today?: string },
): Promise<{ orgId: string; owed: number; overdue: number; awaitingReview: number }[]> {
  if (!f.orgPaths.length) return [];
  const today = f.today ?? todayLocal();
  const rows = await queryRows<{ org_id: string; owed: number; overdue: number; review: number }>(
    db,
    sql`select t.org_id,
          count(*) filter (where t.status in ('pending', 'returned'))::int as owed,
          count(*) filter (where ${statusSql(today)} = 'overdue')::int as overdue,
          count(*) filter (where t.status = 'submitted')::int as review
        from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id
        where t.tenant_id = ${tenantId} and t.status <> 'accepted' and ${pathSql(sql`o.path`, f.orgPaths)}
        group by t.org_id`,
  );
  return rows.map((r) => ({ orgId: r.org_id, owed: r.owed, overdue: r.overdue, awaitingReview: r.review }));
}
