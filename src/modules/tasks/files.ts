import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, conflict, invalid, notFound } from '../../platform/errors';
import { detectKind, sha256 } from '../../platform/files';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import type { ExtraVerifier, VerifyProblem } from '../../platform/verify';
import type { TaskFile } from './contract';
import { canOnTarget, canOnTask } from './policy';
import { loadTarget, loadTaskResource } from './queries';
import { canSubmitIn } from './rules';
import { taskFileEntity, taskFiles } from './tables';

/**
 * Files of a task (the sender's documents) and of an answer (photos, scans, the filled-in form): the
 * bytes under `filesDir/tasks/<tenant>/<id>`, their SHA-256 in the row, checked by `audit verify`.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;

const pathOf = (ctx: Pick<AppContext, 'config'>, key: string) => resolve(ctx.config.filesDir, key);

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
  upload: { fileName: string; data: Buffer },
): Promise<TaskFile> {
  const fileName = upload.fileName.trim().slice(0, 200) || '附件';
  if (upload.data.length === 0) throw invalid({ file: '附件：文件是空的' });
  if (upload.data.length > MAX_FILE_BYTES)
    throw new AppError(413, 'too_large', `附件：单个文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const mimeType = detectKind(fileName, upload.data);
  if (!mimeType)
    throw invalid({
      file: '附件：只接受照片（jpg、png、webp）、PDF 和 Word/Excel 文档，且内容须与扩展名相符',
    });
  const id = newId();
  const storageKey = join('tasks', actor.tenantId, id);
  const file = pathOf(ctx, storageKey);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, upload.data, { flag: 'wx' });
  try {
    return await ctx.db.transaction(async (tx) => {
      const targetId = await authorizeUpload(tx, actor, owner);
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from task_files where task_id = ${owner.taskId} and removed_at is null
            and target_id is not distinct from ${targetId}::uuid`,
      );
      if (n >= MAX_FILES) throw invalid({ file: `附件：最多 ${MAX_FILES} 个` });
      const row: FileRow = {
        id,
        tenantId: actor.tenantId,
        taskId: owner.taskId,
        targetId,
        fileName,
        mimeType,
        size: upload.data.length,
        sha256: sha256(upload.data),
        storageKey,
        uploadedBy: actor.accountId,
        uploadedByName: actor.displayName,
        uploadedAt: new Date(),
        removedAt: null,
      };
      await tx.insert(taskFiles).values(row);
      await audit(tx, actor, {
        action: 'task.file.add',
        target: { entity: taskFileEntity, id },
        details: { taskId: owner.taskId, orgId: owner.orgId ?? null, fileName, size: row.size },
      });
      return presentFile(row, owner.orgId ?? null);
    });
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
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
export async function readTaskFile(ctx: AppContext, actor: Actor, taskId: string, fileId: string) {
  enforce(canOnTask(actor, 'read', await loadTaskResource(ctx.db, actor.tenantId, taskId)));
  const found = await findFile(ctx.db, actor.tenantId, taskId, fileId);
  if (found.target_org_id)
    enforce(
      canOnTarget(actor, 'read', await loadTarget(ctx.db, actor.tenantId, taskId, found.target_org_id)),
    );
  const [row] = await ctx.db.select().from(taskFiles).where(sql`${taskFiles.id} = ${fileId}`);
  const data = await readFile(pathOf(ctx, row.storageKey)).catch(() => null);
  if (!data) throw new AppError(410, 'gone', '附件文件已丢失，请联系管理员运行审计校验');
  return { row, data };
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
export const taskFileVerifier =
  (ctx: Pick<AppContext, 'config'>): ExtraVerifier =>
  async (db) => {
    const problems: VerifyProblem[] = [];
    const rows = await queryRows<{ id: string; storage_key: string; sha256: string; file_name: string }>(
      db,
      sql`select id, storage_key, sha256, file_name from task_files order by id`,
    );
    for (const r of rows) {
      const data = await readFile(pathOf(ctx, r.storage_key)).catch(() => null);
      if (data && sha256(data) === r.sha256) continue;
      problems.push({
        kind: 'file_changed',
        entity: 'task_file',
        entityId: r.id,
        message: data
          ? `督办附件“${r.file_name}”的文件内容被修改，与上传时的 SHA-256 不符 (task file changed on disk)`
          : `督办附件“${r.file_name}”的文件缺失 (task file missing)`,
      });
    }
    return problems;
  };
