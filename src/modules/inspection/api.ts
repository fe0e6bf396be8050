import { sql } from 'drizzle-orm';
import { pathSql } from '../../platform/access';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { rectStatusSql } from './queries';
import { RECT_STATUS_LABELS, type RectStatus } from './rules';

/**
 * The inspection module's public surface: what modules building on 网上检查 (assessment, the committee's
 * overview) may use. They import nothing else of inspection. Authorization is the caller's: these take
 * the organization paths the caller has already authorized.
 *
 * "Overdue" for assessment (rules.overdueForAssessment): a rectification whose deadline (the one set
 * with the finding) falls in the period and whose first answer came after it, or that has no answer
 * and whose deadline passed before `asOf` (default today).
 */

export { overdueForAssessment, RECT_STATUS_LABELS, RECT_STATUSES, type RectStatus } from './rules';

export interface OrgPeriodFilter {
  /** Subtrees (materialized paths) whose branches count. */
  orgPaths: string[];
  /** The period the deadlines fall in, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The day the count is made on (default today, Asia/Shanghai). */
  asOf?: string;
}

const firstDay = sql`((r.first_answered_at at time zone 'Asia/Shanghai')::date)`;
const overdueSql = (asOf: string) =>
  sql`(case when r.first_answered_at is null then r.due_on < ${asOf} else ${firstDay} > r.due_on end)`;

/** Per branch with a rectification deadline in the period: how many were due, how many overdue. */
export async function overdueRectificationCounts(
  db: Executor,
  tenantId: string,
  f: OrgPeriodFilter,
): Promise<{ orgId: string; due: number; overdue: number }[]> {
  if (!f.orgPaths.length) return [];
  const asOf = f.asOf ?? todayLocal();
  const rows = await queryRows<{ org_id: string; due: number; overdue: number }>(
    db,
    sql`select r.org_id, count(*)::int as due, count(*) filter (where ${overdueSql(asOf)})::int as overdue
        from rectifications r join orgs o on o.id = r.org_id
        where r.tenant_id = ${tenantId} and r.due_on between ${f.from} and ${f.to} and ${pathSql(sql`o.path`, f.orgPaths)}
        group by r.org_id`,
  );
  return rows.map((r) => ({ orgId: r.org_id, due: r.due, overdue: r.overdue }));
}

export interface OverdueRectification {
  id: string;
  orgId: string;
  orgName: string;
  item: string;
  requirement: string;
  inspectionTitle: string;
  dueOn: string;
  firstAnsweredOn: string | null;
  status: RectStatus;
  statusLabel: string;
  /** The web page that shows it. */
  link: string;
}

/** The evidence behind `overdueRectificationCounts`: every overdue rectification, by branch and deadline. */
export async function overdueRectificationList(
  db: Executor,
  tenantId: string,
  f: OrgPeriodFilter,
): Promise<OverdueRectification[]> {
  if (!f.orgPaths.length) return [];
  const asOf = f.asOf ?? todayLocal();
  const rows = await queryRows<{
    id: string;
    org_id: string;
    org_name: string;
    item: string;
    requirement: string;
    title: string;
    due_on: string;
    first_on: string | null;
    st: RectStatus;
  }>(
    db,
    sql`select r.id, r.org_id, o.name as org_name, r.item, r.requirement, i.title, r.due_on, ${firstDay}::text as first_on,
          ${rectStatusSql(asOf)} as st
        from rectifications r join orgs o on o.id = r.org_id join inspections i on i.id = r.inspection_id
        where r.tenant_id = ${tenantId} and r.due_on between ${f.from} and ${f.to} and ${pathSql(sql`o.path`, f.orgPaths)}
          and ${overdueSql(asOf)}
        order by o.path, r.due_on, r.id limit 5000`,
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    item: r.item,
    requirement: r.requirement,
    inspectionTitle: r.title,
    dueOn: r.due_on,
    firstAnsweredOn: r.first_on,
    status: r.st,
    statusLabel: RECT_STATUS_LABELS[r.st],
    link: `/rectifications/${r.id}`,
  }));
}

/** Open rectifications per branch on `today` (for the overview): open, of which overdue, and awaiting acceptance. */
export async function openRectificationCounts(
  db: Executor,
  tenantId: string,
  f: { orgPaths: string[]; today?: string },
): Promise<{ orgId: string; open: number; overdue: number; awaitingAcceptance: number }[]> {
  if (!f.orgPaths.length) return [];
  const today = f.today ?? todayLocal();
  const rows = await queryRows<{ org_id: string; open: number; overdue: number; answered: number }>(
    db,
    sql`select r.org_id, count(*) filter (where r.status = 'open')::int as open,
          count(*) filter (where r.status = 'open' and r.rectify_by < ${today})::int as overdue,
          count(*) filter (where r.status = 'answered')::int as answered
        from rectifications r join orgs o on o.id = r.org_id
        where r.tenant_id = ${tenantId} and r.status <> 'closed' and ${pathSql(sql`o.path`, f.orgPaths)}
        group by r.org_id`,
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    open: r.open,
    overdue: r.overdue,
    awaitingAcceptance: r.answered,
  }));
}
