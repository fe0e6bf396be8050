import type { Actor } from '../../platform/access';

/** 三员分立: the system admin keeps accounts, the security admin grants roles, the audit admin reads the log. */
export type AccountAction = 'list' | 'create' | 'reset_password' | 'disable' | 'grant_role' | 'revoke_role';

export function canOnAccounts(
  actor: Actor,
  action: AccountAction,
  target?: { adminRole: string | null; tenantId: string },
): boolean {
  if (target && target.tenantId !== actor.tenantId) return false;
  switch (action) {
    case 'list':
      return actor.adminRole === 'system_admin' || actor.adminRole === 'security_admin';
    case 'create':
    case 'reset_password':
    case 'disable':
      return actor.adminRole === 'system_admin' && (!target || target.adminRole === null);
    case 'grant_role':
    case 'revoke_role':
      return actor.adminRole === 'security_admin' && (!target || target.adminRole === null);
  }
}

export function accountActions(
  actor: Actor,
  target: { adminRole: string | null; tenantId: string },
): AccountAction[] {
  return (['reset_password', 'disable', 'grant_role', 'revoke_role'] as const).filter((a) =>
    canOnAccounts(actor, a, target),
  );
}
