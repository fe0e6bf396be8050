import { z } from 'zod';
import { zDate, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { ITEM_KINDS, PERIOD_KINDS, SOURCES, TARGETS } from './rules';

/** Requests and answers of 考核评比 and 岗区考核; the web's types are `z.infer` of the answers. */

const points = (title: string, positive = false) =>
  z
    .number()
    .min(0, '不能小于 0')
    .max(1000, '不能大于 1000')
    .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9, '最多一位小数')
    .refine((v) => !positive || v > 0, '应大于 0')
    .meta({ title });

export const idParams = z.object({ id: zUuid.meta({ title: 'ID' }) });
export const orgParams = z.object({ orgId: zUuid.meta({ title: '组织' }) });
export const subjectParams = z.object({
  id: zUuid.meta({ title: '考核轮次' }),
  subjectId: zUuid.meta({ title: '考核对象' }),
});

// ---------------------------------------------------------------- templates

export const itemRuleInput = z
  .object({
    perUnit: z
      .number()
      .min(0, '不能小于 0')
      .max(100, '不能大于 100')
      .optional()
      .meta({ title: '每起（每单位）分值' }),
    fullAt: z.number().gt(0, '应大于 0').max(1, '不能大于 1').optional().meta({ title: '满分比例' }),
  })
  .strict()
  .meta({ title: '计分规则' });

export const templateItemInput = z
  .object({
    name: zRequiredText(60).meta({ title: '考核项目' }),
    maxPoints: points('分值', true),
    source: z.enum(SOURCES).meta({ title: '数据来源' }),
    kind: z.enum(ITEM_KINDS).optional().meta({ title: '项目类型' }),
    rule: itemRuleInput.optional(),
    criteria: zText(500).optional().meta({ title: '评分标准' }),
  })
  .meta({ title: '考核项目' });

export const templateBody = z.object({
  name: zRequiredText(60).meta({ title: '模板名称' }),
  target: z.enum(TARGETS).meta({ title: '考核对象' }),
  items: z
    .array(templateItemInput)
    .min(1, '至少一个考核项目')
    .max(40, '最多 40 个考核项目')
    .meta({ title: '考核项目' }),
  orgId: zUuid.optional().meta({ title: '所属组织' }),
  periodKind: z.enum(PERIOD_KINDS).nullable().optional().meta({ title: '考核周期' }),
  description: zText(1000).optional().meta({ title: '说明' }),
  bonusCap: points('加分上限').nullable().optional(),
  deductionCap: points('扣分上限').nullable().optional(),
});
export type TemplateBody = z.infer<typeof templateBody>;
export const reviseBody = templateBody.omit({ orgId: true, target: true });
export type ReviseBody = z.infer<typeof reviseBody>;

export const templateListQuery = z.object({
  target: z.enum(TARGETS).optional().meta({ title: '考核对象' }),
  all: z.enum(['true', 'false']).optional().meta({ title: '含历史版本' }),
});

export const templateItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ITEM_KINDS),
  kindLabel: z.string(),
  maxPoints: z.number(),
  source: z.enum(SOURCES),
  sourceLabel: z.string(),
  rule: z.object({ perUnit: z.number().optional(), fullAt: z.number().optional() }).nullable(),
  ruleText: z.string(),
  criteria: z.string().nullable(),
  /** The source's module is installed: false shows 数据来源未启用. */
  available: z.boolean(),
});

