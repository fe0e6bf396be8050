import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor, AdminRole, OrgRole, RoleGrant } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { sha256Hex } from '../../platform/crypto';
import { dayjs, ZONE } from '../../platform/dates';
import { type Db, type Executor, queryRows } from '../../platform/db';
import { DEMO_ACCOUNTS } from '../../platform/demo';
import { AppError } from '../../platform/errors';
import type { AccountState } from '../../platform/me';
import { resolveSettings } from '../../platform/settings';
import { orgs, tenants } from '../orgs/api';
import { mfaRequired, passwordExpired, RESET_NOTICE_DAYS, sessionExpired } from './rules';
import { accountSettings } from './settings';
import { accountMfa, accounts, passwordResets, roleAssignments, sessions } from './tables';

/**
 * The caller behind a cookie: the open session of a token with its account, roles and state (a password
 * change or the second factor's enrolment due, recent resets), the gate such a state puts on routes,
 * and ending an account's sessions. Logging in and out is `login.ts`.
 */

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
