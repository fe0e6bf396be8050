import { z } from 'zod';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import {
  INSPECTION_MODES,
  INSPECTION_STATUSES,
  RECORD_KINDS,
  RECT_STATUSES,
  STORED_RECT_STATUSES,
  VERDICTS,
} from './rules';

/**
 * The inspection module's HTTP contract: requests (every field titled, so a validation message names
 * it) and the answers the routes serialize through. The web's types are the `z.infer` of these.
 */

const zInt = (min: number, max: number) =>
  z.number({ error: '应为数字' }).int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);
const recordKind = z.enum(RECORD_KINDS, { error: '应为 meeting、talk 或 violation' });

const itemInput = z.object({
  key: label(zText(10), '项目编号').optional(),
  title: label(zRequiredText(100), '检查项目'),
  guidance: label(zText(500), '检查要点').optional(),
  records: label(z.array(recordKind).max(3), '查阅的记录').optional(),
});
const items = label(z.array(itemInput).min(1, '至少一个检查项目').max(60, '最多 60 个检查项目'), '检查项目');

export const createChecklistBody = z.object({
  orgId: label(zUuid, '所属组织').optional(),
  name: label(zRequiredText(60), '清单名称'),
  items,
});
export type CreateChecklistBody = z.infer<typeof createChecklistBody>;
export const reviseChecklistBody = z.object({ name: label(zRequiredText(60), '清单名称').optional(), items });
export type ReviseChecklistBody = z.infer<typeof reviseChecklistBody>;

export const createInspectionBody = z.object({
  orgId: label(zUuid, '被检查党支部'),
  title: label(zRequiredText(100), '检查名称'),
  mode: label(
    z.enum(INSPECTION_MODES, { error: '应为 online（网上检查）或 on_site（现场检查）' }),
    '检查方式',
  ).optional(),
  checklistId: label(zUuid, '检查清单').optional(),
  inspectorOrgId: label(zUuid, '检查组织').optional(),
  inspectedOn: label(zDate, '检查日期').optional(),
  periodFrom: label(zDate, '查阅记录起始日期').optional(),
  periodTo: label(zDate, '查阅记录截止日期').optional(),
});
export type CreateInspectionBody = z.infer<typeof createInspectionBody>;

