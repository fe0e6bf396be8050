import { type Actor, manages } from '../../src/platform/access';
import { type Decision, deny, hide, when } from '../../src/platform/policy';

/** Managers post bulletins for the organizations they manage; others in sight may not. */
export function canPostIn(actor: Actor, org: { tenantId: string; path: string } | undefined): Decision {
  if (!org || org.tenantId !== actor.tenantId || actor.adminRole) return hide('组织');
  return when(manages(actor, org.path), deny('只有该组织的管理者可以发布公告'));
}
