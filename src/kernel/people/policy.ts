import { type Actor, managedPaths, manages, type OrgRole, seesMemberData } from '../../platform/access';
import { allow, type Decision, deny, hide, permitted, when } from '../../platform/policy';

export type PersonAction = 'read' | 'update' | 'reveal' | 'end' | 'transfer';
/** What the caller may do to a person they see: the `actions` of an answer. */
export type PersonObjectAction = Exclude<PersonAction, 'read'>;

export interface PersonResource {
  id: string;
  tenantId: string;
  orgPath: string;
  endedOn?: string | null;
}

/** Who may do what to a person's record, as a yes or no; pure, tested as a table. */
export function canOnPerson(actor: Actor, action: PersonAction, person: PersonResource): boolean {
  if (person.tenantId !== actor.tenantId || actor.adminRole !== null) return false;
  const self = actor.personId === person.id;
  const manager = manages(actor, person.orgPath);
  switch (action) {
    case 'read':
    case 'reveal':
      return manager || self;
    case 'update':
    case 'end':
    case 'transfer':
      return manager && !person.endedOn;
  }
}

/** The decision on one person: out of sight is 404, visible but not allowed is 403. */
export function decideOnPerson(actor: Actor, action: PersonAction, person: PersonResource): Decision {
  if (!canOnPerson(actor, 'read', person)) return hide('人员');
  return when(canOnPerson(actor, action, person), deny());
}

export const personActions = (actor: Actor, person: PersonResource): PersonObjectAction[] =>
  permitted((a: PersonObjectAction) => when(canOnPerson(actor, a, person), deny()), [
    'update',
    'reveal',
    'end',
    'transfer',
  ] as const);

export interface BranchResource {
  tenantId: string;
  path: string;
  type: string;
  dissolvedOn?: string | null;
}

/** Creating a person, or importing a roster, into a branch. */
export const canAddPersonTo = (actor: Actor, org: BranchResource) =>
  org.tenantId === actor.tenantId && org.type === 'branch' && !org.dissolvedOn && manages(actor, org.path);

/** Member data is never shown to the three platform administrators (三员分立). */
export const decideMemberData = (actor: Actor): Decision =>
  when(seesMemberData(actor), deny('系统、安全、审计管理员不能查看党员信息'));

/** A manager of some subtree (not a platform administrator). */
const managesAny = (actor: Actor) => actor.adminRole === null && managedPaths(actor).length > 0;

export type PeopleListAction = 'create' | 'import' | 'export';

/** What the caller may do with the people list itself (the buttons above it). */
export function peopleListActions(actor: Actor): PeopleListAction[] {
  return permitted(
    (a: PeopleListAction) => (a === 'export' ? decideMemberData(actor) : when(managesAny(actor), deny())),
    ['create', 'import', 'export'] as const,
  );
}

/** Importing a roster needs a branch the caller may add people to (found by the caller's use case). */
export const decideImport = (branchesAllowed: number): Decision =>
  branchesAllowed > 0 ? allow : deny('您没有可以导入人员的党支部');

/** The roles that may export clear values at each level of the setting (people settings). */
export const EXPORT_CLEAR_ROLES = {
  committee: ['committee_admin'],
  general_branch: ['committee_admin', 'general_branch_admin'],
  branch: ['committee_admin', 'general_branch_admin', 'branch_secretary'],
} as const satisfies Record<string, readonly OrgRole[]>;

/**
 * Exporting the roster with clear ID numbers, phones and addresses: a permission of its own, held by the
 * roles the setting names; each person's values are clear only under a role of those roles that reaches
 * them.
 */
export const decideExportClear = (actor: Actor, level: keyof typeof EXPORT_CLEAR_ROLES): Decision =>
  when(
    seesMemberData(actor) &&
      actor.roles.some((r) => (EXPORT_CLEAR_ROLES[level] as readonly OrgRole[]).includes(r.role)),
    deny(
      level === 'committee'
        ? '只有党委管理员可以导出明文名册（可由安全管理员在安全策略中调整）'
        : '您的角色不能导出明文名册',
    ),
  );

export const canExportClearOf = (
  actor: Actor,
  level: keyof typeof EXPORT_CLEAR_ROLES,
  person: PersonResource,
) => canOnPerson(actor, 'reveal', person) && manages(actor, person.orgPath, EXPORT_CLEAR_ROLES[level]);

/** The security policy of member data (who may export clear values) is the security admin's. */
export const decideSecurityPolicy = (actor: Actor): Decision =>
  when(actor.adminRole === 'security_admin', deny('三员分立：安全策略由安全管理员设置'));

/**
 * Collection abilities for the web (`GET /me` → `abilities['people.<key>']`): open the people pages (a
 * manager's list or one's own record), browse others' records (the list with its filters), add a person,
 * import a roster, export it, export it with clear sensitive values.
 */
export function peopleAbilities(
  actor: Actor,
  exportClearLevel: keyof typeof EXPORT_CLEAR_ROLES = 'committee',
): Record<'view' | 'browse' | 'create' | 'import' | 'export' | 'exportClear' | 'securityPolicy', boolean> {
  const member = seesMemberData(actor);
  const managing = managesAny(actor);
  return {
    view: member && (managing || actor.personId !== null),
    browse: managing,
    create: managing,
    import: managing,
    export: member,
    exportClear: decideExportClear(actor, exportClearLevel).ok,
    securityPolicy: decideSecurityPolicy(actor).ok,
  };
}
