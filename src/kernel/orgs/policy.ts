import { sql } from 'drizzle-orm';
import {
  type Actor,
  isUnder,
  managedPaths,
  manages,
  pathSql,
  pathsWithRole,
  seesMemberData,
} from '../../platform/access';
import { allowed, type Decision, deny, hide, permitted, when } from '../../platform/policy';
import type { OrgType } from './rules';

export type OrgAction = 'read' | 'create_child' | 'update' | 'move' | 'merge' | 'dissolve';
/** What the caller may do to an organization they see: the `actions` of an answer. */
export type OrgObjectAction = Exclude<OrgAction, 'read'>;

export interface OrgResource {
  tenantId: string;
  path: string;
  type: OrgType | string;
  dissolvedOn?: string | null;
}

const strictlyUnder = (path: string, paths: string[]) => paths.some((p) => path.startsWith(p) && path !== p);
const platformViewer = (actor: Actor) =>
  actor.adminRole === 'system_admin' || actor.adminRole === 'security_admin';

/** Who may do what to an organization, as a yes or no; pure, tested as a table. */
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
      if (platformViewer(actor)) return true;
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

/** The decision on one organization: out of sight is 404, in sight but not allowed is 403. */
export function decideOnOrg(actor: Actor, action: OrgAction, org: OrgResource): Decision {
  if (!canOnOrg(actor, 'read', org)) return hide('组织');
  return when(canOnOrg(actor, action, org), deny());
}

export function orgActions(actor: Actor, org: OrgResource): OrgObjectAction[] {
  return permitted((a: OrgObjectAction) => when(canOnOrg(actor, a, org), deny()), [
    'create_child',
    'update',
    'move',
    'merge',
    'dissolve',
  ] as const);
}

/** The tree itself: everyone but the audit administrator, who sees the audit log only. */
export const decideListOrgs = (actor: Actor): Decision =>
  when(actor.adminRole !== 'audit_admin', deny('审计管理员只能查看审计日志'));

/** Head counts, warnings and secretaries are member data: never for the platform administrators. */
export const seesOrgMemberData = (actor: Actor): boolean => seesMemberData(actor);

const MANAGERS_ONLY = '只有支部书记、支委及上级组织可以查看';

/**
 * A manager's view of a subtree (boards, analyses): the caller manages the organization at `path`, or,
 * without a path, manages some subtree at all.
 */
export function decideManagerView(actor: Actor, path?: string): Decision {
  if (path !== undefined) return when(manages(actor, path), deny(MANAGERS_ONLY));
  return when(managedPaths(actor).length > 0 && !actor.adminRole, deny(MANAGERS_ONLY));
}

/** The widest subtree the caller manages (the root of their manager's view). */
export const widestManagedPath = (actor: Actor): string | undefined =>
  managedPaths(actor).sort((a, b) => a.length - b.length)[0];

/** SQL condition selecting the organizations (alias `o`) the actor may see. */
export function orgScope(actor: Actor) {
  if (platformViewer(actor)) return sql`o.tenant_id = ${actor.tenantId}`;
  if (actor.adminRole) return sql`false`;
  const parts = [pathSql(sql`o.path`, managedPaths(actor))];
  const memberOrgs = pathsWithRole(actor, ['member']);
  if (memberOrgs.length)
    parts.push(
      sql`o.path in (${sql.join(
        memberOrgs.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * Collection abilities for the web (`GET /me` → `abilities['orgs.<key>']`): open the organization page,
 * set up organizations under one's own, restructure the tree (move, merge, dissolve).
 */
export function orgAbilities(actor: Actor): Record<'view' | 'create' | 'reorganize', boolean> {
  const noAdmin = actor.adminRole === null;
  return {
    view: platformViewer(actor) || allowed(decideManagerView(actor)),
    create:
      noAdmin &&
      pathsWithRole(actor, ['committee_admin', 'general_branch_admin', 'branch_secretary']).length > 0,
    reorganize: noAdmin && pathsWithRole(actor, ['committee_admin', 'general_branch_admin']).length > 0,
  };
}
