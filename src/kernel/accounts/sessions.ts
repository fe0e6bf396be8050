import { and, eq, sql } from 'drizzle-orm';
import type { Actor, AdminRole, OrgRole, RoleGrant } from '../../platform/access';
import { type AuditActor, audit, PLATFORM_CHAIN, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { type Executor, queryRows, textList } from '../../platform/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../platform/demo';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { orgs, tenants } from '../orgs/api';
import type { LoginOptions } from './contract';
import { passwordMatches, verifyNothing } from './passwords';
import { afterFailure, isLocked, LOCK_MINUTES, sessionExpired } from './rules';
import { accountEntity, accounts, roleAssignments, sessions } from './tables';

/**
 * Sessions: logging in and out, and the caller behind a cookie. The login events are written before
 * anyone is authenticated, so they go through `recordAudit` with the name that was typed.
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
  mustChangePassword: boolean;
  actor: Actor;
}

const wrongCredentials = (message = '用户名或密码错误') => new AppError(401, 'invalid_credentials', message);

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = new Date();
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  const who: AuditActor = { id: account?.id ?? null, name: input.username, ip: input.ip };
  if (!account) throw await refuseUnknownUser(ctx, who, input.password);
  if (isLocked(account.lockedUntil, now)) throw await refuseLocked(ctx, account, who, now);
  if (!(await passwordMatches(account.passwordHash, input.password)) || account.disabled) {
    throw await refuseWrongPassword(ctx, account, who, now);
  }
  return openSession(ctx, account, who, now);
}

async function refuseUnknownUser(ctx: AppContext, who: AuditActor, password: string): Promise<AppError> {
  await verifyNothing(password);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: PLATFORM_CHAIN,
      actor: who,
      action: 'auth.login_failed',
      details: { reason: 'unknown_user' },
    }),
  );
  return wrongCredentials();
}

async function refuseLocked(ctx: AppContext, account: AccountRow, who: AuditActor, now: Date) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: account.tenantId,
      actor: who,
      action: 'auth.login_refused',
      entityId: account.id,
      details: { reason: 'locked' },
    }),
  );
  const minutes = Math.ceil((account.lockedUntil!.getTime() - now.getTime()) / 60_000);
  return new AppError(423, 'locked', `账号已锁定，请 ${minutes} 分钟后再试`);
}

/** A wrong password (or a disabled account): counted, and locking the account at the limit. */
async function refuseWrongPassword(ctx: AppContext, account: AccountRow, who: AuditActor, now: Date) {
  // The count is re-read under a row lock so that parallel wrong guesses can't slip past the limit.
  const next = await ctx.db.transaction(async (tx) => {
    const current = await lockAccountRow(tx, account.id);
    const next =
      account.disabled || isLocked(current.lockedUntil, now)
        ? current
        : afterFailure(current.failedAttempts, now);
    await tx.update(accounts).set(next).where(eq(accounts.id, account.id));
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actor: who,
      action: 'auth.login_failed',
      target: { entity: accountEntity, id: account.id },
      details: {
        reason: account.disabled ? 'disabled' : 'wrong_password',
        locked: next.lockedUntil !== null,
      },
    });
    return next;
  });
  if (account.disabled) return new AppError(401, 'disabled', '账号已停用，请联系系统管理员');
  if (next.lockedUntil) {
    return wrongCredentials(`用户名或密码错误，连续失败次数过多，账号已锁定 ${LOCK_MINUTES} 分钟`);
  }
  return wrongCredentials();
}

async function openSession(ctx: AppContext, account: AccountRow, who: AuditActor, now: Date) {
  const token = randomToken();
  const csrfToken = randomToken();
  const lockedMeanwhile = await ctx.db.transaction(async (tx) => {
    // A parallel wrong guess may have locked the account after it was read above.
    if (isLocked((await lockAccountRow(tx, account.id)).lockedUntil, now)) return true;
    await tx
      .update(accounts)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
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
    });
    return false;
  });
  if (lockedMeanwhile) throw new AppError(423, 'locked', `账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`);
  const actor = await loadActor(ctx.db, account.id, who.ip ?? '');
  return { token, csrfToken, mustChangePassword: account.mustChangePassword, actor: actor! };
}

async function lockAccountRow(tx: Executor, id: string) {
  const [row] = await tx
    .select({ failedAttempts: accounts.failedAttempts, lockedUntil: accounts.lockedUntil })
    .from(accounts)
    .where(eq(accounts.id, id))
    .for('update');
  return row;
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

/** The caller an account stands for: its roles with their organizations' paths; null when disabled. */
export async function loadActor(db: Executor, accountId: string, ip: string): Promise<Actor | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account || account.disabled) return null;
  const roles = await queryRows<{ role: OrgRole; org_id: string; path: string; name: string }>(
    db,
    sql`select r.role, r.org_id, o.path, o.name from ${roleAssignments} r join ${orgs} o on o.id = r.org_id
        where r.account_id = ${accountId} order by o.depth, o.name`,
  );
  return {
    accountId: account.id,
    tenantId: account.tenantId,
    username: account.username,
    displayName: account.displayName,
    personId: account.personId,
    adminRole: account.adminRole as AdminRole | null,
    roles: roles.map((r): RoleGrant => ({ role: r.role, orgId: r.org_id, orgPath: r.path, orgName: r.name })),
    ip,
  };
}

/** The session behind a cookie token, or null when it is unknown, ended, idle too long or too old. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  ip: string,
): Promise<{ actor: Actor; csrfToken: string; mustChangePassword: boolean } | null> {
  const now = new Date();
  const [session] = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256Hex(token)), sql`${sessions.endedAt} is null`));
  if (!session) return null;
  if (sessionExpired(session.createdAt, session.lastSeenAt, now)) {
    await ctx.db.update(sessions).set({ endedAt: now }).where(eq(sessions.id, session.id));
    return null;
  }
  const actor = await loadActor(ctx.db, session.accountId, ip);
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > 30_000) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  const [account] = await ctx.db
    .select({ m: accounts.mustChangePassword })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId));
  return { actor, csrfToken: session.csrfToken, mustChangePassword: account.m };
}
