import { sql } from 'drizzle-orm';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { enforce, permitted } from '../../platform/policy';
import type { TaskDetail, TaskFile, TaskTarget } from './contract';
import { presentFile } from './files';
import { canOnTask, responderPaths, seesAllTargets, targetActions } from './policy';
import { prefillFor } from './prefill';
import { iso, loadTaskResource, type TaskRow } from './queries';
import {
  countStatuses,
  currentDeadline,
  prefillLabel,
  type StoredStatus,
  submittedLate,
  TARGET_STATUS_LABELS,
  type TargetEvent,
  type TaskField,
  targetStatus,
  urgency,
} from './rules';
import { taskFiles } from './tables';

/** One task in full, as the caller sees it: every target for the sender's side, its own for a receiver. */

interface TargetDbRow {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  parent_name: string | null;
  status: StoredStatus;
  redo_by: string | null;
  content: string | null;
  values: Record<string, number | string | null> | null;
  prefilled: Record<string, number | null> | null;
  first_submitted_at: Date | string | null;
  first_submitted_on: string | null;
  submitted_at: Date | string | null;
  submitted_by_name: string | null;
  submissions: number;
  reviewed_at: Date | string | null;
  reviewer_name: string | null;
  review_comment: string | null;
  reminded_at: Date | string | null;
  history: TargetEvent[] | null;
}

async function loadTargets(ctx: AppContext, actor: Actor, row: TaskRow) {
  const scope = seesAllTargets(actor, row.org_path) ? sql`true` : pathSql(sql`o.path`, managedPaths(actor));
  return queryRows<TargetDbRow>(
    ctx.db,
    sql`select t.*, o.name as org_name, o.path as org_path, p.name as parent_name,
          (t.first_submitted_at at time zone 'Asia/Shanghai')::date::text as first_submitted_on
        from task_targets t join orgs o on o.id = t.org_id left join orgs p on p.id = o.parent_id
        where t.task_id = ${row.id} and ${scope}
        order by o.path`,
  );
}

async function loadFiles(ctx: AppContext, taskId: string) {
  const rows = await ctx.db
    .select()
    .from(taskFiles)
    .where(sql`${taskFiles.taskId} = ${taskId} and ${taskFiles.removedAt} is null`)
    .orderBy(taskFiles.uploadedAt);
  return rows;
}

export async function getTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today = todayLocal(),
): Promise<TaskDetail> {
  const res = await loadTaskResource(ctx.db, actor.tenantId, id);
  enforce(canOnTask(actor, 'read', res));
  const row = res.row;
  const fields = (row.fields ?? []) as TaskField[];
  const targets = await loadTargets(ctx, actor, row);
  const files = await loadFiles(ctx, id);
  const orgOfTarget = new Map(targets.map((t) => [t.id, t.org_id]));
  const taskFilesList: TaskFile[] = files.filter((f) => !f.targetId).map((f) => presentFile(f, null));
  const withActions = targets.map((t) => {
    const resource = {
      tenantId: row.tenant_id,
      taskOrgPath: row.org_path,
      orgPath: t.org_path,
      status: t.status,
    };
    return { t, actions: targetActions(actor, resource) };
  });
  const answering = withActions.filter((x) => x.actions.includes('answer')).map((x) => x.t.org_id);
  const prefill = await prefillFor(ctx.db, row.tenant_id, fields, row.as_of, answering);
  const presented = withActions.map(({ t, actions }): TaskTarget => {
    const dates = { status: t.status, dueOn: row.due_on, redoBy: t.redo_by };
    const deadline = currentDeadline(dates);
    return {
      id: t.id,
      orgId: t.org_id,
      orgName: t.org_name,
      parentName: t.parent_name,
      status: targetStatus(dates, today),
      statusLabel: TARGET_STATUS_LABELS[targetStatus(dates, today)],
      deadline,
      urgency: urgency(deadline, today, row.remind_days),
      late: submittedLate(t.first_submitted_on, row.due_on),
      content: t.content,
      values: t.values,
      prefilled: t.prefilled,
      firstSubmittedAt: iso(t.first_submitted_at),
      submittedAt: iso(t.submitted_at),
      submittedByName: t.submitted_by_name,
      submissions: t.submissions,
      reviewedAt: iso(t.reviewed_at),
      reviewerName: t.reviewer_name,
      reviewComment: t.review_comment,
      remindedAt: iso(t.reminded_at),
      files: files
        .filter((f) => f.targetId === t.id)
        .map((f) => presentFile(f, orgOfTarget.get(t.id) ?? null)),
      prefill: prefill.get(t.org_id) ?? (actions.includes('answer') ? {} : null),
      history: (t.history ?? []).map((e) => ({
        kind: e.kind,
        at: e.at,
        actorName: e.actorName,
        comment: e.comment ?? null,
        content: e.content ?? null,
        values: e.values ?? null,
        redoBy: e.redoBy ?? null,
      })),
      mine: responderPaths(actor).includes(t.org_path),
      actions,
    };
  });
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    content: row.content,
    dueOn: row.due_on,
    remindDays: row.remind_days,
    requireFiles: row.require_files,
    asOf: row.as_of,
    fields: fields.map((f) => ({
      ...f,
      ...(f.prefill ? { prefillLabel: prefillLabel(f.prefill, row.as_of) } : {}),
    })),
    createdAt: iso(row.created_at)!,
    createdByName: row.created_by_name,
    files: taskFilesList,
    counts: countStatuses(presented.map((t) => t.status)),
    side: seesAllTargets(actor, row.org_path) ? 'sender' : 'receiver',
    targets: presented,
    actions: [...permitted((a: 'attach') => canOnTask(actor, a, res), ['attach'] as const), 'export'],
  };
}
