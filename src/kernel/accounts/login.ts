import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditActor, audit, PLATFORM_CHAIN, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { type Executor, queryRows, textList } from '../../platform/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../platform/demo';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountState } from '../../platform/me';
import { tenants } from '../orgs/api';
import type { LoginOptions } from './contract';
import { checkFactor, loadMfa } from './mfa';
import { passwordMatches, verifyNothing } from './passwords';
import { MFA_CHALLENGE_MINUTES, MFA_CHALLENGE_TRIES, stillValid } from './rules';
import { accountState, loadActor } from './sessions';
import { accountEntity, accountMfa, accounts, mfaChallenges, mfaEntity, sessions } from './tables';
import { clearAttempts, EVERY_ADDRESS, loginCounters, takeAttempt, unlockCounters } from './throttle';

/**
 * Logging in (password, then the second factor when the account has one), lifting a lock with the
 * second factor, and logging out; the session behind a cookie is `sessions.ts`. The login events are
 * written before anyone is authenticated, so they go through `recordAudit` with the name that was typed.
 *
 * Every login attempt takes one count from the username's counters before the password is checked
 * (throttle.ts); known, unknown and disabled usernames go through the same steps and get the same
 * answers (an unknown name's password is checked against a dummy argon2 hash).
 */

type AccountRow = typeof accounts.$inferSelect;

interface LoginInput {
  username: string;
  password: string;
  ip: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  state: AccountState;
  actor: Actor;
}

export type LoginOutcome = { kind: 'session'; session: LoginResult } | { kind: 'mfa'; challenge: string };

const WRONG = '用户名或密码错误';
const wrongCredentials = () => new AppError(401, 'invalid_credentials', WRONG);
const wrongCode = () => new AppError(401, 'invalid_code', '验证码错误或已使用，请输入验证器上的新验证码');

/** The one answer to a locked username, known or not. */
function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    423,
    'locked',
    `登录失败次数过多，请 ${minutes} 分钟后再试；已启用两步验证的账号可以用验证码解锁`,
  );
}

