import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, invalid, notFound } from '../../platform/errors';
import { detectKind, sha256 } from '../../platform/files';
import { newId } from '../../platform/ids';
import type { ExtraVerifier, VerifyProblem } from '../../platform/verify';
import type { AttachmentItem } from './contract';
import { authorizeMeeting, presentAttachment } from './records';
import { insertRevision } from './revisions';
import { meetingAttachmentEntity, meetingAttachments, meetingRevisionEntity } from './tables';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

const pathOf = (ctx: Pick<AppContext, 'config'>, storageKey: string) =>
  resolve(ctx.config.filesDir, storageKey);

/** Checked before the upload is read, so an outsider learns nothing from the upload's validation. */
export async function authorizeUpload(ctx: AppContext, actor: Actor, meetingId: string) {
  await authorizeMeeting(ctx.db, actor, meetingId, 'update');
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  upload: { fileName: string; data: Buffer },
): Promise<AttachmentItem> {
  const fileName = upload.fileName.trim().slice(0, 200) || '附件';
  if (upload.data.length === 0) throw invalid({ file: '附件：文件是空的' });
  if (upload.data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError(413, 'too_large', `附件：单个文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const mimeType = detectKind(fileName, upload.data);
  if (!mimeType)
    throw invalid({
      file: '附件：只接受照片（jpg、png、webp）、PDF 和 Word/Excel 文档，且内容须与扩展名相符',
    });
  const id = newId();
  const storageKey = join('meetings', actor.tenantId, id);
  const file = pathOf(ctx, storageKey);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, upload.data, { flag: 'wx' });
  try {
    await ctx.db.transaction(async (tx) => {
      const meeting = await authorizeMeeting(tx, actor, meetingId, 'update');
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from meeting_attachments where meeting_id = ${meetingId} and removed_at is null`,
      );
      if (n >= MAX_ATTACHMENTS) throw invalid({ file: `附件：每次会议最多 ${MAX_ATTACHMENTS} 个附件` });
      const now = new Date();
      await tx.insert(meetingAttachments).values({
        id,
        tenantId: actor.tenantId,
        meetingId,
        fileName,
        mimeType,
        size: upload.data.length,
        sha256: sha256(upload.data),
        storageKey,
        uploadedBy: actor.accountId,
        uploadedByName: actor.displayName,
        uploadedAt: now,
      });
      const events: AuditEvent[] = [
        {
          action: 'meeting.attachment.add',
          target: { entity: meetingAttachmentEntity, id },
          details: { meetingId, fileName, size: upload.data.length },
        },
      ];
      // After submission an added file is a revision like any other change.
      if (meeting.status !== 'draft') {
        const revisionId = await insertRevision(tx, actor, meetingId, now, {
          kind: 'revision',
          reason: '补充附件',
          diff: { attachments: { from: null, to: fileName } },
          statusAfter: meeting.status,
        });
        events.push({
          action: 'meeting.revision',
          target: { entity: meetingRevisionEntity, id: revisionId },
          details: { meetingId, fileName, size: upload.data.length },
        });
      }
      await audit(tx, actor, events);
    });
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
  const [row] = await ctx.db.select().from(meetingAttachments).where(eq(meetingAttachments.id, id));
  return presentAttachment(row);
}

async function findAttachment(db: Executor, meetingId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(meetingAttachments)
    .where(
      and(
        eq(meetingAttachments.id, attachmentId),
        eq(meetingAttachments.meetingId, meetingId),
        isNull(meetingAttachments.removedAt),
      ),
    );
  if (!row) throw notFound('附件');
  return row;
}

export async function readAttachment(ctx: AppContext, actor: Actor, meetingId: string, attachmentId: string) {
  await authorizeMeeting(ctx.db, actor, meetingId, 'read');
  const row = await findAttachment(ctx.db, meetingId, attachmentId);
  const data = await readFile(pathOf(ctx, row.storageKey)).catch(() => null);
  if (!data) throw new AppError(410, 'gone', '附件文件已丢失，请联系管理员运行审计校验');
  return { row, data };
}

/** Removing is only for drafts; the row stays (marked removed) so the audit trail keeps it. */
export async function removeAttachment(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  attachmentId: string,
) {
  await ctx.db.transaction(async (tx) => {
    const meeting = await authorizeMeeting(tx, actor, meetingId, 'update');
    if (meeting.status !== 'draft') throw new AppError(409, 'conflict', '记录已提交，附件不能删除');
    await findAttachment(tx, meetingId, attachmentId);
    await tx
      .update(meetingAttachments)
      .set({ removedAt: new Date() })
      .where(eq(meetingAttachments.id, attachmentId));
    await audit(tx, actor, {
      action: 'meeting.attachment.remove',
      target: { entity: meetingAttachmentEntity, id: attachmentId },
      details: { meetingId },
    });
  });
}

/** `audit verify`: every attachment file still has the SHA-256 stored when it was uploaded. */
export const attachmentVerifier =
  (ctx: Pick<AppContext, 'config'>): ExtraVerifier =>
  async (db) => {
    const problems: VerifyProblem[] = [];
    const rows = await queryRows<{ id: string; storage_key: string; sha256: string; file_name: string }>(
      db,
      sql`select id, storage_key, sha256, file_name from meeting_attachments order by id`,
    );
    for (const r of rows) {
      const data = await readFile(pathOf(ctx, r.storage_key)).catch(() => null);
      if (data && sha256(data) === r.sha256) continue;
      problems.push({
        kind: 'file_changed',
        entity: 'meeting_attachment',
        entityId: r.id,
        message: data
          ? `会议附件“${r.file_name}”的文件内容被修改，与上传时的 SHA-256 不符 (attachment file changed on disk)`
          : `会议附件“${r.file_name}”的文件缺失 (attachment file missing)`,
      });
    }
    return problems;
  };
