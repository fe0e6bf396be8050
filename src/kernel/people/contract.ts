import { z } from 'zod';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { END_REASONS, PARTY_STATUSES, SENSITIVE_FIELDS } from './rules';

const partyStatus = z.enum(PARTY_STATUSES, {
  error: '政治面貌应为 masses、applicant、activist、candidate、probationary 或 full',
});
const gender = z.enum(['male', 'female'], { error: '性别应为 male 或 female' });

const personFields = {
  name: zRequiredText(50),
  gender,
  orgId: zUuid,
  partyStatus,
  partyGroupId: zUuid.nullish(),
  ethnicity: zText(20).nullish(),
  idNumber: zText(18).nullish(),
  birthDate: zDate.nullish(),
  education: zText(20).nullish(),
  category: zText(20).nullish(),
  joinedPartyOn: zDate.nullish(),
  fullMemberOn: zDate.nullish(),
  jobPost: zText(50).nullish(),
  mobile: zText(20).nullish(),
  landline: zText(20).nullish(),
  address: zText(200).nullish(),
  standing: z.enum(['normal', 'suspended'], { error: '党籍状态应为 normal 或 suspended' }).optional(),
  lostContact: z.boolean().optional(),
  lostContactOn: zDate.nullish(),
  floating: z.boolean().optional(),
  floatingTo: zText(100).nullish(),
  employeeNo: zText(30).nullish(),
  post: zText(50).nullish(),
  workplace: zText(100).nullish(),
  startedWorkOn: zDate.nullish(),
  partyPosts: zText(100).nullish(),
  exempt: z.boolean().optional(),
  remarks: zText(500).nullish(),
};

export const createPersonBody = z.object(personFields);
export const updatePersonBody = z
  .object(personFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
export type PersonInput = z.infer<typeof createPersonBody>;
export type PersonPatch = z.infer<typeof updatePersonBody>;

export const peopleListQuery = z.object({
  orgId: zUuid.optional(),
  partyStatus: z
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
    }),
  q: z.string().trim().max(50, '不能超过 50 个字符').optional(),
  includeEnded: z.enum(['true', 'false']).optional(),
  page: zPage,
  pageSize: zPageSize,
});

export const personIdParams = z.object({ id: zUuid });
export const revealBody = z.object({
  field: z.enum(SENSITIVE_FIELDS, { error: '字段应为 idNumber、mobile、landline 或 address' }),
});
export const endPersonBody = z.object({
  endedOn: zDate,
  endReason: z.enum(END_REASONS, { error: '终止原因应为 left_unit、died 或 transferred_out' }),
});
export const transferBody = z.object({ orgId: zUuid, on: zDate });
export const branchOnQuery = z.object({ date: zDate });
export const statsQuery = z.object({ orgId: zUuid.optional() });
