import { z } from 'zod';
import { zDate, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { ORG_TYPES } from './rules';

// ——— Requests ———

export const orgTypeSchema = z.enum(ORG_TYPES, {
  error: '组织类型应为 committee、general_branch、branch 或 party_group',
});

const flags = {
  isJoint: label(z.boolean(), '联合党支部'),
  isTemporary: label(z.boolean(), '临时党支部'),
  isRetiree: label(z.boolean(), '离退休党支部'),
  hasCommittee: label(z.boolean(), '设支部委员会'),
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
  hasCommittee: flags.hasCommittee.optional(),
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
