import { z } from 'zod';
import { POSTS } from '../../kernel/orgs/api';
import { zDraftedAt } from '../../platform/drafts';
import { pagedList, pageQuery } from '../../platform/http';
import { zDate, zPageSize, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { FOLLOW_UP_KINDS, GRADES, LEFT_OUT_REASONS } from './roll';
import {
  ATTENDANCE_STATUSES,
  DEFAULT_CLASS_HOURS,
  DEFAULT_SETTINGS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_STATUSES,
  type MeetingKind,
  type MeetingSettings,
  VOTE_TYPES,
} from './rules';

/**
 * The meetings API both ways: what a client may send (every field titled in Chinese: validation messages
 * name it by its title) and what it gets back (Fastify serializes through these; the web's types are
 * inferred from them).
 */

// ---------------------------------------------------------------- request pieces

const kind = label(z.enum(MEETING_KINDS, { error: `应为 ${MEETING_KINDS.join('、')} 之一` }), '会议类型');
const status = label(
  z.enum(MEETING_STATUSES, { error: '应为 draft、submitted、approved、returned 或 cancelled' }),
  '状态',
);
const heldAt = label(
  z.iso.datetime({ offset: true, error: '应为带时区的 ISO 时间，如 2025-03-05T09:00:00+08:00' }),
  '召开时间',
);
const text = (title: string, max: number) =>
  label(z.string({ error: '应为文字' }).trim().max(max, `不能超过 ${max} 个字符`), title);
const requiredText = (title: string, max: number) => text(title, max).min(1, '不能为空');
const count = (title: string) =>
  label(
    z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(10000, '不能超过 10000'),
    title,
  );
const uuid = (title: string) => label(zUuid, title);
/** 学时: 0 to 24 in half hours. */
const hours = (title: string) =>
  label(
    z
      .number({ error: '应为数字' })
      .min(0, '不能为负数')
      .max(24, '不能超过 24')
      .multipleOf(0.5, '应为 0.5 的整数倍'),
    title,
  );
const date = (title: string) => label(zDate, title);

export const attendanceInput = z.object({
  personId: uuid('人员'),
  /** The secretary confirms the member's 补学. */
  makeUpConfirmed: label(z.boolean({ error: '应为 true 或 false' }), '确认补学').optional(),
  status: label(
    z.enum(ATTENDANCE_STATUSES, { error: '应为 present（出席）、leave（请假）或 absent（缺席）' }),
    '出勤状态',
  ),
  reason: text('请假原因', 200).nullish(),
  makeUpOn: date('补学日期').nullish(),
  makeUpHow: text('补学方式', 200).nullish(),
});

export const candidateInput = z.object({
  personId: uuid('候选人'),
  post: label(z.enum(POSTS, { error: `应为 ${POSTS.join('、')} 之一` }), '拟任职务').nullish(),
  yes: count('赞成票'),
  no: count('反对票'),
  abstain: count('弃权票'),
});

export const voteInput = z.object({
  subject: requiredText('表决事项', 200),
  type: label(
    z.enum(VOTE_TYPES, { error: '应为 admission、full_membership、election 或 decision' }),
    '表决类型',
  ),
  yes: count('赞成票').default(0),
  no: count('反对票').default(0),
  abstain: count('弃权票').default(0),
  writtenYes: count('书面赞成意见').optional(),
  writtenNo: count('书面反对意见').optional(),
  writtenAbstain: count('书面弃权意见').optional(),
  candidates: label(
    z.array(candidateInput, { error: '应为列表' }).max(15, '最多 15 人'),
    '候选人',
  ).optional(),
  newTerm: label(z.boolean({ error: '应为 true 或 false' }), '换届选举').optional(),
  termReason: text('提前或延期换届的原因', 500).nullish(),
});

export const gradeInput = z.object({
  personId: uuid('党员'),
  grade: label(
    z.enum(GRADES, {
      error:
        '应为 excellent（优秀）、qualified（合格）、basically_qualified（基本合格）或 unqualified（不合格）',
    }),
    '等次',
  ),
});

const meetingFields = {
  orgId: uuid('召开组织'),
  kind,
  topic: requiredText('会议主题', 200),
  heldAt,
  place: requiredText('会议地点', 100),
  hostPersonId: uuid('主持人').nullish(),
  recorderPersonId: uuid('记录人').nullish(),
  lecturer: text('授课人', 50).nullish(),
  agenda: label(
    z.array(requiredText('议程', 200), { error: '应为文字列表' }).max(30, '最多 30 项'),
    '议程',
  ).optional(),
  minutes: text('会议记录', 20000).nullish(),
  resolutions: text('决议', 5000).nullish(),
  attendance: label(z.array(attendanceInput, { error: '应为名单列表' }).max(500, '最多 500 人'), '出勤'),
  votes: label(z.array(voteInput, { error: '应为列表' }).max(20, '最多 20 项'), '表决').optional(),
  /** Credited to each member present; left out (or null) it is the kind's default from the settings. */
  classHours: hours('学时').nullish(),
  /** 民主评议党员: each full member's grade. */
  grades: label(z.array(gradeInput, { error: '应为列表' }).max(500, '最多 500 人'), '评定等次').optional(),
};

// ---------------------------------------------------------------- requests

/** `draftedAt`: when the record was begun on the phone, if it was typed as a draft offline. */
export const createMeetingBody = z.object({ ...meetingFields, draftedAt: zDraftedAt });
export type CreateMeetingInput = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z
  .object({
    ...meetingFields,
    attendance: meetingFields.attendance.optional(),
    reason: text('修改原因', 500).optional(),
  })
  .partial()
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), '至少修改一项');
export type UpdateMeetingInput = z.infer<typeof updateMeetingBody>;

