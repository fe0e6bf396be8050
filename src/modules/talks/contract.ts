import { z } from 'zod';
import { zDraftedAt } from '../../platform/drafts';
import { pagedList } from '../../platform/http';
import { zDate, zPage, zPageSize, zRequiredText, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { obligationStatus, violationKind } from '../safety/contract';
import { TALK_KINDS } from './rules';

/**
 * The talks module's HTTP contract: requests (every field titled) and the answers the routes serialize
 * through. Talk contents appear only in the answer of one talk, never in lists.
 */

export const talkKind = z.enum(TALK_KINDS, {
  error: '谈话类型应为 violation_followup、yearly、mentoring 或 other',
});
const orgFilter = label(zUuid, '组织').optional();
const personFilter = label(zUuid, '人员').optional();

export const createTalkBody = z.object({
  personId: label(zUuid, '谈话对象'),
  heldOn: label(zDate, '谈话日期'),
  kind: label(talkKind, '谈话类型'),
  summary: label(zRequiredText(5000), '谈话内容'),
  followUp: label(zText(2000), '后续措施').nullish(),
  violationId: label(zUuid, '违章违纪记录').nullish(),
  talkerName: label(zText(50), '谈话人').nullish(),
  /** When the talk was begun on the phone, if it was typed as a draft offline. */
  draftedAt: zDraftedAt,
});
export type TalkInput = z.infer<typeof createTalkBody>;

export const obligationQuery = z.object({
  orgId: orgFilter,
  status: label(
    z.enum(obligationStatus.options, { error: '状态应为 open、done 或 overdue' }),
    '状态',
  ).optional(),
  personId: personFilter,
  page: zPage,
  pageSize: zPageSize,
});
export type ObligationQuery = z.infer<typeof obligationQuery>;

export const talkListQuery = z.object({
  orgId: orgFilter,
  personId: personFilter,
  kind: label(talkKind, '谈话类型').optional(),
  from: label(zDate, '开始日期').optional(),
  to: label(zDate, '结束日期').optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type TalkListQuery = z.infer<typeof talkListQuery>;

export const talkIdParams = z.object({ id: label(zUuid, 'ID') });
export const coverageQuery = z.object({
  orgId: orgFilter,
  year: label(
    z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000).max(2100),
    '年份',
  ).optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

// ==== answers ====

const id = z.string();

/** A talk owed after a violation (the obligation is safety's; talks lists and closes it). */
export const obligation = z.object({
  id,
  personId: id,
  personName: z.string(),
  orgId: id,
  orgName: z.string(),
  violationId: id,
  violation: z.object({ kind: violationKind, occurredOn: z.string(), description: z.string() }),
  dueOn: z.string(),
  status: obligationStatus,
  statusLabel: z.string(),
  talkId: id.nullable(),
  doneOn: z.string().nullable(),
  actions: z.array(z.enum(['record_talk'])),
});
export type Obligation = z.infer<typeof obligation>;
export const obligationList = pagedList(obligation);
export type ObligationList = z.infer<typeof obligationList>;

/** A talk as lists show it: who, with whom, when, what kind; never the contents. */
export const talk = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  personId: id,
  personName: z.string(),
  talkerName: z.string(),
  heldOn: z.string(),
  kind: talkKind,
  kindLabel: z.string(),
  violationId: id.nullable(),
  late: z.boolean(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  actions: z.array(z.enum(['read'])),
});
export type Talk = z.infer<typeof talk>;
export const talkList = pagedList(talk);
/** One talk with its contents (decrypted, and the reading audited). */
export const talkDetail = talk.extend({ summary: z.string(), followUp: z.string().nullable() });
export type TalkDetail = z.infer<typeof talkDetail>;

export const coverageAnswer = z.object({
  ruleset: z.object({ name: z.string(), version: z.string() }),
  year: z.number(),
  org: z.object({ id, name: z.string() }),
  totals: z.object({ members: z.number(), talked: z.number(), coverage: z.number().nullable() }),
  items: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      parentName: z.string().nullable(),
      members: z.number(),
      talked: z.number(),
      coverage: z.number().nullable(),
    }),
  ),
});
export type Coverage = z.infer<typeof coverageAnswer>;
