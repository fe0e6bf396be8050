import { describe, expect, it } from 'vitest';
import type { Actor, AdminRole, OrgRole } from '../../platform/access';
import { canOnOrg, type OrgAction, type OrgResource, orgActions } from './policy';

const actor = (
  role: OrgRole | null,
  path = '',
  adminRole: AdminRole | null = null,
  tenantId = 't1',
): Actor => ({
  accountId: 'a1',
  tenantId,
  username: 'u',
  displayName: 'u',
  personId: adminRole ? null : 'p1',
  adminRole,
  roles: role ? [{ role, orgId: 'o1', orgPath: path, orgName: 'o' }] : [],
  ip: '127.0.0.1',
});

const who = {
  committee: actor('committee_admin', '/c/'),
  general: actor('general_branch_admin', '/c/g1/'),
  secretary: actor('branch_secretary', '/c/g1/b1/'),
  member: actor('member', '/c/g1/b1/'),
  sysadmin: actor(null, '', 'system_admin'),
  secadmin: actor(null, '', 'security_admin'),
  auditadmin: actor(null, '', 'audit_admin'),
};
type Who = keyof typeof who;

const org = (
  path: string,
  type: string,
  tenantId = 't1',
  dissolvedOn: string | null = null,
): OrgResource => ({
  tenantId,
  path,
  type,
  dissolvedOn,
});

const orgs = {
  committee: org('/c/', 'committee'),
  otherCommittee: org('/d/', 'committee'),
  g1: org('/c/g1/', 'general_branch'),
  g2: org('/c/g2/', 'general_branch'),
  b1: org('/c/g1/b1/', 'branch'),
  b2: org('/c/g1/b2/', 'branch'),
  b3UnderG2: org('/c/g2/b3/', 'branch'),
  b4UnderCommittee: org('/c/b4/', 'branch'),
  pg1: org('/c/g1/b1/pg1/', 'party_group'),
  pg3UnderB2: org('/c/g1/b2/pg3/', 'party_group'),
  otherTenantCommittee: org('/c/', 'committee', 't2'),
  otherTenantB1: org('/c/g1/b1/', 'branch', 't2'),
  dissolvedB5: org('/c/g1/b5/', 'branch', 't1', '2024-01-01'),
  dissolvedPg2: org('/c/g1/b1/pg2/', 'party_group', 't1', '2024-01-01'),
};
type Org = keyof typeof orgs;

const ACTIONS: OrgAction[] = ['read', 'create_child', 'update', 'move', 'merge', 'dissolve'];

/**
 * [who, position of the org relative to the actor's own, org, expected]; expected spells out
 * read, create_child, update, move, merge, dissolve in that order: 'y' allowed, '-' refused.
 */
const TABLE: [Who, string, Org, string][] = [
  // committee admin at /c/
  ['committee', 'own org', 'committee', 'yyy---'],
  ['committee', 'descendant general branch', 'g1', 'yyyy-y'],
  ['committee', 'descendant branch', 'b1', 'yyyyyy'],
  ['committee', 'descendant branch directly under it', 'b4UnderCommittee', 'yyyyyy'],
  ['committee', 'descendant party group', 'pg1', 'y-yy-y'],
  ['committee', 'sibling committee', 'otherCommittee', '------'],
  ['committee', 'other tenant, same path', 'otherTenantCommittee', '------'],
  ['committee', 'other tenant branch', 'otherTenantB1', '------'],
  // general branch admin at /c/g1/
  ['general', 'own org', 'g1', 'yy----'],
  ['general', 'descendant branch', 'b1', 'yyyyyy'],
  ['general', 'descendant branch (2)', 'b2', 'yyyyyy'],
  ['general', 'descendant party group', 'pg1', 'y-yy-y'],
  ['general', 'ancestor committee', 'committee', '------'],
  ['general', 'sibling general branch', 'g2', '------'],
  ['general', 'branch under the sibling', 'b3UnderG2', '------'],
  ['general', 'branch directly under the committee', 'b4UnderCommittee', '------'],
  ['general', 'other tenant, same path', 'otherTenantB1', '------'],
  // branch secretary at /c/g1/b1/
  ['secretary', 'own org', 'b1', 'yy----'],
  ['secretary', 'descendant party group', 'pg1', 'y-y--y'],
  ['secretary', 'ancestor general branch', 'g1', '------'],
  ['secretary', 'ancestor committee', 'committee', '------'],
  ['secretary', 'sibling branch', 'b2', '------'],
  ['secretary', 'party group of the sibling', 'pg3UnderB2', '------'],
  ['secretary', 'other tenant, same path', 'otherTenantB1', '------'],
  // plain member at /c/g1/b1/
  ['member', 'own org', 'b1', 'y-----'],
  ['member', 'descendant party group', 'pg1', '------'],
  ['member', 'ancestor general branch', 'g1', '------'],
  ['member', 'ancestor committee', 'committee', '------'],
  ['member', 'sibling branch', 'b2', '------'],
  ['member', 'other tenant, same path', 'otherTenantB1', '------'],
  // platform administrators: the system and security admins see the tree, nobody changes it
  ['sysadmin', 'committee', 'committee', 'y-----'],
  ['sysadmin', 'branch', 'b1', 'y-----'],
  ['sysadmin', 'party group', 'pg1', 'y-----'],
  ['sysadmin', 'other tenant', 'otherTenantB1', '------'],
  ['secadmin', 'committee', 'committee', 'y-----'],
  ['secadmin', 'branch', 'b1', 'y-----'],
  ['secadmin', 'other tenant', 'otherTenantB1', '------'],
  ['auditadmin', 'committee', 'committee', '------'],
  ['auditadmin', 'branch', 'b1', '------'],
];

