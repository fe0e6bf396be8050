import { type Actor, isUnder, pathsWithRole } from '../../platform/access';
import type { OrgType } from './rules';

export type OrgAction = 'read' | 'create_child' | 'update' | 'move' | 'merge' | 'dissolve';

export interface OrgResource {
  tenantId: string;
  path: string;
  type: OrgType | string;
  dissolvedOn?: string | null;
}

const strictlyUnder = (path: string, paths: string[]) => paths.some((p) => path.startsWith(p) && path !== p);

/** Who may do what to an organization; pure, tested as a table. */
export function canOnOrg(actor: Actor, action: OrgAction, org: OrgResource): boolean {
  if (org.tenantId !== actor.tenantId) return false;
  const committee = pathsWithRole(actor, ['committee_admin']);
  const general = pathsWithRole(actor, ['general_branch_admin']);
  const secretary = pathsWithRole(actor, ['branch_secretary']);
  const member = pathsWithRole(actor, ['member']);
  const active = !org.dissolvedOn;
  // The three platform administrators never restructure the tree, whatever else they hold.
  if (action !== 'read' && actor.adminRole) return false;
  switch (action) {
    case 'read':
      if (actor.adminRole === 'system_admin' || actor.adminRole === 'security_admin') return true;
      if (actor.adminRole) return false;
      return isUnder(org.path, [...committee, ...general, ...secretary]) || member.includes(org.path);
    case 'create_child':
      if (!active || org.type === 'party_group') return false;
      return (
        isUnder(org.path, committee) ||
        isUnder(org.path, general) ||
        (isUnder(org.path, secretary) && org.type === 'branch')
      );
    case 'update':
      return (
        isUnder(org.path, committee) ||
        strictlyUnder(org.path, general) ||
        (strictlyUnder(org.path, secretary) && org.type === 'party_group')
      );
    case 'move':
    case 'merge':
    case 'dissolve':
      if (!active || org.type === 'committee') return false;
      if (action === 'merge' && org.type !== 'branch') return false;
      return (
        strictlyUnder(org.path, committee) ||
        strictlyUnder(org.path, general) ||
        (action === 'dissolve' && strictlyUnder(org.path, secretary) && org.type === 'party_group')
      );
  }
}

export function orgActions(actor: Actor, org: OrgResource): OrgAction[] {
  return (['create_child', 'update', 'move', 'merge', 'dissolve'] as const).filter((a) =>
    canOnOrg(actor, a, org),
  );
}
