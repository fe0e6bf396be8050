import { eq } from 'drizzle-orm';
import { loadOrgSettings, type Post, recordElection } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import type { Executor } from '../../platform/db';
import { invalid } from '../../platform/errors';
import type { ReviewInput } from './contract';
import { authorizeMeeting, type JoinedRow, localDay, lockMeeting } from './records';
import { insertRevision } from './revisions';
import { tallyVote } from './roll';
import { isLate } from './rules-periods';
import { loadSettings } from './settings';
import { meetingEntity, meetingRevisionEntity, meetings } from './tables';

/** The review loop: the secretary submits, the general branch or committee approves or returns; plans are called off. */

export async function submitMeeting(ctx: AppContext, actor: Actor, id: string) {
  return ctx.db.transaction(async (tx) => {
    const m = await authorizeMeeting(tx, actor, id, 'submit');
    const now = new Date();
    if (m.heldOn > localDay(now)) throw invalid({ heldAt: '召开时间：会议尚未召开，召开后才能提交记录' });
    if (m.attendance.length === 0) throw invalid({ attendance: '出勤：请登记出勤情况后再提交' });
    const settings = await loadSettings(tx, actor.tenantId);
    const first = m.firstSubmittedAt ?? now;
    const late = m.late || isLate(m.heldOn, localDay(first), settings.lateAfterDays);
    const kind = m.status === 'returned' ? 'resubmit' : 'submit';
    await tx
      .update(meetings)
      .set({ status: 'submitted', late, submittedAt: now, firstSubmittedAt: first, updatedAt: now })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, { kind, statusAfter: 'submitted' });
    await audit(tx, actor, [
      { action: `meeting.${kind}`, target: { entity: meetingEntity, id }, details: { late } },
      { action: 'meeting.revision', target: { entity: meetingRevisionEntity, id: revisionId } },
    ]);
  });
}

/**
 * An approved 支部党员大会 that elected a committee writes the result into the branch's posts (and, for a
 * 换届, a new term): the superior's approval is the confirmation the election needs. A failed election
 * (no quorum, nobody elected) writes nothing.
 */
async function electionEvents(tx: Executor, actor: Actor, m: JoinedRow): Promise<AuditEvent[]> {
  const settings = await loadSettings(tx, actor.tenantId);
  const events: AuditEvent[] = [];
  for (const v of m.votes.filter((x) => x.type === 'election')) {
    const tally = tallyVote(m.attendance, v, settings);
    if (!tally.quorum) continue;
    const elected = tally.candidates
      .filter((c) => c.elected)
      .map((c) => ({ personId: c.personId, post: (c.post ?? 'member') as Post }));
    if (!elected.length) continue;
    events.push(
      ...(await recordElection(tx, actor, {
        orgId: m.branchId,
        on: m.heldOn,
        meetingId: m.id,
        elected,
        newTerm: !!v.newTerm,
        reason: v.termReason,
        settings: await loadOrgSettings(tx, actor.tenantId),
        today: todayLocal(),
      })),
    );
  }
  return events;
}

export async function reviewMeeting(ctx: AppContext, actor: Actor, id: string, input: ReviewInput) {
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment)
    throw invalid({ comment: '审核意见：退回时须写明需要更正的内容' });
  return ctx.db.transaction(async (tx) => {
    const m = await authorizeMeeting(tx, actor, id, 'review');
    const now = new Date();
    const status = input.decision === 'approve' ? 'approved' : 'returned';
    await tx
      .update(meetings)
      .set({
        status,
        reviewedAt: now,
        reviewerAccountId: actor.accountId,
        reviewerName: actor.displayName,
        reviewComment: comment,
        updatedAt: now,
      })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, {
      kind: input.decision,
      reason: comment,
      statusAfter: status,
    });
    await audit(tx, actor, [
      { action: `meeting.${input.decision}`, target: { entity: meetingEntity, id }, details: { comment } },
      { action: 'meeting.revision', target: { entity: meetingRevisionEntity, id: revisionId } },
      ...(input.decision === 'approve' ? await electionEvents(tx, actor, m) : []),
    ]);
  });
}

/**
 * Calls off a planned meeting (a draft not yet held): the row stays, `cancelled`, with the reason in the
 * trail; it stops being a notice and never counts.
 */
export async function cancelMeeting(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const m = await authorizeMeeting(tx, actor, id, 'cancel');
    const now = new Date();
    await tx
      .update(meetings)
      .set({ status: 'cancelled', version: m.version + 1, updatedAt: now })
      .where(eq(meetings.id, id));
    const revisionId = await insertRevision(tx, actor, id, now, {
      kind: 'cancel',
      reason,
      statusAfter: 'cancelled',
    });
    await audit(tx, actor, [
      {
        action: 'meeting.cancel',
        target: { entity: meetingEntity, id },
        details: { reason, heldOn: m.heldOn },
      },
      { action: 'meeting.revision', target: { entity: meetingRevisionEntity, id: revisionId } },
    ]);
  });
}
