import { type Actor, isUnder, pathsWithRole } from '../../platform/access';
import { allow, allowed, type Decision, deny, hide, permitted, when } from '../../platform/policy';
import { leaveRefusal, signInRefusal } from './roll';
import { COUNTED_STATUSES, type MeetingStatus } from './rules-kinds';

/**
 * Who may do what in organization life; pure, tested as tables. The branch secretary records, the
 * general branch or committee above reviews, members read their own branch's submitted records and
 * sign in to its meetings. Platform administrators (三员) see no organization life at all.
 */

export type MeetingAction =
  | 'read'
  | 'update'
  | 'submit'
  | 'review'
  | 'cancel'
  | 'sign_in'
  | 'request_leave'
  | 'make_up'
  | 'show_code';

export interface MeetingResource {
  tenantId: string;
  /** Path of the branch the meeting belongs to (a group meeting's branch). */
  branchPath: string;
  status: MeetingStatus;
  /** A draft of a meeting not yet held: a plan the branch's members are told about. */
  planned?: boolean;
  /** For the members' own part: the kind, the day and start, today and now, who is on the list. */
  kind?: string;
  heldOn?: string;
  heldAt?: string;
  today?: string;
  now?: Date;
  attendeeIds?: readonly string[];
  signedInIds?: readonly string[];
  /** Those on the list marked present (a make-up study is for the others). */
  presentIds?: readonly string[];
}

const orgLife = (actor: Actor) => actor.adminRole === null;

/** Subtrees where the caller records meetings (branch secretary). */
export const recorderPaths = (actor: Actor): string[] =>
  orgLife(actor) ? pathsWithRole(actor, ['branch_secretary']) : [];
/** Subtrees where the caller reviews submitted records (committee or general branch admin). */
export const reviewerPaths = (actor: Actor): string[] =>
  orgLife(actor) ? pathsWithRole(actor, ['committee_admin', 'general_branch_admin']) : [];
/** Branches whose planned and submitted meetings the caller reads as a member. */
export const memberPaths = (actor: Actor): string[] =>
  orgLife(actor) ? pathsWithRole(actor, ['member']) : [];

/** Compliance, the ledger and the settings: organizations the actor supervises or records for. */
export const supervisedPaths = (actor: Actor): string[] => [...reviewerPaths(actor), ...recorderPaths(actor)];

/** Where the actor may read meetings: supervised subtrees and, as a member, their own branch. */
export const readablePaths = (actor: Actor) => ({
  managed: supervisedPaths(actor),
  member: memberPaths(actor),
});

const NOT_RECORDER = '只有本支部书记（支部委员）可以记录本支部的组织生活';

const turnOf = (m: MeetingResource) => ({
  kind: m.kind ?? '',
  status: m.status,
  heldOn: m.heldOn ?? '',
  heldAt: m.heldAt ?? `${m.heldOn ?? '1970-01-01'}T00:00:00+08:00`,
});

/** Signing in oneself: on the list, on the day, while a draft (the window or the code: the use case). */
function decideSignIn(actor: Actor, m: MeetingResource): Decision {
  const personId = actor.personId;
  if (!personId || !m.today) return deny();
  if ((m.signedInIds ?? []).includes(personId)) return deny('您已签到');
  const onList = (m.attendeeIds ?? []).includes(personId);
  const why = signInRefusal(turnOf(m), m.now ?? new Date(), m.today, onList, undefined, true);
  return when(why === null, deny(why ?? undefined));
}

/** Asking for leave oneself: on the list, before the start, while a plan. */
function decideLeave(actor: Actor, m: MeetingResource): Decision {
  const personId = actor.personId;
  if (!personId) return deny();
  const onList = (m.attendeeIds ?? []).includes(personId);
  const why = leaveRefusal(turnOf(m), m.now ?? new Date(), onList, (m.signedInIds ?? []).includes(personId));
  return when(why === null, deny(why ?? undefined));
}

/** Reporting one's 补学: on the list and not present, at a record that counts. */
function decideMakeUp(actor: Actor, m: MeetingResource): Decision {
  const personId = actor.personId;
  if (!personId || !(m.attendeeIds ?? []).includes(personId)) return deny('您不在本次会议的名单中');
  if (!COUNTED_STATUSES.includes(m.status)) return deny('会议记录提交后才能登记补学');
  return when(!(m.presentIds ?? []).includes(personId), deny('您已出席，无需补学'));
}

/**
 * Who may do what to a meeting record. A meeting the caller may not read is hidden (404); one they read
 * but may not act on is refused (403).
 */
