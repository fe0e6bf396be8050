import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './access';
import type { AppContext } from './context';
import { queryRows, type Tx } from './db';
import { AppError, invalid } from './errors';
import {
  type AcceptedUpload,
  ATTACHMENTS,
  MAX_UPLOAD_BYTES,
  sha256,
  type Upload,
  type UploadRules,
} from './files';
import { sendDownload } from './http';
import { newId } from './ids';
import type { ExtraVerifier, VerifyProblem } from './verify-problems';

/**
 * The mechanics of uploaded files every module shares: the bytes under `filesDir/<area>/<tenant>/<id>`,
 * the row (in the module's own table) with their SHA-256, `audit verify` comparing the two, and the
 * download. Who may upload or read, where the row goes and what the audit event says stay the module's.
 */

const pathOf = (ctx: Pick<AppContext, 'config'>, storageKey: string) =>
  resolve(ctx.config.filesDir, storageKey);

/** The one uploaded file of a multipart request (field `file`); `maxBytes` only words the refusal. */
export async function readUpload(
  req: FastifyRequest,
  maxBytes = MAX_UPLOAD_BYTES,
  rules: UploadRules = ATTACHMENTS,
): Promise<Upload> {
  if (!req.isMultipart()) throw invalid({ file: rules.notMultipart });
  try {
    const part = await req.file();
    if (part?.fieldname !== 'file') throw invalid({ file: rules.noFile });
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'too_large', rules.partTooLarge(maxBytes / 1024 / 1024));
    throw invalid({ file: rules.incomplete });
  }
}

/** The columns every file row has, filled in for the module's insert. */
export interface StoredFile {
  id: string;
  tenantId: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: Date;
}

/**
 * Writes the file under `area`, then runs `record` in one transaction: the module authorizes there,
 * inserts its row (spreading `file`) and audits. The stored file is removed again when that fails.
 */
export async function storeThenRecord<T>(
  ctx: Pick<AppContext, 'config' | 'db'>,
  actor: Actor,
  area: string,
  upload: AcceptedUpload,
  record: (tx: Tx, file: StoredFile) => Promise<T>,
): Promise<T> {
  const id = newId();
  const storageKey = join(area, actor.tenantId, id);
  const path = pathOf(ctx, storageKey);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, upload.data, { flag: 'wx' });
  const file: StoredFile = {
    id,
    tenantId: actor.tenantId,
    fileName: upload.fileName,
    mimeType: upload.mimeType,
    size: upload.data.length,
    sha256: sha256(upload.data),
    storageKey,
    uploadedBy: actor.accountId,
    uploadedByName: actor.displayName,
    uploadedAt: new Date(),
  };
  try {
    return await ctx.db.transaction((tx) => record(tx, file));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
}

/** How `audit verify` names one module's files: table and entity, and the words of its messages. */
export interface StoredFileKind {
  /** The table of the rows (`id`, `storage_key`, `sha256`, `file_name`). */
  table: string;
  /** The entity named in a problem. */
  entity: string;
  /** What the files are called, in Chinese (督办附件) and in English (task file). */
  label: string;
  english: string;
}

/** `audit verify`: every file of the table still has the SHA-256 stored when it was uploaded. */
export const storedFileVerifier =
  (ctx: Pick<AppContext, 'config'>, kind: StoredFileKind): ExtraVerifier =>
  async (db) => {
    const problems: VerifyProblem[] = [];
    const rows = await queryRows<{ id: string; storage_key: string; sha256: string; file_name: string }>(
      db,
      sql`select id, storage_key, sha256, file_name from ${sql.identifier(kind.table)} order by id`,
    );
    for (const r of rows) {
      const data = await readFile(pathOf(ctx, r.storage_key)).catch(() => null);
      if (data && sha256(data) === r.sha256) continue;
      problems.push({
        kind: 'file_changed',
        entity: kind.entity,
        entityId: r.id,
        message: data
          ? `${kind.label}“${r.file_name}”的文件内容被修改，与上传时的 SHA-256 不符 (${kind.english} changed on disk)`
          : `${kind.label}“${r.file_name}”的文件缺失 (${kind.english} missing)`,
      });
    }
    return problems;
  };

/** What a download needs of a file row. */
export interface StoredFileRow {
  storageKey: string;
  fileName: string;
  mimeType: string;
  sha256: string;
}

/**
 * Sends a stored file the module has already decided the caller may read: its hash in
 * `x-content-sha256`, the name in UTF-8 (RFC 5987), never sniffed; 410 when the bytes are gone from disk.
 * `inline`: shown in the page (a video, a PDF) and cached privately for an hour instead of downloaded.
 */
export async function sendStoredFile(
  ctx: Pick<AppContext, 'config'>,
  reply: FastifyReply,
  row: StoredFileRow,
  what = '附件',
  options: { inline?: boolean } = {},
) {
  const data = await readFile(pathOf(ctx, row.storageKey)).catch(() => null);
  if (!data) throw new AppError(410, 'gone', `${what}文件已丢失，请联系管理员运行审计校验`);
  reply.header('x-content-sha256', row.sha256).header('x-content-type-options', 'nosniff');
  if (!options.inline) return sendDownload(reply, data, row.fileName, row.mimeType);
  return reply
    .header('content-type', row.mimeType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
    .header('cache-control', 'private, max-age=3600')
    .send(data);
}
