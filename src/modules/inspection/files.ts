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
import type { InspectionFile } from './contract';
import { canOnInspection, canOnRectification } from './policy';
import { loadInspection, loadRectification } from './queries';
import { canAnswerIn } from './rules';
import { inspectionFileEntity, inspectionFiles } from './tables';

/**
 * Evidence files: a finding's photos (the inspector's) and a rectification's (the branch's): the bytes
 * under `filesDir/inspection/<tenant>/<id>`, their SHA-256 in the row, checked by `audit verify`.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;

const pathOf = (ctx: Pick<AppContext, 'config'>, key: string) => resolve(ctx.config.filesDir, key);

type FileRow = typeof inspectionFiles.$inferSelect;
export const presentFile = (r: FileRow): InspectionFile => ({
  id: r.id,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
  uploadedByName: r.uploadedByName,
  url: `/inspections/${r.inspectionId}/files/${r.id}`,
});

/** Where a file goes: a finding's evidence (the inspector's) or a rectification's (the branch's). */
export type FileOwner = { findingOf: string; findingId: string } | { rectificationId: string };
type Placed = { inspectionId: string; findingId: string | null; rectificationId: string | null };

/** Checked before the upload is read, so an outsider learns nothing from the upload's validation. */
export async function authorizeUpload(db: Executor, actor: Actor, owner: FileOwner): Promise<Placed> {
  if ('rectificationId' in owner) {
    const r = await loadRectification(db, actor.tenantId, owner.rectificationId);
    enforce(canOnRectification(actor, 'answer', r));
    if (!canAnswerIn(r.status)) throw conflict('整改情况已提交，不能再添加附件；被退回重新整改后可以补充');
    return { inspectionId: r.row.inspection_id, findingId: null, rectificationId: r.row.id };
  }
  const i = await loadInspection(db, actor.tenantId, owner.findingOf);
  enforce(canOnInspection(actor, 'record', i));
  const [f] = await queryRows<{ id: string }>(
    db,
    sql`select id from inspection_findings where id = ${owner.findingId} and inspection_id = ${owner.findingOf}`,
  );
  if (!f) throw notFound('检查发现');
  if (i.row.status !== 'open') throw conflict('检查已完成，不能再补充证据');
  return { inspectionId: i.row.id, findingId: f.id, rectificationId: null };
}

export async function addFile(
  ctx: AppContext,
  actor: Actor,
  owner: FileOwner,
  upload: { fileName: string; data: Buffer },
): Promise<InspectionFile> {
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
  const storageKey = join('inspection', actor.tenantId, id);
  const file = pathOf(ctx, storageKey);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, upload.data, { flag: 'wx' });
  try {
    return await ctx.db.transaction(async (tx) => {
      const placed = await authorizeUpload(tx, actor, owner);
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from inspection_files where removed_at is null
            and finding_id is not distinct from ${placed.findingId}::uuid
            and rectification_id is not distinct from ${placed.rectificationId}::uuid`,
      );
      if (n >= MAX_FILES) throw invalid({ file: `附件：最多 ${MAX_FILES} 个` });
      const row: FileRow = {
        id,
        tenantId: actor.tenantId,
        ...placed,
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
      await tx.insert(inspectionFiles).values(row);
      await audit(tx, actor, {
        action: 'inspection.file.add',
        target: { entity: inspectionFileEntity, id },
        details: { ...placed, fileName, size: row.size },
      });
      return presentFile(row);
    });
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
}

async function findFile(
  db: Executor,
  tenantId: string,
  inspectionId: string,
  fileId: string,
): Promise<FileRow> {
  const [row] = await db
    .select()
    .from(inspectionFiles)
    .where(
      sql`${inspectionFiles.id} = ${fileId} and ${inspectionFiles.inspectionId} = ${inspectionId}
          and ${inspectionFiles.tenantId} = ${tenantId} and ${inspectionFiles.removedAt} is null`,
    );
  if (!row) throw notFound('附件');
  return row;
}

/** Every file of an inspection is read by everyone who sees the inspection. */
export async function readInspectionFile(
  ctx: AppContext,
  actor: Actor,
  inspectionId: string,
  fileId: string,
) {
  enforce(canOnInspection(actor, 'read', await loadInspection(ctx.db, actor.tenantId, inspectionId)));
  const row = await findFile(ctx.db, actor.tenantId, inspectionId, fileId);
  const data = await readFile(pathOf(ctx, row.storageKey)).catch(() => null);
  if (!data) throw new AppError(410, 'gone', '附件文件已丢失，请联系管理员运行审计校验');
  return { row, data };
}

/** The one who may still add a file to its owner removes it (the row stays, marked removed). */
export async function removeInspectionFile(
  ctx: AppContext,
  actor: Actor,
  inspectionId: string,
  fileId: string,
) {
  await ctx.db.transaction(async (tx) => {
    enforce(canOnInspection(actor, 'read', await loadInspection(tx, actor.tenantId, inspectionId)));
    const row = await findFile(tx, actor.tenantId, inspectionId, fileId);
    await authorizeUpload(
      tx,
      actor,
      row.rectificationId
        ? { rectificationId: row.rectificationId }
        : { findingOf: inspectionId, findingId: row.findingId! },
    );
    await tx
      .update(inspectionFiles)
      .set({ removedAt: new Date() })
      .where(sql`${inspectionFiles.id} = ${fileId}`);
    await audit(tx, actor, {
      action: 'inspection.file.remove',
      target: { entity: inspectionFileEntity, id: fileId },
      details: { inspectionId },
    });
  });
}

/** `audit verify`: every evidence file still has the SHA-256 stored when it was uploaded. */
export const inspectionFileVerifier =
  (ctx: Pick<AppContext, 'config'>): ExtraVerifier =>
  async (db) => {
    const problems: VerifyProblem[] = [];
    const rows = await queryRows<{ id: string; storage_key: string; sha256: string; file_name: string }>(
      db,
      sql`select id, storage_key, sha256, file_name from inspection_files order by id`,
    );
    for (const r of rows) {
      const data = await readFile(pathOf(ctx, r.storage_key)).catch(() => null);
      if (data && sha256(data) === r.sha256) continue;
      problems.push({
        kind: 'file_changed',
        entity: 'inspection_file',
        entityId: r.id,
        message: data
          ? `检查附件“${r.file_name}”的文件内容被修改，与上传时的 SHA-256 不符 (inspection file changed on disk)`
          : `检查附件“${r.file_name}”的文件缺失 (inspection file missing)`,
      });
    }
    return problems;
  };

/** The files of the given findings and rectifications, in upload order. */
export async function filesOf(db: Executor, inspectionId: string): Promise<FileRow[]> {
  return db
    .select()
    .from(inspectionFiles)
    .where(sql`${inspectionFiles.inspectionId} = ${inspectionId} and ${inspectionFiles.removedAt} is null`)
    .orderBy(inspectionFiles.uploadedAt);
}
