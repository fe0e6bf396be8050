/**
 * Organization life rules as data: what a branch owes and when (《中国共产党支部工作条例（试行）》2018
 * 第十一条 支部党员大会, 第十二条 支部委员会, 第十三条 党小组会, 第十六条 三会一课 and 主题党日, 第十七条 组织生活会,
 * 第十八条 民主评议党员), with 《中国共产党党员教育管理工作条例》(2019) on party lectures and exempt members.
 * Local practice (lecture frequency, the late-entry delay, the red thresholds, the owed-if-active share,
 * the to-do's lead time for yearly items, …) is a tenant setting with the national or common default.
 * Pure functions, tested as tables. Who counts and votes: `roll.ts`; the kinds and statuses:
 * `rules-kinds.ts`; the settings and their defaults: `rules-settings.ts`; the calendar and the days an
 * organization existed: `rules-periods.ts`.
 */

import { MEETING_RULESETS, type MeetingKind } from './rules-kinds';
import {
  daysBetween,
  intersectSpans,
  lifeSpan,
  owesUnit,
  type Period,
  type Span,
  unitsOf,
} from './rules-periods';
import { DEFAULT_SETTINGS, type Frequency, type MeetingSettings } from './rules-settings';

export {
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  type AttendanceEntry,
  type AttendanceStatus,
  VOTE_TYPE_LABELS,
  VOTE_TYPES,
  type VoteInput,
  type VoteType,
} from './roll';
/** The vocabulary the compliance rules are stated in, for the readers of this file (assessment, hours). */
export { COUNTED_STATUSES, MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from './rules-kinds';
export type { Period } from './rules-periods';

// ---------------------------------------------------------------- compliance

export interface Requirement {
  kind: MeetingKind;
  frequency: Frequency;
  /** Who holds it: the branch, its committee (only while one exists), or each party group. */
  holder: 'branch' | 'committee' | 'group';
  /** The rule and article it comes from. */
  basis: string;
}

const BRANCH_RULES = `《${MEETING_RULESETS[0].name}》${MEETING_RULESETS[0].version}`;
const EDUCATION_RULES = `《${MEETING_RULESETS[1].name}》${MEETING_RULESETS[1].version}`;

/** What a branch owes, with the article each requirement comes from. */
export function requirements(settings: MeetingSettings): Requirement[] {
  const b = BRANCH_RULES;
  return [
    {
      kind: 'branch_general_meeting',
      frequency: 'quarter',
      holder: 'branch',
      basis: `${b} 第十一条（一般每季度召开1次）`,
    },
    {
      kind: 'branch_committee_meeting',
      frequency: 'month',
      holder: 'committee',
      basis: `${b} 第十二条（一般每月召开1次）`,
    },
    {
      kind: 'party_group_meeting',
      frequency: 'month',
      holder: 'group',
      basis: `${b} 第十三条（一般每月召开1次）`,
    },
    {
      kind: 'party_lecture',
      frequency: settings.lectureFrequency,
      holder: 'branch',
      basis: `${b} 第十六条、${EDUCATION_RULES}（支部党课频次未作规定，按本单位设置）`,
    },
    {
      kind: 'theme_party_day',
      frequency: 'month',
      holder: 'branch',
      basis: `${b} 第十六条（每月相对固定1天）`,
    },
    {
      kind: 'organization_life_meeting',
      frequency: 'year',
      holder: 'branch',
      basis: `${b} 第十七条（每年至少1次，一般在第四季度）`,
    },
    {
      kind: 'democratic_review',
      frequency: 'year',
      holder: 'branch',
      basis: `${b} 第十八条（一般每年1次）`,
    },
  ];
}

export type ComplianceStatus = 'green' | 'yellow' | 'red';

export interface OrgLife {
  id: string;
  establishedOn: string;
  dissolvedOn?: string | null;
}

export interface HeldMeeting {
  orgId: string;
  kind: string;
  heldOn: string;
  late: boolean;
  /** False for a meeting recorded without its quorum (未达到规定人数): it does not count as held. */
  valid?: boolean;
}

export interface ComplianceInput {
  /**
   * The branch; `committeeSpans` are the days a committee existed (from the posts), or, for a branch
   * with no posts recorded, `hasCommittee` stands for its whole life.
   */
  branch: OrgLife & { hasCommittee: boolean; committeeSpans?: Span[] };
  /** Its party groups; `spans` are the days each hung under this branch (default: its whole life). */
  groups: (OrgLife & { spans?: Span[] })[];
  /** Submitted, returned or approved meetings of the branch and its groups (drafts don't count). */
  meetings: HeldMeeting[];
  period: Period;
  today: string;
  settings: MeetingSettings;
}

/** One unit a holder owes: the answer of `owedUnits`, from which compliance, the to-do and the matrix count. */
export interface OwedUnit {
  kind: MeetingKind;
  frequency: Frequency;
  holderId: string;
  unit: Period;
  /** The unit has ended (before today). */
  past: boolean;
  /** A valid meeting covers it. */
  held: boolean;
  /** Covered only by late records (补录). */
  late: boolean;
  /** Meetings in the unit recorded without their quorum (未达到规定人数). */
  invalid: number;
}

/** The spans during which a requirement's holder owed it. */
function holdersOf(req: Requirement, input: ComplianceInput): { id: string; spans: Span[] }[] {
  const { branch, groups } = input;
  const branchLife = [lifeSpan(branch)];
  if (req.holder === 'group')
    return groups.map((g) => ({
      id: g.id,
      spans: intersectSpans([lifeSpan(g)], g.spans ?? [{ from: g.establishedOn, to: null }]),
    }));
  if (req.holder === 'committee') {
    const spans = branch.committeeSpans
      ? intersectSpans(branchLife, branch.committeeSpans)
      : branch.hasCommittee
        ? branchLife
        : [];
    return spans.length ? [{ id: branch.id, spans }] : [];
  }
  return [{ id: branch.id, spans: branchLife }];
}

/**
 * The one answer to "what does this branch owe in this period": every unit each holder owes (founded,
 * dissolved or merged mid-period: the `owedIfActive` share of the unit; a dissolution day excluded; a
 * committee while one existed; a party group while it hung under this branch) and whether a valid
 * meeting covers it. Compliance, the matrix, the secretary's to-do and the ledger all count from here.
 */
export function owedUnits(input: ComplianceInput): OwedUnit[] {
  const { meetings, period, today, settings } = input;
  const out: OwedUnit[] = [];
  for (const req of requirements(settings)) {
    const ofKind = meetings.filter(
      (m) => m.kind === req.kind && m.heldOn >= period.from && m.heldOn <= period.to,
    );
    for (const holder of holdersOf(req, input)) {
      const own = ofKind.filter((m) => req.holder !== 'group' || m.orgId === holder.id);
      for (const unit of unitsOf(req.frequency, period)) {
        if (!owesUnit(unit, holder.spans, settings.owedIfActive)) continue;
        const inUnit = own.filter((m) => m.heldOn >= unit.from && m.heldOn <= unit.to);
        const valid = inUnit.filter((m) => m.valid !== false);
        out.push({
          kind: req.kind,
          frequency: req.frequency,
          holderId: holder.id,
          unit,
          past: unit.to < today,
          held: valid.length > 0,
          late: valid.length > 0 && valid.every((m) => m.late),
          invalid: inUnit.length - valid.length,
        });
      }
    }
  }
  return out;
}

export interface ComplianceItem {
  kind: MeetingKind;
  /** Units owed over the whole period, its future part included. */
  expected: number;
  /** Units owed whose end has passed. */
  due: number;
  /** Owed units covered by a valid meeting (late ones included). */
  held: number;
  /** Owed units covered only by late records (补录). */
  late: number;
  /** Owed units already past and not covered. */
  missing: number;
  /** Meetings of the kind in the period, counted plainly. */
  meetings: number;
  /** Meetings of the kind recorded without their quorum (未达到规定人数), which cover nothing. */
  invalid: number;
  status: ComplianceStatus;
}

/**
 * Status of one kind: red after `redAfterMissedMonths` missed months for a monthly meeting (one month's
 * slip is caught up next month in practice) or `redAfterMissedUnits` missed units otherwise; yellow for
 * fewer missed units or any 补录; green otherwise. Units still running are not held against the branch.
 */
export function complianceStatus(
  frequency: Frequency,
  missing: number,
  late: number,
  settings: Pick<MeetingSettings, 'redAfterMissedMonths' | 'redAfterMissedUnits'> = DEFAULT_SETTINGS,
): ComplianceStatus {
  const red = frequency === 'month' ? settings.redAfterMissedMonths : settings.redAfterMissedUnits;
  if (missing >= red) return 'red';
  if (missing > 0 || late > 0) return 'yellow';
  return 'green';
}

export function computeCompliance(input: ComplianceInput): ComplianceItem[] {
  const owed = owedUnits(input);
  const { period, meetings, settings } = input;
  return requirements(settings).map((req) => {
    const units = owed.filter((u) => u.kind === req.kind);
    const ofKind = meetings.filter(
      (m) => m.kind === req.kind && m.heldOn >= period.from && m.heldOn <= period.to,
    );
    const missing = units.filter((u) => u.past && !u.held).length;
    const late = units.filter((u) => u.late).length;
    return {
      kind: req.kind,
      expected: units.length,
      due: units.filter((u) => u.past).length,
      held: units.filter((u) => u.held).length,
      late,
      missing,
      meetings: ofKind.length,
      invalid: ofKind.filter((m) => m.valid === false).length,
      status: complianceStatus(req.frequency, missing, late, settings),
    };
  });
}

/**
 * Whether an owed, uncovered unit belongs on the secretary's to-do today: past ones (overdue) and running
 * ones; a yearly unit only in its last `yearlyTodoLeadMonths` months, so the list is what is due.
 */
export function onTodo(u: OwedUnit, today: string, settings: MeetingSettings): boolean {
  if (u.held || u.unit.from > today) return false;
  if (u.past || u.frequency !== 'year') return true;
  const leadMonth = String(13 - settings.yearlyTodoLeadMonths).padStart(2, '0');
  const leadFrom = `${u.unit.to.slice(0, 4)}-${leadMonth}-01`;
  return today >= leadFrom;
}

/** 静默: no organization life held for `silentAfterDays` days (a branch younger than that is not judged). */
export function isSilent(
  lastHeldOn: string | null,
  today: string,
  establishedOn: string,
  silentAfterDays: number,
): boolean {
  const since = lastHeldOn ?? establishedOn;
  return daysBetween(since, today) > silentAfterDays;
}
