import { type Actor, managedPaths, manages } from '../../platform/access';
import { allow, type Decision, deny, hide, when } from '../../platform/policy';

export type TalkAction = 'read' | 'record';

/**
 * Talk contents are sensitive (个人信息保护法): only the managers of the answerable branch and its
 * superiors see or write them; the worker themself and other members never do (404).
 */
export function canOnTalk(
  actor: Actor,
  _action: TalkAction,
  t: { tenantId: string; orgPath: string },
): Decision {
  return t.tenantId === actor.tenantId && actor.adminRole === null && manages(actor, t.orgPath)
    ? allow
    : hide('谈话记录');
}

/** Talk lists, obligations and coverage: branch secretaries and their superiors, never administrators. */
export const viewsTalks = (actor: Actor): Decision =>
  actor.adminRole !== null
    ? deny('平台管理员不查看党员和职工的业务数据')
    : when(managedPaths(actor).length > 0, deny('只有支部书记、支委及上级组织可以查看'));

/** Recording talks at all: a manager of some subtree (each talk is then checked against its branch). */
export const recordsTalks = viewsTalks;
