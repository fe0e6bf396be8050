import { type Actor, manages } from '../../platform/access';

export type PersonAction = 'read' | 'update' | 'reveal' | 'end' | 'transfer';

export interface PersonResource {
  id: string;
  tenantId: string;
  orgPath: string;
  endedOn?: string | null;
}

/** Who may do what to a person's record; pure, tested as a table. */
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

export const personActions = (actor: Actor, person: PersonResource): PersonAction[] =>
  (['update', 'reveal', 'end', 'transfer'] as const).filter((a) => canOnPerson(actor, a, person));

/** Creating a person, or importing a roster, into a branch. */
export const canAddPersonTo = (
  actor: Actor,
  org: { tenantId: string; path: string; type: string; dissolvedOn?: string | null },
) => org.tenantId === actor.tenantId && org.type === 'branch' && !org.dissolvedOn && manages(actor, org.path);
