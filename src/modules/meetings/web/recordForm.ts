import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { dayjs, ZONE } from '../../../web/format';
import type {
  AttendanceStatus,
  MeetingDetail,
  MeetingKind,
  RecordableOrg,
  RosterPerson,
  VoteInput,
} from './model';

/** The state of the record form: its values, the roll call being taken, and the body it sends. */

export const TOPIC_HINTS: Partial<Record<MeetingKind, string[]>> = {
  branch_committee_meeting: [
    '研究本月党建和安全生产重点工作',
    '研究入党积极分子培养考察',
    '分析本月两违情况，研究整改措施',
  ],
  theme_party_day: ['重温入党誓词', '学习《中国共产党支部工作条例（试行）》', '党员志愿服务'],
  party_group_meeting: ['学习上级会议精神，交流岗位安全体会', '开展批评与自我批评'],
  branch_general_meeting: ['传达上级党委工作部署，通报支部季度工作', '讨论发展党员和预备党员转正事项'],
  party_lecture: ['书记讲党课'],
  organization_life_meeting: ['年度组织生活会'],
  democratic_review: ['年度民主评议党员'],
};
export const BRANCH_KINDS: MeetingKind[] = [
  'branch_committee_meeting',
  'theme_party_day',
  'branch_general_meeting',
  'party_lecture',
  'organization_life_meeting',
  'democratic_review',
  'other',
];
export const GROUP_KINDS: MeetingKind[] = ['party_group_meeting', 'other'];

/** How an organization is offered: a merged branch, and a group that moved away, say which days they take. */
export function recordableLabel(o: RecordableOrg, orgs: RecordableOrg[]): string {
  if (o.formerSpan) {
    const branch = orgs.find((b) => b.id === o.parentId)?.name ?? '原支部';
    return `${o.name}（原属${branch}，补录 ${o.formerSpan.until} 前的会议）`;
  }
  if (o.dissolvedOn) return `${o.name}（已于 ${o.dissolvedOn} 撤销或合并，补录此前的会议）`;
  return o.name;
}

/** Why a meeting of this organization can't be recorded for this day (the server says so too), or null. */
export function recordableDayProblem(o: RecordableOrg | undefined, day: string | undefined): string | null {
  if (!o || !day) return null;
  const span = o.formerSpan;
  if (span && (day < span.from || day >= span.until))
    return `该党小组 ${span.until} 起已随支部合并划入其他支部，这里只能补录 ${span.from} 至 ${span.until} 前召开的会议`;
  if (o.dissolvedOn && day >= o.dissolvedOn)
    return `该组织已于 ${o.dissolvedOn} 撤销（或合并），只能补录此前召开的会议`;
  return null;
}

export interface Line {
  status: AttendanceStatus;
  reason?: string | null;
  makeUpOn?: string | null;
  makeUpHow?: string | null;
  /** The secretary confirms the 补学 (the member may have reported it themselves). */
  makeUpConfirmed?: boolean;
}

export interface FormValues {
  orgId: string;
  kind: MeetingKind;
  topic: string;
  heldAt: Dayjs;
  place: string;
  hostPersonId?: string | null;
  recorderPersonId?: string | null;
  lecturer?: string | null;
  agenda?: string[];
  minutes?: string | null;
  resolutions?: string | null;
  votes?: VoteInput[];
  classHours?: number | null;
  reason?: string;
}

export const PLACE_KEY = 'bl.meetings.place';

/** The form's first values: the record being changed, or a new one (kind from the link, last place used). */
export function initialValues(
  meeting: MeetingDetail | undefined,
  kindParam: string | null,
  personId: string | null,
): Partial<FormValues> {
  if (!meeting)
    return {
      kind: (kindParam as MeetingKind) ?? 'branch_committee_meeting',
      heldAt: dayjs().tz(ZONE).minute(0).second(0),
      place: localStorage.getItem(PLACE_KEY) ?? '',
      hostPersonId: personId,
    };
  return {
    orgId: meeting.orgId,
    kind: meeting.kind,
    topic: meeting.topic,
    heldAt: dayjs(meeting.heldAt).tz(ZONE),
    place: meeting.place,
    hostPersonId: meeting.hostPersonId,
    recorderPersonId: meeting.recorderPersonId,
    lecturer: meeting.lecturer,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    resolutions: meeting.resolutions,
    classHours: meeting.classHours,
    votes: meeting.votes.map(
      ({ subject, type, yes, no, abstain, writtenYes, writtenNo, writtenAbstain }) => ({
        subject,
        type,
        yes,
        no,
        abstain,
        writtenYes,
        writtenNo,
        writtenAbstain,
      }),
    ),
  };
}

