import { z } from 'zod';
import { pagedList, pageQuery } from '../../platform/http';
import { zDate, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { END_REASONS, PARTY_STATUSES, SENSITIVE_FIELDS } from './rules';

// ——— Requests ———

const partyStatus = z.enum(PARTY_STATUSES, {
  error: '政治面貌应为 masses、applicant、activist、candidate、probationary 或 full',
});
const gender = z.enum(['male', 'female'], { error: '性别应为 male 或 female' });
const standing = z.enum(['normal', 'suspended'], { error: '党籍状态应为 normal 或 suspended' });

/** Every field of a person's record, with the words the forms and the national roster use. */
const personFields = {
  name: label(zRequiredText(50), '姓名'),
  gender: label(gender, '性别'),
  orgId: label(zUuid, '所在党支部'),
  partyStatus: label(partyStatus, '政治面貌'),
  partyGroupId: label(zUuid.nullish(), '所在党小组'),
  ethnicity: label(zText(20).nullish(), '民族'),
  idNumber: label(zText(18).nullish(), '公民身份号码'),
  birthDate: label(zDate.nullish(), '出生日期'),
  education: label(zText(20).nullish(), '学历'),
  category: label(zText(20).nullish(), '人员类别'),
  joinedPartyOn: label(zDate.nullish(), '加入党组织日期'),
  fullMemberOn: label(zDate.nullish(), '转为正式党员日期'),
  jobPost: label(zText(50).nullish(), '工作岗位'),
  mobile: label(zText(20).nullish(), '手机号'),
  landline: label(zText(20).nullish(), '固定电话'),
  address: label(zText(200).nullish(), '家庭住址'),
  standing: label(standing.optional(), '党籍状态'),
  suspendedOn: label(zDate.nullish(), '停止党籍日期'),
  lostContact: label(z.boolean().optional(), '是否为失联党员'),
  lostContactOn: label(zDate.nullish(), '失去联系日期'),
  floating: label(z.boolean().optional(), '是否为流动党员'),
  floatingTo: label(zText(100).nullish(), '外出流向'),
  employeeNo: label(zText(30).nullish(), '工号'),
  post: label(zText(50).nullish(), '岗位'),
  workplace: label(zText(100).nullish(), '工作地点（车站/班组）'),
  startedWorkOn: label(zDate.nullish(), '参加工作日期'),
  partyPosts: label(zText(100).nullish(), '党内职务'),
  exempt: label(z.boolean().optional(), '免于参加组织生活'),
  remarks: label(zText(500).nullish(), '备注'),
};

export const createPersonBody = z.object(personFields);
export const updatePersonBody = z
  .object(personFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
export type PersonInput = z.infer<typeof createPersonBody>;
export type PersonPatch = z.infer<typeof updatePersonBody>;

const partyStatusList = z
  .string()
  .max(200)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const parts = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !(PARTY_STATUSES as readonly string[]).includes(p));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `未知的政治面貌：${bad.join('、')}` });
      return z.NEVER;
    }
    return parts as (typeof PARTY_STATUSES)[number][];
  });

export const peopleListQuery = z.object({
  orgId: label(zUuid.optional(), '组织'),
  partyStatus: label(partyStatusList, '政治面貌'),
  q: label(z.string().trim().max(50, '不能超过 50 个字符').optional(), '搜索词'),
  includeEnded: label(z.enum(['true', 'false']).optional(), '含已终止在册人员'),
  ...pageQuery.shape,
});

export const personIdParams = z.object({ id: label(zUuid, '人员') });
export const revealBody = z.object({
  field: label(z.enum(SENSITIVE_FIELDS, { error: '字段应为 idNumber、mobile、landline 或 address' }), '字段'),
});
export const endPersonBody = z.object({
  endedOn: label(zDate, '终止日期'),
  endReason: label(
    z.enum(END_REASONS, { error: '终止原因应为 left_unit、died 或 transferred_out' }),
    '终止原因',
  ),
});
export const transferBody = z.object({
  orgId: label(zUuid, '调入党支部'),
  on: label(zDate, '调动日期'),
});
export const branchOnQuery = z.object({ date: label(zDate, '日期') });
export const statsQuery = z.object({ orgId: label(zUuid.optional(), '组织') });

export const rosterExportQuery = peopleListQuery.pick({ orgId: true, partyStatus: true, q: true }).extend({
  /** Clear values are no query of a GET: they are asked with a reason (POST /people/export-clear). */
  reveal: label(
    z.enum(['true', 'false'], { error: '是否导出明文应为 true 或 false' }).optional(),
    '导出明文',
  ),
});
/** The roster with clear values: the list's filters and why they are needed (audited). */
export const rosterExportClearBody = peopleListQuery
  .pick({ orgId: true, partyStatus: true, q: true })
  .extend({
    reason: label(zRequiredText(200), '导出原因'),
  });
