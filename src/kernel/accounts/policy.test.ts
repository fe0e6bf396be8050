import { describe, expect, it } from 'vitest';
import type { Actor, AdminRole, OrgRole } from '../../platform/access';
import { type AccountAction, accountActions, decideOnAccounts } from './policy';

const actor = (
  adminRole: AdminRole | null,
  role: OrgRole | null = null,
  tenantId = 't1',
  path = '/c/',
): Actor => ({
  accountId: `acc-${adminRole ?? role}`,
  tenantId,
  username: `u-${adminRole ?? role}`,
  displayName: 'u',
  personId: adminRole ? null : 'p1',
  adminRole,
  roles: role ? [{ role, orgId: 'o1', orgPath: path, orgName: 'o' }] : [],
  ip: '127.0.0.1',
});

const who = {
  sysadmin: actor('system_admin'),
  secadmin: actor('security_admin'),
  auditadmin: actor('audit_admin'),
  committee: actor(null, 'committee_admin'),
  secretary: actor(null, 'branch_secretary', 't1', '/c/g1/b1/'),
  member: actor(null, 'member', 't1', '/c/g1/b1/'),
  otherSysadmin: actor('system_admin', null, 't2'),
  otherSecadmin: actor('security_admin', null, 't2'),
};
type Who = keyof typeof who;

const targets = {
  none: undefined,
  user: { adminRole: null, tenantId: 't1' },
  sysadminAccount: { adminRole: 'system_admin', tenantId: 't1' },
  secadminAccount: { adminRole: 'security_admin', tenantId: 't1' },
  auditAccount: { adminRole: 'audit_admin', tenantId: 't1' },
  otherTenantUser: { adminRole: null, tenantId: 't2' },
  secadminOwn: { adminRole: 'security_admin', tenantId: 't1', id: 'acc-security_admin' },
};
type Target = keyof typeof targets;

// [actor, action, target, allowed]
const TABLE: [Who, AccountAction, Target, boolean][] = [
  // The system admin keeps accounts: list, create, reset, disable ordinary accounts.
  ['sysadmin', 'list', 'none', true],
  ['sysadmin', 'create', 'none', true],
  ['sysadmin', 'create', 'user', true],
  ['sysadmin', 'reset_password', 'user', true],
  ['sysadmin', 'disable', 'user', true],
  ['sysadmin', 'reset_password', 'none', true],
  ['sysadmin', 'grant_role', 'user', false],
  ['sysadmin', 'revoke_role', 'user', false],
  ['sysadmin', 'grant_role', 'none', false],
  // An administrator's password (its own included) may be reset, with the security admin's approval
  // (rules.ts resetNeedsApproval); the account itself is never disabled here.
  ['sysadmin', 'reset_password', 'secadminAccount', true],
  ['sysadmin', 'reset_password', 'sysadminAccount', true],
  ['sysadmin', 'disable', 'secadminAccount', false],
  ['sysadmin', 'disable', 'auditAccount', false],
  ['sysadmin', 'reset_password', 'auditAccount', true],
  ['sysadmin', 'disable', 'sysadminAccount', false],
  ['sysadmin', 'grant_role', 'auditAccount', false],
  // The security admin grants and revokes roles on ordinary accounts, nothing else.
  ['secadmin', 'list', 'none', true],
  ['secadmin', 'grant_role', 'user', true],
  ['secadmin', 'revoke_role', 'user', true],
  ['secadmin', 'grant_role', 'none', true],
  ['secadmin', 'create', 'none', false],
  ['secadmin', 'create', 'user', false],
  ['secadmin', 'reset_password', 'user', false],
  ['secadmin', 'disable', 'user', false],
  ['secadmin', 'grant_role', 'sysadminAccount', false],
  ['secadmin', 'revoke_role', 'sysadminAccount', false],
  ['secadmin', 'grant_role', 'auditAccount', false],
  ['secadmin', 'revoke_role', 'secadminAccount', false],
  // The security admin sets the security policy and approves resets, never of its own account.
  ['secadmin', 'settings', 'none', true],
  ['sysadmin', 'settings', 'none', false],
  ['auditadmin', 'settings', 'none', false],
  ['committee', 'settings', 'none', false],
  ['secadmin', 'approve_reset', 'user', true],
  ['secadmin', 'approve_reset', 'sysadminAccount', true],
  ['secadmin', 'approve_reset', 'secadminOwn', false],
  ['sysadmin', 'approve_reset', 'user', false],
  ['auditadmin', 'approve_reset', 'user', false],
  ['committee', 'approve_reset', 'user', false],
  ['otherSecadmin', 'approve_reset', 'user', false],
  // The audit admin reads the log only.
  ['auditadmin', 'list', 'none', false],
  ['auditadmin', 'create', 'none', false],
  ['auditadmin', 'reset_password', 'user', false],
  ['auditadmin', 'disable', 'user', false],
  ['auditadmin', 'grant_role', 'user', false],
  ['auditadmin', 'revoke_role', 'user', false],
  // Organization roles have no say over accounts.
  ['committee', 'list', 'none', false],
  ['committee', 'create', 'none', false],
  ['committee', 'reset_password', 'user', false],
  ['committee', 'disable', 'user', false],
  ['committee', 'grant_role', 'user', false],
  ['committee', 'revoke_role', 'user', false],
  ['secretary', 'grant_role', 'user', false],
  ['member', 'list', 'none', false],
  // Another tenant: never.
  ['sysadmin', 'reset_password', 'otherTenantUser', false],
  ['sysadmin', 'disable', 'otherTenantUser', false],
  ['sysadmin', 'create', 'otherTenantUser', false],
  ['secadmin', 'grant_role', 'otherTenantUser', false],
  ['secadmin', 'revoke_role', 'otherTenantUser', false],
  ['otherSysadmin', 'reset_password', 'user', false],
  ['otherSysadmin', 'disable', 'user', false],
  ['otherSecadmin', 'grant_role', 'user', false],
  ['otherSecadmin', 'revoke_role', 'user', false],
];

describe('decideOnAccounts', () => {
  it.each(TABLE)('%s %s on %s → %s', (w, action, target, allowed) => {
    const decision = decideOnAccounts(who[w], action, targets[target]);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) {
      // Another tenant's account is out of sight (404); a refusal in sight is a 403 with a reason.
      const foreign =
        targets[target]?.tenantId !== undefined && targets[target]?.tenantId !== who[w].tenantId;
      expect(decision.status).toBe(foreign ? 404 : 403);
      expect(decision.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('accountActions', () => {
  // [actor, target, actions offered]
  const cases: [Who, Exclude<Target, 'none'>, AccountAction[]][] = [
    ['sysadmin', 'user', ['reset_password', 'disable']],
    ['secadmin', 'user', ['grant_role', 'revoke_role']],
    ['auditadmin', 'user', []],
    ['committee', 'user', []],
    ['sysadmin', 'secadminAccount', ['reset_password']],
    ['secadmin', 'sysadminAccount', []],
    ['sysadmin', 'otherTenantUser', []],
    ['otherSecadmin', 'user', []],
  ];

  it.each(cases)('%s on %s', (w, target, actions) => {
    expect(accountActions(who[w], targets[target])).toEqual(actions);
  });
});