const findAccount = async (db: Executor, username: string): Promise<AccountRow | undefined> =>
  (await db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${username})`))[0];

/** A failed step of a login, in the tenant's chain for a known account, the platform's for an unknown name. */
async function recordFailure(
  ctx: AppContext,
  account: AccountRow | undefined,
  who: AuditActor,
  action: 'auth.login_failed' | 'auth.login_refused' | 'auth.mfa_failed' | 'auth.unlock_failed',
  reason: string,
) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: account?.tenantId ?? PLATFORM_CHAIN,
      actor: who,
      action,
      entityId: account?.id ?? null,
      details: { reason },
    }),
  );
}

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginOutcome> {
  const now = new Date();
  const reservation = await takeAttempt(ctx.db, input.username, loginCounters(input.ip), now);
  const account = await findAccount(ctx.db, input.username);
  const who: AuditActor = { id: account?.id ?? null, name: input.username, ip: input.ip };
  if (!reservation.allowed) {
    await recordFailure(ctx, account, who, 'auth.login_refused', 'locked');
    throw lockedError(reservation.lockedUntil, now);
  }
  // An unknown name's password is checked against a dummy hash: the same argon2 time either way.
  const matches = account
    ? await passwordMatches(account.passwordHash, input.password)
    : await verifyNothing(input.password);
  if (!account || !matches || account.disabled) {
    const reason = !account ? 'unknown_user' : !matches ? 'wrong_password' : 'disabled';
    await recordFailure(ctx, account, who, 'auth.login_failed', reason);
    throw wrongCredentials();
  }
  // Only someone who knows the temporary password learns that it lapsed or was used.
  if (account.temporaryUntil) {
    const reason = account.temporaryUsedAt
      ? 'temporary_used'
      : !stillValid(account.temporaryUntil, now)
        ? 'temporary_expired'
        : null;
    if (reason) {
      await recordFailure(ctx, account, who, 'auth.login_failed', reason);
      throw new AppError(
        401,
        reason,
        reason === 'temporary_used'
          ? '临时密码只能使用一次，请联系系统管理员重新申请重置'
          : '临时密码已过期，请联系系统管理员重新申请重置',
      );
    }
  }
  const mfa = await loadMfa(ctx.db, account.id);
  if (mfa?.confirmedAt) return { kind: 'mfa', challenge: await openChallenge(ctx, account, who, now) };
  await clearAttempts(ctx.db, account.username, [EVERY_ADDRESS, input.ip]);
  return { kind: 'session', session: await openSession(ctx, account, who, now, {}) };
}

/**
 * The password was right and the account has a second factor: a short-lived challenge (its token in an
 * httpOnly cookie) waits for the code. The counters are not cleared until the code is right, so knowing
 * the password gives no more tries at the code.
 */
async function openChallenge(ctx: AppContext, account: AccountRow, who: AuditActor, now: Date) {
  const token = randomToken();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(mfaChallenges).values({
      id: newId(),
      tokenHash: sha256Hex(token),
      accountId: account.id,
      ip: who.ip ?? '',
      expiresAt: new Date(now.getTime() + MFA_CHALLENGE_MINUTES * 60_000),
    });
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actor: who,
      action: 'auth.mfa_challenge',
      entityId: account.id,
    });
  });
  return token;
}

/** The second step of a login: the code of the account whose password opened the challenge. */
export async function completeMfa(ctx: AppContext, token: string | undefined, code: string, ip: string) {
  const now = new Date();
  const expired = () => new AppError(401, 'mfa_expired', '验证已超时，请重新输入用户名和密码登录');
  if (!token) throw expired();
  const [challenge] = await ctx.db
    .select()
    .from(mfaChallenges)
    .where(and(eq(mfaChallenges.tokenHash, sha256Hex(token)), sql`${mfaChallenges.usedAt} is null`));
  if (!challenge || !stillValid(challenge.expiresAt, now)) throw expired();
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, challenge.accountId));
  const who: AuditActor = { id: account.id, name: account.username, ip };
  const reservation = await takeAttempt(ctx.db, account.username, loginCounters(ip), now);
  if (!reservation.allowed) {
    await recordFailure(ctx, account, who, 'auth.login_refused', 'locked');
    throw lockedError(reservation.lockedUntil, now);
  }
  const outcome = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(mfaChallenges).where(eq(mfaChallenges.id, challenge.id)).for('update');
    if (c.usedAt || c.attempts >= MFA_CHALLENGE_TRIES) return 'expired' as const;
    const [row] = await tx
      .select()
      .from(accountMfa)
      .where(eq(accountMfa.accountId, account.id))
      .for('update');
    const check = row?.confirmedAt ? checkFactor(ctx, row, code, now) : ({ ok: false } as const);
    const tries = c.attempts + 1;
    await tx
      .update(mfaChallenges)
      .set({ attempts: tries, usedAt: check.ok || tries >= MFA_CHALLENGE_TRIES ? now : null })
      .where(eq(mfaChallenges.id, c.id));
    if (!check.ok) return 'wrong' as const;
    await tx.update(accountMfa).set(check.update).where(eq(accountMfa.id, row.id));
    if (check.kind === 'recovery')
      await recordAudit(tx, {
        tenantId: account.tenantId,
        actor: who,
        action: 'auth.mfa_recovery_used',
        target: { entity: mfaEntity, id: row.id },
        details: { left: check.update.recoveryHashes?.length ?? 0 },
      });
    return check.kind;
  });
  if (outcome === 'expired') throw expired();
  if (outcome === 'wrong') {
    await recordFailure(ctx, account, who, 'auth.mfa_failed', 'wrong_code');
    throw wrongCode();
  }
  if (account.disabled) throw wrongCredentials();
  await clearAttempts(ctx.db, account.username, [EVERY_ADDRESS, ip]);
  return openSession(ctx, account, who, now, { mfa: outcome });
}

/**
 * Lifts a username-wide lock (20 failures from many addresses) with the second factor: someone who
 * locked a holder out by guessing can't keep them out. The lock of an address that guessed stays.
 */
export async function unlockWithCode(ctx: AppContext, username: string, code: string, ip: string) {
  const now = new Date();
  const reservation = await takeAttempt(ctx.db, username, unlockCounters(ip), now);
  const account = await findAccount(ctx.db, username);
  const who: AuditActor = { id: account?.id ?? null, name: username, ip };
  if (!reservation.allowed) {
    await recordFailure(ctx, account, who, 'auth.unlock_failed', 'locked');
    throw lockedError(reservation.lockedUntil, now);
  }
  const row = account && !account.disabled ? await loadMfa(ctx.db, account.id) : null;
  const check = row?.confirmedAt ? checkFactor(ctx, row, code, now) : ({ ok: false } as const);
  if (!account || !row || !check.ok) {
    await recordFailure(ctx, account, who, 'auth.unlock_failed', 'wrong_code');
    throw wrongCode();
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(accountMfa).set(check.update).where(eq(accountMfa.id, row.id));
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actor: who,
      action: check.kind === 'recovery' ? 'auth.mfa_recovery_used' : 'auth.unlock',
      target: { entity: mfaEntity, id: row.id },
      details: { unlock: true },
    });
  });
  await clearAttempts(ctx.db, account.username, [EVERY_ADDRESS, ip, '#unlock']);
}

async function openSession(
  ctx: AppContext,
  account: AccountRow,
  who: AuditActor,
  now: Date,
  details: Record<string, unknown>,
): Promise<LoginResult> {
  const token = randomToken();
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    // A temporary password lets its holder in once: to set a password of their own.
    const temporary = account.temporaryUntil !== null;
    await tx
      .update(accounts)
      .set({ lastLoginAt: now, ...(temporary ? { temporaryUsedAt: now } : {}) })
      .where(eq(accounts.id, account.id));
    await tx.insert(sessions).values({
      id: newId(),
      tokenHash: sha256Hex(token),
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
    });
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actor: who,
      action: 'auth.login',
      target: { entity: accountEntity, id: account.id },
      ...(temporary || Object.keys(details).length
        ? { details: { ...details, ...(temporary ? { temporaryPassword: true } : {}) } }
        : {}),
    });
  });
  const actor = await loadActor(ctx.db, account.id, who.ip ?? '');
  const state = await accountState(ctx, account.id, actor!, now);
  return { token, csrfToken, state, actor: actor! };
}

/**
 * What the login page may show before anyone logs in: the committee's name when the platform serves one,
 * and the demo accounts, only in demo mode.
 */
export async function loginOptions(ctx: AppContext): Promise<LoginOptions> {
  const served = await queryRows<{ name: string }>(
    ctx.db,
    sql`select name from ${tenants} order by created_at limit 2`,
  );
  const organization = served.length === 1 ? served[0].name : null;
  if (!ctx.config.demoMode) return { organization, demoMode: false, demoPassword: null, demoAccounts: [] };
  const present = await queryRows<{ username: string }>(
    ctx.db,
    sql`select username from ${accounts} where username in (${textList(DEMO_ACCOUNTS.map((a) => a.username))}) and not disabled`,
  );
  const names = new Set(present.map((r) => r.username));
  return {
    organization,
    demoMode: true,
    demoPassword: names.size ? DEMO_PASSWORD : null,
    demoAccounts: DEMO_ACCOUNTS.filter((a) => names.has(a.username)).map((a) => ({ ...a })),
  };
}

export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(eq(sessions.tokenHash, sha256Hex(token)));
    await audit(tx, actor, { action: 'auth.logout', entityId: actor.accountId });
  });
}
