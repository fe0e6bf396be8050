import { z } from 'zod';
import { label } from '../../platform/labels';
import { frequency, hours } from './contract-fields';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from './rules-kinds';
import { DEFAULT_CLASS_HOURS, DEFAULT_SETTINGS, type MeetingSettings } from './rules-settings';

/** The tenant's organization-life settings: what may be set, the defaults, and the answer. */

const settingsFields = {
  lateAfterDays: label(
    z.number({ error: '应为天数' }).int('应为整数天').min(0, '不能为负数').max(365, '最多 365 天'),
    '补录期限',
  ),
  lectureFrequency: label(frequency, '党课频次'),
  silentAfterDays: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1 天').max(365, '最多 365 天'),
    '静默天数',
  ),
  rankingEnabled: label(z.boolean({ error: '应为 true 或 false' }), '排名开关'),
  classHoursByKind: label(
    z.object(
      Object.fromEntries(MEETING_KINDS.map((k) => [k, hours(`${MEETING_KIND_LABELS[k]}学时`)])) as Record<
        MeetingKind,
        ReturnType<typeof hours>
      >,
      { error: '应为各会议类型的学时' },
    ),
    '各类会议默认学时',
  ),
};
const fraction = (title: string, max: number) =>
  label(
    z
      .object(
        {
          numerator: label(z.number().int('应为整数').min(1, '至少 1').max(max, `最多 ${max}`), '分子'),
          denominator: label(z.number().int('应为整数').min(1, '至少 1').max(max, `最多 ${max}`), '分母'),
        },
        { error: '应为分数 { numerator, denominator }' },
      )
      .refine((f) => f.numerator <= f.denominator, '分子不能大于分母'),
    title,
  );
const ruleFields = {
  redAfterMissedMonths: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(12, '最多 12'),
    '按月会议连续缺几个月标红',
  ),
  redAfterMissedUnits: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(4, '最多 4'),
    '按季/半年/年会议缺几次标红',
  ),
  owedIfActive: fraction('成立或撤销当期须开展的存续比例', 10),
  yearlyTodoLeadMonths: label(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '至少 1').max(12, '最多 12'),
    '年度事项提前几个月列入待办',
  ),
  exemptAbsentInVoteExpected: label(
    z.boolean({ error: '应为 true 或 false' }),
    '免于参加的党员未到会计入表决应到',
  ),
  electionQuorum: fraction('选举大会到会比例', 10),
  excellentRatio: fraction('优秀比例上限', 10),
  signInWindowMinutes: label(
    z.number({ error: '应为数字' }).int('应为整数').min(10, '至少 10 分钟').max(720, '最多 720 分钟'),
    '签到时段（会议开始前后分钟数）',
  ),
};
const classHoursDefaults = z
  .object(
    Object.fromEntries(
      MEETING_KINDS.map((k) => [k, hours(`${MEETING_KIND_LABELS[k]}学时`).default(DEFAULT_CLASS_HOURS[k])]),
    ) as Record<MeetingKind, z.ZodDefault<ReturnType<typeof hours>>>,
  )
  .prefault({});

/** The tenant's local practice; every key defaults to the common practice (DEFAULT_SETTINGS). */
export const meetingSettingsSchema = z.object({
  lateAfterDays: settingsFields.lateAfterDays.default(DEFAULT_SETTINGS.lateAfterDays),
  lectureFrequency: settingsFields.lectureFrequency.default(DEFAULT_SETTINGS.lectureFrequency),
  silentAfterDays: settingsFields.silentAfterDays.default(DEFAULT_SETTINGS.silentAfterDays),
  rankingEnabled: settingsFields.rankingEnabled.default(DEFAULT_SETTINGS.rankingEnabled),
  classHoursByKind: classHoursDefaults,
  redAfterMissedMonths: ruleFields.redAfterMissedMonths.default(DEFAULT_SETTINGS.redAfterMissedMonths),
  redAfterMissedUnits: ruleFields.redAfterMissedUnits.default(DEFAULT_SETTINGS.redAfterMissedUnits),
  owedIfActive: ruleFields.owedIfActive.default(DEFAULT_SETTINGS.owedIfActive),
  yearlyTodoLeadMonths: ruleFields.yearlyTodoLeadMonths.default(DEFAULT_SETTINGS.yearlyTodoLeadMonths),
  exemptAbsentInVoteExpected: ruleFields.exemptAbsentInVoteExpected.default(
    DEFAULT_SETTINGS.exemptAbsentInVoteExpected,
  ),
  electionQuorum: ruleFields.electionQuorum.default(DEFAULT_SETTINGS.electionQuorum),
  excellentRatio: ruleFields.excellentRatio.default(DEFAULT_SETTINGS.excellentRatio),
  signInWindowMinutes: ruleFields.signInWindowMinutes.default(DEFAULT_SETTINGS.signInWindowMinutes),
}) satisfies z.ZodType<MeetingSettings>;

export const settingsBody = z
  .object({
    ...settingsFields,
    ...ruleFields,
    classHoursByKind: label(settingsFields.classHoursByKind.partial(), '各类会议默认学时'),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');
export type SettingsInput = z.infer<typeof settingsBody>;

export const ruleset = z.object({ name: z.string(), version: z.string(), effectiveFrom: z.string() });

const fractionView = z.object({ numerator: z.number(), denominator: z.number() });
export const settingsView = z.object({
  lateAfterDays: z.number(),
  lectureFrequency: frequency,
  silentAfterDays: z.number(),
  rankingEnabled: z.boolean(),
  classHoursByKind: z.record(z.enum(MEETING_KINDS), z.number()),
  redAfterMissedMonths: z.number(),
  redAfterMissedUnits: z.number(),
  owedIfActive: fractionView,
  yearlyTodoLeadMonths: z.number(),
  exemptAbsentInVoteExpected: z.boolean(),
  electionQuorum: fractionView,
  excellentRatio: fractionView,
  signInWindowMinutes: z.number(),
});
export const settingsResponse = settingsView.extend({ rulesets: z.array(ruleset) });
export type SettingsResponse = z.infer<typeof settingsResponse>;
