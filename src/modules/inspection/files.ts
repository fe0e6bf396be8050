import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid, notFound } from '../../platform/errors';
import { storedFileVerifier, storeThenRecord } from '../../platform/file-store';
import { acceptUpload, MAX_UPLOAD_BYTES, type Upload } from '../../platform/files';
import { enforce } from '../../platform/policy';
import type { InspectionFile } from './contract';
import { canOnInspection, canOnRectification } from './policy';
import { loadInspection, loadRectification } from './queries';
import { canAnswerIn } from './rules';
import { inspectionFileEntity, inspectionFiles } from './tables';

/**
 * Evidence files: a finding's photos (the inspector's) and a rectification's (the branch's): the bytes
 * under `filesDir/inspection/<tenant>/<id>`, their SHA-256 in the row, checked by `audit verify`.
 */

export const MAX_FILE_BYTES = MAX_UPLOAD_BYTES;
export const MAX_FILES = 20;

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
  upload: Upload,
): Promise<InspectionFile> {
  const accepted = acceptUpload(upload, MAX_FILE_BYTES);
  return storeThenRecord(ctx, actor, 'inspection', accepted, async (tx, file) => {
    const placed = await authorizeUpload(tx, actor, owner);
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from inspection_files where removed_at is null
          and finding_id is not distinct from ${placed.findingId}::uuid
          and rectification_id is not distinct from ${placed.rectificationId}::uuid`,
    );
    if (n >= MAX_FILES) throw invalid({ file: `附件：最多 ${MAX_FILES} 个` });
    const row: FileRow = { ...file, ...placed, removedAt: null };
    await tx.insert(inspectionFiles).values(row);
    await audit(tx, actor, {
      action: 'inspection.file.add',
      target: { entity: inspectionFileEntity, id: file.id },
      details: { ...placed, fileName: file.fileName, size: file.size },
    });
    return presentFile(row);
  });
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
export async function readableInspectionFile(
  ctx: AppContext,
  actor: Actor,
  inspectionId: string,
  fileId: string,
): Promise<FileRow> {
  enforce(canOnInspection(actor, 'read', await loadInspection(ctx.db, actor.tenantId, inspectionId)));
  return findFile(ctx.db, actor.tenantId, inspectionId, fileId);
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
export const inspectionFileVerifier = (ctx: Pick<AppContext, 'config'>) =>
  storedFileVerifier(ctx, {
    table: 'inspection_files',
    entity: 'inspection_file',
    label: '检查附件',
    english: 'inspection file',
  });

/** The files of the given findings and rectifications, in upload order. */
export async function filesOf(db: Executor, inspectionId: string): Promise<FileRow[]> {
  return db
    .select()
    .from(inspectionFiles)
    .where(sql`${inspectionFiles.inspectionId} = ${inspectionId} and ${inspectionFiles.removedAt} is null`)
    .orderBy(inspectionFiles.uploadedAt);
}
