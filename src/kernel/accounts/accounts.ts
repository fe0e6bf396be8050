import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, conflict, invalid, notFound } from '../../platform/errors';
import { pageOffset } from '../../platform/http';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import { orgs } from '../orgs/api';
import { loadPersonBrief } from '../people/api';
import type { AccountItem, AccountList, CreateAccountInput } from './contract';
import { checkPasswordPolicy } from './password-policy';
import { hashPassword, passwordMatches } from './passwords';
import { type AccountAction, accountActions, decideOnAccounts } from './policy';
import { containsPattern } from './rules';
import { endSessions } from './sessions';
import { loadAccountSettings, passwordRulesOf } from './settings';
import { accountEntity, accounts, passwordHistory, roleAssignments } from './tables';
import { clearAttempts, EVERY_ADDRESS, lockedEverywhere, loginCounters, takeAttempt } from './throttle';

/** Accounts: the system admin's list and changes, and the caller's own password. */

export type AccountRow = typeof accounts.$inferSelect;

/** An account of the caller's committee that the caller may act on: out of sight 404, not allowed 403. */
export async function authorizeAccount(
  db: Executor,
  actor: Actor,
  id: string,
  action: AccountAction,
): Promise<AccountRow> {
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, id), eq(accounts.tenantId, actor.tenantId)));
  if (!account) throw notFound('账号');
  enforce(decideOnAccounts(actor, action, account));
  return account;
}

/** SQL on `accounts a`: the username or the name contains the text. */
const matching = (text: string): SQL =>
  sql`(a.username ilike ${containsPattern(text)} or a.display_name ilike ${containsPattern(text)})`;

/** SQL: the ids of the committee's accounts whose username or name contains the text. */
export const accountsMatching = (tenantId: string, text: string): SQL =>
  sql`select a.id from ${accounts} a where a.tenant_id = ${tenantId} and ${matching(text)}`;

export async function listAccounts(
  ctx: AppContext,
  actor: Actor,
  q: { page: number; pageSize: number; q?: string },
): Promise<AccountList> {
  enforce(decideOnAccounts(actor, 'list'));
  const where = sql`a.tenant_id = ${actor.tenantId} ${q.q ? sql`and ${matching(q.q)}` : sql``}`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${accounts} a where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    username: string;
    display_name: string;
    admin_role: AccountItem['adminRole'];
    disabled: boolean;
    last_login_at: Date | null;
    tenant_id: string;
    roles: AccountItem['roles'] | null;
  }>(
    ctx.db,
    sql`select a.id, a.username, a.display_name, a.admin_role, a.disabled, a.last_login_at, a.tenant_id,
          (select json_agg(json_build_object('id', r.id, 'role', r.role, 'orgId', r.org_id, 'orgName', o.name))
             from ${roleAssignments} r join ${orgs} o on o.id = r.org_id where r.account_id = a.id) as roles
        from ${accounts} a where ${where} order by a.username limit ${q.pageSize} offset ${pageOffset(q)}`,
  );
  const locked = await lockedEverywhere(
    ctx.db,
    rows.map((r) => r.username),
    new Date(),
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    actions: decideOnAccounts(actor, 'create').ok ? ['create'] : [],
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      adminRole: r.admin_role,
      disabled: r.disabled,
      locked: locked.has(r.username.toLowerCase()),
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      roles: r.roles ?? [],
      actions: accountActions(actor, { adminRole: r.admin_role, tenantId: r.tenant_id }),
    })),
  };
}

export async function createAccount(
  ctx: AppContext,
  actor: Actor,
  input: CreateAccountInput,
): Promise<{ id: string }> {
  enforce(decideOnAccounts(actor, 'create'));
  const rules = passwordRulesOf(await loadAccountSettings(ctx.db, actor.tenantId));
  const policy = checkPasswordPolicy(input.password, input.username, rules);
  if (!policy.ok) throw invalid({ password: policy.message! });
  const existing = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  if (existing.length) throw conflict('用户名已存在');
  if (input.personId) {
    const person = await loadPersonBrief(ctx.db, actor.tenantId, input.personId);
    if (!person) throw invalid({ personId: '关联人员不存在' });
    const [holder] = await ctx.db
      .select({ username: accounts.username })
      .from(accounts)
      .where(eq(accounts.personId, person.id))
      .limit(1);
    if (holder) throw invalid({ personId: `该人员已有账号（${holder.username}）` });
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
    await audit(tx, actor, { action: 'account.create', target: { entity: accountEntity, id } });
  });
  return { id };
}

export async function setDisabled(ctx: AppContext, actor: Actor, id: string, disabled: boolean) {
  await authorizeAccount(ctx.db, actor, id, 'disable');
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ disabled }).where(eq(accounts.id, id));
    if (disabled) await endSessions(tx, id);
    await audit(tx, actor, {
      action: disabled ? 'account.disable' : 'account.enable',
      target: { entity: accountEntity, id },
    });
  });
}

/** Whether the password is one of the account's last `n` (its current one included). */
async function usedBefore(db: Executor, account: AccountRow, password: string, n: number): Promise<boolean> {
  if (await passwordMatches(account.passwordHash, password)) return true;
  if (n <= 1) return false;
  const previous = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, account.id))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(n - 1);
  for (const p of previous) if (await passwordMatches(p.hash, password)) return true;
  return false;
}

/**
 * The caller's own password: every signed-in user may change it, knowing the old one. A wrong old
 * password counts like a wrong login (the same counters, taken before the check); the change ends every
 * other session of the account.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  sessionToken: string,
  oldPassword: string,
  newPassword: string,
) {
  const now = new Date();
  const reservation = await takeAttempt(ctx.db, actor.username, loginCounters(actor.ip), now);
  if (!reservation.allowed) {
    throw new AppError(423, 'locked', '原密码错误次数过多，请稍后再试');
  }
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!(await passwordMatches(account.passwordHash, oldPassword))) {
    await ctx.db.transaction((tx) =>
      audit(tx, actor, {
        action: 'auth.password_change_failed',
        entityId: account.id,
        details: { reason: 'wrong_old_password' },
      }),
    );
    throw invalid({ oldPassword: '原密码不正确' });
  }
  await clearAttempts(ctx.db, account.username, [EVERY_ADDRESS, actor.ip]);
  const settings = await loadAccountSettings(ctx.db, actor.tenantId);
  const policy = checkPasswordPolicy(newPassword, account.username, passwordRulesOf(settings));
  if (!policy.ok) throw invalid({ newPassword: policy.message! });
  if (oldPassword === newPassword) throw invalid({ newPassword: '新密码不能与原密码相同' });
  if (await usedBefore(ctx.db, account, newPassword, settings.passwordHistory)) {
    throw invalid({ newPassword: `新密码不能与最近 ${settings.passwordHistory} 次使用过的密码相同` });
  }
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    // A temporary password from a reset is no password of the holder's: it is not kept.
    if (!account.temporaryUntil)
      await tx
        .insert(passwordHistory)
        .values({ id: newId(), accountId: account.id, passwordHash: account.passwordHash, createdAt: now });
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        temporaryUntil: null,
        temporaryUsedAt: null,
      })
      .where(eq(accounts.id, account.id));
    await endSessions(tx, account.id, sessionToken);
    await audit(tx, actor, {
      action: 'account.password_changed',
      target: { entity: accountEntity, id: account.id },
    });
  });
}
