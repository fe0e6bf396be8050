import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import type { Executor } from '../../platform/db';
import { enforce } from '../../platform/policy';
import { defineSettings, readSettings, writeSettings } from '../../platform/settings';
import { tenantEntity } from '../orgs/api';
import { commonPasswordCount } from './common-passwords';
import {
  type AccountSettings,
  type AccountSettingsAnswer,
  type accountSettingsBody,
  accountSettingsSchema,
} from './contract';
import type { PasswordRules } from './password-policy';
import { decideOnAccounts } from './policy';
import {
  ACCOUNT_LOCK_AFTER_FAILURES,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  SESSION_IDLE_MINUTES,
} from './rules';

/**
 * `tenants.settings.accounts`: the committee's password policy, temporary passwords and who must use a
 * second factor. The defaults are the 等保 level-3 baseline; the schema refuses anything weaker
 * (shorter than 8, fewer than 3 classes, administrators without a second factor).
 */
export const accountSettings = defineSettings('accounts', '账号安全', accountSettingsSchema);

export const loadAccountSettings = (db: Executor, tenantId: string): Promise<AccountSettings> =>
  readSettings(db, tenantId, accountSettings);

export const passwordRulesOf = (s: AccountSettings): PasswordRules => ({
  minLength: s.passwordMinLength,
  minClasses: s.passwordMinClasses,
});

export async function getAccountSettings(ctx: AppContext, actor: Actor): Promise<AccountSettingsAnswer> {
  enforce(decideOnAccounts(actor, 'list'));
  const s = await loadAccountSettings(ctx.db, actor.tenantId);
  return {
    ...s,
    fixed: {
      lockAfterFailures: LOCK_AFTER_FAILURES,
      lockMinutes: LOCK_MINUTES,
      accountLockAfterFailures: ACCOUNT_LOCK_AFTER_FAILURES,
      commonPasswords: commonPasswordCount(),
      sessionIdleMinutes: SESSION_IDLE_MINUTES,
    },
    editable: decideOnAccounts(actor, 'settings').ok,
  };
}

/** The security admin sets the policy (三员分立: security policy is theirs); the change is audited. */
export async function updateAccountSettings(
  ctx: AppContext,
  actor: Actor,
  input: ReturnType<typeof accountSettingsBody.parse>,
): Promise<AccountSettingsAnswer> {
  enforce(decideOnAccounts(actor, 'settings'));
  await ctx.db.transaction(async (tx) => {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const { before, after } = await writeSettings(tx, actor.tenantId, accountSettings, (current) => ({
      ...current,
      ...given,
    }));
    await audit(tx, actor, {
      action: 'accounts.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { from: before, to: after },
    });
  });
  return getAccountSettings(ctx, actor);
}
