import { hash, verify } from '@node-rs/argon2';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, AdminRole, OrgRole, RoleGrant } from '../../platform/access';
import { actorRef, PLATFORM_CHAIN, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { type Executor, queryRows, textList } from '../../platform/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../platform/demo';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { orgs } from '../orgs/tables';
import { accountActions, canOnAccounts } from './policy';
import { afterFailure, checkPasswordPolicy, isLocked, LOCK_MINUTES, sessionExpired } from './rules';
import { accountEntity, accounts, roleAssignments, roleEntity, sessions } from './tables';

export const hashPassword = (password: string) => hash(password, { algorithm: 2 /* Algorithm.Argon2id */ });

// A real hash to verify against when the username is unknown, so timing doesn't reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

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

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = new Date();
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  const actor = { id: account?.id ?? null, name: input.username, ip: input.ip };
  const wrong = () => new AppError(401, 'invalid_credentials', '用户名或密码错误');

  if (!account) {
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verify(await dummyHash, input.password).catch(() => false);
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        tenantId: PLATFORM_CHAIN,
        actor,
        action: 'auth.login_failed',
        details: { reason: 'unknown_user' },
      }),
    );
    throw wrong();
  }
  if (isLocked(account.lockedUntil, now)) {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        tenantId: account.tenantId,
        actor,
        action: 'auth.login_refused',
        entityId: account.id,
        details: { reason: 'locked' },
      }),
    );
    const minutes = Math.ceil((account.lockedUntil!.getTime() - now.getTime()) / 60_000);
    throw new AppError(423, 'locked', `账号已锁定，请 ${minutes} 分钟后再试`);
  }
  const passwordOk = await verify(account.passwordHash, input.password).catch(() => false);
  if (!passwordOk || account.disabled) {
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
        actor,
        action: 'auth.login_failed',
        target: { entity: accountEntity, id: account.id },
        details: {
          reason: account.disabled ? 'disabled' : 'wrong_password',
          locked: next.lockedUntil !== null,
        },
      });
      return next;
    });
    if (account.disabled) throw new AppError(401, 'disabled', '账号已停用，请联系系统管理员');
    if (next.lockedUntil) {
      throw new AppError(
        401,
        'invalid_credentials',
        `用户名或密码错误，连续失败次数过多，账号已锁定 ${LOCK_MINUTES} 分钟`,
      );
    }
    throw wrong();
  }

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
      actor,
      action: 'auth.login',
      target: { entity: accountEntity, id: account.id },
    });
    return false;
  });
  if (lockedMeanwhile) throw new AppError(423, 'locked', `账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`);
  const loggedIn = await loadActor(ctx.db, account.id, input.ip);
  return { token, csrfToken, mustChangePassword: account.mustChangePassword, actor: loggedIn! };
}

/**
 * What the login page may show before anyone logs in: the committee's name when the platform serves one,
 * and the demo accounts, only in demo mode.
 */
export async function loginOptions(ctx: AppContext) {
  const tenants = await queryRows<{ name: string }>(
    ctx.db,
    sql`select name from tenants order by created_at limit 2`,
  );
  const organization = tenants.length === 1 ? tenants[0].name : null;
  if (!ctx.config.demoMode) return { organization, demoMode: false, demoPassword: null, demoAccounts: [] };
  const present = await queryRows<{ username: string }>(
    ctx.db,
    sql`select username from accounts where username in (${textList(DEMO_ACCOUNTS.map((a) => a.username))}) and not disabled`,
  );
  const names = new Set(present.map((r) => r.username));
  return {
    organization,
    demoMode: true,
    demoPassword: names.size ? DEMO_PASSWORD : null,
    demoAccounts: DEMO_ACCOUNTS.filter((a) => names.has(a.username)).map((a) => ({ ...a })),
  };
}

async function lockAccountRow(tx: Executor, id: string) {
  const [row] = await tx
    .select({ failedAttempts: accounts.failedAttempts, lockedUntil: accounts.lockedUntil })
    .from(accounts)
    .where(eq(accounts.id, id))
    .for('update');
  return row;
}

export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(eq(sessions.tokenHash, sha256Hex(token)));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'auth.logout',
      entityId: actor.accountId,
    });
  });
}

