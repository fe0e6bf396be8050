import { describe, expect, it } from 'vitest';
import type { Actor, AdminRole, OrgRole } from '../../platform/access';
import { canAddPersonTo, canOnPerson, type PersonAction, type PersonResource, personActions } from './policy';

const actor = (
  role: OrgRole | null,
  path = '',
  personId: string | null = 'p-actor',
  adminRole: AdminRole | null = null,
  tenantId = 't1',
): Actor => ({
  accountId: 'a1',
  tenantId,
  username: 'u',
  displayName: 'u',
  personId,
  adminRole,
  roles: role ? [{ role, orgId: 'o1', orgPath: path, orgName: 'o' }] : [],
  ip: '127.0.0.1',
});

const who = {
  committee: actor('committee_admin', '/c/'),
  general: actor('general_branch_admin', '/c/g1/'),
  otherGeneral: actor('general_branch_admin', '/c/g2/'),
  secretary: actor('branch_secretary', '/c/g1/b1/'),
  otherSecretary: actor('branch_secretary', '/c/g1/b2/'),
  // a member of b1 whose own record is p-self
  member: actor('member', '/c/g1/b1/', 'p-self'),
  // a member whose record was ended (left the unit): still sees it
  endedSelf: actor('member', '/c/g1/b1/', 'p-ended'),
  noRoles: actor(null, '', 'p-self'),
  sysadmin: actor(null, '', null, 'system_admin'),
  secadmin: actor(null, '', null, 'security_admin'),
  auditadmin: actor(null, '', null, 'audit_admin'),
  // an administrator account that happens to carry a person link and an org role: still sees nothing
  sysadminWithRole: actor('committee_admin', '/c/', 'p-self', 'system_admin'),
  otherTenantCommittee: actor('committee_admin', '/c/', 'p-self', null, 't2'),
};
type Who = keyof typeof who;

const person = (
  id: string,
  orgPath: string,
  endedOn: string | null = null,
  tenantId = 't1',
): PersonResource => ({
  id,
  tenantId,
  orgPath,
  endedOn,
});

const people = {
  self: person('p-self', '/c/g1/b1/'),
  inB1: person('p-b1', '/c/g1/b1/'),
  inPg1: person('p-pg1', '/c/g1/b1/pg1/'),
  inB2: person('p-b2', '/c/g1/b2/'),
  inG2: person('p-g2', '/c/g2/b3/'),
  directUnderCommittee: person('p-c', '/c/b4/'),
  endedInB1: person('p-ended', '/c/g1/b1/', '2024-03-01'),
  otherTenant: person('p-self', '/c/g1/b1/', null, 't2'),
};
type Person = keyof typeof people;

const ACTIONS: PersonAction[] = ['read', 'update', 'reveal', 'end', 'transfer'];

/**
 * [who, person, expected]; expected spells out read, update, reveal, end, transfer in that order:
 * 'y' allowed, '-' refused.
 */
