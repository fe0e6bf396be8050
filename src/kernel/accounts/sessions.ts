import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor, AdminRole, OrgRole, RoleGrant } from '../../platform/access';
import { type AuditActor, audit, PLATFORM_CHAIN, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { dayjs, ZONE } from '../../platform/dates';
import { type Db, type Executor, queryRows, textList } from '../../platform/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../platform/demo';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountState } from '../../platform/me';
import { resolveSettings } from '../../platform/settings';
import { orgs, tenants } from '../orgs/api';
import type { LoginOptions } from './contract';
import { checkFactor, loadMfa } from './mfa';
import { passwordMatches, verifyNothing } from './passwords';
import {
  MFA_CHALLENGE_MINUTES,
  MFA_CHALLENGE_TRIES,
  mfaRequired,
  passwordExpired,
  RESET_NOTICE_DAYS,
  sessionExpired,
  stillValid,
} from './rules';
import { accountSettings } from './settings';
import {
  accountEntity,
  accountMfa,
  accounts,
  mfaChallenges,
  mfaEntity,
  passwordResets,
  roleAssignments,
  sessions,
} from './tables';
import { clearAttempts, EVERY_ADDRESS, loginCounters, takeAttempt, unlockCounters } from './throttle';

/**
 * Sessions: logging in (password, then the second factor when the account has one), lifting a lock with
 * the second factor, logging out, and the caller behind a cookie. The login events are written before
 * anyone is authenticated, so they go through `recordAudit` with the name that was typed.
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

/** Ends every open session of an account, but the one given (a password change keeps its own). */
export const endSessions = (tx: Executor, accountId: string, keepToken?: string) =>
  tx
    .update(sessions)
    .set({ endedAt: new Date() })
    .where(
      and(
        eq(sessions.accountId, accountId),
        sql`${sessions.endedAt} is null`,
        keepToken ? ne(sessions.tokenHash, sha256Hex(keepToken)) : undefined,
      ),
    );

const fmtTime = (d: Date) => dayjs(d).tz(ZONE).format('YYYY年M月D日 HH:mm');

type ResetNotice = { issued_at: string; requested_by_name: string; decided_by_name: string | null };

/** The columns beside the account's own that make its state: second factor, settings, recent resets. */
interface StateRow {
  must_change_password: boolean;
  password_changed_at: Date | string | null;
  created_at: Date | string;
  username: string;
  mfa: boolean;
  settings: unknown;
  resets: ResetNotice[] | string | null;
}

/** SQL: whether the account (its id column given) has a confirmed second factor. */
const mfaSql = (accountId: AnyPgColumn) =>
  sql<boolean>`exists (select 1 from ${accountMfa} m where m.account_id = ${accountId} and m.confirmed_at is not null)`;
/** SQL: the account's role grants with their organizations, as JSON. */
const rolesSql = (accountId: AnyPgColumn) =>
  sql<string>`(select json_agg(json_build_object('role', r.role, 'org_id', r.org_id, 'path', o.path, 'name', o.name)
                  order by o.depth, o.name)
             from ${roleAssignments} r join ${orgs} o on o.id = r.org_id where r.account_id = ${accountId})`;
/** SQL: the password resets of the account issued after `since`, newest first, as JSON. */
const resetsSql = (accountId: AnyPgColumn, since: unknown) =>
  sql<string>`(select json_agg(json_build_object('issued_at', r.issued_at, 'requested_by_name', r.requested_by_name,
                  'decided_by_name', r.decided_by_name) order by r.issued_at desc)
             from ${passwordResets} r
            where r.account_id = ${accountId} and r.status = 'issued' and r.issued_at > ${since})`;

const json = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

function actorFromRow(
  row: {
    id: string;
    tenant_id: string;
    username: string;
    display_name: string;
    person_id: string | null;
    admin_role: string | null;
    roles: { role: OrgRole; org_id: string; path: string; name: string }[] | string | null;
  },
  ip: string,
): Actor {
  const roles = json(row.roles) ?? [];
  return {
    accountId: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    adminRole: row.admin_role as AdminRole | null,
    roles: roles.map((r): RoleGrant => ({ role: r.role, orgId: r.org_id, orgPath: r.path, orgName: r.name })),
    ip,
  };
}

/** The caller an account stands for: its roles with their organizations' paths; null when disabled. */
export async function loadActor(db: Executor, accountId: string, ip: string): Promise<Actor | null> {
  const [account] = await queryRows<Parameters<typeof actorFromRow>[0] & { disabled: boolean }>(
    db,
    sql`select a.id, a.tenant_id, a.username, a.display_name, a.person_id, a.admin_role, a.disabled,
          ${rolesSql(sql.raw('a.id') as unknown as AnyPgColumn)} as roles
        from ${accounts} a where a.id = ${accountId}`,
  );
  if (!account || account.disabled) return null;
  return actorFromRow(account, ip);
}

const resetsSince = (now: Date) => new Date(now.getTime() - RESET_NOTICE_DAYS * 86_400_000).toISOString();

