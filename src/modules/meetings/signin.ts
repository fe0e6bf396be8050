import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { blindIndex } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import type { Executor } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { authorizeMeeting, type JoinedRow, lockMeeting } from './records';
import { type AttendanceEntry, signInRefusal } from './roll';
import { rollCallCounts } from './roster';
import { loadSettings } from './settings';
import { meetingEntity, meetings } from './tables';

/**
 * The members' own part of a meeting, from the notice on their phone: sign in on the day (签到, every kind
 * of meeting, within the window around the start or with the code the secretary shows), ask for leave
 * before it (请假), report their make-up study after it (补学). Each writes the member's own line of the
 * roll call at the server's time, under the row lock, and is audited; the secretary's roll call starts
 * from these lines and may override them (the audit log keeps both).
 */

/** The day's sign-in code of a meeting: six digits from the server's key, the meeting and its day. */
export const signInCode = (ctx: AppContext, m: Pick<JoinedRow, 'id' | 'heldOn'>): string =>
  String(
    Number.parseInt(blindIndex(ctx.keys, `meeting-sign-in:${m.id}:${m.heldOn}`).slice(0, 12), 16) % 1_000_000,
  ).padStart(6, '0');

/** The code the secretary shows on the meeting's day (and the link a phone's camera opens). */
export async function showSignInCode(ctx: AppContext, actor: Actor, id: string) {
  const m = await authorizeMeeting(ctx.db, actor, id, 'show_code');
  return {
    code: signInCode(ctx, m),
    validOn: m.heldOn,
    path: `/meetings/${m.id}?code=${signInCode(ctx, m)}`,
  };
}

async function writeOwnLine(
  tx: Executor,
  actor: Actor,
  m: JoinedRow,
  change: (line: AttendanceEntry) => AttendanceEntry,
  action: string,
  details: Record<string, unknown>,
) {
  const attendance = m.attendance.map((a) => (a.personId === actor.personId && !a.guest ? change(a) : a));
  const now = new Date();
  await tx
    .update(meetings)
    .set({ attendance, ...rollCallCounts(attendance), version: m.version + 1, updatedAt: now })
    .where(eq(meetings.id, m.id));
  await audit(tx, actor, {
    action,
    target: { entity: meetingEntity, id: m.id },
    details: { personId: actor.personId, ...details },
  });
}

/**
 * A member signs in: their line becomes present at the server's time. Within the window around the start
 * (a setting), or any time that day with the code. Signing in twice keeps the first time.
 */
export async function signIn(ctx: AppContext, actor: Actor, id: string, code?: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const seen = await authorizeMeeting(tx, actor, id, 'read');
    // A retry after a dropped connection answers the first sign-in, not an error.
    if (seen.attendance.some((a) => a.personId === actor.personId && a.signedInAt)) return;
    const m = await authorizeMeeting(tx, actor, id, 'sign_in');
    if (code !== undefined && code !== signInCode(ctx, m)) throw invalid({ code: '签到码：不正确' });
    const settings = await loadSettings(tx, actor.tenantId);
    const why = signInRefusal(m, new Date(), todayLocal(), true, settings, code !== undefined);
    if (why) throw conflict(why);
    const at = new Date().toISOString();
    await writeOwnLine(
      tx,
      actor,
      m,
      (a) => ({ ...a, status: 'present', reason: null, leaveRequestedAt: null, signedInAt: at }),
      'meeting.sign_in',
      { at, byCode: code !== undefined },
    );
  });
}

/** A member asks for leave before the meeting, with a reason; asking again changes the reason. */
export async function requestLeave(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const m = await authorizeMeeting(tx, actor, id, 'request_leave');
    const at = new Date().toISOString();
    await writeOwnLine(
      tx,
      actor,
      m,
      (a) => ({ ...a, status: 'leave', reason, leaveRequestedAt: at }),
      'meeting.leave',
      { at, reason },
    );
  });
}

/** A member absent or on leave reports their 补学 (make-up study); the secretary confirms it on the record. */
export async function reportMakeUp(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { on: string; how: string },
) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const m = await authorizeMeeting(tx, actor, id, 'make_up');
    if (input.on < m.heldOn) throw invalid({ on: `补学日期：不能早于会议日期（${m.heldOn}）` });
    if (input.on > todayLocal()) throw invalid({ on: '补学日期：不能晚于今天' });
    const at = new Date().toISOString();
    await writeOwnLine(
      tx,
      actor,
      m,
      (a) => ({ ...a, makeUpOn: input.on, makeUpHow: input.how, makeUpMemberAt: at }),
      'meeting.make_up',
      { at, ...input },
    );
  });
}

/** The secretary confirms a member's 补学 (the roll call line keeps when and by whom it was confirmed). */
export async function confirmMakeUp(ctx: AppContext, actor: Actor, id: string, personId: string) {
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const m = await authorizeMeeting(tx, actor, id, 'update');
    const line = m.attendance.find((a) => a.personId === personId && !a.guest);
    if (!line) throw invalid({ personId: '人员：不在本次会议的名单中' });
    if (line.status === 'present' || !line.makeUpOn)
      throw conflict(`${line.name} 没有待确认的补学（本人登记或书记填写补学日期后才能确认）`);
    if (line.makeUpSecretaryAt) return;
    const at = new Date().toISOString();
    const attendance = m.attendance.map((a) => (a === line ? { ...a, makeUpSecretaryAt: at } : a));
    await tx
      .update(meetings)
      .set({ attendance, version: m.version + 1, updatedAt: new Date() })
      .where(eq(meetings.id, id));
    await audit(tx, actor, {
      action: 'meeting.make_up.confirm',
      target: { entity: meetingEntity, id },
      details: { personId, at },
    });
  });
}
