import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import type { ResponseBody, ReviewBody } from './contract';
import { canOnTarget, canOnTask } from './policy';
import { prefillFor } from './prefill';
import { loadTarget, loadTaskResource } from './queries';
import {
  canRemindIn,
  canReviewIn,
  canSubmitIn,
  checkValues,
  reviewOutcome,
  type StoredStatus,
  type TargetEvent,
  type TaskField,
} from './rules';
import { taskTargetEntity } from './tables';

/**
 * The answer loop of one target, each step one transaction that ends with its audit event: the
 * target's secretary submits (again after a return); the sender accepts or returns with a comment;
 * the sender may remind (催办) a target that still owes its answer.
 */

const NOT_NOW: Record<StoredStatus, string> = {
  pending: '尚未提交回复',
  submitted: '回复已提交，正在等待审核',
  accepted: '回复已通过审核，不能再更改',
  returned: '回复已退回，等待接收组织重新提交',
};

/** Appends a step to the target's history (the row's jsonb, covered by its hash). */
const appendEvent = (e: TargetEvent) => sql`history = history || ${JSON.stringify([e])}::jsonb`;

async function openTarget(tx: Executor, actor: Actor, taskId: string, orgId: string) {
  const task = await loadTaskResource(tx, actor.tenantId, taskId);
  enforce(canOnTask(actor, 'read', task));
  const target = await loadTarget(tx, actor.tenantId, taskId, orgId, true);
  return { task, target };
}

/** The target's secretary answers: content, form values (checked against the fields), files if required. */
export async function submitResponse(ctx: AppContext, actor: Actor, taskId: string, body: ResponseBody) {
  await ctx.db.transaction(async (tx) => {
    const { task, target } = await openTarget(tx, actor, taskId, body.orgId);
    enforce(canOnTarget(actor, 'answer', target));
    if (!canSubmitIn(target.status)) throw conflict(NOT_NOW[target.status]);
    const fields = (task.row.fields ?? []) as TaskField[];
    const { values, errors } = checkValues(fields, body.values);
    if (Object.keys(errors).length) throw invalid(errors);
    if (task.row.require_files) {
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from task_files where target_id = ${target.id} and removed_at is null`,
      );
      if (n === 0) throw invalid({ files: '附件：该任务要求上传照片或文件，请先上传再提交' });
    }
    const prefilled = fields.some((f) => f.prefill)
      ? ((await prefillFor(tx, actor.tenantId, fields, task.row.as_of, [body.orgId])).get(body.orgId) ?? null)
      : null;
    const now = new Date();
    const event: TargetEvent = {
      kind: 'submit',
      at: now.toISOString(),
      actorName: actor.displayName,
      content: body.content,
      values: fields.length ? values : null,
    };
    await tx.execute(sql`update task_targets set status = 'submitted', content = ${body.content},
        "values" = ${fields.length ? JSON.stringify(values) : null}::jsonb,
        prefilled = ${prefilled ? JSON.stringify(prefilled) : null}::jsonb,
        first_submitted_at = coalesce(first_submitted_at, ${now.toISOString()}::timestamptz),
        submitted_at = ${now.toISOString()}::timestamptz, submitted_by_name = ${actor.displayName},
        submissions = submissions + 1, ${appendEvent(event)}
      where id = ${target.id}`);
    await audit(tx, actor, {
      action: target.status === 'returned' ? 'task.resubmit' : 'task.submit',
      target: { entity: taskTargetEntity, id: target.id },
      details: { taskId, orgId: body.orgId },
    });
  });
}

/** The sender accepts a submitted answer or returns it with a comment (and maybe a new deadline). */
export async function reviewResponse(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  orgId: string,
  body: ReviewBody,
  today = todayLocal(),
) {
  await ctx.db.transaction(async (tx) => {
    const { target } = await openTarget(tx, actor, taskId, orgId);
    enforce(canOnTarget(actor, 'review', target));
    if (!canReviewIn(target.status)) throw conflict(NOT_NOW[target.status]);
    const comment = body.comment?.trim() || null;
    if (body.decision === 'return' && !comment)
      throw invalid({ comment: '审核意见：退回时请写明需要补充或更正的内容' });
    if (body.decision === 'accept' && body.redoBy) throw invalid({ redoBy: '重新上报期限：只在退回时填写' });
    if (body.redoBy && body.redoBy < today) throw invalid({ redoBy: '重新上报期限：不能早于今天' });
    const now = new Date();
    const status = reviewOutcome(body.decision);
    const event: TargetEvent = {
      kind: body.decision,
      at: now.toISOString(),
      actorName: actor.displayName,
      comment,
      redoBy: body.redoBy ?? null,
    };
    await tx.execute(sql`update task_targets set status = ${status}, reviewed_at = ${now.toISOString()}::timestamptz,
        reviewer_name = ${actor.displayName}, review_comment = ${comment},
        redo_by = ${body.decision === 'return' ? (body.redoBy ?? null) : null}::date, ${appendEvent(event)}
      where id = ${target.id}`);
    await audit(tx, actor, {
      action: body.decision === 'accept' ? 'task.accept' : 'task.return',
      target: { entity: taskTargetEntity, id: target.id },
      details: { taskId, orgId, comment, redoBy: body.redoBy ?? null },
    });
  });
}

/** 催办: the sender reminds a target that still owes its answer; it shows on the target's side. */
export async function remindTarget(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  orgId: string,
  comment: string | undefined,
) {
  await ctx.db.transaction(async (tx) => {
    const { target } = await openTarget(tx, actor, taskId, orgId);
    enforce(canOnTarget(actor, 'remind', target));
    if (!canRemindIn(target.status)) throw conflict(`${NOT_NOW[target.status]}，无需催办`);
    const now = new Date();
    const event: TargetEvent = {
      kind: 'remind',
      at: now.toISOString(),
      actorName: actor.displayName,
      comment: comment?.trim() || null,
    };
    await tx.execute(sql`update task_targets set reminded_at = ${now.toISOString()}::timestamptz, ${appendEvent(event)}
      where id = ${target.id}`);
    await audit(tx, actor, {
      action: 'task.remind',
      target: { entity: taskTargetEntity, id: target.id },
      details: { taskId, orgId },
    });
  });
}
