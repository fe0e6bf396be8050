import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { IMPORT_SOURCES, IMPORT_UNITS, isHalfHours, LEDGER_STATUSES, SOURCE_KINDS } from './rules';

/**
 * The training module's HTTP contract: requests (every field titled, so a validation message names it)
 * and the answers the routes serialize through. Classes, courses, content and quizzes are in
 * contract-learning.ts, re-exported here; the web's types are the `z.infer` of these.
 */
export * from './contract-learning';
export * from './contract-quizzes';

export const idParams = z.object({ id: label(zUuid, 'ID') });
export const zYear = z.coerce
  .number({ error: '年份应为数字' })
  .int('年份应为整数')
  .min(2000, '年份不能早于 2000')
  .max(2100, '年份不能晚于 2100')
  .meta({ title: '年份' });
export const zHours = z
  .number({ error: '应为数字' })
  .min(0.5, '至少 0.5 学时')
  .max(200, '不能超过 200 学时')
  .refine(isHalfHours, '学时以 0.5 为单位');
export const zTopic = zRequiredText(40);
export const orgFilter = label(zUuid, '组织').optional();
const zBool = z.enum(['true', 'false'], { error: '应为 true 或 false' });

export { zBool };

export const fileItem = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type FileItem = z.infer<typeof fileItem>;
export const fileQuery = z.object({ inline: label(zBool, '在页面中打开').optional() });

// ==== hours (the ledger) ====

