import { z } from 'zod';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import './labels';
import { VIOLATION_KINDS, VIOLATION_SOURCES, WEAK_OUTCOMES } from './rules';

const kind = z.enum(VIOLATION_KINDS, { error: '类型应为 rule_breach（违章）或 discipline_breach（违纪）' });
const source = z.enum(VIOLATION_SOURCES, {
  error: '来源应为 inspection、video、self_report 或 other',
});
/** Checked against the tenant's list in the service, where the message can name the list. */
const code = z.string({ error: '应为类别代码' }).trim().max(40, '不能超过 40 个字符');

export const createViolationBody = z.object({
  personId: zUuid,
  kind,
  occurredOn: zDate,
  category: code,
  severity: code.optional(),
  source: source.optional(),
  place: zText(100).nullish(),
  post: zText(50).nullish(),
  description: zRequiredText(2000),
});
export type ViolationInput = z.infer<typeof createViolationBody>;

export const violationListQuery = z.object({
  orgId: zUuid.optional(),
  personId: zUuid.optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  kind: kind.optional(),
  category: code.optional(),
  membersOnly: z.enum(['true', 'false'], { error: '应为 true 或 false' }).optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ViolationListQuery = z.infer<typeof violationListQuery>;

export const idParams = z.object({ id: zUuid });

const zYear = z.coerce
  .number({ error: '年份应为数字' })
  .int('年份应为整数')
  .min(2000, '年份不能早于 2000')
  .max(2100, '年份不能晚于 2100');
const zMonth = z.coerce
  .number({ error: '月份应为数字' })
  .int('月份应为整数')
  .min(1, '月份为 1–12')
  .max(12, '月份为 1–12');

export const analysisQuery = z.object({
  orgId: zUuid.optional(),
  year: zYear.optional(),
  month: zMonth.optional(),
});
export const boardQuery = z.object({
  orgId: zUuid.optional(),
  year: zYear.optional(),
  month: zMonth.optional(),
});

const codeName = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, '代码只能包含小写字母、数字和下划线（1–40 个字符）'),
  name: zRequiredText(40),
});
export const settingsBody = z.object({
  categories: z.array(codeName).min(1, '至少保留一个类别').max(100).optional(),
  severities: z.array(codeName).min(1, '至少保留一个等级').max(10).optional(),
  talkDueDays: z
    .number({ error: '应为数字' })
    .int()
    .min(0, '不能为负数')
    .max(90, '不能超过 90 天')
    .optional(),
  talkLateDays: z.number({ error: '应为数字' }).int().min(0).max(365).optional(),
  memberRateThreshold: z.number({ error: '应为数字' }).min(0, '不能为负数').max(1000).optional(),
  flagMinViolations: z.number({ error: '应为数字' }).int().min(1, '至少 1 件').max(100).optional(),
  weakRule: z
    .object({
      count: z.number({ error: '应为数字' }).int().min(1, '至少 1 次').max(20),
      days: z.number({ error: '应为数字' }).int().min(1, '至少 1 天').max(730),
    })
    .optional(),
  followupEveryMonths: z.number({ error: '应为数字' }).int().min(1).max(12).optional(),
});
export type SettingsInput = z.infer<typeof settingsBody>;

// ---- notices ----
export const createNoticeBody = z.object({
  orgId: zUuid,
  title: zRequiredText(100),
  body: zRequiredText(5000),
  issuedOn: zDate.optional(),
  violationIds: z.array(zUuid).max(200, '一次最多通报 200 条').default([]),
});
export type NoticeInput = z.infer<typeof createNoticeBody>;
export const noticeListQuery = z.object({ orgId: zUuid.optional(), page: zPage, pageSize: zPageSize });

// ---- analyses (剖析) ----
export const createAnalysisBody = z.object({
  orgId: zUuid,
  periodFrom: zDate,
  periodTo: zDate,
  trigger: z.enum(['threshold', 'manual'], { error: '应为 threshold 或 manual' }).default('manual'),
  rootCauses: zRequiredText(5000),
  measures: zRequiredText(5000),
  responsiblePersonId: zUuid.nullish(),
  dueOn: zDate,
});
export type AnalysisInput = z.infer<typeof createAnalysisBody>;
export const closeAnalysisBody = z.object({ comment: zRequiredText(1000), closedOn: zDate.optional() });
export const analysisListQuery = z.object({
  orgId: zUuid.optional(),
  status: z.enum(['open', 'closed'], { error: '状态应为 open 或 closed' }).optional(),
  page: zPage,
  pageSize: zPageSize,
});

// ---- weak workers (薄弱人包保) ----
export const createWeakPersonBody = z.object({
  personId: zUuid,
  mentorPersonId: zUuid,
  source: z.enum(['rule', 'manual'], { error: '应为 rule 或 manual' }).default('manual'),
  reason: zRequiredText(500),
  goals: zRequiredText(1000),
  startedOn: zDate,
});
export type WeakPersonInput = z.infer<typeof createWeakPersonBody>;
export const weakListQuery = z.object({
  orgId: zUuid.optional(),
  status: z.enum(['active', 'ended'], { error: '状态应为 active 或 ended' }).optional(),
  page: zPage,
  pageSize: zPageSize,
});
export const candidatesQuery = z.object({ orgId: zUuid.optional(), asOf: zDate.optional() });
export const followupBody = z.object({ heldOn: zDate, note: zRequiredText(2000) });
export const endWeakBody = z.object({
  endedOn: zDate,
  outcome: z.enum(WEAK_OUTCOMES, { error: '结果应为 improved（已转化）或 not_improved（未转化）' }),
  outcomeNote: zText(1000).nullish(),
});

// ---- tackling projects (重点攻关) ----
export const createProjectBody = z.object({
  orgId: zUuid,
  title: zRequiredText(100),
  problem: zRequiredText(2000),
  target: zRequiredText(2000),
  leaderPersonId: zUuid,
  memberPersonIds: z.array(zUuid).max(50, '成员最多 50 人').default([]),
  analysisId: zUuid.nullish(),
  violationIds: z.array(zUuid).max(200).default([]),
  startedOn: zDate,
  dueOn: zDate.nullish(),
  milestones: z
    .array(z.object({ title: zRequiredText(100), dueOn: zDate }))
    .max(30, '节点最多 30 个')
    .default([]),
});
export type ProjectInput = z.infer<typeof createProjectBody>;
export const projectListQuery = z.object({
  orgId: zUuid.optional(),
  status: z.enum(['active', 'completed'], { error: '状态应为 active 或 completed' }).optional(),
  page: zPage,
  pageSize: zPageSize,
});
export const projectUpdateBody = z.object({
  on: zDate,
  note: zRequiredText(2000),
  milestoneId: zUuid.nullish(),
});
export const completeProjectBody = z.object({
  result: zRequiredText(2000),
  evaluation: zRequiredText(2000),
  completedOn: zDate.optional(),
});
