import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';
import { allow, type Decision, deny, hide, when } from '../../platform/policy';

/**
 * Who may do what in safety work. Every function answers a Decision: allowed, hidden (404: the caller
 * may not know the object exists) or denied (403 with the reason). Use cases `enforce` them; lists and
 * abilities read them with `allowed`.
 */

export interface OrgOwned {
  tenantId: string;
  orgPath: string;
}
type Org = { tenantId: string; path: string; type: string };

const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

/** Strictly above the branch: a general-branch or committee role over it. */
const superiorOf = (actor: Actor, orgPath: string) =>
  managedPaths(actor).some((p) => orgPath.startsWith(p) && orgPath !== p);

const ISSUER_ROLES = ['committee_admin', 'general_branch_admin'] as const;

// ---- collections: what the caller may see and start at all ----

/** The three platform administrators never see member data (三员分立). */
export const seesSafetyData = (actor: Actor): Decision =>
  when(actor.adminRole === null, deny('平台管理员不查看党员和职工的业务数据'));

/** Views for branch secretaries and their superiors only (boards, notices, analyses, talks). */
export const viewsManagerLists = (actor: Actor): Decision =>
  seesSafetyData(actor).ok
    ? when(managedPaths(actor).length > 0, deny('只有支部书记、支委及上级组织可以查看'))
    : seesSafetyData(actor);

/** Recording violations, writing analyses, starting projects and mentoring: a manager of some subtree. */
export const managesSomewhere = viewsManagerLists;

/** Issuing notices: the committee's or a general branch's administrators. */
export const issuesNotices = (actor: Actor): Decision =>
  when(
    actor.adminRole === null && pathsWithRole(actor, ISSUER_ROLES).length > 0,
    deny('通报由党委或党总支管理员发布'),
  );

// ---- violations ----

export type ViolationAction = 'read' | 'record_talk';

/**
 * A violation is read by the managers of its branch and its superiors, and by the worker themself; its
 * talk is recorded by those managers while the obligation is open.
 */
export function canOnViolation(
  actor: Actor,
  action: ViolationAction,
  v: OrgOwned & { personId: string; obligationOpen?: boolean },
): Decision {
  if (!sameTenant(actor, v)) return hide('违章违纪记录');
  const manager = manages(actor, v.orgPath);
  if (!manager && actor.personId !== v.personId) return hide('违章违纪记录');
  if (action === 'read') return allow;
  if (!manager) return deny('由支部书记或上级组织记录谈话');
  return when(v.obligationOpen === true, deny('该违章违纪没有待完成的谈话'));
}

/** Recording a violation into a branch (the worker's branch on the day it happened). */
export const canRecordViolationIn = (actor: Actor, org: Org & { name: string }): Decision =>
  when(
    sameTenant(actor, org) && org.type === 'branch' && manages(actor, org.path),
    deny(`违章发生时此人属于${org.name}，不在您的管理范围内，请由该支部或上级录入`),
  );

// ---- notices ----

/** Notices are issued by the committee or a general branch to its own subtree. */
export const canIssueNoticeFrom = (actor: Actor, org: Org): Decision =>
  when(
    sameTenant(actor, org) &&
      (org.type === 'committee' || org.type === 'general_branch') &&
      manages(actor, org.path, ISSUER_ROLES),
    deny('通报由党委或党总支管理员发布'),
  );

/** The branches whose receipt the caller confirms: the ones they are secretary of. */
export const receiverBranches = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, ['branch_secretary']) : [];

export type NoticeAction = 'read' | 'mark_read';
export function canOnNotice(
  actor: Actor,
  action: NoticeAction,
  n: OrgOwned & { receiptOrgPaths: string[] },
): Decision {
  if (!sameTenant(actor, n)) return hide('通报');
  const issuerSide = manages(actor, n.orgPath);
  const receiver = n.receiptOrgPaths.some((p) => isUnder(p, managedPaths(actor)));
  if (!issuerSide && !receiver) return hide('通报');
  if (action === 'read') return allow;
  const own = receiverBranches(actor);
  return when(
    n.receiptOrgPaths.some((p) => own.includes(p)),
    deny('由接收支部的书记确认已阅'),
  );
}

// ---- analyses (剖析) ----

export type AnalysisAction = 'read' | 'close';
/** The branch writes its analysis (剖析); its superior follows it to closure. */
export function canOnAnalysis(
  actor: Actor,
  action: AnalysisAction,
  a: OrgOwned & { status: string },
): Decision {
  if (!sameTenant(actor, a) || !manages(actor, a.orgPath)) return hide('剖析');
  if (action === 'read') return allow;
  if (a.status !== 'open') return deny('该剖析已闭环');
  return when(superiorOf(actor, a.orgPath), deny('由上级组织确认闭环'));
}
export const canWriteAnalysisFor = (actor: Actor, org: Org): Decision =>
  when(
    sameTenant(actor, org) && org.type === 'branch' && manages(actor, org.path),
    deny('剖析由支部书记（或上级）为党支部填写'),
  );

/** The branches whose flag asks for an analysis in the caller's to-do: the ones they are secretary of. */
export const analysisTodoBranches = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, ['branch_secretary']) : [];

// ---- weak workers (薄弱人包保) ----

export type WeakPersonAction = 'read' | 'followup' | 'end';
/** The branch's managers run mentoring; the mentor reads the case and records follow-ups. */
export function canOnWeakPerson(
  actor: Actor,
  action: WeakPersonAction,
  w: OrgOwned & { mentorPersonId: string; endedOn: string | null },
): Decision {
  if (!sameTenant(actor, w)) return hide('包保记录');
  const manager = manages(actor, w.orgPath);
  const mentor = actor.personId !== null && actor.personId === w.mentorPersonId;
  if (!manager && !mentor) return hide('包保记录');
  if (action === 'read') return allow;
  if (w.endedOn) return deny('包保已结束');
  return action === 'end' ? when(manager, deny('由支部书记结束包保')) : allow;
}

// ---- tackling projects (重点攻关) ----

export type ProjectAction = 'read' | 'update' | 'complete';
/** Projects: the owning organization's managers; the leader and members read, the leader reports progress. */
export function canOnProject(
  actor: Actor,
  action: ProjectAction,
  p: OrgOwned & { leaderPersonId: string; memberPersonIds: string[]; status: string },
): Decision {
  if (!sameTenant(actor, p)) return hide('攻关项目');
  const manager = manages(actor, p.orgPath);
  const leader = actor.personId !== null && actor.personId === p.leaderPersonId;
  const member = actor.personId !== null && p.memberPersonIds.includes(actor.personId);
  if (!manager && !leader && !member) return hide('攻关项目');
  if (action === 'read') return allow;
  if (p.status !== 'active') return deny('项目已结项');
  return action === 'update' ? when(manager || leader, deny()) : when(manager, deny());
}
export const canStartProjectIn = (actor: Actor, org: { tenantId: string; path: string }): Decision =>
  when(sameTenant(actor, org) && manages(actor, org.path), deny('攻关项目由组织的管理者立项'));

// ---- settings ----

/** Tenant-wide safety settings (categories, thresholds): the committee's administrators. */
export const canEditSafetySettings = (actor: Actor, committeePath: string | undefined): Decision =>
  when(
    actor.adminRole === null &&
      !!committeePath &&
      pathsWithRole(actor, ['committee_admin']).includes(committeePath),
    deny('只有党委管理员可以修改安全设置'),
  );
