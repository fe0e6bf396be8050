import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, invalid, notFound } from '../../platform/errors';
import { storedFileVerifier, storeThenRecord } from '../../platform/file-store';
import { acceptUpload, MAX_UPLOAD_BYTES, type Upload } from '../../platform/files';
import type { AttachmentItem } from './contract';
import { authorizeMeeting, presentAttachment } from './records';
import { insertRevision } from './revisions';
import { meetingAttachmentEntity, meetingAttachments, meetingRevisionEntity } from './tables';

export const MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES;
export const MAX_ATTACHMENTS = 20;

/** Checked before the upload is read, so an outsider learns nothing from the upload's validation. */
export async function authorizeUpload(ctx: AppContext, actor: Actor, meetingId: string) {
  await authorizeMeeting(ctx.db, actor, meetingId, 'update');
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  upload: Upload,
): Promise<AttachmentItem> {
  const accepted = acceptUpload(upload, MAX_ATTACHMENT_BYTES);
  const id = await storeThenRecord(ctx, actor, 'meetings', accepted, async (tx, file) => {
    const meeting = await authorizeMeeting(tx, actor, meetingId, 'update');
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from meeting_attachments where meeting_id = ${meetingId} and removed_at is null`,
    );
    if (n >= MAX_ATTACHMENTS) throw invalid({ file: `附件：每次会议最多 ${MAX_ATTACHMENTS} 个附件` });
    await tx.insert(meetingAttachments).values({ ...file, meetingId });
    const { fileName, size } = file;
    const events: AuditEvent[] = [
      {
        action: 'meeting.attachment.add',
        target: { entity: meetingAttachmentEntity, id: file.id },
        details: { meetingId, fileName, size },
      },
    ];
    // After submission an added file is a revision like any other change.
    if (meeting.status !== 'draft') {
      const revisionId = await insertRevision(tx, actor, meetingId, file.uploadedAt, {
        kind: 'revision',
        reason: '补充附件',
        diff: { attachments: { from: null, to: fileName } },
        statusAfter: meeting.status,
      });
      events.push({
        action: 'meeting.revision',
        target: { entity: meetingRevisionEntity, id: revisionId },
        details: { meetingId, fileName, size },
      });
    }
    await audit(tx, actor, events);
    return file.id;
  });
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

/** An attachment is read by everyone who may read its meeting. */
export async function readableAttachment(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  attachmentId: string,
) {
  await authorizeMeeting(ctx.db, actor, meetingId, 'read');
  return findAttachment(ctx.db, meetingId, attachmentId);
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
export const attachmentVerifier = (ctx: Pick<AppContext, 'config'>) =>
  storedFileVerifier(ctx, {
    table: 'meeting_attachments',
    entity: 'meeting_attachment',
    label: '会议附件',
    english: 'attachment file',
  });
