import { type Actor, isUnder, pathsWithRole } from '../../platform/access';
import { type MeetingStatus, signInRefusal } from './rules';

export type MeetingAction = 'read' | 'update' | 'submit' | 'review' | 'cancel' | 'sign_in';

export interface MeetingResource {
  tenantId: string;
  /** Path of the branch the meeting belongs to (a group meeting's branch). */
  branchPath: string;
  status: MeetingStatus;
  /** A draft of a meeting not yet held: a plan the branch's members are told about. */
  planned?: boolean;
  /** For self sign-in: the kind, the day, today and the people on the expected list. */
  kind?: string;
  heldOn?: string;
  today?: string;
  attendeeIds?: readonly string[];
  signedInIds?: readonly string[];
}

const recorderPaths = (actor: Actor) => pathsWithRole(actor, ['branch_secretary']);
const reviewerPaths = (actor: Actor) => pathsWithRole(actor, ['committee_admin', 'general_branch_admin']);

/**
 * Who may do what to a meeting record; pure, tested as a table. The branch secretary records, the
 * general branch or committee above reviews, members read their own branch's submitted records.
 */
export function canOnMeeting(actor: Actor, action: MeetingAction, m: MeetingResource): boolean {
  if (m.tenantId !== actor.tenantId || actor.adminRole !== null) return false;
  const recorder = isUnder(m.branchPath, recorderPaths(actor));
  const reviewer = isUnder(m.branchPath, reviewerPaths(actor));
  switch (action) {
    case 'read':
      return (
        recorder ||
        ((m.status !== 'draft' || !!m.planned) &&
          (reviewer || pathsWithRole(actor, ['member']).includes(m.branchPath)))
      );
    case 'update':
      return recorder && m.status !== 'cancelled';
    case 'submit':
      return recorder && (m.status === 'draft' || m.status === 'returned');
    case 'review':
      return reviewer && !recorder && m.status === 'submitted';
    case 'cancel':
      return recorder && m.status === 'draft' && !!m.planned;
    case 'sign_in':
      // Only for oneself, on a meeting one can read (a notice of one's own branch).
      return (
        !!actor.personId &&
        canOnMeeting(actor, 'read', m) &&
        !!m.today &&
        !(m.signedInIds ?? []).includes(actor.personId) &&
        signInRefusal(
          { kind: m.kind ?? '', status: m.status, heldOn: m.heldOn ?? '' },
          m.today,
          (m.attendeeIds ?? []).includes(actor.personId),
        ) === null
      );
  }
}

export const meetingActions = (actor: Actor, m: MeetingResource): MeetingAction[] =>
  (['update', 'submit', 'review', 'cancel', 'sign_in'] as const).filter((a) => canOnMeeting(actor, a, m));

/** Recording a new meeting for a branch or one of its party groups. */
export const canRecordFor = (
  actor: Actor,
  org: { tenantId: string; path: string; type: string; dissolvedOn?: string | null },
) =>
  org.tenantId === actor.tenantId &&
  actor.adminRole === null &&
  (org.type === 'branch' || org.type === 'party_group') &&
  !org.dissolvedOn &&
  isUnder(org.path, recorderPaths(actor));

/** Compliance and the review queue: organizations the actor supervises or records for. */
export const supervisedPaths = (actor: Actor): string[] =>
  actor.adminRole !== null ? [] : [...reviewerPaths(actor), ...recorderPaths(actor)];

/** Where the actor may read meetings: supervised subtrees and, as a member, their own branch. */
export const readablePaths = (actor: Actor) => ({
  managed: supervisedPaths(actor),
  member: actor.adminRole !== null ? [] : pathsWithRole(actor, ['member']),
});
