import { z } from 'zod';
import { label } from '../../platform/labels';
import { frequency, nstr, rate, uuid, year } from './contract-fields';
import { ruleset, settingsView } from './contract-settings';
import { MEETING_KINDS } from './rules-kinds';

/** Compliance (what each branch owed and held), the month matrix and members' attendance rates. */

export const complianceQuery = z.object({
  orgId: uuid('组织').optional(),
  year,
  quarter: label(
    z.coerce.number({ error: '应为 1 至 4' }).int('应为 1 至 4').min(1, '应为 1 至 4').max(4, '应为 1 至 4'),
    '季度',
  ).optional(),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const matrixQuery = z.object({ orgId: uuid('组织').optional(), year });
export type MatrixQuery = z.infer<typeof matrixQuery>;

export const complianceExportQuery = complianceQuery.extend({ year: year.optional() });

const light = z.enum(['green', 'yellow', 'red']);
export const complianceItem = z.object({
  orgId: z.string(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  expected: z.number(),
  due: z.number(),
  held: z.number(),
  late: z.number(),
  missing: z.number(),
  meetings: z.number(),
  /** Meetings recorded without their quorum (未达到规定人数): they cover nothing. */
  invalid: z.number(),
  status: light,
});
export type ComplianceItemView = z.infer<typeof complianceItem>;
export const complianceResponse = z.object({
  rulesets: z.array(ruleset),
  /** What a branch owes, each with the article it comes from. */
  requirements: z.array(
    z.object({
      kind: z.enum(MEETING_KINDS),
      kindLabel: z.string(),
      frequency,
      holder: z.enum(['branch', 'committee', 'group']),
      basis: z.string(),
    }),
  ),
  settings: settingsView,
  period: z.object({ from: z.string(), to: z.string() }),
  items: z.array(complianceItem),
  branches: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      parentId: nstr,
      parentName: nstr,
      dissolvedOn: nstr,
      status: light,
      lastHeldOn: nstr,
      silent: z.boolean(),
      attendanceRate: rate,
      expected: z.number(),
      held: z.number(),
      late: z.number(),
      due: z.number(),
      missing: z.number(),
      invalid: z.number(),
      /** Held of the units already due (null before any is due): the completion the list sorts by. */
      completion: rate,
      /** The committee's term: overdue is red here too. */
      term: z.object({ endsOn: z.string(), status: z.string(), statusLabel: z.string() }).nullable(),
    }),
  ),
});
export type Compliance = z.infer<typeof complianceResponse>;

export const memberAttendanceResponse = z.object({
  year: z.number(),
  items: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      branchId: z.string(),
      branchName: z.string(),
      expected: z.number(),
      present: z.number(),
      leave: z.number(),
      absent: z.number(),
      madeUp: z.number(),
      rate,
    }),
  ),
});
export type MemberAttendance = z.infer<typeof memberAttendanceResponse>['items'][number];

export const matrixResponse = z.object({
  year: z.number(),
  months: z.array(z.string()),
  rows: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      parentId: nstr,
      parentName: nstr,
      cells: z.array(
        z.object({
          month: z.string(),
          expected: z.number(),
          held: z.number(),
          late: z.number(),
          meetings: z.number(),
          status: z.enum(['green', 'yellow', 'red', 'pending']),
        }),
      ),
    }),
  ),
  trend: z.array(z.object({ month: z.string(), completion: rate, attendanceRate: rate })),
});
export type Matrix = z.infer<typeof matrixResponse>;