export const importJobParams = z.object({
  jobId: label(z.string().max(64, '导入任务编号无效'), '导入任务'),
});

// ——— Responses ———

const nullableText = z.string().nullable();

export const personActionSchema = z.enum(['update', 'reveal', 'end', 'transfer']);

/** A person in a list: sensitive values masked; `actions` are what the caller may do to them. */
export const personListItem = z.object({
  id: z.string(),
  name: z.string(),
  gender,
  orgId: z.string(),
  orgName: z.string(),
  partyGroupId: nullableText,
  partyGroupName: nullableText,
  partyStatus,
  partyStatusLabel: z.string(),
  birthDate: nullableText,
  employeeNo: nullableText,
  post: nullableText,
  jobPost: nullableText,
  workplace: nullableText,
  joinedPartyOn: nullableText,
  fullMemberOn: nullableText,
  standing,
  lostContact: z.boolean(),
  floating: z.boolean(),
  mobile: nullableText,
  endedOn: nullableText,
  endReason: z.enum(END_REASONS).nullable(),
  actions: z.array(personActionSchema),
});

export const membershipItem = z.object({
  orgId: z.string(),
  orgName: z.string(),
  validFrom: z.string(),
  validTo: nullableText,
  reason: z.string(),
});

/** A person's whole record (sensitive values masked) with the branches they belonged to. */
export const personDetail = personListItem.extend({
  ethnicity: nullableText,
  idNumber: nullableText,
  education: nullableText,
  category: nullableText,
  landline: nullableText,
  address: nullableText,
  lostContactOn: nullableText,
  suspendedOn: nullableText,
  floatingTo: nullableText,
  startedWorkOn: nullableText,
  partyPosts: nullableText,
  exempt: z.boolean(),
  remarks: nullableText,
  version: z.number().int(),
  createdAt: nullableText,
  updatedAt: nullableText,
  memberships: z.array(membershipItem),
});

export const peopleListActionSchema = z.enum(['create', 'import', 'export']);
export const peopleList = pagedList(personListItem).extend({
  /** What the caller may do with the list itself. */
  actions: z.array(peopleListActionSchema),
  /** The count stopped at `total` (a national scope): there are more; filters narrow the list. */
  totalCapped: z.boolean(),
});

export const revealResult = z.object({ field: z.enum(SENSITIVE_FIELDS), value: nullableText });

export const branchOnResult = z.object({
  date: z.string(),
  orgId: nullableText,
  orgName: nullableText,
  validFrom: nullableText,
  validTo: nullableText,
});

export const historyItem = z.object({
  at: nullableText,
  actorName: nullableText,
  action: z.string(),
  /** The action's name in the audit log's words. */
  actionLabel: z.string(),
  details: z.unknown(),
});
export const personHistory = z.object({ items: z.array(historyItem) });

const band = z.object({ band: z.string(), count: z.number().int() });
export const peopleStats = z.object({
  employees: z.number().int(),
  members: z.number().int(),
  byStatus: z.array(z.object({ status: partyStatus, label: z.string(), count: z.number().int() })),
  byAgeBand: z.array(band),
  byPartyAge: z.array(band),
  byGeneralBranch: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      members: z.number().int(),
      employees: z.number().int(),
    }),
  ),
});

export const importStarted = z.object({ jobId: z.string() });

export const rowError = z.object({
  /** The Excel row number (1 is the header); 0 for a problem of the whole file. */
  row: z.number().int(),
  /** The Chinese column header; empty for a problem of the whole row or file. */
  column: z.string(),
  message: z.string(),
});
export const importJob = z.object({
  status: z.enum(['running', 'failed', 'done']),
  /** Where the job is; `done` once it has finished, whether it succeeded or failed. */
  phase: z.enum(['parsing', 'validating', 'writing', 'done']),
  processed: z.number().int(),
  total: z.number().int(),
  errors: z.array(rowError),
  created: z.number().int(),
});

export type PersonListItem = z.infer<typeof personListItem>;
export type PersonDetail = z.infer<typeof personDetail>;
export type Membership = z.infer<typeof membershipItem>;
export type PeopleList = z.infer<typeof peopleList>;
export type RevealResult = z.infer<typeof revealResult>;
export type BranchOnResult = z.infer<typeof branchOnResult>;
export type HistoryItem = z.infer<typeof historyItem>;
export type PersonHistory = z.infer<typeof personHistory>;
export type PeopleStats = z.infer<typeof peopleStats>;
export type RowError = z.infer<typeof rowError>;
export type ImportJobView = z.infer<typeof importJob>;
