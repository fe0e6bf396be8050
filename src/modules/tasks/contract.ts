import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { FIELD_TYPES, PREFILL_SOURCES, REVIEW_DECISIONS, TARGET_STATUSES } from './rules';

/**
 * The tasks module's HTTP contract: requests (every field titled, so a validation message names it)
 * and the answers the routes serialize through. The web's types are the `z.infer` of these.
 */

const zBool = z.boolean({ error: '应为 true 或 false' });
const zInt = (min: number, max: number) =>
  z.number({ error: '应为数字' }).int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);

const fieldInput = z.object({
  label: label(zRequiredText(40), '填报项名称'),
  type: label(z.enum(FIELD_TYPES, { error: '类型应为 number、date、choice 或 text' }), '填报项类型'),
  required: label(zBool, '是否必填').optional(),
  options: label(z.array(label(zRequiredText(40), '选项')).max(20, '最多 20 个选项'), '选项').optional(),
  unit: label(zText(10), '单位').optional(),
  prefill: label(z.enum(PREFILL_SOURCES, { error: '不是可用的取数来源' }), '从记录取数').optional(),
});

export const createTaskBody = z.object({
  orgId: label(zUuid, '发布组织').optional(),
  title: label(zRequiredText(100), '标题'),
  content: label(zRequiredText(5000), '任务内容'),
  dueOn: label(zDate, '截止日期'),
  targetOrgIds: label(z.array(label(zUuid, '接收组织')).max(500, '最多 500 个'), '接收组织').default([]),
  subtreeOrgIds: label(
    z.array(label(zUuid, '整体下发的组织')).max(50, '最多 50 个'),
    '整体下发（该组织下的全部党支部）',
  ).optional(),
  remindDays: label(zInt(0, 30), '提前提醒天数').optional(),
  requireFiles: label(zBool, '须上传附件').optional(),
  fields: label(z.array(fieldInput).max(20, '最多 20 个填报项'), '填报项').optional(),
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;

export const TASK_BOXES = ['all', 'sent', 'received'] as const;
export const listTasksQuery = z.object({
  box: label(z.enum(TASK_BOXES, { error: '应为 all、sent 或 received' }), '范围').default('all'),
  status: label(z.enum(TARGET_STATUSES, { error: '不是有效的状态' }), '状态').optional(),
  orgId: label(zUuid, '组织').optional(),
  q: label(zText(50), '关键词').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const boardQuery = z.object({ orgId: label(zUuid, '组织').optional() });

export const taskParams = z.object({ id: label(zUuid, '督办任务') });
export const targetParams = z.object({ id: label(zUuid, '督办任务'), orgId: label(zUuid, '接收组织') });
export const fileParams = z.object({ id: label(zUuid, '督办任务'), fileId: label(zUuid, '附件') });

const value = z.union([z.number({ error: '应为数字' }), z.string({ error: '应为文字' }).max(500), z.null()]);
export const responseBody = z.object({
  orgId: label(zUuid, '回复组织'),
  content: label(zRequiredText(5000), '回复内容'),
  values: label(z.record(z.string().max(10), value), '填报数据').optional(),
});
export type ResponseBody = z.infer<typeof responseBody>;

export const reviewBody = z.object({
  decision: label(z.enum(REVIEW_DECISIONS, { error: '应为 accept（通过）或 return（退回）' }), '审核结果'),
  comment: label(zText(1000), '审核意见').optional(),
  redoBy: label(zDate, '重新上报期限').optional(),
});
export type ReviewBody = z.infer<typeof reviewBody>;

export const remindBody = z.object({ comment: label(zText(200), '催办说明').optional() });

export const tasksSettingsBody = z.object({
  remindDays: label(zInt(0, 30), '默认提前提醒天数').optional(),
  dueDays: label(zInt(1, 180), '默认办理期限（天）').optional(),
});
export type TasksSettingsBody = z.infer<typeof tasksSettingsBody>;

// ==== answers ====

export const noContent = z.null().meta({ description: '无内容' });

const id = z.string();
const nstr = z.string().nullable();
const targetStatus = z.enum(TARGET_STATUSES);

export const taskFile = z.object({
  id,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
  /** The answer the file belongs to; null for the task's own files. */
  targetOrgId: nstr,
});
export type TaskFile = z.infer<typeof taskFile>;

export const taskField = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  unit: z.string().optional(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
  /** What the prefilled figure counts, with its dates. */
  prefillLabel: z.string().optional(),
});
export type TaskFieldItem = z.infer<typeof taskField>;

export const statusCounts = z.object({
  total: z.number(),
  pending: z.number(),
  submitted: z.number(),
  accepted: z.number(),
  returned: z.number(),
  overdue: z.number(),
});
export type StatusCounts = z.infer<typeof statusCounts>;

const formValues = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export const taskEvent = z.object({
  kind: z.enum(['submit', 'accept', 'return', 'remind']),
  at: z.string(),
  actorName: z.string(),
  comment: nstr,
  content: nstr,
  values: formValues.nullable(),
  redoBy: nstr,
});

export const taskTarget = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  parentName: nstr,
  status: targetStatus,
  statusLabel: z.string(),
  /** The deadline that counts now (a return may set a new one). */
  deadline: z.string(),
  urgency: z.enum(['overdue', 'soon', 'later']),
  late: z.boolean(),
  content: nstr,
  values: formValues.nullable(),
  /** What the records said for the prefilled fields when the answer was submitted. */
  prefilled: z.record(z.string(), z.number().nullable()).nullable(),
  firstSubmittedAt: nstr,
  submittedAt: nstr,
  submittedByName: nstr,
  submissions: z.number(),
  reviewedAt: nstr,
  reviewerName: nstr,
  reviewComment: nstr,
  remindedAt: nstr,
  files: z.array(taskFile),
  /** For the caller's own target: the figures the records give now, to confirm instead of count. */
  prefill: z.record(z.string(), z.number().nullable()).nullable(),
  history: z.array(taskEvent),
  /** The caller answers for this organization (its secretary). */
  mine: z.boolean(),
  actions: z.array(z.enum(['answer', 'review', 'remind'])),
});
export type TaskTarget = z.infer<typeof taskTarget>;

export const taskDetail = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  content: z.string(),
  dueOn: z.string(),
  remindDays: z.number(),
  requireFiles: z.boolean(),
  asOf: z.string(),
  fields: z.array(taskField),
  createdAt: z.string(),
  createdByName: z.string(),
  files: z.array(taskFile),
  /** Over the targets the caller sees. */
  counts: statusCounts,
  /** The sender's side (sees every target) or a receiver (sees the targets in their subtrees). */
  side: z.enum(['sender', 'receiver']),
  targets: z.array(taskTarget),
  actions: z.array(z.enum(['attach', 'export'])),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const taskItem = z.object({
  id,
  title: z.string(),
  orgId: id,
  orgName: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  side: z.enum(['sender', 'receiver']),
  counts: statusCounts,
  /** The status of the target the caller answers for, if any (the most urgent when several). */
  myStatus: targetStatus.nullable(),
  myDeadline: nstr,
  urgency: z.enum(['overdue', 'soon', 'later']),
});
export type TaskItem = z.infer<typeof taskItem>;
export const taskList = pagedList(taskItem);
export type TaskList = z.infer<typeof taskList>;

export const taskOptions = z.object({
  /** The organizations the caller may send from. */
  senders: z.array(z.object({ orgId: id, orgName: z.string(), type: z.string() })),
  prefillSources: z.array(z.object({ key: z.enum(PREFILL_SOURCES), label: z.string(), unit: z.string() })),
  fieldTypes: z.array(z.object({ key: z.enum(FIELD_TYPES), label: z.string() })),
  remindDays: z.number(),
  dueDays: z.number(),
});
export type TaskOptions = z.infer<typeof taskOptions>;

const boardCounts = statusCounts.extend({ answered: z.number() });
export const taskBoard = z.object({
  today: z.string(),
  root: z.object({ id, name: z.string(), type: z.string() }),
  totals: boardCounts.extend({ tasks: z.number() }),
  tasks: z.array(
    z.object({
      id,
      title: z.string(),
      orgName: z.string(),
      dueOn: z.string(),
      side: z.enum(['sender', 'receiver']),
      counts: boardCounts,
    }),
  ),
  /** The root's child organizations (general branches, or branches), for drilling down. */
  units: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      type: z.string(),
      hasChildren: z.boolean(),
      counts: boardCounts,
    }),
  ),
});
export type TaskBoard = z.infer<typeof taskBoard>;

export const tasksSettings = z.object({
  remindDays: z.number(),
  dueDays: z.number(),
  editable: z.boolean(),
});
export type TasksSettings = z.infer<typeof tasksSettings>;
