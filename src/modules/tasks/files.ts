import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid, notFound } from '../../platform/errors';
import { storedFileVerifier, storeThenRecord } from '../../platform/file-store';
import { acceptUpload, MAX_UPLOAD_BYTES, type Upload } from '../../platform/files';
import { enforce } from '../../platform/policy';
import type { TaskFile } from './contract';
import { canOnTarget, canOnTask } from './policy';
import { loadTarget, loadTaskResource } from './queries';
import { canSubmitIn } from './rules';
import { taskFileEntity, taskFiles } from './tables';

/**
 * Files of a task (the sender's documents) and of an answer (photos, scans, the filled-in form): the
 * bytes under `filesDir/tasks/<tenant>/<id>`, their SHA-256 in the row, checked by `audit verify`.
 */

export const MAX_FILE_BYTES = MAX_UPLOAD_BYTES;
export const MAX_FILES = 20;

type FileRow = typeof taskFiles.$inferSelect;
export const presentFile = (r: FileRow, targetOrgId: string | null): TaskFile => ({
  id: r.id,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
  uploadedByName: r.uploadedByName,
  targetOrgId,
});

/** Where a file goes: the task itself (the sender's), or one target's answer. */
export type FileOwner = { taskId: string; orgId?: string };

/** Checked before the upload is read, so an outsider learns nothing from the upload's validation. */
export async function authorizeUpload(db: Executor, actor: Actor, owner: FileOwner): Promise<string | null> {
  if (!owner.orgId) {
    enforce(canOnTask(actor, 'attach', await loadTaskResource(db, actor.tenantId, owner.taskId)));
    return null;
  }
  const t = await loadTarget(db, actor.tenantId, owner.taskId, owner.orgId);
  enforce(canOnTarget(actor, 'answer', t));
  if (!canSubmitIn(t.status)) throw conflict('回复已提交，不能再添加附件；被退回后可以补充');
  return t.id;
}

export async function addFile(
  ctx: AppContext,
  actor: Actor,
  owner: FileOwner,
  upload: Upload,
): Promise<TaskFile> {
  const accepted = acceptUpload(upload, MAX_FILE_BYTES);
  return storeThenRecord(ctx, actor, 'tasks', accepted, async (tx, file) => {
    const targetId = await authorizeUpload(tx, actor, owner);
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from task_files where task_id = ${owner.taskId} and removed_at is null
          and target_id is not distinct from ${targetId}::uuid`,
    );
    if (n >= MAX_FILES) throw invalid({ file: `附件：最多 ${MAX_FILES} 个` });
    const row: FileRow = { ...file, taskId: owner.taskId, targetId, removedAt: null };
    await tx.insert(taskFiles).values(row);
    await audit(tx, actor, {
      action: 'task.file.add',
      target: { entity: taskFileEntity, id: file.id },
      details: { taskId: owner.taskId, orgId: owner.orgId ?? null, fileName: file.fileName, size: file.size },
    });
    return presentFile(row, owner.orgId ?? null);
  });
}

async function findFile(db: Executor, tenantId: string, taskId: string, fileId: string) {
  const [row] = await queryRows<{ id: string; target_id: string | null; target_org_id: string | null }>(
    db,
    sql`select f.id, f.target_id, t.org_id as target_org_id from task_files f
        left join task_targets t on t.id = f.target_id
        where f.id = ${fileId} and f.task_id = ${taskId} and f.tenant_id = ${tenantId} and f.removed_at is null`,
  );
  if (!row) throw notFound('附件');
  return row;
}

/** A task's file is read by everyone who sees the task; an answer's file by those who see that answer. */
export async function readableTaskFile(ctx: AppContext, actor: Actor, taskId: string, fileId: string) {
  enforce(canOnTask(actor, 'read', await loadTaskResource(ctx.db, actor.tenantId, taskId)));
  const found = await findFile(ctx.db, actor.tenantId, taskId, fileId);
  if (found.target_org_id)
    enforce(
      canOnTarget(actor, 'read', await loadTarget(ctx.db, actor.tenantId, taskId, found.target_org_id)),
    );
  const [row] = await ctx.db.select().from(taskFiles).where(sql`${taskFiles.id} = ${fileId}`);
  return row;
}

/** The sender removes a task's file; the target removes its answer's file while it may still answer. */
export async function removeTaskFile(ctx: AppContext, actor: Actor, taskId: string, fileId: string) {
  await ctx.db.transaction(async (tx) => {
    enforce(canOnTask(actor, 'read', await loadTaskResource(tx, actor.tenantId, taskId)));
    const found = await findFile(tx, actor.tenantId, taskId, fileId);
    await authorizeUpload(tx, actor, { taskId, orgId: found.target_org_id ?? undefined });
    await tx.update(taskFiles).set({ removedAt: new Date() }).where(sql`${taskFiles.id} = ${fileId}`);
    await audit(tx, actor, {
      action: 'task.file.remove',
      target: { entity: taskFileEntity, id: fileId },
      details: { taskId },
    });
  });
}

/** `audit verify`: every file of tasks and answers still has the SHA-256 stored when it was uploaded. */
export const taskFileVerifier = (ctx: Pick<AppContext, 'config'>) =>
  storedFileVerifier(ctx, {
    table: 'task_files',
    entity: 'task_file',
    label: '督办附件',
    english: 'task file',
  });