export const reviewBody = z.object({
  decision: label(
    z.enum(['approve', 'return'], { error: '应为 approve（通过）或 return（退回）' }),
    '审核结论',
  ),
  comment: text('审核意见', 1000).optional(),
});
export type ReviewInput = z.infer<typeof reviewBody>;

export const emptyBody = z.object({}).optional();

export const meetingIdParams = z.object({ id: uuid('会议记录') });
export const attachmentParams = z.object({ id: uuid('会议记录'), attachmentId: uuid('附件') });

export const cancelBody = z.object({ reason: requiredText('取消原因', 500) });

const year = label(
  z.coerce
    .number({ error: '应为数字' })
    .int('应为整数')
    .min(2000, '不能早于 2000')
    .max(2100, '不能晚于 2100'),
  '年份',
);

export const listMeetingsQuery = pageQuery.extend({
  orgId: uuid('组织').optional(),
  kind: kind.optional(),
  status: status.optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  late: label(z.enum(['true', 'false'], { error: '应为 true 或 false' }), '是否补录').optional(),
  pageSize: zPageSize.default(50),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuery>;
export const reviewQueueQuery = listMeetingsQuery.pick({ page: true, pageSize: true });
export const exportQuery = listMeetingsQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof exportQuery>;

export const complianceQuery = z.object({
  orgId: uuid('组织').optional(),
  year,
  quarter: label(
    z.coerce.number({ error: '应为 1 至 4' }).int('应为 1 至 4').min(1, '应为 1 至 4').max(4, '应为 1 至 4'),
    '季度',
  ).optional(),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const matrixQuery = z.object({ orgId: uuid('组织').optional(), year });
export type MatrixQuery = z.infer<typeof matrixQuery>;
export const rosterQuery = z.object({ orgId: uuid('组织'), date: date('日期').optional() });

// ---------------------------------------------------------------- settings

const frequency = z.enum(['month', 'quarter', 'half_year', 'year'], {
  error: '应为 month、quarter、half_year 或 year',
});
const settingsFields = {
  lateAfterDays: label(
    z.number({ error: '应为天数' }).int('应为整数天').min(0, '不能为负数').max(365, '最多 365 天'),
    '补录期限',
  ),
  lectureFrequency: label(frequency, '党课频次'),
  silentAfterDays: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 天').max(365, '最多 365 天'),
    '静默天数',
  ),
  rankingEnabled: label(z.boolean({ error: '应为 true 或 false' }), '排名开关'),
  classHoursByKind: label(
    z.object(
      Object.fromEntries(MEETING_KINDS.map((k) => [k, hours(`${MEETING_KIND_LABELS[k]}学时`)])) as Record<
        MeetingKind,
        ReturnType<typeof hours>
      >,
      { error: '应为各会议类型的学时' },
    ),
    '各类会议默认学时',
  ),
};
const fraction = (title: string, max: number) =>
  label(
    z
      .object(
        {
          numerator: label(z.number().int('应为整数').min(1, '至少 1').max(max, `最多 ${max}`), '分子'),
          denominator: label(z.number().int('应为整数').min(1, '至少 1').max(max, `最多 ${max}`), '分母'),
        },
        { error: '应为分数 { numerator, denominator }' },
      )
      .refine((f) => f.numerator <= f.denominator, '分子不能大于分母'),
    title,
  );
const ruleFields = {
  redAfterMissedMonths: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(12, '最多 12'),
    '按月会议连续缺几个月标红',
  ),
  redAfterMissedUnits: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(4, '最多 4'),
    '按季/半年/年会议缺几次标红',
  ),
  owedIfActive: fraction('成立或撤销当期须开展的存续比例', 10),
  yearlyTodoLeadMonths: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(12, '最多 12'),
    '年度事项提前几个月列入待办',
  ),
  exemptAbsentInVoteExpected: label(
    z.boolean({ error: '应为 true 或 false' }),
    '免于参加的党员未到会计入表决应到',
  ),
  electionQuorum: fraction('选举大会到会比例', 10),
  excellentRatio: fraction('优秀比例上限', 10),
  signInWindowMinutes: label(
    z.number({ error: '应为数字' }).int('应为整数').min(10, '至少 10 分钟').max(720, '最多 720 分钟'),
    '签到时段（会议开始前后分钟数）',
  ),
};
const classHoursDefaults = z
  .object(
    Object.fromEntries(
      MEETING_KINDS.map((k) => [k, hours(`${MEETING_KIND_LABELS[k]}学时`).default(DEFAULT_CLASS_HOURS[k])]),
    ) as Record<MeetingKind, z.ZodDefault<ReturnType<typeof hours>>>,
  )
  .prefault({});

