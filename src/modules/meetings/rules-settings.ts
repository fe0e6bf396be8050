import type { MeetingKind } from './rules-kinds';

/**
 * Local practice as a tenant setting (lecture frequency, the late-entry delay, the red thresholds, the
 * owed-if-active share, the to-do's lead time for yearly items, …), each with the national or common
 * default.
 */

export type Frequency = 'month' | 'quarter' | 'half_year' | 'year';

/** A share as a fraction of whole numbers (1/3 stays exact: 6 members → 2, not 1.98). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface MeetingSettings {
  /** A record submitted more than this many days after the meeting is late (补录). */
  lateAfterDays: number;
  /** 党课: the regulation sets no branch frequency; once a quarter is local practice. */
  lectureFrequency: Frequency;
  /** No organization life for this many days flags a branch silent (静默). */
  silentAfterDays: number;
  /** Rankings are optional and off by default (against 形式主义). */
  rankingEnabled: boolean;
  /**
   * 学时 a meeting of each kind credits to the members present, unless its record says otherwise. Local
   * practice: the regulation counts concentrated study (32 学时 a year) but sets no hours per meeting.
   */
  classHoursByKind: Record<MeetingKind, number>;
  /** A monthly meeting turns red after this many missed months (one slip is caught up next month). */
  redAfterMissedMonths: number;
  /** A quarterly, half-yearly or yearly meeting turns red after this many missed units. */
  redAfterMissedUnits: number;
  /** A unit is owed when the organization existed for at least this share of it (local practice: half). */
  owedIfActive: Fraction;
  /** Yearly items enter the secretary's to-do this many months before the year ends (3: from October). */
  yearlyTodoLeadMonths: number;
  /** Whether an absent exempt member (免于参加) counts in a vote's 应到 (default: left out). */
  exemptAbsentInVoteExpected: boolean;
  /** An election meeting needs more than this share of the voting members present (national: 4/5). */
  electionQuorum: Fraction;
  /** 优秀 at most this share of the full members graded, rounded down (national practice: 1/3). */
  excellentRatio: Fraction;
  /** Members sign in from this many minutes before the start to this many after (a code works all day). */
  signInWindowMinutes: number;
}

/** Local practice: a 党课, 主题党日 or 组织生活会 is half a day of study, a meeting with study on its agenda one. */
export const DEFAULT_CLASS_HOURS: Record<MeetingKind, number> = {
  branch_general_meeting: 1,
  branch_committee_meeting: 0,
  party_group_meeting: 1,
  party_lecture: 2,
  theme_party_day: 2,
  organization_life_meeting: 2,
  democratic_review: 0,
  other: 0,
};

export const DEFAULT_SETTINGS: MeetingSettings = {
  lateAfterDays: 7,
  lectureFrequency: 'quarter',
  silentAfterDays: 30,
  rankingEnabled: false,
  classHoursByKind: DEFAULT_CLASS_HOURS,
  redAfterMissedMonths: 2,
  redAfterMissedUnits: 1,
  owedIfActive: { numerator: 1, denominator: 2 },
  yearlyTodoLeadMonths: 3,
  exemptAbsentInVoteExpected: false,
  electionQuorum: { numerator: 4, denominator: 5 },
  excellentRatio: { numerator: 1, denominator: 3 },
  signInWindowMinutes: 120,
};

/** The 学时 of a record: its own, or (for records older than the field) its kind's default. */
export const classHoursOf = (
  m: { kind: string; classHours: number | string | null },
  settings: Pick<MeetingSettings, 'classHoursByKind'>,
): number =>
  m.classHours == null ? (settings.classHoursByKind[m.kind as MeetingKind] ?? 0) : Number(m.classHours);
