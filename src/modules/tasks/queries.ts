import { type SQL, sql } from 'drizzle-orm';
import { type Actor, managedPaths, orgInPaths, pathSql } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { notFound } from '../../platform/errors';
import type { TargetResource, TaskResource } from './policy';
import type { StoredStatus } from './rules';

/** Loads and SQL shared by the use cases: a task with its paths, one target, what a caller sees. */

export interface TaskRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  content: string;
  due_on: string;
  remind_days: number;
  require_files: boolean;
  fields: unknown;
  as_of: string;
  created_by_name: string;
  created_at: Date | string;
}

export async function loadTaskRow(db: Executor, tenantId: string, taskId: string): Promise<TaskRow> {
  const [row] = await queryRows<TaskRow>(
    db,
    sql`select k.*, o.name as org_name, o.path as org_path from tasks k join orgs o on o.id = k.org_id
        where k.id = ${taskId} and k.tenant_id = ${tenantId}`,
  );
  if (!row) throw notFound('督办任务');
  return row;
}

/** The task as its policy sees it: the sender's path and every target's path. */
export async function loadTaskResource(
  db: Executor,
  tenantId: string,
  taskId: string,
): Promise<TaskResource & { row: TaskRow }> {
  const row = await loadTaskRow(db, tenantId, taskId);
  const targets = await queryRows<{ path: string }>(
    db,
    sql`select o.path from task_targets t join orgs o on o.id = t.org_id where t.task_id = ${taskId}`,
  );
  return { tenantId: row.tenant_id, orgPath: row.org_path, targetPaths: targets.map((t) => t.path), row };
}

export interface TargetRow extends TargetResource {
  id: string;
  taskId: string;
  orgId: string;
  orgName: string;
  dueOn: string;
  redoBy: string | null;
  title: string;
}

/** One target of a task (404 when the task has none for that organization). */
export async function loadTarget(
  db: Executor,
  tenantId: string,
  taskId: string,
  orgId: string,
  lock = false,
): Promise<TargetRow> {
  const [r] = await queryRows<{
    id: string;
    tenant_id: string;
    status: StoredStatus;
    redo_by: string | null;
    org_path: string;
    org_name: string;
    task_org_path: string;
    due_on: string;
    title: string;
  }>(
    db,
    sql`select t.id, t.tenant_id, t.status, t.redo_by, o.path as org_path, o.name as org_name,
          so.path as task_org_path, k.due_on, k.title
        from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id
        join orgs so on so.id = k.org_id
        where t.task_id = ${taskId} and t.org_id = ${orgId} and t.tenant_id = ${tenantId}
        ${lock ? sql`for update of t` : sql``}`,
  );
  if (!r) throw notFound('督办回复');
  return {
    id: r.id,
    tenantId: r.tenant_id,
    taskId,
    orgId,
    orgName: r.org_name,
    orgPath: r.org_path,
    taskOrgPath: r.task_org_path,
    status: r.status,
    dueOn: r.due_on,
    redoBy: r.redo_by,
    title: r.title,
  };
}

/** SQL (task alias `k`): the caller sees the task, as its sender's side or as a target's manager. */
export function taskVisibleSql(actor: Actor): SQL {
  if (actor.adminRole) return sql`false`;
  const paths = managedPaths(actor);
  return sql`(${orgInPaths(sql`k.org_id`, paths)} or exists (select 1 from task_targets vt join orgs vo on vo.id = vt.org_id
    where vt.task_id = k.id and ${pathSql(sql`vo.path`, paths)}))`;
}

/** SQL (task `k`, target `t`, target's org `o`): the caller sees this target's answer. */
export function targetVisibleSql(actor: Actor): SQL {
  if (actor.adminRole) return sql`false`;
  const paths = managedPaths(actor);
  return sql`(${orgInPaths(sql`k.org_id`, paths)} or ${pathSql(sql`o.path`, paths)})`;
}

/** SQL (task `k`, target `t`): the status shown on `today` (rules.targetStatus). */
export const statusSql = (today: string): SQL =>
  sql`(case when t.status in ('pending','returned')
         and (case when t.status = 'returned' and t.redo_by is not null then t.redo_by else k.due_on end) < ${today}
       then 'overdue' else t.status end)`;

/** SQL (task `k`, target `t`): the deadline that counts now. */
export const deadlineSql = sql`(case when t.status = 'returned' and t.redo_by is not null then t.redo_by else k.due_on end)`;

/** SQL: the day (Asia/Shanghai) of a timestamp column. */
export const localDay = (col: SQL): SQL => sql`((${col}) at time zone 'Asia/Shanghai')::date`;

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();