/** The tenant's local practice; every key defaults to the common practice (DEFAULT_SETTINGS). */
export const meetingSettingsSchema = z.object({
  lateAfterDays: settingsFields.lateAfterDays.default(DEFAULT_SETTINGS.lateAfterDays),
  lectureFrequency: settingsFields.lectureFrequency.default(DEFAULT_SETTINGS.lectureFrequency),
  silentAfterDays: settingsFields.silentAfterDays.default(DEFAULT_SETTINGS.silentAfterDays),
  rankingEnabled: settingsFields.rankingEnabled.default(DEFAULT_SETTINGS.rankingEnabled),
  classHoursByKind: classHoursDefaults,
  redAfterMissedMonths: ruleFields.redAfterMissedMonths.default(DEFAULT_SETTINGS.redAfterMissedMonths),
  redAfterMissedUnits: ruleFields.redAfterMissedUnits.default(DEFAULT_SETTINGS.redAfterMissedUnits),
  owedIfActive: ruleFields.owedIfActive.default(DEFAULT_SETTINGS.owedIfActive),
  yearlyTodoLeadMonths: ruleFields.yearlyTodoLeadMonths.default(DEFAULT_SETTINGS.yearlyTodoLeadMonths),
  exemptAbsentInVoteExpected: ruleFields.exemptAbsentInVoteExpected.default(
    DEFAULT_SETTINGS.exemptAbsentInVoteExpected,
  ),
  electionQuorum: ruleFields.electionQuorum.default(DEFAULT_SETTINGS.electionQuorum),
  excellentRatio: ruleFields.excellentRatio.default(DEFAULT_SETTINGS.excellentRatio),
  signInWindowMinutes: ruleFields.signInWindowMinutes.default(DEFAULT_SETTINGS.signInWindowMinutes),
}) satisfies z.ZodType<MeetingSettings>;

