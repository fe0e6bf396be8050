import { z } from 'zod';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import '../safety/labels';
import { TALK_KINDS } from './rules';

export const talkKind = z.enum(TALK_KINDS, {
  error: '谈话类型应为 violation_followup、yearly、mentoring 或 other',
});

export const createTalkBody = z.object({
  personId: zUuid,
  heldOn: zDate,
  kind: talkKind,
  summary: zRequiredText(5000),
  followUp: zText(2000).nullish(),
  violationId: zUuid.nullish(),
  talkerName: zText(50).nullish(),
});
export type TalkInput = z.infer<typeof createTalkBody>;

export const obligationQuery = z.object({
  orgId: zUuid.optional(),
  status: z.enum(['open', 'done', 'overdue'], { error: '状态应为 open、done 或 overdue' }).optional(),
  personId: zUuid.optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type ObligationQuery = z.infer<typeof obligationQuery>;

export const talkListQuery = z.object({
  orgId: zUuid.optional(),
  personId: zUuid.optional(),
  kind: talkKind.optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type TalkListQuery = z.infer<typeof talkListQuery>;

export const talkIdParams = z.object({ id: zUuid });
export const coverageQuery = z.object({
  orgId: zUuid.optional(),
  year: z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000).max(2100).optional(),
});
