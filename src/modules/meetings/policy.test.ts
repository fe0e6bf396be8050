import { describe, expect, it } from 'vitest';
import type { Actor, OrgRole } from '../../platform/access';
import { canOnMeeting, canRecordFor, type MeetingAction } from './policy';
import type { MeetingStatus } from './rules-kinds';

const COMMITTEE = '/c/';
const GENERAL = '/c/g1/';
const BRANCH = '/c/g1/b1/';
const OTHER_BRANCH = '/c/g1/b2/';
const OTHER_GENERAL = '/c/g2/';

const actor = (role: OrgRole | null, path = '', adminRole: Actor['adminRole'] = null): Actor => ({
  accountId: 'a',
  tenantId: 't',
  username: 'u',
  displayName: 'u',
  personId: 'p',
  adminRole,
  roles: role ? [{ role, orgId: 'o', orgPath: path, orgName: 'o' }] : [],
  ip: '127.0.0.1',
});

const who = {
  secretary: actor('branch_secretary', BRANCH),
  otherSecretary: actor('branch_secretary', OTHER_BRANCH),
  general: actor('general_branch_admin', GENERAL),
  otherGeneral: actor('general_branch_admin', OTHER_GENERAL),
  committee: actor('committee_admin', COMMITTEE),
  member: actor('member', BRANCH),
  otherMember: actor('member', OTHER_BRANCH),
  sysadmin: actor(null, '', 'system_admin'),
};
type Who = keyof typeof who;

// [who, action, status, allowed]
const TABLE: [Who, MeetingAction, MeetingStatus, boolean][] = [
  ['secretary', 'read', 'draft', true],
  ['secretary', 'update', 'approved', true],
  ['secretary', 'submit', 'draft', true],
  ['secretary', 'submit', 'returned', true],
  ['secretary', 'submit', 'submitted', false],
  ['secretary', 'review', 'submitted', false],
  ['otherSecretary', 'read', 'approved', false],
  ['otherSecretary', 'update', 'draft', false],
  ['general', 'read', 'draft', false],
  ['general', 'read', 'submitted', true],
  ['general', 'review', 'submitted', true],
  ['general', 'review', 'approved', false],
  ['general', 'update', 'submitted', false],
  ['otherGeneral', 'read', 'submitted', false],
  ['otherGeneral', 'review', 'submitted', false],
  ['committee', 'review', 'submitted', true],
  ['member', 'read', 'approved', true],
  ['member', 'read', 'draft', false],
  ['member', 'update', 'approved', false],
  ['otherMember', 'read', 'approved', false],
  ['sysadmin', 'read', 'approved', false],
  ['secretary', 'update', 'cancelled', false],
  ['secretary', 'submit', 'cancelled', false],
  ['secretary', 'cancel', 'submitted', false],
  ['secretary', 'cancel', 'draft', false],
  ['general', 'read', 'cancelled', true],
  ['member', 'read', 'cancelled', true],
  ['general', 'cancel', 'draft', false],
];

describe('canOnMeeting', () => {
  it.each(TABLE)('%s may %s a %s meeting: %s', (w, action, status, allowed) => {
    expect(canOnMeeting(who[w], action, { tenantId: 't', branchPath: BRANCH, status })).toBe(allowed);
  });

  it('members and reviewers see a planned meeting (a draft not yet held), not other drafts', () => {
    const planned = { tenantId: 't', branchPath: BRANCH, status: 'draft' as const, planned: true };
    expect(canOnMeeting(who.member, 'read', planned)).toBe(true);
    expect(canOnMeeting(who.general, 'read', planned)).toBe(true);
    expect(canOnMeeting(who.otherMember, 'read', planned)).toBe(false);
  });

  it('only the recorder cancels, and only a plan', () => {
    const planned = { tenantId: 't', branchPath: BRANCH, status: 'draft' as const, planned: true };
    expect(canOnMeeting(who.secretary, 'cancel', planned)).toBe(true);
    expect(canOnMeeting(who.otherSecretary, 'cancel', planned)).toBe(false);
    expect(canOnMeeting(who.member, 'cancel', planned)).toBe(false);
    expect(canOnMeeting(who.general, 'cancel', planned)).toBe(false);
  });

  it.each([
    ['member', 'p', '2025-06-18', true],
    ['member', 'p', '2025-06-19', false],
    ['member', 'someone-else', '2025-06-18', false],
    ['otherMember', 'p', '2025-06-18', false],
    ['secretary', 'p', '2025-06-18', true],
    ['general', 'p', '2025-06-18', true],
    ['sysadmin', 'p', '2025-06-18', false],
  ] as [Who, string, string, boolean][])(
    '%s signs in (listed %s, today %s): %s',
    (w, listed, today, allowed) => {
      const meeting = {
        tenantId: 't',
        branchPath: BRANCH,
        status: 'draft' as const,
        planned: true,
        kind: 'branch_general_meeting',
        heldOn: '2025-06-18',
        today,
        attendeeIds: [listed],
      };
      expect(canOnMeeting(who[w], 'sign_in', meeting)).toBe(allowed);
    },
  );

  it('never crosses tenants', () => {
    expect(
      canOnMeeting(who.committee, 'read', { tenantId: 'x', branchPath: BRANCH, status: 'approved' }),
    ).toBe(false);
  });
});

describe('canRecordFor', () => {
  const org = (path: string, type = 'branch', dissolvedOn: string | null = null) => ({
    tenantId: 't',
    path,
    type,
    dissolvedOn,
  });
  it.each([
    ['secretary', org(BRANCH), true],
    ['secretary', org(`${BRANCH}grp/`, 'party_group'), true],
    ['secretary', org(OTHER_BRANCH), false],
    // A dissolved branch takes late records for the days it existed (the date rule is the use case's).
    ['secretary', org(BRANCH, 'branch', '2025-01-01'), true],
    ['general', org(BRANCH), false],
    ['committee', org(GENERAL, 'general_branch'), false],
    ['member', org(BRANCH), false],
  ] as [Who, ReturnType<typeof org>, boolean][])('%s records for %j: %s', (w, o, allowed) => {
    expect(canRecordFor(who[w], o)).toBe(allowed);
  });
});
