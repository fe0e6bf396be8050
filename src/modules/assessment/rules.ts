/**
 * Assessment rules (考核评比, 岗区考核). No national score sheet exists (DOMAIN §5.6): the sheet is a
 * template of the committee's, items computed from the records where the records can answer and scored by
 * an inspector otherwise. Rankings and star levels are local and off by default (DOMAIN §6, 中央网信委
 * 2023 opinions on 指尖上的形式主义). Pure functions, tested as tables (rules.test.ts).
 */

export const TARGETS = ['branch', 'member'] as const;
export type Target = (typeof TARGETS)[number];
export const TARGET_LABELS: Record<Target, string> = { branch: '党支部', member: '党员（岗区）' };

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: '月度',
  quarter: '季度',
  year: '年度',
};

/** A score item gives 0…max; a bonus adds up to max; a deduction takes away up to max. */
export const ITEM_KINDS = ['score', 'bonus', 'deduction'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  score: '得分项',
  bonus: '加分项',
  deduction: '扣分项',
};

export const SOURCES = [
  'manual',
  'meeting_compliance',
  'meeting_attendance',
  'talk_coverage',
  'overdue_talks',
  'member_violations',
  'overdue_rectifications',
  'overdue_tasks',
  'study_hours',
  'dues_paid',
] as const;
export type Source = (typeof SOURCES)[number];

/** How a source's figure becomes points: a share of the maximum, or so much per record counted. */
export type Measure = 'ratio' | 'count';

export interface SourceSpec {
  label: string;
  /** Whom it can assess. */
  targets: readonly Target[];
  measure: Measure | 'manual';
  /** The kind an item of this source takes when none is given. */
  defaultKind: ItemKind;
  /** The module whose records answer it; the source is unavailable while that module is not installed. */
  module: string | null;
  /** Points per record (count sources) when the item does not say. */
  defaultPerUnit?: number;
  /** A yearly target: judged against the part of the year gone by the end of the period. */
  yearly?: boolean;
  /** The rule in words, shown with the item. */
  rule: string;
}

export const SOURCE_SPECS: Record<Source, SourceSpec> = {
  manual: {
    label: '检查评分',
    targets: ['branch', 'member'],
    measure: 'manual',
    defaultKind: 'score',
    module: null,
    rule: '由考核人员在线评分，并写明理由',
  },
  meeting_compliance: {
    label: '组织生活落实率',
    targets: ['branch'],
    measure: 'ratio',
    defaultKind: 'score',
    module: 'meetings',
    rule: '考核期内已到期的“三会一课”、主题党日等应开次数中实际召开（含补录）的比例 × 满分',
  },
  meeting_attendance: {
    label: '组织生活出勤率',
    targets: ['branch', 'member'],
    measure: 'ratio',
    defaultKind: 'score',
    module: 'meetings',
    rule: '考核期内组织生活实到人次 ÷ 应到人次 × 满分（免于参加的党员缺席不计）',
  },
  talk_coverage: {
    label: '谈心谈话覆盖率',
    targets: ['branch'],
    measure: 'ratio',
    defaultKind: 'score',
    module: 'talks',
    yearly: true,
    rule: '本年初至考核期末谈过话的党员占比，对照全年进度（每名党员每年至少一次）× 满分',
  },
  overdue_talks: {
    label: '两违谈话逾期',
    targets: ['branch'],
    measure: 'count',
    defaultKind: 'deduction',
    module: 'talks',
    defaultPerUnit: 1,
    rule: '期限在考核期内、逾期才谈或至今未谈的两违谈话，每起扣分',
  },
  member_violations: {
    label: '党员违章违纪',
    targets: ['branch', 'member'],
    measure: 'count',
    defaultKind: 'deduction',
    module: 'safety',
    defaultPerUnit: 0.5,
    rule: '支部：考核期内党员违章违纪折合每百名党员的起数 × 每单位扣分；党员：本人每起扣分',
  },
  overdue_rectifications: {
    label: '整改逾期',
    targets: ['branch'],
    measure: 'count',
    defaultKind: 'deduction',
    module: 'inspection',
    defaultPerUnit: 2,
    rule: '整改期限在考核期内、逾期才答复或至今未答复的整改事项，每项扣分',
  },
  overdue_tasks: {
    label: '督办逾期',
    targets: ['branch'],
    measure: 'count',
    defaultKind: 'deduction',
    module: 'tasks',
    defaultPerUnit: 1,
    rule: '截止日期在考核期内、逾期才回复或至今未回复的督办任务，每项扣分',
  },
  study_hours: {
    label: '学习学时',
    targets: ['branch', 'member'],
    measure: 'ratio',
    defaultKind: 'score',
    module: 'training',
    yearly: true,
    rule: '本年学时对照年度目标学时的进度（支部取未免学党员的人均学时）× 满分',
  },
  dues_paid: {
    label: '党费按时交纳',
    targets: ['branch', 'member'],
    measure: 'ratio',
    defaultKind: 'score',
    module: 'dues',
    rule: '考核期内按时交纳党费的月份占比 × 满分（党费模块上线后启用）',
  },
};