export const template = z.object({
  id: z.string(),
  familyId: z.string(),
  version: z.number(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  target: z.enum(TARGETS),
  targetLabel: z.string(),
  periodKind: z.enum(PERIOD_KINDS).nullable(),
  description: z.string().nullable(),
  bonusCap: z.number().nullable(),
  deductionCap: z.number().nullable(),
  /** The most a subject can score: the sum of the score items. */
  maxTotal: z.number(),
  status: z.enum(['active', 'superseded', 'retired']),
  createdByName: z.string(),
  createdAt: z.string(),
  items: z.array(templateItem),
  /** Rounds that used this version. */
  rounds: z.number(),
  actions: z.array(z.enum(['revise', 'retire', 'start_round'])),
});
export type Template = z.infer<typeof template>;
export const templateList = z.object({ items: z.array(template) });
export type TemplateList = z.infer<typeof templateList>;

export const sourceList = z.object({
  items: z.array(
    z.object({
      source: z.enum(SOURCES),
      label: z.string(),
      targets: z.array(z.enum(TARGETS)),
      measure: z.enum(['ratio', 'count', 'manual']),
      defaultKind: z.enum(ITEM_KINDS),
      defaultPerUnit: z.number().nullable(),
      rule: z.string(),
      available: z.boolean(),
    }),
  ),
});
export type SourceList = z.infer<typeof sourceList>;

// ---------------------------------------------------------------- rounds

export const roundBody = z.object({
  templateId: zUuid.meta({ title: '考核模板' }),
  orgId: zUuid.meta({ title: '考核范围' }),
  periodStart: zDate.meta({ title: '考核期开始' }),
  periodEnd: zDate.meta({ title: '考核期结束' }),
  name: zText(80).optional().meta({ title: '考核名称' }),
});
export type RoundBody = z.infer<typeof roundBody>;

export const roundListQuery = z.object({
  orgId: zUuid.optional().meta({ title: '组织' }),
  status: z.enum(['open', 'closed']).optional().meta({ title: '状态' }),
});

export const round = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  templateVersion: z.number(),
  target: z.enum(TARGETS),
  periodStart: z.string(),
  periodEnd: z.string(),
  periodLabel: z.string(),
  status: z.enum(['open', 'closed']),
  createdByName: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  frozenOn: z.string().nullable(),
  /** Whether the caller sees every subject, or only those in their own subtrees. */
  seesAll: z.boolean(),
  actions: z.array(z.enum(['score', 'close', 'export'])),
});
export type Round = z.infer<typeof round>;
export const roundList = z.object({ items: z.array(round) });
export type RoundList = z.infer<typeof roundList>;

export const evidenceRecord = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  note: z.string().nullable(),
  /** The web page of the record in its own module. */
  link: z.string().nullable(),
  /** A record that cost points (bad) or earned them (good). */
  tone: z.enum(['good', 'bad', 'neutral']),
});
export const evidence = z.object({
  summary: z.string(),
  /** The owning module's page listing the records. */
  link: z.string().nullable(),
  total: z.number(),
  records: z.array(evidenceRecord),
});
export type Evidence = z.infer<typeof evidence>;

export const resultItem = z.object({
  itemId: z.string(),
  name: z.string(),
  kind: z.enum(ITEM_KINDS),
  source: z.enum(SOURCES),
  sourceLabel: z.string(),
  /** Signed points (deductions negative); null when not counted. */
  points: z.number().nullable(),
  max: z.number(),
  computed: z.boolean(),
  /** The source's module is installed. */
  available: z.boolean(),
  /** The item applies to this subject (e.g. no deadline fell in the period: not applicable). */
  applicable: z.boolean(),
  /** A manual item has been scored. */
  scored: z.boolean(),
  value: z.number().nullable(),
  valueText: z.string(),
  reason: z.string().nullable(),
  scoredByName: z.string().nullable(),
  evidence,
});
export type ResultItem = z.infer<typeof resultItem>;

export const result = z.object({
  /** The branch (branch rounds) or the person (member rounds) assessed. */
  subjectId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  /** Member rounds: the zones and model posts the member is responsible for. */
  zones: z.array(z.object({ id: z.string(), name: z.string(), kindLabel: z.string() })),
  applicable: z.boolean(),
  note: z.string().nullable(),
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  percent: z.number().nullable(),
  bonus: z.number(),
  deduction: z.number(),
  /** Null unless the tenant turned ranking on. */
  rank: z.number().nullable(),
  /** Null unless the tenant turned star levels on. */
  stars: z.number().nullable(),
  /** Manual items not yet scored. */
  unscored: z.number(),
  items: z.array(resultItem),
});
export type Result = z.infer<typeof result>;

export const resultList = z.object({
  round,
  ranking: z.boolean(),
  stars: z.boolean(),
  /** As of: the day the figures were read (today while open, the day of closing once closed). */
  asOf: z.string(),
  items: z.array(result),
});
export type ResultList = z.infer<typeof resultList>;

export const resultDetail = z.object({
  round,
  ranking: z.boolean(),
  stars: z.boolean(),
  asOf: z.string(),
  result,
});
export type ResultDetail = z.infer<typeof resultDetail>;