export const settingsBody = z
  .object({
    ...settingsFields,
    ...ruleFields,
    classHoursByKind: label(settingsFields.classHoursByKind.partial(), '各类会议默认学时'),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
export type SettingsInput = z.infer<typeof settingsBody>;

// ---------------------------------------------------------------- responses

const nstr = z.string().nullable();
const rate = z.number().nullable();

export const MEETING_ACTIONS = [
  'update',
  'submit',
  'review',
  'cancel',
  'sign_in',
  'request_leave',
  'make_up',
  'show_code',
] as const;

export const attendanceEntry = z.object({
  personId: z.string(),
  name: z.string(),
  partyStatus: z.string(),
  exempt: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES),
  reason: z.string().nullish(),
  makeUpOn: z.string().nullish(),
  makeUpHow: z.string().nullish(),
  guest: z.boolean().optional(),
  suspended: z.boolean().optional(),
  signedInAt: z.string().nullish(),
  leaveRequestedAt: z.string().nullish(),
  makeUpMemberAt: z.string().nullish(),
  makeUpSecretaryAt: z.string().nullish(),
});

export const meetingItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgType: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  topic: z.string(),
  heldAt: z.string(),
  heldOn: z.string(),
  place: z.string(),
  status: z.enum(MEETING_STATUSES),
  statusLabel: z.string(),
  /** A draft of a meeting not yet held (today's or later). */
  planned: z.boolean(),
  /** Its start has passed: a plan not yet started shows 未开始 instead of attendance. */
  started: z.boolean(),
  late: z.boolean(),
  recordedAt: z.string(),
  submittedAt: nstr,
  firstSubmittedAt: nstr,
  reviewedAt: nstr,
  reviewComment: nstr,
  reviewerName: nstr,
  attendanceCounts: z.object({
    expected: z.number(),
    present: z.number(),
    leave: z.number(),
    absent: z.number(),
    guests: z.number(),
  }),
  attendanceRate: rate,
  /** Enough present for the meeting to be valid (committee and general meetings); null where no rule applies. */
  quorum: z.boolean().nullable(),
  /** The quorum rule applied (支部党员大会 more than half of the voters, an election more than 4/5, 支委会…). */
  quorumRule: z
    .object({
      rule: z.enum(['general', 'election', 'committee']),
      required: z.string(),
      expected: z.number(),
      present: z.number(),
      met: z.boolean(),
    })
    .nullable(),
  /** Recorded without its quorum (未达到规定人数): does not count as held. */
  noQuorum: z.boolean(),
  /** The caller's own line of the roll call, if they are on it. */
  me: z
    .object({
      status: z.enum(ATTENDANCE_STATUSES),
      guest: z.boolean(),
      signedInAt: nstr,
      leaveRequestedAt: nstr,
      reason: nstr,
      makeUpOn: nstr,
      makeUpMemberAt: nstr,
      makeUpSecretaryAt: nstr,
    })
    .nullable(),
  version: z.number(),
  /** What the caller may do to this meeting. */
  actions: z.array(z.enum(MEETING_ACTIONS)),
});
export type MeetingItem = z.infer<typeof meetingItem>;

const candidateView = z.object({
  personId: z.string(),
  post: nstr.optional(),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
});
export const voteView = z.object({
  subject: z.string(),
  type: z.enum(VOTE_TYPES),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  writtenYes: z.number().optional(),
  writtenNo: z.number().optional(),
  writtenAbstain: z.number().optional(),
  typeLabel: z.string(),
  candidates: z.array(candidateView).optional(),
  newTerm: z.boolean().optional(),
  termReason: nstr.optional(),
  tally: z.object({
    eligible: z.number(),
    presentVoters: z.number(),
    quorum: z.boolean(),
    yesTotal: z.number(),
    noTotal: z.number(),
    abstainTotal: z.number(),
    threshold: z.number(),
    passed: z.boolean(),
    candidates: z.array(candidateView.extend({ name: z.string(), elected: z.boolean() })),
  }),
  resolution: z.string(),
});
export type VoteView = z.infer<typeof voteView>;

export const attachmentItem = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: nstr,
});
export type AttachmentItem = z.infer<typeof attachmentItem>;

const leftOutItem = z.object({
  personId: z.string(),
  name: z.string(),
  reason: z.enum(LEFT_OUT_REASONS),
  label: z.string(),
});
export const gradeView = z.object({
  personId: z.string(),
  name: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  followUp: z.enum(FOLLOW_UP_KINDS).nullable(),
  followUpLabel: nstr,
  followUpDoneOn: nstr,
  followUpNote: nstr,
});
export type GradeView = z.infer<typeof gradeView>;

