import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';
import { allow, type Decision, deny, hide, when } from '../../platform/policy';
import type { Target } from './rules';

/**
 * Who may do what in assessment. Branch assessment (网上考核/评比) is the committee's and the general
 * branches' work, each over its own subtree; a branch sees its own results and their evidence; 岗区考核
 * (members responsible for zones and model posts) may also be run by a branch over itself. The three
 * platform administrators see none of it (三员分立).
 */

export const ASSESSOR_ROLES = ['committee_admin', 'general_branch_admin'] as const;
const NOT_ADMIN = '平台管理员不处理党务工作数据';

const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

/** The roles that run a round (or own a template) of a target over an organization's subtree. */
const runnerRoles = (target: Target) =>
  target === 'branch'
    ? ASSESSOR_ROLES
    : (['committee_admin', 'general_branch_admin', 'branch_secretary'] as const);

// ---- collections ----

/** Assessment pages: managers (secretaries and above) and members (their own 岗区 results). */
export const viewsAssessment = (actor: Actor): Decision => when(actor.adminRole === null, deny(NOT_ADMIN));

/** Templates and rounds are started by those who may run some round. */
export const runsAssessment = (actor: Actor): Decision =>
  actor.adminRole !== null
    ? deny(NOT_ADMIN)
    : when(managedPaths(actor).length > 0, deny('只有党委、党总支管理员和支部书记可以组织考核'));

/** The overview: administrators of the committee or a general branch. */
export const viewsOverview = (actor: Actor): Decision =>
  actor.adminRole !== null
    ? deny(NOT_ADMIN)
    : when(pathsWithRole(actor, ASSESSOR_ROLES).length > 0, deny('党建工作总览供党委和党总支查看'));

type Org = { tenantId: string; path: string; type: string; dissolvedOn?: string | null };

/** The overview of one organization: a committee or general branch the caller administers. */
export function canSeeOverviewOf(actor: Actor, org: Org): Decision {
  if (!sameTenant(actor, org)) return hide('组织');
  if (!manages(actor, org.path)) return hide('组织');
  if (org.type !== 'committee' && org.type !== 'general_branch') return deny('总览按党委或党总支查看');
  return when(manages(actor, org.path, ASSESSOR_ROLES), deny('党建工作总览供党委和党总支查看'));
}

// ---- templates ----

/** A template is owned by an organization the caller runs assessment of that target for. */
export function canCreateTemplateIn(actor: Actor, org: Org, target: Target): Decision {
  if (!sameTenant(actor, org)) return hide('组织');
  if (org.dissolvedOn) return deny('该组织已撤销');
  if (target === 'branch' && org.type !== 'committee' && org.type !== 'general_branch')
    return deny('党支部考核模板由党委或党总支制定');
  if (org.type === 'party_group') return deny('党小组不能制定考核模板');
  return when(
    manages(actor, org.path, runnerRoles(target)),
    deny(target === 'branch' ? '党支部考核模板由党委或党总支管理员制定' : '没有权限为该组织制定考核模板'),
  );
}

export interface TemplateResource {
  tenantId: string;
  orgPath: string;
  target: Target;
  status: string;
}
export type TemplateAction = 'read' | 'revise' | 'retire' | 'start_round';

/**
 * A template is read by the managers of its organization's subtree (a branch sees the sheet it is
 * assessed on) and by its organization's superiors; revised and retired by its organization's runners;
 * used for a round by them and by the runners below (a general branch uses the committee's sheet).
 */
export function canOnTemplate(actor: Actor, action: TemplateAction, t: TemplateResource): Decision {
  if (!sameTenant(actor, t)) return hide('考核模板');
  const paths = managedPaths(actor);
  const above = isUnder(t.orgPath, paths);
  const below = paths.some((p) => p.startsWith(t.orgPath));
  if (!above && !below) return hide('考核模板');
  if (action === 'read') return allow;
  if (t.status !== 'active') return deny(t.status === 'retired' ? '该模板已停用' : '该模板已有新版本');
  const roles = runnerRoles(t.target);
  if (action === 'start_round')
    return when(
      pathsWithRole(actor, roles).some((p) => p.startsWith(t.orgPath)),
      deny('没有权限使用该模板发起考核'),
    );
  return when(manages(actor, t.orgPath, roles), deny('由模板所属组织修订或停用'));
}

