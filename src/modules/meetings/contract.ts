import { z } from 'zod';
import { zDate, zUuid } from '../../platform/i18n';
import { ATTENDANCE_STATUSES, MEETING_KINDS, MEETING_STATUSES, VOTE_TYPES } from './rules';

const kind = z.enum(MEETING_KINDS, {
  error: `会议类型应为 ${MEETING_KINDS.join('、')} 之一`,
});
const status = z.enum(MEETING_STATUSES, {
  error: '状态应为 draft、submitted、approved、returned 或 cancelled',
});
const heldAt = z.iso.datetime({
  offset: true,
  error: '召开时间应为带时区的 ISO 时间，如 2025-03-05T09:00:00+08:00',
});
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`);
const requiredText = (label: string, max: number) => text(label, max).min(1, `${label}不能为空`);
const count = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10000);

export const attendanceInput = z.object({
  personId: zUuid,
  status: z.enum(ATTENDANCE_STATUSES, {
    error: '出勤状态应为 present（出席）、leave（请假）或 absent（缺席）',
  }),
  reason: text('请假原因', 200).nullish(),
  makeUpOn: zDate.nullish(),
  makeUpHow: text('补学方式', 200).nullish(),
});

export const voteInput = z.object({
  subject: requiredText('表决事项', 200),
  type: z.enum(VOTE_TYPES, { error: '表决类型应为 admission、full_membership、election 或 decision' }),
  yes: count('赞成票'),
  no: count('反对票'),
  abstain: count('弃权票'),
  writtenYes: count('书面赞成意见').optional(),
  writtenNo: count('书面反对意见').optional(),
  writtenAbstain: count('书面弃权意见').optional(),
});

const meetingFields = {
  orgId: zUuid,
  kind,
  topic: requiredText('会议主题', 200),
  heldAt,
  place: requiredText('会议地点', 100),
  hostPersonId: zUuid.nullish(),
  recorderPersonId: zUuid.nullish(),
  lecturer: text('授课人', 50).nullish(),
  agenda: z
    .array(requiredText('议程', 200), { error: '议程应为文字列表' })
    .max(30, '议程最多 30 项')
    .optional(),
  minutes: text('会议记录', 20000).nullish(),
  resolutions: text('决议', 5000).nullish(),
  attendance: z.array(attendanceInput, { error: '出勤应为名单列表' }).max(500, '出勤名单最多 500 人'),
  votes: z.array(voteInput, { error: '表决应为列表' }).max(20, '表决事项最多 20 项').optional(),
};

export const createMeetingBody = z.object(meetingFields);
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
  decision: z.enum(['approve', 'return'], { error: '审核结论应为 approve（通过）或 return（退回）' }),
  comment: text('审核意见', 1000).optional(),
});

export const meetingIdParams = z.object({ id: zUuid });

export const cancelBody = z.object({
  reason: requiredText('取消原因', 500),
});

const year = z.coerce
  .number({ error: '年份应为数字' })
  .int('年份应为整数')
  .min(2000, '年份不能早于 2000')
  .max(2100, '年份不能晚于 2100');

export const listMeetingsQuery = z.object({
  orgId: zUuid.optional(),
  kind: kind.optional(),
  status: status.optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  late: z.enum(['true', 'false'], { error: '补录筛选应为 true 或 false' }).optional(),
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int('页码应为整数')
    .min(1, '页码最小为 1')
    .max(100000)
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int('每页条数应为整数')
    .min(1, '每页条数最小为 1')
    .max(200, '每页最多 200 条')
    .default(50),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuery>;

export const complianceQuery = z.object({
  orgId: zUuid.optional(),
  year,
  quarter: z.coerce
    .number({ error: '季度应为 1 至 4' })
    .int('季度应为 1 至 4')
    .min(1, '季度应为 1 至 4')
    .max(4, '季度应为 1 至 4')
    .optional(),
});

export const matrixQuery = z.object({ orgId: zUuid.optional(), year });
export const rosterQuery = z.object({ orgId: zUuid, date: zDate.optional() });

export const settingsBody = z
  .object({
    lateAfterDays: z
      .number({ error: '补录期限应为天数' })
      .int('补录期限应为整数天')
      .min(0, '补录期限不能为负数')
      .max(365, '补录期限最多 365 天'),
    lectureFrequency: z.enum(['month', 'quarter', 'half_year', 'year'], {
      error: '党课频次应为 month、quarter、half_year 或 year',
    }),
    silentAfterDays: z
      .number({ error: '静默天数应为数字' })
      .int('静默天数应为整数')
      .min(1, '静默天数至少 1 天')
      .max(365, '静默天数最多 365 天'),
    rankingEnabled: z.boolean({ error: '排名开关应为 true 或 false' }),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