const ROWS = TABLE.flatMap(([w, position, o, expected]) =>
  ACTIONS.map((action, i) => [w, action, position, o, expected[i] === 'y'] as const),
);

describe('canOnOrg: role × position × action', () => {
  it('every expectation spells out six actions', () => {
    expect(TABLE.filter(([, , , e]) => !/^[y-]{6}$/.test(e))).toEqual([]);
  });

  it.each(ROWS)('%s %s on %s (%s) → %s', (w, action, _position, o, allowed) => {
    expect(canOnOrg(who[w], action, orgs[o])).toBe(allowed);
  });
});

describe('canOnOrg: dissolved organizations', () => {
  // [who, action, org, allowed] — a dissolved org can still be read, but takes no structural change.
  const cases: [Who, OrgAction, Org, boolean][] = [
    ['committee', 'read', 'dissolvedB5', true],
    ['committee', 'create_child', 'dissolvedB5', false],
    ['committee', 'move', 'dissolvedB5', false],
    ['committee', 'merge', 'dissolvedB5', false],
    ['committee', 'dissolve', 'dissolvedB5', false],
    ['general', 'read', 'dissolvedB5', true],
    ['general', 'create_child', 'dissolvedB5', false],
    ['general', 'move', 'dissolvedB5', false],
    ['general', 'merge', 'dissolvedB5', false],
    ['general', 'dissolve', 'dissolvedB5', false],
    ['secretary', 'read', 'dissolvedPg2', true],
    ['secretary', 'dissolve', 'dissolvedPg2', false],
  ];

  it.each(cases)('%s %s on %s → %s', (w, action, o, allowed) => {
    expect(canOnOrg(who[w], action, orgs[o])).toBe(allowed);
  });
});

describe('canOnOrg: several grants', () => {
  it('a secretary of two branches manages both, and nothing between them', () => {
    const both: Actor = {
      ...who.secretary,
      roles: [
        { role: 'branch_secretary', orgId: 'b1', orgPath: '/c/g1/b1/', orgName: 'b1' },
        { role: 'branch_secretary', orgId: 'b3', orgPath: '/c/g2/b3/', orgName: 'b3' },
      ],
    };
    expect([
      canOnOrg(both, 'create_child', orgs.b1),
      canOnOrg(both, 'create_child', orgs.b3UnderG2),
      canOnOrg(both, 'read', orgs.g2),
      canOnOrg(both, 'create_child', orgs.b2),
    ]).toEqual([true, true, false, false]);
  });

  it('a member of b1 who is secretary of b2 manages b2 only', () => {
    const both: Actor = {
      ...who.member,
      roles: [
        { role: 'member', orgId: 'b1', orgPath: '/c/g1/b1/', orgName: 'b1' },
        { role: 'branch_secretary', orgId: 'b2', orgPath: '/c/g1/b2/', orgName: 'b2' },
      ],
    };
    expect([
      canOnOrg(both, 'read', orgs.b1),
      canOnOrg(both, 'create_child', orgs.b1),
      canOnOrg(both, 'create_child', orgs.b2),
      canOnOrg(both, 'dissolve', orgs.pg3UnderB2),
    ]).toEqual([true, false, true, true]);
  });
});

describe('orgActions', () => {
  // [who, org, actions offered in the UI]
  const cases: [Who, Org, OrgAction[]][] = [
    ['committee', 'committee', ['create_child', 'update']],
    ['committee', 'b1', ['create_child', 'update', 'move', 'merge', 'dissolve']],
    ['committee', 'pg1', ['update', 'move', 'dissolve']],
    ['general', 'g1', ['create_child']],
    ['secretary', 'b1', ['create_child']],
    ['secretary', 'pg1', ['update', 'dissolve']],
    ['member', 'b1', []],
    ['sysadmin', 'b1', []],
    ['committee', 'otherTenantB1', []],
  ];

  it.each(cases)('%s on %s', (w, o, actions) => {
    expect(orgActions(who[w], orgs[o])).toEqual(actions);
  });
});
