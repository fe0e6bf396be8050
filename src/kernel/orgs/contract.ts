import { z } from 'zod';
import { zDate, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { ORG_TYPES } from './rules';

export const orgTypeSchema = z.enum(ORG_TYPES, {
  error: '组织类型应为 committee、general_branch、branch 或 party_group',
});

export const createOrgBody = z.object({
  parentId: zUuid,
  type: orgTypeSchema,
  name: zRequiredText(100),
  code: zText(40)
    .regex(/^[A-Za-z0-9-]*$/, '只能包含字母、数字和连字符')
    .optional(),
  establishedOn: zDate,
  isJoint: z.boolean().optional(),
  isTemporary: z.boolean().optional(),
  isRetiree: z.boolean().optional(),
  hasCommittee: z.boolean().optional(),
  secretaryPersonId: zUuid.nullish(),
});

export const updateOrgBody = z
  .object({
    name: zRequiredText(100),
    code: zText(40).regex(/^[A-Za-z0-9-]+$/, '只能包含字母、数字和连字符'),
    establishedOn: zDate,
    isJoint: z.boolean(),
    isTemporary: z.boolean(),
    isRetiree: z.boolean(),
    hasCommittee: z.boolean(),
    secretaryPersonId: zUuid.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');

export const moveOrgBody = z.object({ parentId: zUuid, on: zDate });
export const mergeOrgBody = z.object({ targetId: zUuid, on: zDate });
export const dissolveOrgBody = z.object({ on: zDate });
export const orgIdParams = z.object({ id: zUuid });
export const orgListQuery = z.object({
  includeDissolved: z.enum(['true', 'false']).optional(),
  /** The tree as it was on this date (read-only). */
  on: zDate.optional(),
});

export type CreateOrgInput = z.infer<typeof createOrgBody>;
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;
