import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { newId } from '../../platform/ids';
import type { RevisionItem } from './contract';
import { authorizeMeeting, iso } from './records';
import { FIELD_NAMES } from './rules-kinds';
import { meetingRevisions } from './tables';

/**
 * The trail of a meeting after its first submission: revisions (who, when, why, what changed), each
 * step of the review loop, and the cancellation of a plan.
 */

export type RevisionStep = Pick<
  typeof meetingRevisions.$inferInsert,
  'kind' | 'statusAfter' | 'reason' | 'diff'
>;

/** Appends one step to a meeting's revision trail; returns its id for the audit. */
export async function insertRevision(
  tx: Executor,
  actor: Actor,
  meetingId: string,
  at: Date,
  step: RevisionStep,
): Promise<string> {
  const id = newId();
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(seq), 0)::int + 1 as n from ${meetingRevisions} where meeting_id = ${meetingId}`,
  );
  await tx.insert(meetingRevisions).values({
    id,
    tenantId: actor.tenantId,
    meetingId,
    seq: n,
    at,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    ...step,
  });
  return id;
}

/** The reason a plan was called off (its last `cancel` step). */
export async function cancellationOf(db: Executor, meetingId: string) {
  const [cancel] = await db
    .select()
    .from(meetingRevisions)
    .where(and(eq(meetingRevisions.meetingId, meetingId), eq(meetingRevisions.kind, 'cancel')))
    .orderBy(sql`${meetingRevisions.seq} desc`)
    .limit(1);
  return cancel ? { at: iso(cancel.at)!, actorName: cancel.actorName, reason: cancel.reason ?? '' } : null;
}

export async function listRevisions(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ items: RevisionItem[] }> {
  await authorizeMeeting(ctx.db, actor, id, 'read');
  const rows = await ctx.db
    .select()
    .from(meetingRevisions)
    .where(eq(meetingRevisions.meetingId, id))
    .orderBy(meetingRevisions.seq);
  return {
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind as RevisionItem['kind'],
      at: iso(r.at)!,
      actorName: r.actorName,
      reason: r.reason,
      statusAfter: r.statusAfter,
      diff: Object.entries(r.diff ?? {}).map(([field, d]) => ({
        field,
        label: FIELD_NAMES[field] ?? field,
        from: d.from,
        to: d.to,
      })),
    })),
  };
}
