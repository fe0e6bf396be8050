import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import {
  ANALYSIS_STATUSES,
  ANALYSIS_TRIGGERS,
  PROJECT_STATUSES,
  VIOLATION_KINDS,
  WEAK_OUTCOMES,
  WEAK_SOURCES,
} from './rules';

/**
 * The contract of safety's follow-up work (notices, analyses, weak workers, tackling projects); part of
 * the module's contract (`contract.ts` re-exports it).
 */

const orgFilter = label(zUuid, '组织').optional();

// ---- notices ----
export const createNoticeBody = z.object({
  orgId: label(zUuid, '发布组织'),
  title: label(zRequiredText(100), '标题'),
  body: label(zRequiredText(5000), '正文'),
  issuedOn: label(zDate, '通报日期').optional(),
  violationIds: label(z.array(zUuid).max(200, '一次最多通报 200 条'), '违章违纪记录').default([]),
});
export type NoticeInput = z.infer<typeof createNoticeBody>;
export const noticeListQuery = z.object({ orgId: orgFilter, page: zPage, pageSize: zPageSize });
export type NoticeListQuery = z.infer<typeof noticeListQuery>;

// ---- analyses (剖析) ----
export const createAnalysisBody = z.object({
  orgId: label(zUuid, '党支部'),
  periodFrom: label(zDate, '起始日期'),
  periodTo: label(zDate, '截止日期'),
  trigger: label(z.enum(ANALYSIS_TRIGGERS, { error: '应为 threshold 或 manual' }), '剖析起因').default(
    'manual',
  ),
  rootCauses: label(zRequiredText(5000), '原因剖析'),
  measures: label(zRequiredText(5000), '整改措施'),
  responsiblePersonId: label(zUuid, '责任人').nullish(),
  dueOn: label(zDate, '整改期限'),
});
export type AnalysisInput = z.infer<typeof createAnalysisBody>;
export const closeAnalysisBody = z.object({
  comment: label(zRequiredText(1000), '闭环意见'),
  closedOn: label(zDate, '闭环日期').optional(),
});
export type CloseAnalysisInput = z.infer<typeof closeAnalysisBody>;
export const analysisListQuery = z.object({
  orgId: orgFilter,
  status: label(z.enum(ANALYSIS_STATUSES, { error: '状态应为 open 或 closed' }), '状态').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type AnalysisListQuery = z.infer<typeof analysisListQuery>;

// ---- weak workers (薄弱人包保) ----
export const createWeakPersonBody = z.object({
  personId: label(zUuid, '薄弱人'),
  mentorPersonId: label(zUuid, '包保人'),
  source: label(z.enum(WEAK_SOURCES, { error: '应为 rule 或 manual' }), '来源').default('manual'),
  reason: label(zRequiredText(500), '原因'),
  goals: label(zRequiredText(1000), '包保目标'),
  startedOn: label(zDate, '开始日期'),
});
export type WeakPersonInput = z.infer<typeof createWeakPersonBody>;
export const weakListQuery = z.object({
  orgId: orgFilter,
  status: label(z.enum(['active', 'ended'], { error: '状态应为 active 或 ended' }), '状态').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type WeakListQuery = z.infer<typeof weakListQuery>;
export const candidatesQuery = z.object({ orgId: orgFilter, asOf: label(zDate, '截至日期').optional() });
export const followupBody = z.object({
  heldOn: label(zDate, '帮教日期'),
  note: label(zRequiredText(2000), '帮教情况'),
});
export type FollowupInput = z.infer<typeof followupBody>;
export const endWeakBody = z.object({
  endedOn: label(zDate, '结束日期'),
  outcome: label(
    z.enum(WEAK_OUTCOMES, { error: '结果应为 improved（已转化）或 not_improved（未转化）' }),
    '包保结果',
  ),
  outcomeNote: label(zText(1000), '结果说明').nullish(),
});
export type EndWeakInput = z.infer<typeof endWeakBody>;

// ---- tackling projects (重点攻关) ----
export const createProjectBody = z.object({
  orgId: label(zUuid, '牵头组织'),
  title: label(zRequiredText(100), '项目名称'),
  problem: label(zRequiredText(2000), '存在问题'),
  target: label(zRequiredText(2000), '攻关目标'),
  leaderPersonId: label(zUuid, '负责人'),
  memberPersonIds: label(z.array(zUuid).max(50, '成员最多 50 人'), '成员').default([]),
  analysisId: label(zUuid, '关联剖析').nullish(),
  violationIds: label(z.array(zUuid).max(200), '关联违章违纪').default([]),
  startedOn: label(zDate, '开始日期'),
  dueOn: label(zDate, '完成期限').nullish(),
  milestones: label(
    z
      .array(z.object({ title: label(zRequiredText(100), '节点名称'), dueOn: label(zDate, '节点日期') }))
      .max(30, '节点最多 30 个'),
    '节点',
  ).default([]),
});
export type ProjectInput = z.infer<typeof createProjectBody>;
export const projectListQuery = z.object({
  orgId: orgFilter,
  status: label(z.enum(PROJECT_STATUSES, { error: '状态应为 active 或 completed' }), '状态').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;
export const projectUpdateBody = z.object({
  on: label(zDate, '进展日期'),
  note: label(zRequiredText(2000), '进展'),
  milestoneId: label(zUuid, '完成节点').nullish(),
});
export type ProjectUpdateInput = z.infer<typeof projectUpdateBody>;
export const completeProjectBody = z.object({
  result: label(zRequiredText(2000), '攻关成果'),
  evaluation: label(zRequiredText(2000), '评价'),
  completedOn: label(zDate, '结项日期').optional(),
});
export type CompleteProjectInput = z.infer<typeof completeProjectBody>;

// ==== answers ====

const id = z.string();
const nullableText = z.string().nullable();
const kind = z.enum(VIOLATION_KINDS);

export const noticeRow = z.object({
  id,
  title: z.string(),
  issuedOn: z.string(),
  orgId: id,
  orgName: z.string(),
  issuedByName: z.string(),
  violationCount: z.number(),
  /** Receipts of the branches in the caller's view. */
  receipts: z.object({ read: z.number(), total: z.number() }),
  unreadByMe: z.boolean(),
});
export const noticeList = pagedList(noticeRow).extend({
  /** The organizations the caller may issue a notice from. */
  issuers: z.array(z.object({ orgId: id, orgName: z.string() })),
});
export type NoticeRow = z.infer<typeof noticeRow>;
export type NoticeList = z.infer<typeof noticeList>;
export const noticeDetail = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  body: z.string(),
  issuedOn: z.string(),
  issuedByName: z.string(),
  violations: z.array(
    z.object({
      /** Null where the caller may not open the record (another branch's violation in the notice). */
      id: id.nullable(),
      personName: z.string(),
      orgName: z.string(),
      kind,
      kindLabel: z.string(),
      occurredOn: z.string(),
      categoryName: z.string(),
      wasMember: z.boolean(),
      description: z.string(),
    }),
  ),
  receipts: z.array(
    z.object({ orgId: id, orgName: z.string(), readAt: nullableText, readByName: nullableText }),
  ),
  actions: z.array(z.enum(['mark_read'])),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const analysis = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  trigger: z.enum(ANALYSIS_TRIGGERS),
  rootCauses: z.string(),
  measures: z.string(),
  responsiblePersonId: id.nullable(),
  responsibleName: nullableText,
  dueOn: z.string(),
  status: z.enum(ANALYSIS_STATUSES),
  overdue: z.boolean(),
  closingComment: nullableText,
  closedOn: nullableText,
  closedByName: nullableText,
  createdByName: z.string(),
  createdAt: z.string(),
  actions: z.array(z.enum(['close'])),
});
export type Analysis = z.infer<typeof analysis>;
export const analysisList = pagedList(analysis);
export type AnalysisList = z.infer<typeof analysisList>;

export const weakPerson = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  personId: id,
  personName: z.string(),
  mentorPersonId: id,
  mentorName: z.string(),
  source: z.enum(WEAK_SOURCES),
  reason: z.string(),
  goals: z.string(),
  startedOn: z.string(),
  endedOn: nullableText,
  outcome: z.enum(WEAK_OUTCOMES).nullable(),
  outcomeLabel: nullableText,
  outcomeNote: nullableText,
  followupCount: z.number(),
  lastFollowupOn: nullableText,
  nextFollowupDue: nullableText,
  followupOverdue: z.boolean(),
  actions: z.array(z.enum(['followup', 'end'])),
});
export type WeakPerson = z.infer<typeof weakPerson>;
export const weakPersonList = pagedList(weakPerson);
export type WeakPersonList = z.infer<typeof weakPersonList>;
export const weakPersonDetail = weakPerson.extend({
  followups: z.array(
    z.object({
      id,
      heldOn: z.string(),
      note: z.string(),
      recordedByName: z.string(),
      recordedAt: z.string(),
    }),
  ),
});
export type WeakPersonDetail = z.infer<typeof weakPersonDetail>;
export const weakCandidates = z.object({
  rule: z.object({ count: z.number(), days: z.number() }),
  asOf: z.string(),
  items: z.array(
    z.object({
      personId: id,
      personName: z.string(),
      orgId: id,
      orgName: z.string(),
      partyStatus: z.string(),
      violationDates: z.array(z.string()),
      reason: z.string(),
    }),
  ),
});
export type WeakCandidates = z.infer<typeof weakCandidates>;
export type WeakCandidate = WeakCandidates['items'][number];

export const project = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  problem: z.string(),
  target: z.string(),
  leaderPersonId: id,
  leaderName: z.string(),
  memberPersonIds: z.array(id),
  analysisId: id.nullable(),
  violationIds: z.array(id),
  startedOn: z.string(),
  dueOn: nullableText,
  overdue: z.boolean(),
  status: z.enum(PROJECT_STATUSES),
  result: nullableText,
  evaluation: nullableText,
  completedOn: nullableText,
  milestones: z.object({ total: z.number(), done: z.number() }),
  actions: z.array(z.enum(['update', 'complete'])),
});
export type Project = z.infer<typeof project>;
export const projectList = pagedList(project);
export type ProjectList = z.infer<typeof projectList>;
export const projectDetail = project.extend({
  /** What started the project, as far as the caller may read it. */
  linkedAnalyses: z.array(
    z.object({
      id,
      orgName: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      status: z.string(),
      rootCauses: z.string(),
    }),
  ),
  linkedViolations: z.array(
    z.object({
      id,
      occurredOn: z.string(),
      personName: z.string(),
      orgName: z.string(),
      kindLabel: z.string(),
      categoryName: z.string(),
      wasMember: z.boolean(),
    }),
  ),
  /** Linked violations the caller may not read. */
  hiddenViolations: z.number(),
  members: z.array(z.object({ personId: id, name: z.string() })),
  milestoneList: z.array(
    z.object({ id, title: z.string(), dueOn: z.string(), doneOn: nullableText, overdue: z.boolean() }),
  ),
  updates: z.array(
    z.object({ id, on: z.string(), note: z.string(), recordedByName: z.string(), recordedAt: z.string() }),
  ),
});
export type ProjectDetail = z.infer<typeof projectDetail>;
