import { z } from 'zod';
import { zDate, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { POST_SOURCES, POSTS, TERM_STATUSES } from './committee-rules';
import { ORG_TYPES } from './rules';

// ——— Requests ———

export const orgTypeSchema = z.enum(ORG_TYPES, {
  error: '组织类型应为 committee、general_branch、branch 或 party_group',
});

/** Whether a branch has a committee is derived from its posts (`/orgs/:id/committee`), never set here. */
const flags = {
  isJoint: label(z.boolean(), '联合党支部'),
  isTemporary: label(z.boolean(), '临时党支部'),
  isRetiree: label(z.boolean(), '离退休党支部'),
};

export const createOrgBody = z.object({
  parentId: label(zUuid, '上级组织'),
  type: label(orgTypeSchema, '组织类型'),
  name: label(zRequiredText(100), '名称'),
  code: label(
    zText(40)
      .regex(/^[A-Za-z0-9-]*$/, '只能包含字母、数字和连字符')
      .optional(),
    '组织编码',
  ),
  establishedOn: label(zDate, '成立日期'),
  isJoint: flags.isJoint.optional(),
  isTemporary: flags.isTemporary.optional(),
  isRetiree: flags.isRetiree.optional(),
  secretaryPersonId: label(zUuid.nullish(), '书记'),
});

export const updateOrgBody = z
  .object({
    name: label(zRequiredText(100), '名称'),
    code: label(zText(40).regex(/^[A-Za-z0-9-]+$/, '只能包含字母、数字和连字符'), '组织编码'),
    establishedOn: label(zDate, '成立日期'),
    ...flags,
    secretaryPersonId: label(zUuid.nullable(), '书记'),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');

export const moveOrgBody = z.object({
  parentId: label(zUuid, '新的上级组织'),
  on: label(zDate, '生效日期'),
});
export const mergeOrgBody = z.object({
  targetId: label(zUuid, '目标党支部'),
  on: label(zDate, '合并日期'),
});
export const dissolveOrgBody = z.object({ on: label(zDate, '撤销日期') });
export const orgIdParams = z.object({ id: label(zUuid, '组织') });
export const orgListQuery = z.object({
  includeDissolved: label(z.enum(['true', 'false']).optional(), '含已撤销组织'),
  /** The tree as it was on this date (read-only). */
  on: label(zDate.optional(), '日期'),
});

export type CreateOrgInput = z.infer<typeof createOrgBody>;
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

// ——— Responses ———

export const orgActionSchema = z.enum(['create_child', 'update', 'move', 'merge', 'dissolve']);

/** An organization in the tree; counts, warnings and the secretary are null/empty for platform administrators. */
export const orgItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  type: orgTypeSchema,
  code: z.string(),
  name: z.string(),
  depth: z.number().int(),
  isJoint: z.boolean(),
  isTemporary: z.boolean(),
  isRetiree: z.boolean(),
  hasCommittee: z.boolean(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
  secretaryPersonId: z.string().nullable(),
  /** Members (full and probationary) of the subtree. */
  memberCount: z.number().int().nullable(),
  fullMemberCount: z.number().int().nullable(),
  probationaryCount: z.number().int().nullable(),
  employeeCount: z.number().int().nullable(),
  warnings: z.array(
    z.object({
      code: z.enum(['too_few_full_members', 'too_many_members', 'committee_required']),
      message: z.string(),
    }),
  ),
  actions: z.array(orgActionSchema),
});

export const orgList = z.object({ items: z.array(orgItem) });

export const orgDetail = orgItem.extend({
  children: z.array(orgItem),
  parentHistory: z.array(
    z.object({ parentId: z.string().nullable(), validFrom: z.string(), validTo: z.string().nullable() }),
  ),
});

export const mergeResult = z.object({ moved: z.number().int() });

export type OrgItem = z.infer<typeof orgItem>;
export type OrgDetail = z.infer<typeof orgDetail>;
export type OrgList = z.infer<typeof orgList>;
export type MergeResult = z.infer<typeof mergeResult>;

// ——— Committees and terms ———

const post = label(z.enum(POSTS, { error: `职务应为 ${POSTS.join('、')} 之一` }), '职务');

export const committeeQuery = z.object({ on: label(zDate.optional(), '日期') });
export const postParams = z.object({ id: label(zUuid, '组织'), postId: label(zUuid, '任职记录') });

export const appointBody = z.object({
  personId: label(zUuid, '人员'),
  post,
  from: label(zDate, '任职日期'),
  reason: label(zText(200).optional(), '任职依据'),
});
export type AppointInput = z.infer<typeof appointBody>;

export const endPostBody = z.object({
  on: label(zDate, '离任日期'),
  reason: label(zRequiredText(200), '离任原因'),
});
export type EndPostInput = z.infer<typeof endPostBody>;

export const termsQuery = z.object({ orgId: label(zUuid.optional(), '组织') });

export const recordTermBody = z.object({
  startedOn: label(zDate, '换届（选举）日期'),
  years: label(z.union([z.literal(3), z.literal(5)], { error: '应为 3 或 5' }).optional(), '任期（年）'),
  reason: label(zText(500).optional(), '提前或延期换届的原因'),
});
export type RecordTermInput = z.infer<typeof recordTermBody>;

export const importPostsBody = z.object({ orgId: label(zUuid, '组织') });

export const postItem = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  post: z.enum(POSTS),
  postLabel: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  source: z.enum(POST_SOURCES),
  sourceLabel: z.string(),
  meetingId: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PostItem = z.infer<typeof postItem>;

export const committeeResponse = z.object({
  orgId: z.string(),
  on: z.string(),
  /** The posts held on the date. */
  posts: z.array(postItem),
  /** A committee (not only a secretary and deputy) existed that day. */
  hasCommittee: z.boolean(),
  /** Every post ever held, newest first: the committee's history. */
  history: z.array(postItem),
  /** May the caller appoint and end posts (the superior). */
  canManage: z.boolean(),
});
export type CommitteeResponse = z.infer<typeof committeeResponse>;

export const termItem = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgType: orgTypeSchema,
  parentName: z.string().nullable(),
  startedOn: z.string(),
  endsOn: z.string(),
  years: z.number(),
  status: z.enum(TERM_STATUSES),
  statusLabel: z.string(),
  reason: z.string().nullable(),
  /** May the caller record this organization's next term. */
  canRecord: z.boolean(),
});
export type TermItem = z.infer<typeof termItem>;
export const termsResponse = z.object({
  items: z.array(termItem),
  /** Organizations in scope with no term recorded. */
  withoutTerm: z.array(z.object({ orgId: z.string(), orgName: z.string(), canRecord: z.boolean() })),
  settings: z.object({ termYears: z.number(), termReminderMonths: z.number() }),
});
export type TermsResponse = z.infer<typeof termsResponse>;

export const importPostsResult = z.object({ orgs: z.number(), posts: z.number() });

/** Labels for the pages (theirs and other modules'). */
export { POST_LABELS, POSTS, TERM_STATUS_LABELS } from './committee-rules';