/** Why an item's source and kind don't go together, or null. */
export function itemProblem(item: { source: Source; kind: ItemKind }, target: Target): string | null {
  const spec = SOURCE_SPECS[item.source];
  if (!spec.targets.includes(target))
    return `“${spec.label}”只能用于${spec.targets.map((t) => TARGET_LABELS[t]).join('、')}考核`;
  if (spec.measure === 'ratio' && item.kind !== 'score') return `“${spec.label}”按比例得分，只能作为得分项`;
  if (spec.measure === 'count' && item.kind === 'score')
    return `“${spec.label}”按起数计分，应作为扣分项（或加分项）`;
  return null;
}

// ---------------------------------------------------------------- periods

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
const lastOfMonth = (y: number, m: number) => fromMs(Date.UTC(y, m, 0));

export interface Period {
  from: string;
  to: string;
}

/** The whole calendar unit of a kind that contains a day. */
export function unitOf(kind: PeriodKind, day: string): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  const first = kind === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const last = kind === 'month' ? m : first + 2;
  return { from: `${y}-${pad(first)}-01`, to: lastOfMonth(y, last) };
}

/** Whether the period is exactly one whole month, quarter or year. */
export const isWholeUnit = (kind: PeriodKind, p: Period): boolean => {
  const u = unitOf(kind, p.from);
  return u.from === p.from && u.to === p.to;
};

/** 2026年第3季度, 2026年8月, 2026年度, or the dates. */
export function periodLabel(p: Period): string {
  const y = p.from.slice(0, 4);
  for (const kind of PERIOD_KINDS) {
    if (!isWholeUnit(kind, p)) continue;
    if (kind === 'year') return `${y}年度`;
    if (kind === 'quarter') return `${y}年第${Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1}季度`;
    return `${y}年${Number(p.from.slice(5, 7))}月`;
  }
  return `${p.from} 至 ${p.to}`;
}

/** Why a round's period is not acceptable for a template, as field → reason, or null. */
export function periodProblem(
  p: Period,
  kind: PeriodKind | null,
  today: string,
): Record<string, string> | null {
  if (p.to < p.from) return { periodEnd: '考核期结束：结束日期不能早于开始日期' };
  if (daysIn(p.from, p.to) > 366) return { periodEnd: '考核期结束：考核期不能超过一年' };
  if (p.from > today) return { periodStart: '考核期开始：考核期尚未开始，不能发起考核' };
  if (kind && !isWholeUnit(kind, p))
    return {
      periodStart: `考核期开始：该模板按${PERIOD_KIND_LABELS[kind]}考核，考核期应为一个完整的${kind === 'month' ? '月' : kind === 'quarter' ? '季度' : '年度'}`,
    };
  return null;
}

/**
 * The day figures are read on: the end of the period, or today while it runs. Units still running are
 * not held against anyone.
 */
export const referenceDay = (p: Period, today: string): string => (p.to < today ? p.to : today);

/** The share of the calendar year gone by the end of `day` (a yearly target's progress). */
export function yearShare(day: string): number {
  const y = day.slice(0, 4);
  return daysIn(`${y}-01-01`, day) / daysIn(`${y}-01-01`, `${y}-12-31`);
}

// ---------------------------------------------------------------- who is assessed

/** A subject active for less than this share of the period is not assessed (不适用). */
export const MIN_ACTIVE_SHARE = 0.5;

export interface Applicability {
  applicable: boolean;
  /** Why not, or what was adjusted; null when nothing needs saying. */
  note: string | null;
  /** The share of the period the branch existed. */
  activeShare: number;
}

