import { z } from 'zod';
import { zDraftedAt } from '../../platform/drafts';
import { pagedList, pageQuery } from '../../platform/http';
import { zPageSize } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { date, heldAt, hours, kind, nstr, rate, requiredText, status, text, uuid } from './contract-fields';
import { followUpItem, gradeInput, gradeView } from './contract-grades';
import { attendanceEntry, attendanceInput, leftOutItem, voteInput, voteView } from './contract-roll';
import { ATTENDANCE_STATUSES } from './rules';
import { MEETING_KINDS, MEETING_STATUSES } from './rules-kinds';

/**
 * The meetings API both ways: what a client may send (every field titled in Chinese: validation messages
 * name it by its title) and what it gets back (Fastify serializes through these; the web's types are
 * inferred from them). This file holds the meeting record (its lifecycle, lists, revisions and the
 * to-do); the roll call, roster and members' own part are contract-roll.ts, grades contract-grades.ts,
 * settings contract-settings.ts, compliance and the matrix contract-compliance.ts.
 */

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

// ---------------------------------------------------------------- responses

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

/** A 204 answer: no body. */
export const noContent = z.null().meta({ description: '无内容' });
