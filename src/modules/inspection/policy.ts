import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';
import { allow, type Decision, deny, hide, permitted, when } from '../../platform/policy';
import { canAnswerIn, canCloseIn, canReopenIn, type StoredRectStatus } from './rules';

/**
 * Who may do what in 网上检查 and 整改. Inspectors are the committee's and general branches'
 * administrators, for branches of their own subtree; the inspected branch's secretary answers the
 * rectifications; the branch's managers and superiors read; nobody else knows an inspection exists.
 */

const INSPECTOR_ROLES = ['committee_admin', 'general_branch_admin'] as const;
const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

// ---- collections ----

/** Inspection pages and the rectification ledger: managers (branch secretaries and above). */
export const viewsInspections = (actor: Actor): Decision =>
  actor.adminRole !== null
    ? deny('平台管理员不处理党务工作数据')
    : when(managedPaths(actor).length > 0, deny('只有支部书记及上级组织可以查看检查和整改'));

/** Opening inspections and keeping checklists: an administrator of the committee or a general branch. */
export const inspects = (actor: Actor): Decision =>
  when(
    actor.adminRole === null && pathsWithRole(actor, INSPECTOR_ROLES).length > 0,
    deny('检查由党委或党总支管理员开展'),
  );

/** The branches whose rectifications the caller answers: those they are secretary of. */
export const rectifierPaths = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, ['branch_secretary']) : [];

/** The subtrees the caller inspects (and closes rectifications in). */
export const inspectorPaths = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, INSPECTOR_ROLES) : [];

type Org = { tenantId: string; path: string; type: string; dissolvedOn?: string | null };

/** The inspector organization: a committee or general branch the caller administers, strictly above the branch. */
export function canInspect(actor: Actor, inspector: Org, branch: Org & { name: string }): Decision {
  if (!sameTenant(actor, inspector) || !sameTenant(actor, branch)) return hide('组织');
  if (branch.type !== 'branch') return deny(`${branch.name}不是党支部：检查以党支部为对象`);
  if (branch.dissolvedOn) return deny(`${branch.name}已撤销`);
  return when(
    (inspector.type === 'committee' || inspector.type === 'general_branch') &&
      manages(actor, inspector.path, INSPECTOR_ROLES) &&
      branch.path.startsWith(inspector.path) &&
      branch.path !== inspector.path,
    deny('检查由党委或党总支管理员对本组织下属的党支部开展'),
  );
}

// ---- checklists ----

export type ChecklistAction = 'read' | 'revise';
/** A checklist is seen by managers above or below its owner, and revised by the owner's administrators. */
export function canOnChecklist(
  actor: Actor,
  action: ChecklistAction,
  c: { tenantId: string; orgPath: string },
): Decision {
  if (!sameTenant(actor, c)) return hide('检查清单');
  const paths = managedPaths(actor);
  const related = paths.some((p) => p.startsWith(c.orgPath) || c.orgPath.startsWith(p));
  if (!related) return hide('检查清单');
  if (action === 'read') return allow;
  return when(manages(actor, c.orgPath, INSPECTOR_ROLES), deny('检查清单由所属组织的管理员修订'));
}

// ---- inspections ----

export interface InspectionResource {
  tenantId: string;
  /** The inspected branch's path. */
  orgPath: string;
  inspectorPath: string;
}
export type InspectionAction = 'read' | 'record';

/** An inspection is seen by the branch's managers and superiors; findings are recorded by the inspector side. */
export function canOnInspection(actor: Actor, action: InspectionAction, i: InspectionResource): Decision {
  if (!sameTenant(actor, i) || !isUnder(i.orgPath, managedPaths(actor))) return hide('检查');
  if (action === 'read') return allow;
  return when(manages(actor, i.inspectorPath, INSPECTOR_ROLES), deny('检查发现由检查组织的管理员记录'));
}

// ---- rectifications ----

export interface RectificationResource extends InspectionResource {
  status: StoredRectStatus;
}
export type RectAction = 'read' | 'answer' | 'close' | 'reopen';

/**
 * A rectification: seen with its inspection; answered by the branch's secretary; closed or reopened by
 * the inspector side. The state of the loop is checked by the use case (409), not here.
 */
export function canOnRectification(actor: Actor, action: RectAction, r: RectificationResource): Decision {
  const seen = canOnInspection(actor, 'read', r);
  if (!seen.ok) return hide('整改事项');
  if (action === 'read') return allow;
  if (action === 'answer')
    return when(rectifierPaths(actor).includes(r.orgPath), deny('整改情况由党支部书记填报'));
  return when(manages(actor, r.inspectorPath, INSPECTOR_ROLES), deny('由检查组织验收销号或退回重新整改'));
}

const STATE: Record<Exclude<RectAction, 'read'>, (s: StoredRectStatus) => boolean> = {
  answer: canAnswerIn,
  close: canCloseIn,
  reopen: canReopenIn,
};

export const rectificationActions = (actor: Actor, r: RectificationResource) =>
  permitted(
    (a: Exclude<RectAction, 'read'>) => (STATE[a](r.status) ? canOnRectification(actor, a, r) : deny()),
    ['answer', 'close', 'reopen'] as const,
  );