export const meetingDetail = meetingItem.extend({
  hostPersonId: nstr,
  hostName: nstr,
  recorderPersonId: nstr,
  recorderName: nstr,
  lecturer: nstr,
  agenda: z.array(z.string()),
  minutes: nstr,
  resolutions: nstr,
  attendance: z.array(attendanceEntry),
  votes: z.array(voteView),
  createdByName: nstr,
  updatedAt: nstr,
  cancellation: z.object({ at: z.string(), actorName: nstr, reason: z.string() }).nullable(),
  attachments: z.array(attachmentItem),
  /** 学时 credited to each member present (the record's own, or its kind's default for older records). */
  classHours: z.number(),
  /** Who the record leaves out of 应到 (of attendance, of the vote) and why. */
  leftOut: z.object({ attendance: z.array(leftOutItem), vote: z.array(leftOutItem) }),
  /** 民主评议党员: the grades, with the follow-up each calls for. */
  grades: z.array(gradeView),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const meetingList = pagedList(meetingItem);
export type MeetingList = z.infer<typeof meetingList>;
export const noticeList = z.object({ items: z.array(meetingItem) });

export const REVISION_KINDS = ['revision', 'submit', 'resubmit', 'approve', 'return', 'cancel'] as const;
export const revisionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      kind: z.enum(REVISION_KINDS),
      at: z.string(),
      actorName: nstr,
      reason: nstr,
      statusAfter: z.string(),
      diff: z.array(z.object({ field: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
});
export type RevisionItem = z.infer<typeof revisionList>['items'][number];

export const rosterPerson = z.object({
  personId: z.string(),
  name: z.string(),
  partyStatus: z.string(),
  exempt: z.boolean(),
  /** 停止党籍 that day: no vote, not in 应到. */
  suspended: z.boolean(),
  partyGroupId: nstr,
  partyPosts: nstr,
  /** The committee posts held that day (书记, 组织委员, …). */
  posts: z.array(z.string()),
  /** Holds a post of the committee that existed that day: on the 应到 list of a committee meeting. */
  committee: z.boolean(),
});
export type RosterPerson = z.infer<typeof rosterPerson>;
export const rosterResponse = z.object({
  orgId: z.string(),
  date: z.string(),
  items: z.array(rosterPerson),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The 应到 of a committee meeting: the members holding a post of the committee that day. */
  committee: z.array(z.string()),
  /** A committee existed that day (not only a secretary and deputy). */
  hasCommittee: z.boolean(),
});
export type RosterResponse = z.infer<typeof rosterResponse>;

/** The organizations the caller may record a meeting for: their branches and those branches' groups. */
export const recordableOrgs = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.enum(['branch', 'party_group']),
      parentId: nstr,
      hasCommittee: z.boolean(),
      establishedOn: z.string(),
      /** Dissolved or merged: only late records for the days before it. */
      dissolvedOn: nstr,
    }),
  ),
});
export type RecordableOrg = z.infer<typeof recordableOrgs>['items'][number];

export const followUpItem = z.object({
  meetingId: z.string(),
  heldOn: z.string(),
  branchName: z.string(),
  personId: z.string(),
  name: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  followUp: z.enum(FOLLOW_UP_KINDS),
  followUpLabel: z.string(),
});
export type FollowUpItem = z.infer<typeof followUpItem>;
export const todoDue = z.object({
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
});
export type TodoDue = z.infer<typeof todoDue>;
export const todoResponse = z.object({
  today: z.string(),
  branches: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      hasCommittee: z.boolean(),
      /** Dissolved or merged: listed while it owes late records for the days it existed. */
      dissolvedOn: nstr,
      due: z.array(todoDue),
    }),
  ),
  /** Planned meetings the caller is expected at (the home page shows them as notices). */
  notices: z.array(meetingItem),
  drafts: z.array(meetingItem),
  returned: z.array(meetingItem),
  /** 民主评议 follow-ups not yet done (基本合格: a talk; 不合格: the handling). */
  followUps: z.array(followUpItem),
  reviewQueueCount: z.number(),
});
export type Todo = z.infer<typeof todoResponse>;

const ruleset = z.object({ name: z.string(), version: z.string(), effectiveFrom: z.string() });
const fractionView = z.object({ numerator: z.number(), denominator: z.number() });
export const settingsView = z.object({
  lateAfterDays: z.number(),
  lectureFrequency: frequency,
  silentAfterDays: z.number(),
  rankingEnabled: z.boolean(),
  classHoursByKind: z.record(z.enum(MEETING_KINDS), z.number()),
  redAfterMissedMonths: z.number(),
  redAfterMissedUnits: z.number(),
  owedIfActive: fractionView,
  yearlyTodoLeadMonths: z.number(),
  exemptAbsentInVoteExpected: z.boolean(),
  electionQuorum: fractionView,
  excellentRatio: fractionView,
  signInWindowMinutes: z.number(),
});
export const settingsResponse = settingsView.extend({ rulesets: z.array(ruleset) });
export type SettingsResponse = z.infer<typeof settingsResponse>;

