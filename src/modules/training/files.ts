import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { ExtraVerifier, VerifyProblem } from '../../platform/verify';
import { iso } from './common';
import type { FileItem } from './contract';
import { fileEntity, trainingFiles } from './tables';

/** Material files of courses and study content: documents, pictures and short videos, judged by their content. */

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 20;

const starts = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const KINDS: { mime: string; extensions: string[]; magic: (b: Buffer) => boolean }[] = [
  {
    mime: 'application/pdf',
    extensions: ['pdf'],
    magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: (b) => starts(b, ZIP),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    magic: (b) => starts(b, ZIP),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: (b) => starts(b, ZIP),
  },
  { mime: 'application/msword', extensions: ['doc'], magic: (b) => starts(b, OLE) },
  { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], magic: (b) => starts(b, OLE) },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { mime: 'image/png', extensions: ['png'], magic: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]) },
  {
    mime: 'video/mp4',
    extensions: ['mp4', 'm4v'],
    magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  },
];

export function detectKind(fileName: string, data: Buffer): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return KINDS.find((k) => k.extensions.includes(ext) && k.magic(data))?.mime ?? null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const pathOf = (ctx: Pick<AppContext, 'config'>, key: string) => resolve(ctx.config.filesDir, key);

type FileRow = typeof trainingFiles.$inferSelect;
export const presentFile = (r: FileRow | Record<string, unknown>): FileItem => {
  const x = r as Record<string, unknown>;
  return {
    id: String(x.id),
    fileName: String(x.fileName ?? x.file_name),
    mimeType: String(x.mimeType ?? x.mime_type),
    size: Number(x.size),
    uploadedAt: iso(x.uploadedAt ?? x.uploaded_at),
    uploadedByName: (x.uploadedByName ?? x.uploaded_by_name ?? null) as string | null,
  };
};

export async function filesOf(db: Executor, ownerId: string): Promise<FileItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select * from training_files where owner_id = ${ownerId} order by uploaded_at, id`,
  );
  return rows.map(presentFile);
}

/**
 * Stores an uploaded file for a course or study item the caller may change (`authorize` runs inside the
 * transaction); the file on disk is removed again when the transaction fails.
 */
export async function addFile(
  ctx: AppContext,
  actor: Actor,
  owner: { kind: 'course' | 'content'; id: string },
  upload: { fileName: string; data: Buffer },
  authorize: (tx: Executor) => Promise<{ orgId: string }>,
): Promise<FileItem> {
  const fileName = upload.fileName.trim().slice(0, 200) || '资料';
  if (upload.data.length === 0) throw invalid({ file: '资料文件是空的' });
  if (upload.data.length > MAX_FILE_BYTES)
    throw new AppError(413, 'too_large', `资料文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const mimeType = detectKind(fileName, upload.data);
  if (!mimeType)
    throw invalid({
      file: '只接受 PDF、Word、PowerPoint、Excel、图片（jpg、png）和 MP4 视频，且内容须与扩展名相符',
    });
  const id = newId();
  const storageKey = join('training', actor.tenantId, id);
  const file = pathOf(ctx, storageKey);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, upload.data, { flag: 'wx' });
  try {
    await ctx.db.transaction(async (tx) => {
      const { orgId } = await authorize(tx);
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from training_files where owner_id = ${owner.id}`,
      );
      if (n >= MAX_FILES) throw invalid({ file: `每项最多 ${MAX_FILES} 个资料文件` });
      await tx.insert(trainingFiles).values({
        id,
        tenantId: actor.tenantId,
        orgId,
        ownerKind: owner.kind,
        ownerId: owner.id,
        fileName,
        mimeType,
        size: upload.data.length,
        sha256: sha256(upload.data),
        storageKey,
        uploadedBy: actor.accountId,
        uploadedByName: actor.displayName,
        uploadedAt: new Date(),
      });
      await audit(tx, actor, {
        action: 'training_file.add',
        target: { entity: fileEntity, id },
        details: { owner: owner.kind, ownerId: owner.id, fileName, size: upload.data.length },
      });
    });
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  const [row] = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select * from training_files where id = ${id}`,
  );
  return presentFile(row);
}

/** A file's row and bytes, after `authorize` has decided on its owner. */
export async function readTrainingFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  authorize: (owner: { kind: 'course' | 'content'; id: string }) => Promise<void>,
) {
  const [row] = await queryRows<{
    id: string;
    owner_kind: 'course' | 'content';
    owner_id: string;
    file_name: string;
    mime_type: string;
    sha256: string;
    storage_key: string;
  }>(ctx.db, sql`select * from training_files where id = ${id} and tenant_id = ${actor.tenantId}`);
  if (!row) throw notFound('资料文件');
  await authorize({ kind: row.owner_kind, id: row.owner_id });
  const data = await readFile(pathOf(ctx, row.storage_key)).catch(() => null);
  if (!data) throw new AppError(410, 'gone', '资料文件已丢失，请联系管理员运行审计校验');
  return { row, data };
}

/** `audit verify`: every material file still has the SHA-256 stored when it was uploaded. */
export const trainingFileVerifier =
  (ctx: Pick<AppContext, 'config'>): ExtraVerifier =>
  async (db) => {
    const problems: VerifyProblem[] = [];
    const rows = await queryRows<{ id: string; storage_key: string; sha256: string; file_name: string }>(
      db,
      sql`select id, storage_key, sha256, file_name from training_files order by id`,
    );
    for (const r of rows) {
      const data = await readFile(pathOf(ctx, r.storage_key)).catch(() => null);
      if (data && sha256(data) === r.sha256) continue;
      problems.push({
        kind: 'file_changed',
        entity: 'training_file',
        entityId: r.id,
        message: data
          ? `培训资料“${r.file_name}”的文件内容被修改，与上传时的 SHA-256 不符 (training file changed on disk)`
          : `培训资料“${r.file_name}”的文件缺失 (training file missing)`,
      });
    }
    return problems;
  };
