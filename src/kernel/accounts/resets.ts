import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { pageOffset } from '../../platform/http';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import { authorizeAccount } from './accounts';
import type { PasswordResetItem, PasswordResetList, ResetIssued, ResetRequested } from './contract';
import { checkPasswordPolicy } from './password-policy';
import { hashPassword } from './passwords';
import { decideOnAccounts } from './policy';
import { resetNeedsApproval, stillValid } from './rules';
import { endSessions } from './sessions';
import { loadAccountSettings } from './settings';
import {
  accountEntity,
  accountMfa,
  accounts,
  mfaEntity,
  passwordResetEntity,
  passwordResets,
  roleAssignments,
} from './tables';
import { clearAllAttempts } from './throttle';

/**
 * Password resets under 三员分立. The system admin asks (with a reason); for an account that sees
 * member data, an administrator's account (one's own included) or a reset of the second factor, the
 * security admin approves or refuses; then the system admin who asked collects a temporary password,
 * shown once. It works once, lapses after the committee's hours, and must be replaced at that login; the
 * holder is told at each login for two weeks who reset it and when. Every step is an audit event.
 */

type ResetRow = typeof passwordResets.$inferSelect;
type Target = typeof accounts.$inferSelect;

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#%+=@';

/** 12 random characters of all four classes, none easily misread. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const all = UPPER + LOWER + DIGITS + SYMBOLS;
    const pick = (set: string) => set[randomInt(set.length)];
    const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < 12) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const pw = chars.join('');
    if (checkPasswordPolicy(pw, username, { minLength: 12, minClasses: 4 }).ok) return pw;
  }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A reset approved but not collected in time is shown as lapsed. */
function statusOf(r: Pick<ResetRow, 'status' | 'expiresAt'>, now: Date): ResetRow['status'] {
  return r.status === 'approved' && r.expiresAt && !stillValid(r.expiresAt, now) ? 'expired' : r.status;
}

interface ResetJoined extends ResetRow {
  username: string;
  displayName: string;
  adminRole: string | null;
}

function present(actor: Actor, r: ResetJoined, now: Date): PasswordResetItem {
  const status = statusOf(r, now) as PasswordResetItem['status'];
  const target = { adminRole: r.adminRole, tenantId: r.tenantId, id: r.accountId };
  const actions: PasswordResetItem['actions'] = [];
  if (status === 'pending' && decideOnAccounts(actor, 'approve_reset', target).ok)
    actions.push('approve', 'reject');
  if (status === 'approved' && r.requestedBy === actor.accountId) actions.push('issue');
  return {
    id: r.id,
    accountId: r.accountId,
    username: r.username,
    displayName: r.displayName,
    reason: r.reason,
    resetMfa: r.resetMfa,
    needsApproval: r.needsApproval,
    status,
    requestedByName: r.requestedByName,
    requestedAt: iso(r.requestedAt)!,
    decidedByName: r.decidedByName,
    decidedAt: iso(r.decidedAt),
    decisionNote: r.decisionNote,
    issuedAt: iso(r.issuedAt),
    expiresAt: iso(r.expiresAt),
    actions,
  };
}

const selectJoined = (db: Executor) =>
  db
    .select({
      reset: passwordResets,
      username: accounts.username,
      displayName: accounts.displayName,
      adminRole: accounts.adminRole,
    })
    .from(passwordResets)
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId));

async function loadReset(db: Executor, actor: Actor, id: string, lock = false): Promise<ResetJoined> {
  const q = selectJoined(db).where(
    and(eq(passwordResets.id, id), eq(passwordResets.tenantId, actor.tenantId)),
  );
  const [row] = lock ? await q.for('update', { of: passwordResets }) : await q;
  if (!row) throw notFound('重置申请');
  return { ...row.reset, username: row.username, displayName: row.displayName, adminRole: row.adminRole };
}

/** The system admin asks for a reset; one that needs no approval is issued at once. */
export async function requestReset(
  ctx: AppContext,
  actor: Actor,
  accountId: string,
  input: { reason: string; resetMfa: boolean },
): Promise<ResetRequested> {
  const target = await authorizeAccount(ctx.db, actor, accountId, 'reset_password');
  const roles = await ctx.db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.accountId, accountId));
  const needsApproval = resetNeedsApproval(
    { adminRole: target.adminRole, roles: roles.map((r) => r.role) },
    input.resetMfa,
  );
  const now = new Date();
  const id = newId();
  const temporary = await ctx.db.transaction(async (tx) => {
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
    const open = await tx
      .select()
      .from(passwordResets)
      .where(
        and(eq(passwordResets.accountId, accountId), sql`${passwordResets.status} in ('pending','approved')`),
      );
    if (open.some((r) => statusOf(r, now) !== 'expired')) throw conflict('该账号已有尚未办结的密码重置申请');
    await tx.insert(passwordResets).values({
      id,
      tenantId: actor.tenantId,
      accountId,
      reason: input.reason,
      resetMfa: input.resetMfa,
      needsApproval,
      status: needsApproval ? 'pending' : 'approved',
      requestedBy: actor.accountId,
      requestedByName: actor.displayName,
      requestedAt: now,
    });
    await audit(tx, actor, {
      action: 'password_reset.request',
      target: { entity: passwordResetEntity, id },
      details: { accountId, needsApproval, resetMfa: input.resetMfa },
    });
    return needsApproval
      ? null
      : (await issueInTx(tx, actor, id, target, input.resetMfa, now)).temporaryPassword;
  });
  return { reset: present(actor, await loadReset(ctx.db, actor, id), now), temporaryPassword: temporary };
}