export const scoreBody = z.object({
  subjectId: zUuid.meta({ title: '考核对象' }),
  itemId: zUuid.meta({ title: '考核项目' }),
  points: points('得分'),
  reason: zRequiredText(500).meta({ title: '评分理由' }),
});
export type ScoreBody = z.infer<typeof scoreBody>;

// ---------------------------------------------------------------- zones and model posts

export const ZONE_KINDS = ['zone', 'model_post'] as const;
export const zoneBody = z.object({
  orgId: zUuid.meta({ title: '党支部' }),
  kind: z.enum(ZONE_KINDS).meta({ title: '类型' }),
  name: zRequiredText(60).meta({ title: '名称' }),
  area: zRequiredText(200).meta({ title: '区域或岗位' }),
  goals: zRequiredText(1000).meta({ title: '目标' }),
  personIds: z
    .array(zUuid.meta({ title: '责任党员' }))
    .min(1, '至少一名责任党员')
    .max(20, '最多 20 名责任党员')
    .meta({ title: '责任党员' }),
  startedOn: zDate.meta({ title: '设立日期' }),
});
export type ZoneBody = z.infer<typeof zoneBody>;
export const zoneUpdateBody = zoneBody.omit({ orgId: true, kind: true, startedOn: true }).extend({
  version: z.number().int('应为整数').min(1, '不能小于 1').meta({ title: '版本' }),
});
export type ZoneUpdateBody = z.infer<typeof zoneUpdateBody>;
export const zoneEndBody = z.object({ endedOn: zDate.meta({ title: '撤销日期' }) });

export const zoneListQuery = z.object({
  orgId: zUuid.optional().meta({ title: '组织' }),
  kind: z.enum(ZONE_KINDS).optional().meta({ title: '类型' }),
  ended: z.enum(['true', 'false']).optional().meta({ title: '含已撤销' }),
});

export const zone = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(ZONE_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  area: z.string(),
  goals: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.enum(['edit', 'end'])),
});
export type Zone = z.infer<typeof zone>;
export const zoneList = z.object({ items: z.array(zone) });
export type ZoneList = z.infer<typeof zoneList>;

// ---------------------------------------------------------------- the branch page

const resultBrief = z.object({
  roundId: z.string(),
  roundName: z.string(),
  periodLabel: z.string(),
  periodEnd: z.string(),
  status: z.enum(['open', 'closed']),
  subjectId: z.string(),
  personName: z.string().nullable(),
  applicable: z.boolean(),
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  percent: z.number().nullable(),
  stars: z.number().nullable(),
});
export const branchPage = z.object({
  org: z.object({ id: z.string(), name: z.string(), type: z.string(), parentName: z.string().nullable() }),
  zones: z.array(zone),
  /** Closed rounds that assessed the branch, newest first. */
  results: z.array(resultBrief),
  /** Closed member rounds: the results of the branch's zone members, newest first. */
  memberResults: z.array(resultBrief),
  /** Open rounds covering the branch (their results are live until closed). */
  openRounds: z.array(
    z.object({ id: z.string(), name: z.string(), periodLabel: z.string(), target: z.enum(TARGETS) }),
  ),
  canEditZones: z.boolean(),
});
export type BranchPage = z.infer<typeof branchPage>;

// ---------------------------------------------------------------- the overview

