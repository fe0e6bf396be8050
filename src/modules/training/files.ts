import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { storedFileVerifier, storeThenRecord } from '../../platform/file-store';
import { acceptUpload, FILE_KINDS as K, type Upload, type UploadRules } from '../../platform/files';
import type { FileItem } from './contract';
import { fileEntity, trainingFiles } from './tables';

/**
 * Material files of courses and study content: documents, pictures and short videos, judged by their
 * content; the bytes under `filesDir/training/<tenant>/<id>`, their SHA-256 in the row, checked by `audit verify`.
 */

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 20;

/** What a material file may be, and training's words for every refusal (the imports' too). */
export const MATERIALS: UploadRules = {
  kinds: [K.pdf, K.docx, K.pptx, K.xlsx, K.doc, K.ppt, K.jpeg, K.png, K.mp4],
  fallbackName: '资料',
  empty: '资料文件是空的',
  tooLarge: (mb) => `资料文件不能超过 ${mb} MB`,
  partTooLarge: (mb) => `上传的文件过大，最大 ${mb} MB`,
  wrongKind: '只接受 PDF、Word、PowerPoint、Excel、图片（jpg、png）和 MP4 视频，且内容须与扩展名相符',
  notMultipart: '请以 multipart/form-data 上传文件（字段名 file）',
  noFile: '没有收到文件：请在字段 file 中上传',
  incomplete: '上传内容不完整或不是有效的 multipart/form-data',
};

type FileRow = typeof trainingFiles.$inferSelect;
type FileOwner = { kind: 'course' | 'content'; id: string };

export const presentFile = (r: FileRow): FileItem => ({
  id: r.id,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
  uploadedAt: r.uploadedAt.toISOString(),
  uploadedByName: r.uploadedByName,
});

export async function filesOf(db: Executor, ownerId: string): Promise<FileItem[]> {
  const rows = await db
    .select()
    .from(trainingFiles)
    .where(eq(trainingFiles.ownerId, ownerId))
    .orderBy(asc(trainingFiles.uploadedAt), asc(trainingFiles.id));
  return rows.map(presentFile);
}

/**
 * Stores an uploaded file for a course or study item the caller may change (`authorize` runs inside the
 * transaction); the file on disk is removed again when the transaction fails.
 */
export async function addFile(
  ctx: AppContext,
  actor: Actor,
  owner: FileOwner,
  upload: Upload,
  authorize: (tx: Executor) => Promise<{ orgId: string }>,
): Promise<FileItem> {
  const accepted = acceptUpload(upload, MAX_FILE_BYTES, MATERIALS);
  return storeThenRecord(ctx, actor, 'training', accepted, async (tx, file) => {
    const { orgId } = await authorize(tx);
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from training_files where owner_id = ${owner.id}`,
    );
    if (n >= MAX_FILES) throw invalid({ file: `每项最多 ${MAX_FILES} 个资料文件` });
    const row: FileRow = { ...file, orgId, ownerKind: owner.kind, ownerId: owner.id };
    await tx.insert(trainingFiles).values(row);
    await audit(tx, actor, {
      action: 'training_file.add',
      target: { entity: fileEntity, id: file.id },
      details: { owner: owner.kind, ownerId: owner.id, fileName: file.fileName, size: file.size },
    });
    return presentFile(row);
  });
}

/** A file's row, after `authorize` has decided on its owner. */
export async function readableTrainingFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  authorize: (owner: FileOwner) => Promise<void>,
): Promise<FileRow> {
  const [row] = await ctx.db
    .select()
    .from(trainingFiles)
    .where(and(eq(trainingFiles.id, id), eq(trainingFiles.tenantId, actor.tenantId)));
  if (!row) throw notFound('资料文件');
  await authorize({ kind: row.ownerKind as FileOwner['kind'], id: row.ownerId });
  return row;
}

/** `audit verify`: every material file still has the SHA-256 stored when it was uploaded. */
export const trainingFileVerifier = (ctx: Pick<AppContext, 'config'>) =>
  storedFileVerifier(ctx, {
    table: 'training_files',
    entity: 'training_file',
    label: '培训资料',
    english: 'training file',
  });
