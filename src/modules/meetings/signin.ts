import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { authorizeMeeting, lockMeeting } from './records';
import { rollCallCounts } from './roster';
import { meetingEntity, meetings } from './tables';

/**
 * A member signs in (签到) to the paperless 支部党员大会 from the notice on their phone: their line becomes
 * present at the server's time. Signing in twice keeps the first time.
 */
export async function signIn(ctx: AppContext, actor: Actor, id: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const seen = await authorizeMeeting(tx, actor, id, 'read');
    // A retry after a dropped connection answers the first sign-in, not an error.
    if (seen.attendance.some((a) => a.personId === actor.personId && a.signedInAt)) return;
    const m = await authorizeMeeting(tx, actor, id, 'sign_in');
    const line = m.attendance.find((a) => a.personId === actor.personId);
    if (!line) return;
    const now = new Date();
    const attendance = m.attendance.map((a) =>
      a === line ? { ...a, status: 'present' as const, reason: null, signedInAt: now.toISOString() } : a,
    );
    await tx
      .update(meetings)
      .set({ attendance, ...rollCallCounts(attendance), version: m.version + 1, updatedAt: now })
      .where(eq(meetings.id, id));
    await audit(tx, actor, {
      action: 'meeting.sign_in',
      target: { entity: meetingEntity, id },
      details: { personId: actor.personId, at: now.toISOString() },
    });
  });
}