// ---- rounds ----

/** A round over an organization: branch rounds by the committee's or a general branch's administrators. */
export function canStartRoundIn(actor: Actor, org: Org, target: Target): Decision {
  if (!sameTenant(actor, org) || !manages(actor, org.path)) return hide('组织');
  if (org.type === 'party_group') return deny('考核范围应为党委、党总支或党支部');
  return when(
    manages(actor, org.path, runnerRoles(target)),
    deny(target === 'branch' ? '党支部考核由党委或党总支管理员发起' : '没有权限在该组织发起考核'),
  );
}

export interface RoundResource {
  tenantId: string;
  orgPath: string;
  target: Target;
  status: 'open' | 'closed';
}
export type RoundAction = 'read' | 'score' | 'close' | 'export';

/** Whether the caller sees every subject of the round (its organization's managers and superiors). */
export const seesWholeRound = (actor: Actor, r: RoundResource): boolean =>
  sameTenant(actor, r) && manages(actor, r.orgPath);

/**
 * A subject's result is seen by the round's side, by the managers of the subject's branch and its
 * superiors (a general branch sees its branches in a committee round; a branch sees its own), and by the
 * member assessed (member rounds).
 */
export const seesSubject = (
  actor: Actor,
  r: RoundResource,
  s: { orgPath: string; personId: string | null },
): boolean =>
  sameTenant(actor, r) &&
  (manages(actor, r.orgPath) ||
    manages(actor, s.orgPath) ||
    (s.personId !== null && s.personId === actor.personId));

/**
 * A round is known to its side and to those who may see one of its subjects (checked by the use case with
 * the subjects in hand: `partial`); it is scored, closed and exported by its organization's runners.
 */
export function canOnRound(actor: Actor, action: RoundAction, r: RoundResource, partial = false): Decision {
  if (!sameTenant(actor, r)) return hide('考核');
  const whole = manages(actor, r.orgPath);
  if (!whole && !partial) return hide('考核');
  if (action === 'read') return allow;
  if (action === 'export') return allow;
  if (!manages(actor, r.orgPath, runnerRoles(r.target)))
    return deny('由组织考核的党委、党总支（或支部）评分和结束考核');
  return allow;
}

// ---- zones and model posts ----

export interface ZoneResource {
  tenantId: string;
  orgPath: string;
  personIds: string[];
  endedOn: string | null;
}
export type ZoneAction = 'read' | 'edit' | 'end';

/** Zones and posts: the branch's managers and superiors keep them; the members responsible read theirs. */
export function canOnZone(actor: Actor, action: ZoneAction, z: ZoneResource): Decision {
  if (!sameTenant(actor, z)) return hide('责任区或示范岗');
  const manager = manages(actor, z.orgPath);
  const responsible = actor.personId !== null && z.personIds.includes(actor.personId);
  if (!manager && !responsible) return hide('责任区或示范岗');
  if (action === 'read') return allow;
  if (!manager) return deny('由党支部书记或上级组织维护');
  return when(z.endedOn === null, deny('已撤销'));
}

/** Defining a zone or post in a branch: its managers and superiors. */
export function canDefineZoneIn(actor: Actor, org: Org): Decision {
  if (!sameTenant(actor, org)) return hide('组织');
  if (!manages(actor, org.path)) return hide('组织');
  if (org.type !== 'branch') return deny('责任区和示范岗按党支部设立');
  return when(!org.dissolvedOn, deny('该党支部已撤销'));
}

// ---- settings ----

/** Ranking, stars: the committee's administrators. */
export const canEditSettings = (actor: Actor, committeePath: string | undefined): Decision =>
  when(
    actor.adminRole === null &&
      !!committeePath &&
      pathsWithRole(actor, ['committee_admin']).includes(committeePath),
    deny('只有党委管理员可以修改考核设置'),
  );
