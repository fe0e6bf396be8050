import { type SQL, sql } from 'drizzle-orm';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { notFound } from '../../platform/errors';
import type { InspectionResource, RectificationResource } from './policy';
import type { InspectionMode, InspectionStatus, StoredRectStatus } from './rules';

/** Loads shared by the use cases: an inspection and a rectification with the paths their policies need. */

export interface InspectionRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  inspector_org_id: string;
  inspector_name: string;
  inspector_path: string;
  checklist_id: string | null;
  title: string;
  mode: InspectionMode;
  period_from: string;
  period_to: string;
  inspected_on: string;
  status: InspectionStatus;
  summary: string | null;
  created_by_name: string;
  created_at: Date | string;
  completed_at: Date | string | null;
  completed_by_name: string | null;
}

export async function loadInspection(
  db: Executor,
  tenantId: string,
  id: string,
  lock = false,
): Promise<InspectionResource & { row: InspectionRow }> {
  const [row] = await queryRows<InspectionRow>(
    db,
    sql`select i.*, o.name as org_name, o.path as org_path, io.name as inspector_name, io.path as inspector_path
        from inspections i join orgs o on o.id = i.org_id join orgs io on io.id = i.inspector_org_id
        where i.id = ${id} and i.tenant_id = ${tenantId} ${lock ? sql`for update of i` : sql``}`,
  );
  if (!row) throw notFound('检查');
  return { tenantId: row.tenant_id, orgPath: row.org_path, inspectorPath: row.inspector_path, row };
}

export interface RectRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  inspection_id: string;
  inspection_title: string;
  inspector_name: string;
  inspector_path: string;
  finding_id: string;
  item: string;
  requirement: string;
  found_on: string;
  due_on: string;
  rectify_by: string;
  status: StoredRectStatus;
  answer: string | null;
  first_answered_at: Date | string | null;
  first_answered_on: string | null;
  answered_at: Date | string | null;
  answered_by_name: string | null;
  closed_at: Date | string | null;
  closed_by_name: string | null;
  close_comment: string | null;
  reopen_count: number;
  history: unknown;
}

/** SQL: the rectification (alias `r`) with its branch `o`, inspection `i` and inspector `io`. */
export const RECT_FROM = sql`rectifications r join orgs o on o.id = r.org_id join inspections i on i.id = r.inspection_id
  join orgs io on io.id = i.inspector_org_id`;
export const RECT_COLUMNS = sql`r.*, o.name as org_name, o.path as org_path, i.title as inspection_title,
  io.name as inspector_name, io.path as inspector_path,
  ((r.first_answered_at at time zone 'Asia/Shanghai')::date)::text as first_answered_on`;

export async function loadRectification(
  db: Executor,
  tenantId: string,
  id: string,
  lock = false,
): Promise<RectificationResource & { row: RectRow }> {
  const [row] = await queryRows<RectRow>(
    db,
    sql`select ${RECT_COLUMNS} from ${RECT_FROM} where r.id = ${id} and r.tenant_id = ${tenantId}
        ${lock ? sql`for update of r` : sql``}`,
  );
  if (!row) throw notFound('整改事项');
  return {
    tenantId: row.tenant_id,
    orgPath: row.org_path,
    inspectorPath: row.inspector_path,
    status: row.status,
    row,
  };
}

/** SQL (branch alias `o`): inside a subtree the caller manages. */
export const visibleBranchSql = (actor: Actor): SQL =>
  actor.adminRole ? sql`false` : pathSql(sql`o.path`, managedPaths(actor));

/** SQL (rectification `r`): the status shown on `today` (rules.rectStatus). */
export const rectStatusSql = (today: string): SQL =>
  sql`(case when r.status = 'open' and r.rectify_by < ${today} then 'overdue' else r.status end)`;

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();
