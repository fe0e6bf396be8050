import { z } from 'zod';
import { zDraftedAt } from '../../platform/drafts';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { DEFAULT_SAFETY_SETTINGS, OBLIGATION_STATUSES, VIOLATION_KINDS, VIOLATION_SOURCES } from './rules';

/**
 * The safety module's HTTP contract: requests (every field titled, so a validation message names it)
 * and the answers the routes serialize through. The web's types are the `z.infer` of these.
 */

const kind = z.enum(VIOLATION_KINDS, { error: '类型应为 rule_breach（违章）或 discipline_breach（违纪）' });
export const violationKind = kind;
const source = z.enum(VIOLATION_SOURCES, {
  error: '来源应为 inspection、video、self_report 或 other',
});
/** Checked against the tenant's list in the use case, where the message can name the list. */
const code = z.string({ error: '应为类别代码' }).trim().max(40, '不能超过 40 个字符');
const orgFilter = label(zUuid, '组织').optional();

export const createViolationBody = z.object({
  personId: label(zUuid, '人员'),
  kind: label(kind, '类型'),
  occurredOn: label(zDate, '发生日期'),
  category: label(code, '违章类别'),
  severity: label(code, '严重程度').optional(),
  source: label(source, '来源').optional(),
  place: label(zText(100), '地点').nullish(),
  post: label(zText(50), '岗位').nullish(),
  description: label(zRequiredText(2000), '情况描述'),
  /** When the record was begun on the phone, if it was typed as a draft offline. */
  draftedAt: zDraftedAt,
});
export type ViolationInput = z.infer<typeof createViolationBody>;

export const violationListQuery = z.object({
  orgId: orgFilter,
  personId: label(zUuid, '人员').optional(),
  from: label(zDate, '开始日期').optional(),
  to: label(zDate, '结束日期').optional(),
  kind: label(kind, '类型').optional(),
  category: label(code, '违章类别').optional(),
  membersOnly: label(z.enum(['true', 'false'], { error: '应为 true 或 false' }), '仅党员').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ViolationListQuery = z.infer<typeof violationListQuery>;

export const idParams = z.object({ id: label(zUuid, 'ID') });

const zYear = z.coerce
  .number({ error: '年份应为数字' })
  .int('年份应为整数')
  .min(2000, '年份不能早于 2000')
  .max(2100, '年份不能晚于 2100')
  .meta({ title: '年份' });
const zMonth = z.coerce
  .number({ error: '月份应为数字' })
  .int('月份应为整数')
  .min(1, '月份为 1–12')
  .max(12, '月份为 1–12')
  .meta({ title: '月份' });

export const analysisQuery = z.object({ orgId: orgFilter, year: zYear.optional(), month: zMonth.optional() });
export type AnalysisQuery = z.infer<typeof analysisQuery>;
export const boardQuery = analysisQuery;

// ---- settings (local practice; national practice as defaults) ----

const codeName = z.object({
  code: label(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,40}$/, '代码只能包含小写字母、数字和下划线（1–40 个字符）'),
    '代码',
  ),
  name: label(zRequiredText(40), '名称'),
});
const d = DEFAULT_SAFETY_SETTINGS;

/** What `tenants.settings.safety` holds; every key falls back to its default (settings.ts). */
export const safetySettingsSchema = z.object({
  categories: z.array(codeName).min(1).max(100).default(d.categories),
  severities: z.array(codeName).min(1).max(10).default(d.severities),
  talkDueDays: z.number().int().min(0).max(90).default(d.talkDueDays),
  talkLateDays: z.number().int().min(0).max(365).default(d.talkLateDays),
  memberRateThreshold: z.number().min(0).max(1000).default(d.memberRateThreshold),
  flagMinViolations: z.number().int().min(1).max(100).default(d.flagMinViolations),
  weakRule: z
    .object({
      count: z.number().int().min(1).max(20).default(d.weakRule.count),
      days: z.number().int().min(1).max(730).default(d.weakRule.days),
    })
    .prefault({}),
  followupEveryMonths: z.number().int().min(1).max(12).default(d.followupEveryMonths),
});

const zNumber = z.number({ error: '应为数字' });
export const settingsBody = z.object({
  categories: label(z.array(codeName).min(1, '至少保留一个类别').max(100), '违章类别').optional(),
  severities: label(z.array(codeName).min(1, '至少保留一个等级').max(10), '严重程度分级').optional(),
  talkDueDays: label(
    zNumber.int().min(0, '不能为负数').max(90, '不能超过 90 天'),
    '谈话期限（天）',
  ).optional(),
  talkLateDays: label(zNumber.int().min(0).max(365), '补录期限（天）').optional(),
  memberRateThreshold: label(zNumber.min(0, '不能为负数').max(1000), '党员违章率阈值').optional(),
  flagMinViolations: label(zNumber.int().min(1, '至少 1 件').max(100), '预警最少件数').optional(),
  weakRule: label(
    z.object({
      count: label(zNumber.int().min(1, '至少 1 次').max(20), '次数'),
      days: label(zNumber.int().min(1, '至少 1 天').max(730), '天数'),
    }),
    '薄弱人规则',
  ).optional(),
  followupEveryMonths: label(zNumber.int().min(1).max(12), '帮教间隔（月）').optional(),
});
export type SettingsInput = z.infer<typeof settingsBody>;