export const hoursQuery = z.object({
  orgId: orgFilter,
  year: zYear.optional(),
  status: label(
    z.enum(LEDGER_STATUSES, { error: '状态应为 done、on_track、behind 或 exempt' }),
    '状态',
  ).optional(),
  notDone: label(zBool, '仅未达标').optional(),
  q: label(zText(40), '姓名').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type HoursQuery = z.infer<typeof hoursQuery>;
export const hoursExportQuery = hoursQuery.omit({ page: true, pageSize: true });
export const statsQuery = z.object({ orgId: orgFilter, year: zYear.optional() });
export type StatsQuery = z.infer<typeof statsQuery>;
export const personHoursParams = z.object({ personId: label(zUuid, '人员') });
export const yearQuery = z.object({ year: zYear.optional() });

const sourceKind = z.enum(SOURCE_KINDS);
const status = z.enum(LEDGER_STATUSES);
export const hoursItem = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  hours: z.number(),
  target: z.number(),
  exempt: z.boolean(),
  status,
  statusLabel: z.string(),
  needed: z.number(),
  sources: z.array(z.object({ kind: sourceKind, hours: z.number() })),
});
export const statusCounts = z.object({
  done: z.number().int(),
  on_track: z.number().int(),
  behind: z.number().int(),
  exempt: z.number().int(),
});
export const hoursList = pagedList(hoursItem).extend({
  year: z.number().int(),
  target: z.number(),
  monthsLeft: z.number().int(),
  counts: statusCounts,
  scope: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type HoursItem = z.infer<typeof hoursItem>;
export type HoursList = z.infer<typeof hoursList>;

export const ledgerEntry = z.object({
  kind: sourceKind,
  kindLabel: z.string(),
  on: z.string(),
  title: z.string(),
  hours: z.number(),
  orgName: z.string().nullable(),
  note: z.string().nullable(),
  link: z.string().nullable(),
});
export const personHours = z.object({
  person: z.object({
    id: z.string(),
    name: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    exempt: z.boolean(),
    partyStatusLabel: z.string(),
  }),
  year: z.number().int(),
  target: z.number(),
  hours: z.number(),
  status,
  statusLabel: z.string(),
  needed: z.number(),
  monthsLeft: z.number().int(),
  importCapped: z.boolean(),
  sources: z.array(
    z.object({ kind: sourceKind, label: z.string(), hours: z.number(), count: z.number().int() }),
  ),
  entries: z.array(ledgerEntry),
});
export type PersonHours = z.infer<typeof personHours>;
export type LedgerEntry = z.infer<typeof ledgerEntry>;

const levelRow = z.object({
  orgId: z.string(),
  name: z.string(),
  type: z.string(),
  members: z.number().int(),
  counts: statusCounts,
  /** Hours earned while in the organization (by the branch on the day of each hour's source). */
  hours: z.number(),
  avgHours: z.number(),
  requiredRate: z.number().nullable(),
  quizPassRate: z.number().nullable(),
  attendanceRate: z.number().nullable(),
});
export const trainingStats = z.object({
  org: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  year: z.number().int(),
  target: z.number(),
  monthsLeft: z.number().int(),
  totals: levelRow,
  bySource: z.array(z.object({ kind: sourceKind, label: z.string(), hours: z.number() })),
  byMonth: z.array(
    z.object({
      month: z.string(),
      class: z.number(),
      meeting: z.number(),
      content: z.number(),
      import: z.number(),
    }),
  ),
  children: z.array(levelRow),
  figures: z.object({ classes: z.number().int(), contents: z.number().int(), quizzes: z.number().int() }),
});
export type TrainingStats = z.infer<typeof trainingStats>;
export type LevelRow = z.infer<typeof levelRow>;

// ==== imports of outside statistics ====

export const importQuery = z.object({
  source: label(
    z.enum(IMPORT_SOURCES, { error: '来源应为 xuexi（学习强国）、academy（网络学院）或 other' }),
    '来源',
  ),
  unit: label(z.enum(IMPORT_UNITS, { error: '单位应为 hours（学时）或 points（积分）' }), '统计单位'),
  periodFrom: label(zDate, '统计期间开始'),
  periodTo: label(zDate, '统计期间结束'),
});
export type ImportQuery = z.infer<typeof importQuery>;
export const importJobParams = z.object({ jobId: label(z.string().max(64, '导入任务编号无效'), '导入任务') });
export const rowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const importJob = z.object({
  status: z.enum(['running', 'failed', 'done']),
  phase: z.enum(['reading', 'matching', 'writing', 'done']),
  processed: z.number().int(),
  total: z.number().int(),
  errors: z.array(rowError),
  created: z.number().int(),
  nonMembers: z.number().int(),
  totalHours: z.number(),
  importId: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJob>;
export type RowError = z.infer<typeof rowError>;
export const importStarted = z.object({ jobId: z.string() });
export const importItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  source: z.enum(IMPORT_SOURCES),
  sourceLabel: z.string(),
  unit: z.enum(IMPORT_UNITS),
  fileName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  rowCount: z.number().int(),
  totalHours: z.number(),
  importedByName: z.string().nullable(),
  importedAt: z.string(),
});
export const importList = pagedList(importItem);
export const importListQuery = z.object({ page: zPage, pageSize: zPageSize });
export type ImportItem = z.infer<typeof importItem>;

// ==== needs surveys ====

export const SURVEY_AUDIENCES = ['members', 'branches'] as const;
export const createSurveyBody = z.object({
  orgId: label(zUuid, '发起组织'),
  title: label(zRequiredText(100), '标题'),
  description: label(zText(1000), '说明').nullish(),
  topics: label(
    z.array(label(zTopic, '主题')).min(2, '至少列出 2 个主题').max(30, '最多 30 个主题'),
    '可选主题',
  ),
  audience: label(
    z.enum(SURVEY_AUDIENCES, { error: '对象应为 members（党员）或 branches（党支部）' }),
    '调查对象',
  ),
  deadline: label(zDate, '截止日期'),
});
export type CreateSurveyBody = z.infer<typeof createSurveyBody>;
export const answerSurveyBody = z.object({
  choices: label(z.array(label(zTopic, '主题')).min(1, '至少选择 1 个主题').max(30), '需要的主题'),
  comment: label(zText(1000), '其他需求').nullish(),
  orgId: label(zUuid, '代表的党支部').optional(),
});
export type AnswerSurveyBody = z.infer<typeof answerSurveyBody>;
export const surveyListQuery = z.object({ page: zPage, pageSize: zPageSize });

export const surveyItem = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  topics: z.array(z.string()),
  audience: z.enum(SURVEY_AUDIENCES),
  audienceLabel: z.string(),
  deadline: z.string(),
  open: z.boolean(),
  createdAt: z.string(),
  answered: z.boolean(),
  answerCount: z.number().int(),
  actions: z.array(z.enum(['answer', 'results'])),
});
const topicCount = z.object({ topic: z.string(), count: z.number().int() });
export const surveyDetail = surveyItem.extend({
  myAnswer: z
    .object({
      orgId: z.string(),
      orgName: z.string(),
      choices: z.array(z.string()),
      comment: z.string().nullable(),
      answeredAt: z.string(),
    })
    .nullable(),
  /** Branches the caller answers for (a branch survey). */
  answerOrgs: z.array(z.object({ id: z.string(), name: z.string(), answered: z.boolean() })),
  results: z
    .object({
      expected: z.number().int(),
      answered: z.number().int(),
      topics: z.array(topicCount.extend({ personIds: z.array(z.string()), orgIds: z.array(z.string()) })),
      byOrg: z.array(
        z.object({
          orgId: z.string(),
          name: z.string(),
          expected: z.number().int(),
          answered: z.number().int(),
          topics: z.array(topicCount),
        }),
      ),
      comments: z.array(z.object({ orgName: z.string(), text: z.string() })),
    })
    .nullable(),
});
export const surveyList = pagedList(surveyItem);
export type SurveyItem = z.infer<typeof surveyItem>;
export type SurveyDetail = z.infer<typeof surveyDetail>;

