/**
 * The vocabulary of organization life: the rules it follows, the kinds of meeting, the statuses of a
 * record (and which count as held), and the fields a reviewer sees revised. Pure data.
 */

export const MEETING_RULESETS = [
  { name: '中国共产党支部工作条例（试行）', version: '2018', effectiveFrom: '2018-10-28' },
  { name: '中国共产党党员教育管理工作条例', version: '2019', effectiveFrom: '2019-04-28' },
  { name: '中国共产党基层组织选举工作条例', version: '2020', effectiveFrom: '2020-07-13' },
  { name: '中国共产党章程', version: '2022', effectiveFrom: '2022-10-22' },
] as const;

export const MEETING_KINDS = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'party_group_meeting',
  'party_lecture',
  'theme_party_day',
  'organization_life_meeting',
  'democratic_review',
  'other',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  branch_general_meeting: '支部党员大会',
  branch_committee_meeting: '支部委员会',
  party_group_meeting: '党小组会',
  party_lecture: '党课',
  theme_party_day: '主题党日',
  organization_life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  other: '其他组织生活',
};

export const MEETING_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  returned: '已退回',
  cancelled: '已取消',
};

/**
 * Records that count as held (compliance, attendance, the to-do): everything submitted, returned ones
 * included — a return asks to correct the record of a meeting that took place. Drafts and cancelled
 * plans never count.
 */
export const COUNTED_STATUSES: readonly MeetingStatus[] = ['submitted', 'approved', 'returned'];

// ---------------------------------------------------------------- reviewers' view of changes

/** The fields whose changes after submission are revisions (everything a reviewer reads). */
export const REVISED_FIELDS = [
  'orgId',
  'kind',
  'topic',
  'heldAt',
  'place',
  'hostPersonId',
  'recorderPersonId',
  'lecturer',
  'agenda',
  'minutes',
  'resolutions',
  'attendance',
  'votes',
  'classHours',
  'grades',
] as const;

export const FIELD_NAMES: Record<string, string> = {
  orgId: '组织',
  kind: '会议类型',
  topic: '主题',
  heldAt: '召开时间',
  place: '地点',
  hostPersonId: '主持人',
  recorderPersonId: '记录人',
  lecturer: '授课人',
  agenda: '议程',
  minutes: '会议记录',
  resolutions: '决议',
  attendance: '出勤',
  votes: '表决',
  classHours: '学时',
  grades: '评定等次',
  attachments: '附件',
};