/**
 * Whether a branch is assessed in a period:
 * - an empty branch (no party member on the reference day) is 不适用: nobody to hold meetings or talks;
 * - a branch that existed for less than half of the period (founded late, dissolved early) is 不适用;
 * - one founded or dissolved within the period otherwise is assessed on what it owed while it existed
 *   (organization life owes a unit only when the branch existed for half of it: meetings' own rule).
 */
export function branchApplicability(
  b: { establishedOn: string; dissolvedOn: string | null; members: number },
  p: Period,
): Applicability {
  const start = b.establishedOn > p.from ? b.establishedOn : p.from;
  const endExclusive = b.dissolvedOn && b.dissolvedOn <= p.to ? b.dissolvedOn : addDays(p.to, 1);
  const active = Math.max(0, daysIn(start, endExclusive) - 1);
  const activeShare = Math.round((active / daysIn(p.from, p.to)) * 1000) / 1000;
  if (activeShare < MIN_ACTIVE_SHARE) {
    const why = b.establishedOn > p.from ? `${b.establishedOn} 成立` : `${b.dissolvedOn ?? ''} 撤销`;
    return { applicable: false, note: `考核期内存续不足一半（${why}），本期不适用`, activeShare };
  }
  if (b.members === 0)
    return { applicable: false, note: '考核期末没有党员（空支部），本期不适用', activeShare };
  if (activeShare < 1) {
    const why = b.establishedOn > p.from ? `${b.establishedOn} 成立` : `${b.dissolvedOn} 撤销`;
    return { applicable: true, note: `考核期内${why}，按存续期间应开展的工作计算`, activeShare };
  }
  return { applicable: true, note: null, activeShare };
}

// ---------------------------------------------------------------- points

export interface ItemRule {
  /** Count sources: points per record (or per record per 100 members). */
  perUnit?: number;
  /** Ratio sources: the share at which the item gets full marks (default 1). */
  fullAt?: number;
}

export type Reading =
  | { measure: 'ratio'; ratio: number }
  | { measure: 'count'; amount: number }
  | { measure: 'manual'; points: number };

const round1 = (v: number) => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * An item's signed points from its reading: a ratio gives max × min(1, ratio / fullAt); a count gives
 * perUnit × amount up to max; a manual score is what the inspector gave, within 0…max. Deductions are
 * negative. One decimal.
 */
export function itemPoints(
  item: { kind: ItemKind; maxPoints: number; source: Source; rule?: ItemRule | null },
  reading: Reading,
): number {
  const max = item.maxPoints;
  let magnitude: number;
  if (reading.measure === 'ratio') {
    const fullAt = item.rule?.fullAt && item.rule.fullAt > 0 ? item.rule.fullAt : 1;
    magnitude = max * clamp(reading.ratio / fullAt, 0, 1);
  } else if (reading.measure === 'count') {
    const per = item.rule?.perUnit ?? SOURCE_SPECS[item.source].defaultPerUnit ?? 1;
    magnitude = clamp(per * reading.amount, 0, max);
  } else magnitude = clamp(reading.points, 0, max);
  const v = round1(magnitude);
  return item.kind === 'deduction' ? (v === 0 ? 0 : -v) : v;
}

export interface TotalInput {
  kind: ItemKind;
  maxPoints: number;
  /** Null: not counted (source unavailable, not applicable, not yet scored). */
  points: number | null;
}

export interface Total {
  total: number;
  /** The maximum of the counted score items: what `total` is out of. */
  maxTotal: number;
  /** total ÷ maxTotal in per cent, one decimal; null when nothing was counted. */
  percent: number | null;
  bonus: number;
  deduction: number;
}

/**
 * The total: counted score items, plus bonuses (up to `bonusCap`), minus deductions (up to
 * `deductionCap`), never below zero. Items not counted leave both the total and its maximum, so a branch
 * is never marked down for what the platform could not read.
 */
export function totalOf(
  items: TotalInput[],
  caps: { bonusCap?: number | null; deductionCap?: number | null } = {},
): Total {
  const counted = items.filter((i) => i.points !== null);
  const sum = (k: ItemKind) => counted.filter((i) => i.kind === k).reduce((a, i) => a + (i.points ?? 0), 0);
  const score = sum('score');
  const bonusRaw = sum('bonus');
  const deductionRaw = -sum('deduction');
  const bonus = caps.bonusCap != null ? Math.min(bonusRaw, caps.bonusCap) : bonusRaw;
  const deduction = caps.deductionCap != null ? Math.min(deductionRaw, caps.deductionCap) : deductionRaw;
  const maxTotal = round1(counted.filter((i) => i.kind === 'score').reduce((a, i) => a + i.maxPoints, 0));
  const total = round1(Math.max(0, score + bonus - deduction));
  const anyCounted = counted.length > 0;
  return {
    total,
    maxTotal,
    percent: anyCounted && maxTotal > 0 ? round1((total / maxTotal) * 100) : null,
    bonus: round1(bonus),
    deduction: round1(deduction),
  };
}