/** The security admin's decision on a pending reset (never on a reset of their own account). */
export async function decideReset(
  ctx: AppContext,
  actor: Actor,
  id: string,
  approve: boolean,
  note?: string,
) {
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const r = await loadReset(tx, actor, id, true);
    enforce(
      decideOnAccounts(actor, 'approve_reset', {
        adminRole: r.adminRole,
        tenantId: r.tenantId,
        id: r.accountId,
      }),
    );
    if (r.status !== 'pending') throw conflict('该申请已处理');
    const settings = await loadAccountSettings(tx, actor.tenantId);
    await tx
      .update(passwordResets)
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.accountId,
        decidedByName: actor.displayName,
        decidedAt: now,
        decisionNote: note ?? null,
        // An approval is collected within the hours a temporary password would last, or lapses.
        expiresAt: approve ? new Date(now.getTime() + settings.temporaryPasswordHours * 3_600_000) : null,
      })
      .where(eq(passwordResets.id, id));
    await audit(tx, actor, {
      action: approve ? 'password_reset.approve' : 'password_reset.reject',
      target: { entity: passwordResetEntity, id },
      details: { accountId: r.accountId },
    });
  });
  return present(actor, await loadReset(ctx.db, actor, id), now);
}

/** The system admin who asked collects the temporary password of an approved reset, once. */
export async function issueReset(ctx: AppContext, actor: Actor, id: string): Promise<ResetIssued> {
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const r = await loadReset(tx, actor, id, true);
    const target = await authorizeAccount(tx, actor, r.accountId, 'reset_password');
    if (r.requestedBy !== actor.accountId) throw forbidden('只有提出申请的系统管理员可以领取临时密码');
    const status = statusOf(r, now);
    if (status === 'pending') throw conflict('该申请正在等待安全管理员审批');
    if (status === 'expired') throw conflict('审批已过期，请重新申请');
    if (status !== 'approved') throw conflict('该申请已处理');
    return issueInTx(tx, actor, id, target, r.resetMfa, now);
  });
}

async function issueInTx(
  tx: Executor,
  actor: Actor,
  resetId: string,
  target: Target,
  resetMfa: boolean,
  now: Date,
): Promise<ResetIssued> {
  const settings = await loadAccountSettings(tx, actor.tenantId);
  const password = temporaryPassword(target.username);
  const until = new Date(now.getTime() + settings.temporaryPasswordHours * 3_600_000);
  await tx
    .update(accounts)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      temporaryUntil: until,
      temporaryUsedAt: null,
    })
    .where(eq(accounts.id, target.id));
  await endSessions(tx, target.id);
  await clearAllAttempts(tx, target.username);
  const events = [
    {
      action: 'account.reset_password',
      target: { entity: accountEntity, id: target.id },
      details: { resetId },
    },
  ];
  if (resetMfa) {
    const removed = await tx
      .delete(accountMfa)
      .where(eq(accountMfa.accountId, target.id))
      .returning({ id: accountMfa.id });
    for (const m of removed)
      events.push({
        action: 'account.mfa_reset',
        target: { entity: mfaEntity, id: m.id },
        details: { resetId },
      });
  }
  await tx
    .update(passwordResets)
    .set({ status: 'issued', issuedAt: now, expiresAt: until })
    .where(eq(passwordResets.id, resetId));
  await audit(tx, actor, [
    ...events,
    { action: 'password_reset.issue', target: { entity: passwordResetEntity, id: resetId }, details: {} },
  ]);
  return { temporaryPassword: password, expiresAt: until.toISOString() };
}

export async function listResets(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string; page: number; pageSize: number },
): Promise<PasswordResetList> {
  enforce(decideOnAccounts(actor, 'list'));
  const now = new Date();
  // An approval not collected in time is stored as approved and shown as lapsed (`statusOf`).
  const lapsed = sql`${passwordResets.expiresAt} <= ${now.toISOString()}`;
  const byStatus =
    q.status === 'expired'
      ? and(eq(passwordResets.status, 'approved'), lapsed)
      : q.status === 'approved'
        ? and(eq(passwordResets.status, 'approved'), sql`not (${lapsed})`)
        : q.status
          ? eq(passwordResets.status, q.status)
          : undefined;
  const where = and(eq(passwordResets.tenantId, actor.tenantId), byStatus);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${passwordResets} where ${where}`,
  );
  const rows = await selectJoined(ctx.db)
    .where(where)
    .orderBy(sql`${passwordResets.status} = 'pending' desc`, sql`${passwordResets.requestedAt} desc`)
    .limit(q.pageSize)
    .offset(pageOffset(q));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) =>
      present(
        actor,
        { ...r.reset, username: r.username, displayName: r.displayName, adminRole: r.adminRole },
        now,
      ),
    ),
  };
}