// ==== settings ====

const zNumber = z.number({ error: '应为数字' });
export const settingsBody = z.object({
  targetHours: label(zNumber.min(1, '至少 1 学时').max(200, '不能超过 200 学时'), '年度学时目标').optional(),
  pointsPerHour: label(
    zNumber.int('应为整数').min(1, '至少 1 分').max(100000),
    '积分折算（分/学时）',
  ).optional(),
  importCapHours: label(zNumber.min(0, '不能为负数').max(200).nullable(), '外部学习每年计入上限').optional(),
  finishRatio: label(
    zNumber.min(0.1, '不能低于 0.1').max(1, '不能高于 1'),
    '完成所需学习时长比例',
  ).optional(),
  todoFromMonth: label(
    zNumber.int('应为整数').min(1, '月份为 1–12').max(12, '月份为 1–12'),
    '提醒开始月份',
  ).optional(),
  topics: label(z.array(label(zTopic, '主题')).min(1, '至少保留一个主题').max(50), '培训主题').optional(),
});
export type SettingsBody = z.infer<typeof settingsBody>;
export const trainingSettingsAnswer = z.object({
  targetHours: z.number(),
  pointsPerHour: z.number(),
  importCapHours: z.number().nullable(),
  finishRatio: z.number(),
  todoFromMonth: z.number(),
  topics: z.array(z.string()),
  editable: z.boolean(),
});
export type TrainingSettingsAnswer = z.infer<typeof trainingSettingsAnswer>;

// ==== the member's own page ====

export const myTraining = z.object({
  year: z.number().int(),
  target: z.number(),
  hours: z.number(),
  status: status.nullable(),
  statusLabel: z.string().nullable(),
  needed: z.number(),
  monthsLeft: z.number().int(),
  sources: z.array(z.object({ kind: sourceKind, label: z.string(), hours: z.number() })),
  classes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      orgName: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      place: z.string().nullable(),
      online: z.boolean(),
      hours: z.number(),
      myStatus: z.string().nullable(),
      canSignup: z.boolean(),
    }),
  ),
  required: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
      hours: z.number(),
    }),
  ),
  quizzes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      closesOn: z.string().nullable(),
      attemptsLeft: z.number().nullable(),
    }),
  ),
  surveys: z.array(z.object({ id: z.string(), title: z.string(), deadline: z.string() })),
  certificates: z.array(
    z.object({
      id: z.string(),
      no: z.string(),
      classTitle: z.string(),
      endsOn: z.string(),
      hours: z.number(),
    }),
  ),
});
export type MyTraining = z.infer<typeof myTraining>;