function stateFromRow(ctx: AppContext, row: StateRow, actor: Actor, now: Date): AccountState {
  const settings = resolveSettings(accountSettings, row.settings ?? undefined);
  const changedAt = new Date(row.password_changed_at ?? row.created_at);
  const demoExempt = ctx.config.demoMode && DEMO_ACCOUNTS.some((a) => a.username === row.username);
  const resets = json(row.resets) ?? [];
  return {
    mustChangePassword:
      row.must_change_password || passwordExpired(changedAt, settings.passwordExpiryDays, now),
    mfaEnabled: row.mfa,
    mfaSetupRequired:
      !row.mfa &&
      !demoExempt &&
      mfaRequired(
        { adminRole: actor.adminRole, roles: actor.roles.map((r) => r.role) },
        settings.mfaRequiredFor,
      ),
    notices: resets.slice(0, 5).map((r) => {
      const at = new Date(r.issued_at);
      return {
        kind: 'password_reset',
        at: at.toISOString(),
        message: `您的密码于 ${fmtTime(at)} 被重置：由系统管理员 ${r.requested_by_name} 申请${
          r.decided_by_name ? `、安全管理员 ${r.decided_by_name} 批准` : ''
        }。如果不是您本人要求的，请立即联系安全管理员。`,
      };
    }),
  };
}

/**
 * What the session carries besides the caller: a password change due (first login, a reset, expiry),
 * the second factor (enrolled; required by the committee's settings and not yet enrolled), and the
 * notices of resets of this account's password in the last days (who asked, who approved, when).
 * Demo accounts in demo mode are not made to enrol, so the demo stays one step.
 */
export async function accountState(
  ctx: AppContext,
  accountId: string,
  actor: Actor,
  now: Date,
): Promise<AccountState> {
  const a = sql.raw('a.id') as unknown as AnyPgColumn;
  const [row] = await queryRows<StateRow>(
    ctx.db,
    sql`select a.must_change_password, a.password_changed_at, a.created_at, a.username,
          ${mfaSql(a)} as mfa, t.settings -> ${accountSettings.key} as settings,
          ${resetsSql(a, resetsSince(now))} as resets
        from ${accounts} a join ${tenants} t on t.id = a.tenant_id where a.id = ${accountId}`,
  );
  return stateFromRow(ctx, row, actor, now);
}

/**
 * The statement behind every signed-in request: the open session of a token with its account, role
 * grants, second factor, the committee's settings and recent resets, in one row. Prepared once per
 * database (a named statement on PostgreSQL: parsed and planned once per connection).
 */
function sessionStatement(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      sessionCreatedAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      id: accounts.id,
      tenant_id: accounts.tenantId,
      username: accounts.username,
      display_name: accounts.displayName,
      person_id: accounts.personId,
      admin_role: accounts.adminRole,
      disabled: accounts.disabled,
      must_change_password: accounts.mustChangePassword,
      password_changed_at: accounts.passwordChangedAt,
      created_at: accounts.createdAt,
      roles: rolesSql(accounts.id),
      mfa: mfaSql(accounts.id),
      settings: sql<unknown>`${tenants.settings} -> ${accountSettings.key}::text`,
      resets: resetsSql(accounts.id, sql`${sql.placeholder('since')}::timestamptz`),
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.endedAt)))
    .prepare('bl_resolve_session');
}
const statements = new WeakMap<object, ReturnType<typeof sessionStatement>>();

/** The session behind a cookie token, or null when it is unknown, ended, idle too long or too old. */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  ip: string,
): Promise<{ actor: Actor; csrfToken: string; state: AccountState } | null> {
  const now = new Date();
  const db = ctx.db as Db;
  let statement = statements.get(db);
  if (!statement) {
    statement = sessionStatement(db);
    statements.set(db, statement);
  }
  const [row] = await statement.execute({ hash: sha256Hex(token), since: resetsSince(now) });
  if (!row) return null;
  if (sessionExpired(row.sessionCreatedAt, row.lastSeenAt, now)) {
    await ctx.db.update(sessions).set({ endedAt: now }).where(eq(sessions.id, row.sessionId));
    return null;
  }
  if (row.disabled) return null;
  const actor = actorFromRow(row, ip);
  // The last-seen time moves at most twice a minute: most requests read and write nothing else.
  if (now.getTime() - row.lastSeenAt.getTime() > 30_000) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return { actor, csrfToken: row.csrfToken, state: stateFromRow(ctx, row as StateRow, actor, now) };
}

/** Routes a session may use while a password change or the second factor's enrolment is due. */
const PASSWORD_CHANGE_ALLOWED = new Set([
  '/api/v1/me',
  '/api/v1/auth/change-password',
  '/api/v1/auth/logout',
]);
const MFA_SETUP_ALLOWED = new Set([
  ...PASSWORD_CHANGE_ALLOWED,
  '/api/v1/auth/mfa/enroll',
  '/api/v1/auth/mfa/confirm',
]);

/** The refusal of a route to a session that has something to do first, or null. */
export function sessionGate(state: AccountState | null, route: string | undefined): AppError | null {
  if (!state) return null;
  if (state.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(route ?? ''))
    return new AppError(403, 'password_change_required', '须先修改密码（首次登录、密码被重置或已过期）');
  if (state.mfaSetupRequired && !MFA_SETUP_ALLOWED.has(route ?? ''))
    return new AppError(403, 'mfa_setup_required', '您的角色须使用两步验证，请先完成启用');
  return null;
}