const light = z.enum(['green', 'yellow', 'red']);
export const complianceItem = z.object({
  orgId: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  expected: z.number(),
  due: z.number(),
  held: z.number(),
  late: z.number(),
  missing: z.number(),
  meetings: z.number(),
  /** Meetings recorded without their quorum (未达到规定人数): they cover nothing. */
  invalid: z.number(),
  status: light,
});
export type ComplianceItemView = z.infer<typeof complianceItem>;
export const complianceResponse = z.object({
  rulesets: z.array(ruleset),
  /** What a branch owes, each with the article it comes from. */
  requirements: z.array(
    z.object({
      kind: z.enum(MEETING_KINDS),
      kindLabel: z.string(),
      frequency,
      holder: z.enum(['branch', 'committee', 'group']),
      basis: z.string(),
    }),
  ),
  settings: settingsView,
  period: z.object({ from: z.string(), to: z.string() }),
  items: z.array(complianceItem),
  branches: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      parentId: nstr,
      parentName: nstr,
      dissolvedOn: nstr,
      status: light,
      lastHeldOn: nstr,
      silent: z.boolean(),
      attendanceRate: rate,
      expected: z.number(),
      held: z.number(),
      late: z.number(),
      due: z.number(),
      missing: z.number(),
      invalid: z.number(),
      /** Held of the units already due (null before any is due): the completion the list sorts by. */
      completion: rate,
      /** The committee's term: overdue is red here too. */
      term: z.object({ endsOn: z.string(), status: z.string(), statusLabel: z.string() }).nullable(),
    }),
  ),
});
export type Compliance = z.infer<typeof complianceResponse>;

export const memberAttendanceResponse = z.object({
  year: z.number(),
  items: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      branchId: z.string(),
      branchName: z.string(),
      expected: z.number(),
      present: z.number(),
      leave: z.number(),
      absent: z.number(),
      madeUp: z.number(),
      rate,
    }),
  ),
});
export type MemberAttendance = z.infer<typeof memberAttendanceResponse>['items'][number];

export const matrixResponse = z.object({
  year: z.number(),
  months: z.array(z.string()),
  rows: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      parentId: nstr,
      parentName: nstr,
      cells: z.array(
        z.object({
          month: z.string(),
          expected: z.number(),
          held: z.number(),
          late: z.number(),
          meetings: z.number(),
          status: z.enum(['green', 'yellow', 'red', 'pending']),
        }),
      ),
    }),
  ),
  trend: z.array(z.object({ month: z.string(), completion: rate, attendanceRate: rate })),
});
export type Matrix = z.infer<typeof matrixResponse>;

/** A 204 answer: no body. */
export const noContent = z.null().meta({ description: '无内容' });

// ---------------------------------------------------------------- members' own part, grades

export const signInBody = z
  .object({
    code: label(
      z
        .string({ error: '应为文字' })
        .trim()
        .regex(/^\d{6}$/, '应为 6 位数字'),
      '签到码',
    ).optional(),
  })
  .optional();
export const leaveBody = z.object({ reason: requiredText('请假原因', 200) });
export const makeUpBody = z.object({ on: date('补学日期'), how: requiredText('补学方式', 200) });
export const confirmMakeUpBody = z.object({ personId: uuid('党员') });
export const followUpBody = z.object({
  personId: uuid('党员'),
  doneOn: date('完成日期'),
  note: requiredText('跟进情况', 500),
});
export const personParams = z.object({ personId: uuid('党员') });
/** Without a year: this year. */
export const gradesExportQuery = z.object({ orgId: uuid('组织').optional(), year: year.optional() });
export const complianceExportQuery = complianceQuery.extend({ year: year.optional() });

export const signInCodeResponse = z.object({ code: z.string(), validOn: z.string(), path: z.string() });

export const followUpList = z.object({ items: z.array(followUpItem) });

export const memberRecordResponse = z.object({
  personId: z.string(),
  name: nstr,
  years: z.array(
    z.object({
      year: z.number(),
      expected: z.number(),
      present: z.number(),
      leave: z.number(),
      absent: z.number(),
      madeUp: z.number(),
      rate,
      grade: z
        .object({
          grade: z.enum(GRADES),
          label: z.string(),
          meetingId: z.string(),
          heldOn: z.string(),
          branchName: z.string(),
        })
        .nullable(),
    }),
  ),
});
export type MemberRecord = z.infer<typeof memberRecordResponse>;