export async function loadActor(db: Executor, accountId: string, ip: string): Promise<Actor | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account || account.disabled) return null;
  const roles = await queryRows<{ role: OrgRole; org_id: string; path: string; name: string }>(
    db,
    sql`select r.role, r.org_id, o.path, o.name from role_assignments r join orgs o on o.id = r.org_id
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

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!(await verify(account.passwordHash, oldPassword).catch(() => false))) {
    throw invalid({ oldPassword: '原密码不正确' });
  }
  const policy = checkPasswordPolicy(newPassword, account.username);
  if (!policy.ok) throw invalid({ newPassword: policy.message! });
  if (oldPassword === newPassword) throw invalid({ newPassword: '新密码不能与原密码相同' });
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actor: actorRef(actor),
      action: 'account.password_changed',
      target: { entity: accountEntity, id: account.id },
    });
  });
}

export async function listAccounts(
  ctx: AppContext,
  actor: Actor,
  page: number,
  pageSize: number,
  q?: string,
) {
  if (!canOnAccounts(actor, 'list')) throw forbidden();
  const where = sql`a.tenant_id = ${actor.tenantId} ${q ? sql`and (a.username ilike ${`%${q}%`} or a.display_name ilike ${`%${q}%`})` : sql``}`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from accounts a where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    username: string;
    display_name: string;
    admin_role: string | null;
    disabled: boolean;
    locked_until: Date | null;
    last_login_at: Date | null;
    tenant_id: string;
    roles: { id: string; role: string; orgId: string; orgName: string }[] | null;
  }>(
    ctx.db,
    sql`select a.id, a.username, a.display_name, a.admin_role, a.disabled, a.locked_until, a.last_login_at, a.tenant_id,
          (select json_agg(json_build_object('id', r.id, 'role', r.role, 'orgId', r.org_id, 'orgName', o.name))
             from role_assignments r join orgs o on o.id = r.org_id where r.account_id = a.id) as roles
        from accounts a where ${where} order by a.username limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return {
    total,
    actions: canOnAccounts(actor, 'create') ? ['create'] : [],
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      adminRole: r.admin_role,
      disabled: r.disabled,
      locked: isLocked(r.locked_until ? new Date(r.locked_until) : null, new Date()),
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      roles: r.roles ?? [],
      actions: accountActions(actor, { adminRole: r.admin_role, tenantId: r.tenant_id }),
    })),
  };
}

export async function createAccount(
  ctx: AppContext,
  actor: Actor,
  input: { username: string; displayName: string; password: string; personId?: string | null },
) {
  if (!canOnAccounts(actor, 'create')) throw forbidden();
  const policy = checkPasswordPolicy(input.password, input.username);
  if (!policy.ok) throw invalid({ password: policy.message! });
  const existing = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  if (existing.length) throw conflict('用户名已存在');
  if (input.personId) {
    const [person] = await queryRows<{ id: string; account: string | null }>(
      ctx.db,
      sql`select p.id, (select a.username from accounts a where a.person_id = p.id limit 1) as account
          from people p where p.id = ${input.personId} and p.tenant_id = ${actor.tenantId}`,
    );
    if (!person) throw invalid({ personId: '关联人员不存在' });
    if (person.account) throw invalid({ personId: `该人员已有账号（${person.account}）` });
  }
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(accounts).values({
      id,
      tenantId: actor.tenantId,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      personId: input.personId ?? null,
      mustChangePassword: true,
      createdAt: new Date(),
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'account.create',
      target: { entity: accountEntity, id },
    });
  });
  return { id };
}

async function targetAccount(ctx: AppContext, actor: Actor, id: string) {
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, id), eq(accounts.tenantId, actor.tenantId)));
  if (!account) throw notFound('账号');
  return account;
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: string, password: string) {
  const account = await targetAccount(ctx, actor, id);
  if (!canOnAccounts(actor, 'reset_password', account)) throw forbidden();
  const policy = checkPasswordPolicy(password, account.username);
  if (!policy.ok) throw invalid({ password: policy.message! });
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
      .where(eq(accounts.id, id));
    await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.accountId, id), sql`${sessions.endedAt} is null`));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'account.reset_password',
      target: { entity: accountEntity, id },
    });
  });
}

export async function setDisabled(ctx: AppContext, actor: Actor, id: string, disabled: boolean) {
  const account = await targetAccount(ctx, actor, id);
  if (!canOnAccounts(actor, 'disable', account)) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ disabled }).where(eq(accounts.id, id));
    if (disabled)
      await tx
        .update(sessions)
        .set({ endedAt: new Date() })
        .where(and(eq(sessions.accountId, id), sql`${sessions.endedAt} is null`));
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: disabled ? 'account.disable' : 'account.enable',
      target: { entity: accountEntity, id },
    });
  });
}

const ROLE_ORG_TYPES: Record<OrgRole, string[]> = {
  committee_admin: ['committee'],
  general_branch_admin: ['general_branch'],
  branch_secretary: ['branch'],
  member: ['branch'],
};

export async function grantRole(
  ctx: AppContext,
  actor: Actor,
  accountId: string,
  role: OrgRole,
  orgId: string,
) {
  const account = await targetAccount(ctx, actor, accountId);
  if (!canOnAccounts(actor, 'grant_role', account)) throw forbidden();
  const [org] = await ctx.db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, orgId), eq(orgs.tenantId, actor.tenantId)));
  if (!org) throw notFound('组织');
  if (!ROLE_ORG_TYPES[role].includes(org.type)) throw invalid({ orgId: '该角色不能设在此类组织上' });
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roleAssignments)
      .values({ id, tenantId: actor.tenantId, accountId, role, orgId, createdAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (!inserted.length) throw conflict('该账号已在此组织拥有此角色');
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'role.grant',
      target: { entity: roleEntity, id },
      details: { accountId, role, orgId },
    });
  });
  return { id };
}

export async function revokeRole(ctx: AppContext, actor: Actor, accountId: string, roleId: string) {
  const account = await targetAccount(ctx, actor, accountId);
  if (!canOnAccounts(actor, 'revoke_role', account)) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, roleId), eq(roleAssignments.accountId, accountId)))
      .returning({ role: roleAssignments.role, orgId: roleAssignments.orgId });
    if (!removed.length) throw notFound('角色');
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'role.revoke',
      target: { entity: roleEntity, id: roleId },
      details: { accountId, ...removed[0] },
    });
  });
}
