import { type Actor, manages } from '../../platform/access';

export type TalkAction = 'read' | 'record';

/**
 * Talk contents are sensitive (个人信息保护法): only the managers of the answerable branch and its
 * superiors see or write them; the worker themself and other members never do.
 */
export function canOnTalk(
  actor: Actor,
  _action: TalkAction,
  t: { tenantId: string; orgPath: string },
): boolean {
  return t.tenantId === actor.tenantId && actor.adminRole === null && manages(actor, t.orgPath);
}
