import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';

export type ViolationAction = 'read';

export interface OrgOwned {
  tenantId: string;
  orgPath: string;
}

const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

/** Strictly above the branch: a general-branch or committee role over it. */
const superiorOf = (actor: Actor, orgPath: string) =>
  managedPaths(actor).some((p) => orgPath.startsWith(p) && orgPath !== p);

/** A violation is read by the managers of its branch and its superiors, and by the worker themself. */
export function canOnViolation(
  actor: Actor,
  _action: ViolationAction,
  v: OrgOwned & { personId: string },
): boolean {
  if (!sameTenant(actor, v)) return false;
  return manages(actor, v.orgPath) || actor.personId === v.personId;
}

/** Recording a violation into a branch (the worker's branch on the day it happened). */
export const canRecordViolationIn = (actor: Actor, org: { tenantId: string; path: string; type: string }) =>
  sameTenant(actor, org) && org.type === 'branch' && manages(actor, org.path);

/** Notices are issued by the committee or a general branch to its own subtree. */
export const canIssueNoticeFrom = (actor: Actor, org: { tenantId: string; path: string; type: string }) =>
  sameTenant(actor, org) &&
  (org.type === 'committee' || org.type === 'general_branch') &&
  manages(actor, org.path, ['committee_admin', 'general_branch_admin']);

export type NoticeAction = 'read' | 'mark_read';
export function canOnNotice(
  actor: Actor,
  action: NoticeAction,
  n: OrgOwned & { receiptOrgPaths: string[] },
): boolean {
  if (!sameTenant(actor, n)) return false;
  const issuerSide = manages(actor, n.orgPath);
  const receiver = n.receiptOrgPaths.some((p) => isUnder(p, managedPaths(actor)));
  if (action === 'read') return issuerSide || receiver;
  const ownBranches = pathsWithRole(actor, ['branch_secretary']);
  return n.receiptOrgPaths.some((p) => ownBranches.includes(p));
}

export type AnalysisAction = 'read' | 'close';
/** The branch writes its analysis (剖析); its superior follows it to closure. */
export function canOnAnalysis(
  actor: Actor,
  action: AnalysisAction,
  a: OrgOwned & { status: string },
): boolean {
  if (!sameTenant(actor, a)) return false;
  if (action === 'read') return manages(actor, a.orgPath);
  return a.status === 'open' && superiorOf(actor, a.orgPath);
}
export const canWriteAnalysisFor = (actor: Actor, org: { tenantId: string; path: string; type: string }) =>
  sameTenant(actor, org) && org.type === 'branch' && manages(actor, org.path);

export type WeakPersonAction = 'read' | 'followup' | 'end';
/** The branch's managers run mentoring; the mentor reads the case and records follow-ups. */
export function canOnWeakPerson(
  actor: Actor,
  action: WeakPersonAction,
  w: OrgOwned & { mentorPersonId: string; endedOn: string | null },
): boolean {
  if (!sameTenant(actor, w)) return false;
  const manager = manages(actor, w.orgPath);
  const mentor = actor.personId !== null && actor.personId === w.mentorPersonId;
  switch (action) {
    case 'read':
      return manager || mentor;
    case 'followup':
      return (manager || mentor) && !w.endedOn;
    case 'end':
      return manager && !w.endedOn;
  }
}

export type ProjectAction = 'read' | 'update' | 'complete';
/** Projects: the owning organization's managers; the leader and members read, the leader reports progress. */
export function canOnProject(
  actor: Actor,
  action: ProjectAction,
  p: OrgOwned & { leaderPersonId: string; memberPersonIds: string[]; status: string },
): boolean {
  if (!sameTenant(actor, p)) return false;
  const manager = manages(actor, p.orgPath);
  const leader = actor.personId !== null && actor.personId === p.leaderPersonId;
  const member = actor.personId !== null && p.memberPersonIds.includes(actor.personId);
  switch (action) {
    case 'read':
      return manager || leader || member;
    case 'update':
      return (manager || leader) && p.status === 'active';
    case 'complete':
      return manager && p.status === 'active';
  }
}
export const canStartProjectIn = (actor: Actor, org: { tenantId: string; path: string }) =>
  sameTenant(actor, org) && manages(actor, org.path);

/** Tenant-wide safety settings (categories, thresholds): the committee's administrators. */
export const canEditSafetySettings = (actor: Actor, committeePath: string) =>
  actor.adminRole === null && pathsWithRole(actor, ['committee_admin']).includes(committeePath);
