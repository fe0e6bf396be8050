import { describe, expect, it } from 'vitest';
import type { Actor, OrgRole } from '../../platform/access';
import { allowed } from '../../platform/policy';
import { canOnTalk } from '../talks/policy';
import {
  canIssueNoticeFrom,
  canOnAnalysis,
  canOnNotice,
  canOnProject,
  canOnViolation,
  canOnWeakPerson,
} from './policy';

const T = 'tenant-1';
const C = '/c/';
const G = '/c/g/';
const B = '/c/g/b/';
const B2 = '/c/g/b2/';
const OG = '/c/g2/';

function actor(
  roles: [OrgRole, string][],
  personId: string | null = 'me',
  adminRole: Actor['adminRole'] = null,
): Actor {
  return {
    accountId: 'a',
    tenantId: T,
    username: 'u',
    displayName: 'u',
    personId,
    adminRole,
    roles: roles.map(([role, orgPath]) => ({ role, orgPath, orgId: orgPath, orgName: orgPath })),
    ip: '127.0.0.1',
  };
}

const committee = actor([['committee_admin', C]]);
const general = actor([['general_branch_admin', G]]);
const secretary = actor([
  ['branch_secretary', B],
  ['member', B],
]);
const otherSecretary = actor([['branch_secretary', B2]]);
const otherGeneral = actor([['general_branch_admin', OG]]);
const member = actor([['member', B]]);
const auditor = actor([], null, 'audit_admin');

describe('violations and talks: who reads', () => {
  const v = { tenantId: T, orgPath: B, personId: 'worker' };
  it.each([
    ['committee', committee, true, true],
    ['general branch', general, true, true],
    ['secretary', secretary, true, true],
    ['secretary of another branch', otherSecretary, false, false],
    ['another general branch', otherGeneral, false, false],
    ['ordinary member', member, false, false],
    ['audit admin', auditor, false, false],
  ])('%s → violation %s, talk %s', (_n, a, violation, talk) => {
    expect(allowed(canOnViolation(a, 'read', v))).toBe(violation);
    expect(allowed(canOnTalk(a, 'read', { tenantId: T, orgPath: B }))).toBe(talk);
  });
  it('lets the worker read their own violation, never their talk', () => {
    const worker = actor([['member', B]], 'worker');
    expect(allowed(canOnViolation(worker, 'read', v))).toBe(true);
    expect(allowed(canOnTalk(worker, 'read', { tenantId: T, orgPath: B }))).toBe(false);
  });
  it('refuses another tenant', () => {
    expect(allowed(canOnViolation(committee, 'read', { ...v, tenantId: 'x' }))).toBe(false);
    expect(allowed(canOnTalk(committee, 'read', { tenantId: 'x', orgPath: B }))).toBe(false);
  });
});

describe('notices', () => {
  const n = { tenantId: T, orgPath: G, receiptOrgPaths: [B, B2] };
  it.each([
    ['committee', committee, true, false],
    ['general branch', general, true, false],
    ['secretary (receiver)', secretary, true, true],
    ['another general branch', otherGeneral, false, false],
    ['member', member, false, false],
  ])('%s → read %s, mark read %s', (_n, a, read, mark) => {
    expect(allowed(canOnNotice(a, 'read', n))).toBe(read);
    expect(allowed(canOnNotice(a, 'mark_read', n))).toBe(mark);
  });
  it.each([
    ['committee from the committee', committee, { path: C, type: 'committee' }, true],
    ['general branch from itself', general, { path: G, type: 'general_branch' }, true],
    ['general branch from the committee', general, { path: C, type: 'committee' }, false],
    ['secretary from the branch', secretary, { path: B, type: 'branch' }, false],
  ])('issue: %s → %s', (_n, a, org, ok) => {
    expect(allowed(canIssueNoticeFrom(a, { tenantId: T, ...org }))).toBe(ok);
  });
});

describe('analyses: the branch writes, the superior closes', () => {
  it.each([
    ['secretary', secretary, 'open', true, false],
    ['general branch', general, 'open', true, true],
    ['committee', committee, 'open', true, true],
    ['general branch, already closed', general, 'closed', true, false],
    ['another secretary', otherSecretary, 'open', false, false],
  ])('%s (%s) → read %s, close %s', (_n, a, status, read, close) => {
    const r = { tenantId: T, orgPath: B, status };
    expect(allowed(canOnAnalysis(a, 'read', r))).toBe(read);
    expect(allowed(canOnAnalysis(a, 'close', r))).toBe(close);
  });
});

describe('mentoring and projects', () => {
  const w = { tenantId: T, orgPath: B, mentorPersonId: 'mentor', endedOn: null };
  const mentor = actor([['member', B]], 'mentor');
  it.each([
    ['secretary', secretary, w, true, true, true],
    ['mentor', mentor, w, true, true, false],
    ['other member', member, w, false, false, false],
    ['secretary, case ended', secretary, { ...w, endedOn: '2026-01-01' }, true, false, false],
  ])('weak person: %s → read %s, follow-up %s, end %s', (_n, a, r, read, followup, end) => {
    expect([
      allowed(canOnWeakPerson(a, 'read', r)),
      allowed(canOnWeakPerson(a, 'followup', r)),
      allowed(canOnWeakPerson(a, 'end', r)),
    ]).toEqual([read, followup, end]);
  });
  const p = { tenantId: T, orgPath: G, leaderPersonId: 'leader', memberPersonIds: ['me'], status: 'active' };
  it.each([
    ['general branch', general, p, true, true, true],
    ['leader', actor([['member', B]], 'leader'), p, true, true, false],
    ['project member', member, p, true, false, false],
    ['secretary under it, not in the project', actor([['branch_secretary', B]], 'x'), p, false, false, false],
    ['general branch, completed', general, { ...p, status: 'completed' }, true, false, false],
  ])('project: %s → read %s, update %s, complete %s', (_n, a, r, read, update, complete) => {
    expect([
      allowed(canOnProject(a, 'read', r)),
      allowed(canOnProject(a, 'update', r)),
      allowed(canOnProject(a, 'complete', r)),
    ]).toEqual([read, update, complete]);
  });
});