const TABLE: [Who, Person, string][] = [
  // managers in scope
  ['secretary', 'inB1', 'yyyyy'],
  ['secretary', 'inPg1', 'yyyyy'],
  ['general', 'inB1', 'yyyyy'],
  ['general', 'inB2', 'yyyyy'],
  ['committee', 'inB1', 'yyyyy'],
  ['committee', 'inG2', 'yyyyy'],
  ['committee', 'directUnderCommittee', 'yyyyy'],
  // managers out of scope
  ['secretary', 'inB2', '-----'],
  ['secretary', 'inG2', '-----'],
  ['secretary', 'directUnderCommittee', '-----'],
  ['otherSecretary', 'inB1', '-----'],
  ['otherSecretary', 'inPg1', '-----'],
  ['general', 'inG2', '-----'],
  ['general', 'directUnderCommittee', '-----'],
  ['otherGeneral', 'inB1', '-----'],
  // self: sees and reveals the own record, changes nothing
  ['member', 'self', 'y-y--'],
  ['noRoles', 'self', 'y-y--'],
  ['endedSelf', 'endedInB1', 'y-y--'],
  // another member, even of the same branch
  ['member', 'inB1', '-----'],
  ['member', 'inPg1', '-----'],
  ['member', 'inB2', '-----'],
  ['noRoles', 'inB1', '-----'],
  // an ended person is read-only, even for the managers
  ['secretary', 'endedInB1', 'y-y--'],
  ['general', 'endedInB1', 'y-y--'],
  ['committee', 'endedInB1', 'y-y--'],
  ['otherSecretary', 'endedInB1', '-----'],
  // 三员分立: platform administrators never see member data
  ['sysadmin', 'inB1', '-----'],
  ['secadmin', 'inB1', '-----'],
  ['auditadmin', 'inB1', '-----'],
  ['sysadminWithRole', 'inB1', '-----'],
  ['sysadminWithRole', 'self', '-----'],
  // another tenant: never, whatever the path or person id
  ['committee', 'otherTenant', '-----'],
  ['secretary', 'otherTenant', '-----'],
  ['member', 'otherTenant', '-----'],
  ['otherTenantCommittee', 'inB1', '-----'],
  ['otherTenantCommittee', 'self', '-----'],
];

const ROWS = TABLE.flatMap(([w, p, expected]) =>
  ACTIONS.map((action, i) => [w, action, p, expected[i] === 'y'] as const),
);

describe('canOnPerson', () => {
  it('every expectation spells out five actions', () => {
    expect(TABLE.filter(([, , e]) => !/^[y-]{5}$/.test(e))).toEqual([]);
  });

  it.each(ROWS)('%s %s on %s → %s', (w, action, p, allowed) => {
    expect(canOnPerson(who[w], action, people[p])).toBe(allowed);
  });
});

describe('personActions', () => {
  // [who, person, actions offered]
  const cases: [Who, Person, PersonAction[]][] = [
    ['secretary', 'inB1', ['update', 'reveal', 'end', 'transfer']],
    ['secretary', 'endedInB1', ['reveal']],
    ['member', 'self', ['reveal']],
    ['member', 'inB1', []],
    ['sysadmin', 'inB1', []],
  ];

  it.each(cases)('%s on %s', (w, p, actions) => {
    expect(personActions(who[w], people[p])).toEqual(actions);
  });
});

describe('canAddPersonTo', () => {
  type Org = { tenantId: string; path: string; type: string; dissolvedOn?: string | null };
  const orgs: Record<string, Org> = {
    b1: { tenantId: 't1', path: '/c/g1/b1/', type: 'branch' },
    b2: { tenantId: 't1', path: '/c/g1/b2/', type: 'branch' },
    pg1: { tenantId: 't1', path: '/c/g1/b1/pg1/', type: 'party_group' },
    g1: { tenantId: 't1', path: '/c/g1/', type: 'general_branch' },
    committee: { tenantId: 't1', path: '/c/', type: 'committee' },
    dissolvedB5: { tenantId: 't1', path: '/c/g1/b5/', type: 'branch', dissolvedOn: '2024-01-01' },
    otherTenantB1: { tenantId: 't2', path: '/c/g1/b1/', type: 'branch' },
  };

  // [who, org, allowed]
  const cases: [Who, string, boolean][] = [
    ['secretary', 'b1', true],
    ['general', 'b1', true],
    ['committee', 'b2', true],
    ['secretary', 'b2', false],
    ['otherGeneral', 'b1', false],
    ['secretary', 'pg1', false],
    ['general', 'g1', false],
    ['committee', 'committee', false],
    ['committee', 'dissolvedB5', false],
    ['general', 'dissolvedB5', false],
    ['committee', 'otherTenantB1', false],
    ['otherTenantCommittee', 'b1', false],
    ['member', 'b1', false],
    ['sysadmin', 'b1', false],
    ['sysadminWithRole', 'b1', false],
  ];

  it.each(cases)('%s into %s → %s', (w, o, allowed) => {
    expect(canAddPersonTo(who[w], orgs[o])).toBe(allowed);
  });
});
