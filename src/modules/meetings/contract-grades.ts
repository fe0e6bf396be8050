import { z } from 'zod';
import { label } from '../../platform/labels';
import { date, nstr, rate, requiredText, uuid, year } from './contract-fields';
import { FOLLOW_UP_KINDS, GRADES } from './roll';

/** 民主评议 grades, their follow-ups and a member's record by year. */

export const gradeInput = z.object({
  personId: uuid('党员'),
  grade: label(
    z.enum(GRADES, {
      error:
        '应为 excellent（优秀）、qualified（合格）、basically_qualified（基本合格）或 unqualified（不合格）',
    }),
    '等次',
  ),
});

export const gradeView = z.object({
  personId: z.string(),
  name: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  followUp: z.enum(FOLLOW_UP_KINDS).nullable(),
  followUpLabel: nstr,
  followUpDoneOn: nstr,
  followUpNote: nstr,
});
export type GradeView = z.infer<typeof gradeView>;

export const followUpItem = z.object({
  meetingId: z.string(),
  heldOn: z.string(),
  branchName: z.string(),
  personId: z.string(),
  name: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  followUp: z.enum(FOLLOW_UP_KINDS),
  followUpLabel: z.string(),
});
export type FollowUpItem = z.infer<typeof followUpItem>;

export const followUpBody = z.object({
  personId: uuid('党员'),
  doneOn: date('完成日期'),
  note: requiredText('跟进情况', 500),
});
export const personParams = z.object({ personId: uuid('党员') });
/** Without a year: this year. */
export const gradesExportQuery = z.object({ orgId: uuid('组织').optional(), year: year.optional() });

export const followUpList = z.object({ items: z.array(followUpItem) });

export const memberRecordResponse = z.object({
  personId: z.string(),
  name: nstr,
  years: z.array(
    z.object({
      year: z.number(),
      expected: z.number(),
      present: z.number(),
      leave: z.number(),
      absent: z.number(),
      madeUp: z.number(),
      rate,
      grade: z
        .object({
          grade: z.enum(GRADES),
          label: z.string(),
          meetingId: z.string(),
          heldOn: z.string(),
          branchName: z.string(),
        })
        .nullable(),
    }),
  ),
});
export type MemberRecord = z.infer<typeof memberRecordResponse>;
