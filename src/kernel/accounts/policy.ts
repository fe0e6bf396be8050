import type { Actor } from '../../platform/access';
import { allow, type Decision, deny, hide, permitted } from '../../platform/policy';

/** 三员分立: the system admin keeps accounts, the security admin grants roles, the audit admin reads the log. */
export type AccountAction =
  | 'list'
  | 'create'
  | 'reset_password'
  | 'disable'
  | 'grant_role'
  | 'revoke_role'
  /** The security policy: password rules, second factor, export of clear values (security admin). */
  | 'settings'
  /** Approving or refusing a reset the system admin asked for (security admin, never of their own account). */
  | 'approve_reset';

/** What the web may offer on one account. */
export const ACCOUNT_ACTIONS = ['reset_password', 'disable', 'grant_role', 'revoke_role'] as const;
export type AccountItemAction = (typeof ACCOUNT_ACTIONS)[number];

export interface AccountTarget {
  adminRole: string | null;
  tenantId: string;
  /** The account's id, where the decision depends on whose it is (an approval of one's own reset). */
  id?: string;
}

const KEEPER_ONLY = deny('三员分立：账号由系统管理员创建、重置密码和停用');
const GRANTER_ONLY = deny('三员分立：角色由安全管理员授予和收回');
const ADMIN_TARGET = deny('管理员账号不能在此管理');

export function decideOnAccounts(actor: Actor, action: AccountAction, target?: AccountTarget): Decision {
  if (target && target.tenantId !== actor.tenantId) return hide('账号');
  switch (action) {
    case 'list':
      return actor.adminRole === 'system_admin' || actor.adminRole === 'security_admin'
        ? allow
        : deny('只有系统管理员和安全管理员可以查看账号');
    case 'reset_password':
      // Any account of the committee, an administrator's and one's own included: the reset of those
      // waits for the security admin's approval (rules.ts `resetNeedsApproval`).
      return actor.adminRole === 'system_admin' ? allow : KEEPER_ONLY;
    case 'create':
    case 'disable':
      if (actor.adminRole !== 'system_admin') return KEEPER_ONLY;
      return target && target.adminRole !== null ? ADMIN_TARGET : allow;
    case 'grant_role':
    case 'revoke_role':
      if (actor.adminRole !== 'security_admin') return GRANTER_ONLY;
      return target && target.adminRole !== null ? ADMIN_TARGET : allow;
    case 'settings':
      return actor.adminRole === 'security_admin' ? allow : deny('三员分立：安全策略由安全管理员设置');
    case 'approve_reset':
      if (actor.adminRole !== 'security_admin') return deny('三员分立：密码重置由安全管理员审批');
      return target?.id === actor.accountId ? deny('不能审批本人账号的密码重置') : allow;
  }
}

export const accountActions = (actor: Actor, target: AccountTarget): AccountItemAction[] =>
  permitted((a) => decideOnAccounts(actor, a, target), ACCOUNT_ACTIONS);