export const overviewQuery = z.object({
  orgId: zUuid.optional().meta({ title: '组织' }),
  year: z.coerce
    .number()
    .int('应为整数')
    .min(2000, '年份过早')
    .max(2100, '年份过大')
    .optional()
    .meta({ title: '年份' }),
  quarter: z.coerce
    .number()
    .int('应为整数')
    .min(1, '季度为 1–4')
    .max(4, '季度为 1–4')
    .optional()
    .meta({ title: '季度' }),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

export const OVERVIEW_EVIDENCE_KINDS = ['tasks', 'rectifications', 'org_life', 'safety'] as const;
export const overviewEvidenceQuery = overviewQuery.extend({
  orgId: zUuid.meta({ title: '党支部' }),
  kind: z.enum(OVERVIEW_EVIDENCE_KINDS).meta({ title: '指标' }),
});
export type OverviewEvidenceQuery = z.infer<typeof overviewEvidenceQuery>;

const figure = z.object({
  /** Null: the source's module is not installed (数据来源未启用). */
  available: z.boolean(),
  link: z.string(),
});
export const overviewRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  parentName: z.string().nullable(),
  members: z.number(),
  tasks: figure.extend({ owed: z.number(), overdue: z.number(), awaitingReview: z.number() }),
  rectifications: figure.extend({ open: z.number(), overdue: z.number(), awaitingAcceptance: z.number() }),
  orgLife: figure.extend({
    status: z.enum(['green', 'yellow', 'red']).nullable(),
    due: z.number(),
    held: z.number(),
    missing: z.number(),
    late: z.number(),
  }),
  safety: figure.extend({
    flagged: z.boolean(),
    memberViolations: z.number(),
    memberRateYearly: z.number().nullable(),
    overdueTalks: z.number(),
  }),
  assessment: z
    .object({
      roundId: z.string(),
      roundName: z.string(),
      periodLabel: z.string(),
      total: z.number().nullable(),
      maxTotal: z.number().nullable(),
      percent: z.number().nullable(),
      stars: z.number().nullable(),
      link: z.string(),
    })
    .nullable(),
  /** Why the branch needs follow-up, in words (the order of the rows: most concern first). */
  concerns: z.array(z.string()),
  branchLink: z.string(),
});
export type OverviewRow = z.infer<typeof overviewRow>;

export const overview = z.object({
  org: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  /** The general branches the caller may switch to (the committee's view lists them all). */
  choices: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  period: z.object({
    year: z.number(),
    quarter: z.number(),
    from: z.string(),
    to: z.string(),
    label: z.string(),
  }),
  today: z.string(),
  /** How the rows are ordered, in words. */
  orderNote: z.string(),
  safetyThreshold: z.number().nullable(),
  stars: z.boolean(),
  totals: z.object({
    branches: z.number(),
    tasksOwed: z.number(),
    tasksOverdue: z.number(),
    rectificationsOpen: z.number(),
    rectificationsOverdue: z.number(),
    orgLifeRed: z.number(),
    safetyFlagged: z.number(),
    needFollowUp: z.number(),
  }),
  rows: z.array(overviewRow),
});
export type Overview = z.infer<typeof overview>;

export const overviewEvidence = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(OVERVIEW_EVIDENCE_KINDS),
  title: z.string(),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  available: z.boolean(),
  summary: z.string(),
  /** The owning module's own page for more. */
  moduleLink: z.string().nullable(),
  records: z.array(evidenceRecord),
});
export type OverviewEvidence = z.infer<typeof overviewEvidence>;

// ---------------------------------------------------------------- settings

export const starLevel = z.object({
  stars: z.number().int('应为整数').min(1, '最少一星').max(5, '最多五星').meta({ title: '星级' }),
  minPercent: z.number().min(0, '不能小于 0').max(100, '不能大于 100').meta({ title: '最低得分率' }),
});
export const assessmentSettingsSchema = z.object({
  ranking: z.boolean().default(false).meta({ title: '显示排名' }),
  stars: z.boolean().default(false).meta({ title: '评定星级' }),
  starLevels: z
    .array(starLevel)
    .min(1, '至少一个星级')
    .max(5, '最多五个星级')
    .default([
      { stars: 5, minPercent: 95 },
      { stars: 4, minPercent: 85 },
      { stars: 3, minPercent: 75 },
      { stars: 2, minPercent: 60 },
      { stars: 1, minPercent: 0 },
    ])
    .meta({ title: '星级标准' }),
});
export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;
export const settingsBody = z
  .object({
    ranking: z.boolean().optional().meta({ title: '显示排名' }),
    stars: z.boolean().optional().meta({ title: '评定星级' }),
    starLevels: z
      .array(starLevel)
      .min(1, '至少一个星级')
      .max(5, '最多五个星级')
      .optional()
      .meta({ title: '星级标准' }),
  })
  .meta({ title: '考核设置' });
export type SettingsBody = z.infer<typeof settingsBody>;
export const settingsAnswer = assessmentSettingsSchema.extend({ editable: z.boolean() });
export type SettingsAnswer = z.infer<typeof settingsAnswer>;