// ---------------------------------------------------------------- ranking and stars (off by default)

/**
 * Competition ranks (1, 2, 2, 4) by per cent, highest first; subjects without a per cent get none.
 * Only used when the tenant turned ranking on.
 */
export function ranks(items: { key: string; percent: number | null }[]): Map<string, number> {
  const scored = items.filter((i) => i.percent !== null).sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0));
  const out = new Map<string, number>();
  scored.forEach((s, i) => {
    const prev = scored[i - 1];
    out.set(s.key, prev && prev.percent === s.percent ? (out.get(prev.key) ?? i + 1) : i + 1);
  });
  return out;
}

export interface StarLevel {
  stars: number;
  minPercent: number;
}
export const DEFAULT_STAR_LEVELS: StarLevel[] = [
  { stars: 5, minPercent: 95 },
  { stars: 4, minPercent: 85 },
  { stars: 3, minPercent: 75 },
  { stars: 2, minPercent: 60 },
  { stars: 1, minPercent: 0 },
];

/** The highest level whose threshold the per cent reaches, or null. */
export function starsOf(percent: number | null, levels: StarLevel[]): number | null {
  if (percent === null) return null;
  const hit = [...levels].sort((a, b) => b.minPercent - a.minPercent).find((l) => percent >= l.minPercent);
  return hit?.stars ?? null;
}

// ---------------------------------------------------------------- the overview's follow-up order

export interface BranchSignals {
  overdueTasks: number;
  overdueRectifications: number;
  /** Open rectifications not yet overdue. */
  openRectifications: number;
  orgLife: 'green' | 'yellow' | 'red' | null;
  safetyFlagged: boolean;
  overdueTalks: number;
  /** The latest closed assessment's per cent. */
  assessmentPercent: number | null;
}

/**
 * Points of concern, for the order "weakest first" (what to follow up), never shown as a number or rank:
 * each overdue task or rectification 3, each open rectification 1, organization life red 4 / yellow 2,
 * the safety flag 3, each overdue talk after a violation 2, the latest assessment below 60 % 4, below
 * 80 % 2. Each line says why in words.
 */
export const CONCERN_WEIGHTS = {
  overdueTask: 3,
  overdueRectification: 3,
  openRectification: 1,
  orgLifeRed: 4,
  orgLifeYellow: 2,
  safetyFlag: 3,
  overdueTalk: 2,
  assessmentBelow60: 4,
  assessmentBelow80: 2,
} as const;

export function concern(s: BranchSignals): { weight: number; reasons: string[] } {
  const w = CONCERN_WEIGHTS;
  const reasons: string[] = [];
  let weight = 0;
  const add = (points: number, reason: string) => {
    weight += points;
    reasons.push(reason);
  };
  if (s.overdueTasks) add(w.overdueTask * s.overdueTasks, `督办逾期 ${s.overdueTasks} 项`);
  if (s.overdueRectifications)
    add(w.overdueRectification * s.overdueRectifications, `整改逾期 ${s.overdueRectifications} 项`);
  if (s.openRectifications)
    add(w.openRectification * s.openRectifications, `整改未完成 ${s.openRectifications} 项`);
  if (s.orgLife === 'red') add(w.orgLifeRed, '组织生活缺项较多');
  else if (s.orgLife === 'yellow') add(w.orgLifeYellow, '组织生活有缺项或补录');
  if (s.safetyFlagged) add(w.safetyFlag, '党员违章率超过预警线');
  if (s.overdueTalks) add(w.overdueTalk * s.overdueTalks, `两违谈话逾期 ${s.overdueTalks} 起`);
  if (s.assessmentPercent !== null && s.assessmentPercent < 60)
    add(w.assessmentBelow60, '最近一次考核低于60%');
  else if (s.assessmentPercent !== null && s.assessmentPercent < 80)
    add(w.assessmentBelow80, '最近一次考核低于80%');
  return { weight, reasons };
}
