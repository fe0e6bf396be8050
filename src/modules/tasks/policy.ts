import { type Actor, isUnder, managedPaths, manages, pathsWithRole } from '../../platform/access';
import { allow, type Decision, deny, hide, permitted, when } from '../../platform/policy';
import { canRemindIn, canReviewIn, canSubmitIn, type StoredStatus } from './rules';

/**
 * Who may do what with 督办. Senders are the committee's and general branches' administrators, for their
 * own subtree; a target organization's secretary (or a general branch's administrator, when the general
 * branch itself is a target) answers; superiors of a target see its answer; nobody else knows the task.
 */

const ISSUER_ROLES = ['committee_admin', 'general_branch_admin'] as const;
const RESPONDER_ROLES = ['branch_secretary', 'general_branch_admin'] as const;
const NOT_ADMIN = '平台管理员不处理党务工作数据';

const sameTenant = (actor: Actor, r: { tenantId: string }) =>
  r.tenantId === actor.tenantId && actor.adminRole === null;

// ---- collections ----

/** The task pages: managers (branch secretaries and above). */
export const viewsTasks = (actor: Actor): Decision =>
  actor.adminRole !== null
    ? deny(NOT_ADMIN)
    : when(managedPaths(actor).length > 0, deny('只有支部书记及上级组织可以查看督办任务'));

/** Sending tasks: an administrator of the committee or of a general branch. */
export const sendsTasks = (actor: Actor): Decision =>
  when(
    actor.adminRole === null && pathsWithRole(actor, ISSUER_ROLES).length > 0,
    deny('督办任务由党委或党总支管理员发布'),
  );

/** Answering tasks: a branch secretary (or a general branch's administrator for the general branch). */
export const answersTasks = (actor: Actor): boolean =>
  actor.adminRole === null && pathsWithRole(actor, RESPONDER_ROLES).length > 0;

/** The organizations the caller answers for: exactly the ones they hold a responder role on. */
export const responderPaths = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, RESPONDER_ROLES) : [];

/** The subtrees whose tasks the caller reviews: where they hold an issuer role. */
export const reviewerPaths = (actor: Actor): string[] =>
  actor.adminRole === null ? pathsWithRole(actor, ISSUER_ROLES) : [];

type Org = { tenantId: string; path: string; type: string; dissolvedOn?: string | null };

/** A task is sent from a committee or general branch the caller administers. */
export const canSendFrom = (actor: Actor, org: Org): Decision =>
  when(
    sameTenant(actor, org) &&
      (org.type === 'committee' || org.type === 'general_branch') &&
      manages(actor, org.path, ISSUER_ROLES),
    deny('督办任务由党委或党总支管理员以本组织名义发布'),
  );

/** Why an organization can't receive a task from the sender, or null when it can. */
export function targetProblem(sender: { path: string }, target: Org & { name: string }): string | null {
  if (!target.path.startsWith(sender.path) || target.path === sender.path)
    return `${target.name}不是发布组织的下级组织`;
  if (target.type !== 'branch' && target.type !== 'general_branch')
    return `${target.name}不是党支部或党总支，不能接收督办任务`;
  if (target.dissolvedOn) return `${target.name}已撤销`;
  return null;
}

// ---- one task ----

export interface TaskResource {
  tenantId: string;
  /** The sender's path. */
  orgPath: string;
  /** Paths of every target. */
  targetPaths: string[];
}
export type TaskAction = 'read' | 'attach';

/** The sender's side (its managers and superiors) and the targets' managers see a task; others don't know it. */
export function canOnTask(actor: Actor, action: TaskAction, t: TaskResource): Decision {
  if (!sameTenant(actor, t)) return hide('督办任务');
  const senderSide = manages(actor, t.orgPath);
  const receiver = t.targetPaths.some((p) => isUnder(p, managedPaths(actor)));
  if (!senderSide && !receiver) return hide('督办任务');
  if (action === 'read') return allow;
  return when(manages(actor, t.orgPath, ISSUER_ROLES), deny('任务附件由发布组织上传'));
}

/** Whether the caller sees every target of the task (the sender's side) or only those in their subtrees. */
export const seesAllTargets = (actor: Actor, taskOrgPath: string): boolean => manages(actor, taskOrgPath);

// ---- one target (its answer) ----

export interface TargetResource {
  tenantId: string;
  taskOrgPath: string;
  orgPath: string;
  status: StoredStatus;
}
export type TargetAction = 'read' | 'answer' | 'review' | 'remind';

/**
 * A target's answer: seen by the sender's side and the target's own managers and superiors; written by
 * the target's secretary; reviewed and reminded by the sender's administrators. The state of the loop is
 * checked by the use case (409), not here.
 */
export function canOnTarget(actor: Actor, action: TargetAction, t: TargetResource): Decision {
  if (!sameTenant(actor, t)) return hide('督办回复');
  const senderSide = manages(actor, t.taskOrgPath);
  if (!senderSide && !isUnder(t.orgPath, managedPaths(actor))) return hide('督办回复');
  if (action === 'read') return allow;
  if (action === 'answer')
    return when(responderPaths(actor).includes(t.orgPath), deny('由接收组织的书记回复督办任务'));
  return when(manages(actor, t.taskOrgPath, ISSUER_ROLES), deny('由发布组织审核和催办'));
}

const STATE_ALLOWS: Record<Exclude<TargetAction, 'read'>, (s: StoredStatus) => boolean> = {
  answer: canSubmitIn,
  review: canReviewIn,
  remind: canRemindIn,
};

/** What the caller may do to a target now: the `actions` of an answer. */
export const targetActions = (actor: Actor, t: TargetResource) =>
  permitted(
    (a: Exclude<TargetAction, 'read'>) => (STATE_ALLOWS[a](t.status) ? canOnTarget(actor, a, t) : deny()),
    ['answer', 'review', 'remind'] as const,
  );