/**
 * The roll call being taken: a line per person (present unless changed), the names picked for an
 * 'other' meeting, the guests (列席) of a committee meeting, and who is expected of the day's roster.
 */
export function useRollCall(
  meeting: MeetingDetail | undefined,
  people: RosterPerson[],
  kind: MeetingKind | undefined,
  /** The meeting is still ahead: nobody is marked present before it; members sign in on the day. */
  future = false,
) {
  const [lines, setLines] = useState<Record<string, Line>>(() =>
    Object.fromEntries(
      (meeting?.attendance ?? []).map((a) => [
        a.personId,
        {
          status: a.status,
          reason: a.reason,
          makeUpOn: a.makeUpOn,
          makeUpHow: a.makeUpHow,
          makeUpConfirmed: !!a.makeUpSecretaryAt,
        },
      ]),
    ),
  );
  const own = new Map((meeting?.attendance ?? []).map((a) => [a.personId, a]));
  // 'other' meetings: whoever the secretary picks; committee meetings: the committee plus guests (列席).
  const [chosen, setChosen] = useState<string[]>(() =>
    meeting?.kind === 'other' ? meeting.attendance.map((a) => a.personId) : [],
  );
  const [guests, setGuests] = useState<string[]>(() =>
    (meeting?.attendance ?? []).filter((a) => a.guest).map((a) => a.personId),
  );
  const signedIn = new Map(
    (meeting?.attendance ?? []).filter((a) => a.signedInAt).map((a) => [a.personId, a.signedInAt!]),
  );
  /** Leave members asked for themselves, and 补学 they reported. */
  const leaveAsked = new Map(
    (meeting?.attendance ?? [])
      .filter((a) => a.leaveRequestedAt)
      .map((a) => [a.personId, a.leaveRequestedAt!]),
  );
  const makeUpReported = new Set(
    (meeting?.attendance ?? []).filter((a) => a.makeUpMemberAt).map((a) => a.personId),
  );
  const committeeMeeting = kind === 'branch_committee_meeting';
  const expected = committeeMeeting
    ? people.filter((p) => p.committee)
    : kind === 'other'
      ? people.filter((p) => chosen.includes(p.personId))
      : people;
  // A plan's lines wait for the day (未签到); a past meeting's start at present (the usual paper record).
  const lineOf = (personId: string): Line =>
    lines[personId] ??
    (own.get(personId) ? { status: own.get(personId)!.status } : { status: future ? 'absent' : 'present' });
  const setLine = (personId: string, patch: Partial<Line>) =>
    setLines((l) => ({ ...l, [personId]: { ...lineOf(personId), ...patch } }));
  const counts = expected.reduce(
    (c, p) => {
      c[lineOf(p.personId).status] += 1;
      return c;
    },
    { present: 0, leave: 0, absent: 0 } as Record<AttendanceStatus, number>,
  );
  /** The attendance as the API takes it. */
  const body = () => [
    ...expected.map((p) => {
      const l = lineOf(p.personId);
      const absent = l.status !== 'present';
      return {
        personId: p.personId,
        status: l.status,
        reason: absent ? (l.reason ?? null) : null,
        makeUpOn: absent ? (l.makeUpOn ?? null) : null,
        makeUpHow: absent ? (l.makeUpHow ?? null) : null,
        ...(absent && l.makeUpOn ? { makeUpConfirmed: !!l.makeUpConfirmed } : {}),
      };
    }),
    ...(committeeMeeting
      ? guests
          .filter((id) => people.some((p) => p.personId === id && !p.committee))
          .map((personId) => ({ personId, status: 'present' as const }))
      : []),
  ];
  return {
    people,
    expected,
    committeeMeeting,
    lineOf,
    setLine,
    counts,
    chosen,
    setChosen,
    guests,
    setGuests,
    signedIn,
    leaveAsked,
    makeUpReported,
    future,
    body,
  };
}

export type RollCallState = ReturnType<typeof useRollCall>;