// ==== answers ====

const id = z.string();
const nullableText = z.string().nullable();
const rate = z.number().nullable();
export const codeNameItem = z.object({ code: z.string(), name: z.string() });
export type CodeNameItem = z.infer<typeof codeNameItem>;

export const violationMeta = z.object({
  items: z.array(codeNameItem),
  severities: z.array(codeNameItem),
  kinds: z.array(codeNameItem),
  sources: z.array(codeNameItem),
});
export type ViolationMeta = z.infer<typeof violationMeta>;

export const obligationStatus = z.enum(OBLIGATION_STATUSES);
export const violation = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  personId: id,
  personName: z.string(),
  wasMember: z.boolean(),
  kind,
  kindLabel: z.string(),
  occurredOn: z.string(),
  place: nullableText,
  post: nullableText,
  category: z.string(),
  categoryName: z.string(),
  severity: z.string(),
  severityName: z.string(),
  source,
  sourceLabel: z.string(),
  description: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  /** The talk obligation the violation opened. */
  talk: z
    .object({ obligationId: id, dueOn: z.string(), status: obligationStatus, talkId: id.nullable() })
    .nullable(),
  actions: z.array(z.enum(['record_talk'])),
});
export type Violation = z.infer<typeof violation>;
export const violationList = pagedList(violation);
export type ViolationList = z.infer<typeof violationList>;

const branchStat = z.object({
  orgId: id,
  orgName: z.string(),
  parentName: nullableText,
  employees: z.number(),
  members: z.number(),
  violations: z.number(),
  memberViolations: z.number(),
  nonMemberViolations: z.number(),
  rate,
  memberRate: rate,
  nonMemberRate: rate,
  memberRateYearly: rate,
  flagged: z.boolean(),
  /** The analysis that answers the flag for this period, if any. */
  analysis: z.object({ id, status: z.string() }).nullable(),
});
const categoryCount = codeNameItem.extend({ count: z.number(), memberCount: z.number() });
export const safetyAnalysis = z.object({
  org: z.object({ id, name: z.string(), type: z.string() }),
  period: z.object({
    year: z.number(),
    month: z.number().nullable(),
    from: z.string(),
    to: z.string(),
    elapsedMonths: z.number(),
  }),
  threshold: z.number(),
  flagMinViolations: z.number(),
  /** Per branch, with the categories that had a violation in the period, most first. */
  items: z.array(branchStat.extend({ byCategory: z.array(categoryCount) })),
  totals: z.object({
    employees: z.number(),
    members: z.number(),
    violations: z.number(),
    memberViolations: z.number(),
    rate,
    memberRate: rate,
    nonMemberRate: rate,
    memberRateYearly: rate,
  }),
  flagged: z.array(id),
  flaggedWithoutAnalysis: z.array(id),
  byCategory: z.array(categoryCount),
  bySeverity: z.array(categoryCount),
  trend: z.array(z.object({ month: z.string(), violations: z.number(), memberViolations: z.number() })),
});
export type SafetyAnalysis = z.infer<typeof safetyAnalysis>;
export type BranchStat = SafetyAnalysis['items'][number];

export const safetyBoard = safetyAnalysis.extend({
  today: z.string(),
  counts: z.object({
    weakUncovered: z.number(),
    openTalks: z.number(),
    overdueTalks: z.number(),
    weakActive: z.number(),
    weakFollowupsOverdue: z.number(),
    analysesOpen: z.number(),
    projectsActive: z.number(),
    weakImproved: z.number(),
    weakNotImproved: z.number(),
  }),
  overdueTalks: z.array(
    z.object({
      obligationId: id,
      personName: z.string(),
      orgName: z.string(),
      dueOn: z.string(),
      violationId: id,
    }),
  ),
});
export type SafetyBoard = z.infer<typeof safetyBoard>;

export const safetyTodo = z.object({
  today: z.string(),
  counts: z.object({
    talks: z.number(),
    talksOverdue: z.number(),
    followups: z.number(),
    followupsOverdue: z.number(),
    analyses: z.number(),
  }),
  talks: z.array(
    z.object({
      obligationId: id,
      personId: id,
      personName: z.string(),
      orgName: z.string(),
      violationId: id,
      dueOn: z.string(),
      status: obligationStatus,
    }),
  ),
  followups: z.array(
    z.object({
      weakPersonId: id,
      personName: z.string(),
      mentorName: z.string(),
      dueOn: z.string(),
      overdue: z.boolean(),
    }),
  ),
  analyses: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      label: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      memberViolations: z.number(),
      memberRateYearly: rate,
      threshold: z.number(),
      link: z.string(),
    }),
  ),
});
export type SafetyTodo = z.infer<typeof safetyTodo>;

export const safetySettings = z.object({
  categories: z.array(codeNameItem),
  severities: z.array(codeNameItem),
  talkDueDays: z.number(),
  talkLateDays: z.number(),
  memberRateThreshold: z.number(),
  flagMinViolations: z.number(),
  weakRule: z.object({ count: z.number(), days: z.number() }),
  followupEveryMonths: z.number(),
  /** Whether the caller may change them (the committee's administrators). */
  editable: z.boolean(),
  /** The caller's widest managed organization. */
  scope: z.string(),
});
export type SafetySettingsAnswer = z.infer<typeof safetySettings>;

export * from './work-contract';
