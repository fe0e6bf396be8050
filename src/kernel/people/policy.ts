import { type Actor, managedPaths, manages, seesMemberData } from '../../platform/access';
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

/**
 * Collection abilities for the web (`GET /me` → `abilities['people.<key>']`): open the people pages (a
 * manager's list or one's own record), browse others' records (the list with its filters), add a person,
 * import a roster, export it, export it with clear sensitive values.
 */
export function peopleAbilities(
  actor: Actor,
): Record<'view' | 'browse' | 'create' | 'import' | 'export' | 'exportClear', boolean> {
  const member = seesMemberData(actor);
  const managing = managesAny(actor);
  return {
    view: member && (managing || actor.personId !== null),
    browse: managing,
    create: managing,
    import: managing,
    export: member,
    exportClear: managing,
  };
}