export function decideOnMeeting(actor: Actor, action: MeetingAction, m: MeetingResource): Decision {
  if (m.tenantId !== actor.tenantId || !orgLife(actor)) return hide('会议记录');
  const recorder = isUnder(m.branchPath, recorderPaths(actor));
  const reviewer = isUnder(m.branchPath, reviewerPaths(actor));
  const readable =
    recorder ||
    ((m.status !== 'draft' || !!m.planned) && (reviewer || memberPaths(actor).includes(m.branchPath)));
  if (!readable) return hide('会议记录');
  switch (action) {
    case 'read':
      return allow;
    case 'update':
      return when(recorder && m.status !== 'cancelled', deny());
    case 'submit':
      return when(recorder && (m.status === 'draft' || m.status === 'returned'), deny());
    case 'review':
      return when(reviewer && !recorder && m.status === 'submitted', deny());
    case 'cancel':
      return when(recorder && m.status === 'draft' && !!m.planned, deny());
    case 'sign_in':
      // Only for oneself, on a meeting one can read (a notice of one's own branch).
      return decideSignIn(actor, m);
    case 'request_leave':
      return decideLeave(actor, m);
    case 'make_up':
      return decideMakeUp(actor, m);
    case 'show_code':
      // The sign-in code is shown by the recorder, on the meeting's day, while the record is a draft.
      return when(recorder && m.status === 'draft' && !!m.today && m.heldOn === m.today, deny());
  }
}

export const canOnMeeting = (actor: Actor, action: MeetingAction, m: MeetingResource): boolean =>
  allowed(decideOnMeeting(actor, action, m));

export const meetingActions = (actor: Actor, m: MeetingResource) =>
  permitted((a) => decideOnMeeting(actor, a, m), [
    'update',
    'submit',
    'review',
    'cancel',
    'sign_in',
    'request_leave',
    'make_up',
    'show_code',
  ] as const);

export interface RecordTarget {
  tenantId: string;
  path: string;
  type: string;
  dissolvedOn?: string | null;
}

/**
 * Recording a new meeting for a branch or one of its party groups. A dissolved one too: late records
 * for the days it existed (the date rule is the use case's).
 */
export const decideRecordFor = (actor: Actor, org: RecordTarget): Decision =>
  when(
    org.tenantId === actor.tenantId &&
      orgLife(actor) &&
      (org.type === 'branch' || org.type === 'party_group') &&
      isUnder(org.path, recorderPaths(actor)),
    deny(NOT_RECORDER),
  );
export const canRecordFor = (actor: Actor, org: RecordTarget): boolean =>
  allowed(decideRecordFor(actor, org));

// ---------------------------------------------------------------- collections

/** Lists of meetings (and their ledger): anyone in organization life, never the platform administrators. */
export const decideListMeetings = (actor: Actor): Decision =>
  when(orgLife(actor), deny('平台管理员不查看组织生活记录（三员分立）'));

/** Recording at all: a branch secretary (which branches: `decideRecordFor`). */
export const decideRecord = (actor: Actor): Decision =>
  when(recorderPaths(actor).length > 0, deny(NOT_RECORDER));

/** The review queue has something to show. */
export const decideReview = (actor: Actor): Decision =>
  when(reviewerPaths(actor).length > 0, deny('只有党总支、党委管理员审核组织生活记录'));

/** Compliance, member attendance and the matrix (empty outside supervision, refused to 三员). */
export const decideCompliance = (actor: Actor): Decision =>
  when(orgLife(actor), deny('平台管理员不查看组织生活情况'));

/** The ledger is offered to those who supervise or record; lists of a member stay lists. */
export const decideExport = (actor: Actor): Decision =>
  when(supervisedPaths(actor).length > 0, deny('只有组织管理者可以导出台账'));

export const decideReadSettings = (actor: Actor): Decision =>
  when(supervisedPaths(actor).length > 0, deny('只有组织管理者可以查看组织生活设置'));

/** Local practice is set by the committee (党委) for its whole tenant. */
export const decideUpdateSettings = (actor: Actor): Decision =>
  when(
    orgLife(actor) &&
      actor.roles.some(
        (r) => r.role === 'committee_admin' && r.orgPath.split('/').filter(Boolean).length === 1,
      ),
    deny('组织生活设置由党委管理员修改'),
  );

/** Collection abilities for the web (`GET /me` → `abilities['meetings.<key>']`). */
export function meetingAbilities(actor: Actor, recordable: boolean): Record<string, boolean> {
  return {
    read: allowed(decideListMeetings(actor)),
    record: recordable && allowed(decideRecord(actor)),
    review: allowed(decideReview(actor)),
    compliance: supervisedPaths(actor).length > 0 && allowed(decideCompliance(actor)),
    export: allowed(decideExport(actor)),
    settings: allowed(decideUpdateSettings(actor)),
  };
}