export const listInspectionsQuery = z.object({
  orgId: label(zUuid, '组织').optional(),
  status: label(z.enum(INSPECTION_STATUSES, { error: '应为 open 或 completed' }), '状态').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ListInspectionsQuery = z.infer<typeof listInspectionsQuery>;

export const findingBody = z.object({
  item: label(zRequiredText(100), '检查项目'),
  finding: label(zRequiredText(2000), '检查发现'),
  verdict: label(
    z.enum(VERDICTS, { error: '应为 pass（符合要求）或 problem（存在问题）' }),
    '结论',
  ).optional(),
  rectifyBy: label(zDate, '整改期限').optional(),
  requirement: label(zText(1000), '整改要求').optional(),
  links: label(
    z
      .array(
        z.object({
          kind: label(recordKind, '记录类型'),
          id: label(zUuid, '记录'),
          label: label(zText(200), '记录说明').optional(),
        }),
      )
      .max(20, '最多关联 20 条记录'),
    '关联记录',
  ).optional(),
});
export type FindingBody = z.infer<typeof findingBody>;

export const completeBody = z.object({ summary: label(zText(2000), '检查结论').optional() });

export const idParams = z.object({ id: label(zUuid, 'ID') });
export const inspectionFileParams = z.object({ id: label(zUuid, '检查'), fileId: label(zUuid, '附件') });
export const findingParams = z.object({ id: label(zUuid, '检查'), findingId: label(zUuid, '检查发现') });
export const rectFileParams = z.object({ id: label(zUuid, '整改事项'), fileId: label(zUuid, '附件') });

export const listRectificationsQuery = z.object({
  orgId: label(zUuid, '组织').optional(),
  status: label(
    z.enum(RECT_STATUSES, { error: '应为 open、answered、closed 或 overdue' }),
    '状态',
  ).optional(),
  inspectionId: label(zUuid, '检查').optional(),
  from: label(zDate, '开始日期').optional(),
  to: label(zDate, '结束日期').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ListRectificationsQuery = z.infer<typeof listRectificationsQuery>;
export const ledgerQuery = z.object({
  orgId: label(zUuid, '组织').optional(),
  from: label(zDate, '开始日期').optional(),
  to: label(zDate, '结束日期').optional(),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;
export const exportQuery = ledgerQuery.extend({
  status: label(
    z.enum(RECT_STATUSES, { error: '应为 open、answered、closed 或 overdue' }),
    '状态',
  ).optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const answerBody = z.object({ content: label(zRequiredText(2000), '整改情况') });
export const closeBody = z.object({ comment: label(zText(1000), '验收意见').optional() });
export const reopenBody = z.object({
  comment: label(zRequiredText(1000), '退回意见'),
  rectifyBy: label(zDate, '新的整改期限').optional(),
});
export type ReopenBody = z.infer<typeof reopenBody>;

export const inspectionSettingsBody = z.object({
  rectifyDays: label(zInt(1, 365), '默认整改期限（天）').optional(),
  recordMonths: label(zInt(1, 24), '网上检查默认查阅月数').optional(),
});
export type InspectionSettingsBody = z.infer<typeof inspectionSettingsBody>;

// ==== answers ====

const id = z.string();
const nstr = z.string().nullable();
export const noContent = z.null().meta({ description: '无内容' });

export const inspectionFile = z.object({
  id,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
  /** The download's path under /api/v1. */
  url: z.string(),
});
export type InspectionFile = z.infer<typeof inspectionFile>;

const checklistItem = z.object({
  key: z.string(),
  title: z.string(),
  guidance: z.string().optional(),
  records: z.array(z.enum(RECORD_KINDS)).optional(),
});
export type ChecklistItemAnswer = z.infer<typeof checklistItem>;

export const checklistBrief = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  familyId: id,
  name: z.string(),
  version: z.number(),
  status: z.enum(['active', 'superseded']),
  itemCount: z.number(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export const checklistList = z.object({
  items: z.array(checklistBrief),
  /** The organizations the caller may keep checklists for. */
  owners: z.array(z.object({ orgId: id, orgName: z.string() })),
});
export type ChecklistList = z.infer<typeof checklistList>;
export const checklistDetail = checklistBrief.extend({
  items: z.array(checklistItem),
  versions: z.array(z.object({ id, version: z.number(), status: z.string(), createdAt: z.string() })),
  actions: z.array(z.enum(['revise'])),
});
export type ChecklistDetail = z.infer<typeof checklistDetail>;

const rectStatus = z.enum(RECT_STATUSES);
export const recordLink = z.object({ kind: z.enum(RECORD_KINDS), id, label: z.string(), link: z.string() });

export const finding = z.object({
  id,
  itemKey: nstr,
  item: z.string(),
  verdict: z.enum(VERDICTS),
  verdictLabel: z.string(),
  finding: z.string(),
  links: z.array(recordLink),
  files: z.array(inspectionFile),
  createdByName: z.string(),
  createdAt: z.string(),
  /** The rectification the finding opened, with its state. */
  rectification: z
    .object({ id, status: rectStatus, statusLabel: z.string(), rectifyBy: z.string() })
    .nullable(),
  /** With a rectification: its id (the API's `rectificationId`). */
  rectificationId: nstr,
});
export type Finding = z.infer<typeof finding>;

const rectCounts = z.object({
  total: z.number(),
  open: z.number(),
  answered: z.number(),
  closed: z.number(),
  overdue: z.number(),
});
export type RectCountsAnswer = z.infer<typeof rectCounts>;

export const inspectionDetail = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  inspectorOrgId: id,
  inspectorOrgName: z.string(),
  title: z.string(),
  mode: z.enum(INSPECTION_MODES),
  modeLabel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  inspectedOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  statusLabel: z.string(),
  summary: nstr,
  createdByName: z.string(),
  createdAt: z.string(),
  completedAt: nstr,
  completedByName: nstr,
  checklist: z.object({ id, name: z.string(), version: z.number() }).nullable(),
  /** The checklist's items (or none), each with the findings recorded against it. */
  items: z.array(checklistItem.extend({ findings: z.array(id) })),
  findings: z.array(finding),
  rectifications: rectCounts,
  actions: z.array(z.enum(['record', 'complete'])),
});
export type InspectionDetail = z.infer<typeof inspectionDetail>;

export const inspectionItem = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  inspectorOrgName: z.string(),
  title: z.string(),
  mode: z.enum(INSPECTION_MODES),
  modeLabel: z.string(),
  inspectedOn: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  statusLabel: z.string(),
  findings: z.number(),
  problems: z.number(),
  rectifications: rectCounts,
});
export type InspectionItem = z.infer<typeof inspectionItem>;
export const inspectionList = pagedList(inspectionItem).extend({
  /** The organizations the caller may inspect from (empty: the caller doesn't inspect). */
  inspectors: z.array(z.object({ orgId: id, orgName: z.string() })),
});
export type InspectionList = z.infer<typeof inspectionList>;

export const branchRecords = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  meetings: z.array(
    z.object({
      id,
      kind: z.string(),
      kindLabel: z.string(),
      topic: z.string(),
      heldOn: z.string(),
      orgName: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      late: z.boolean(),
      expected: z.number(),
      present: z.number(),
      link: z.string(),
    }),
  ),
  talks: z.array(
    z.object({
      id,
      heldOn: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      personName: z.string(),
      talkerName: z.string(),
      late: z.boolean(),
      link: z.string(),
    }),
  ),
  violations: z.array(
    z.object({
      id,
      occurredOn: z.string(),
      personName: z.string(),
      wasMember: z.boolean(),
      kindLabel: z.string(),
      categoryName: z.string(),
      talkStatusLabel: nstr,
      talkOverdue: z.boolean(),
      link: z.string(),
    }),
  ),
  /** Ledgers (台账) of the branch other modules offer, filtered to the branch: API paths to download. */
  ledgers: z.array(z.object({ label: z.string(), path: z.string() })),
});
export type BranchRecords = z.infer<typeof branchRecords>;

const rectEvent = z.object({
  kind: z.enum(['answer', 'close', 'reopen']),
  at: z.string(),
  actorName: z.string(),
  content: nstr,
  comment: nstr,
  rectifyBy: nstr,
});

export const rectificationItem = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  status: rectStatus,
  statusLabel: z.string(),
  item: z.string(),
  requirement: z.string(),
  foundOn: z.string(),
  dueOn: z.string(),
  rectifyBy: z.string(),
  urgency: z.enum(['overdue', 'soon', 'later']),
  late: z.boolean(),
  inspectionId: id,
  inspectionTitle: z.string(),
  inspectorOrgName: z.string(),
  answeredAt: nstr,
  closedAt: nstr,
  reopenCount: z.number(),
});
export type RectificationItem = z.infer<typeof rectificationItem>;
export const rectificationList = pagedList(rectificationItem);
export type RectificationList = z.infer<typeof rectificationList>;

export const rectificationDetail = rectificationItem.extend({
  storedStatus: z.enum(STORED_RECT_STATUSES),
  finding: z.string(),
  links: z.array(recordLink),
  findingFiles: z.array(inspectionFile),
  answer: nstr,
  answeredByName: nstr,
  closedByName: nstr,
  closeComment: nstr,
  history: z.array(rectEvent),
  files: z.array(inspectionFile),
  actions: z.array(z.enum(['answer', 'close', 'reopen'])),
});
export type RectificationDetail = z.infer<typeof rectificationDetail>;

export const rectificationLedger = z.object({
  root: z.object({ id, name: z.string(), type: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  today: z.string(),
  totals: rectCounts,
  byOrg: z.array(z.object({ orgId: id, orgName: z.string(), parentName: nstr, counts: rectCounts })),
  byItem: z.array(z.object({ item: z.string(), counts: rectCounts })),
});
export type RectificationLedger = z.infer<typeof rectificationLedger>;

export const inspectionSettings = z.object({
  rectifyDays: z.number(),
  recordMonths: z.number(),
  editable: z.boolean(),
});
export type InspectionSettings = z.infer<typeof inspectionSettings>;
