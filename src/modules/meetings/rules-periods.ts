import { DEFAULT_SETTINGS, type Fraction, type Frequency } from './rules-settings';

/**
 * Calendar arithmetic of organization life, pure: days and months, quarters and years, the units a
 * meeting is owed in, late entries (补录), and the days an organization existed (a dissolution or merge
 * day is not one).
 */

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY);
export const addDays = (d: string, n: number): string => fromMs(toMs(d) + n * DAY);
const lastDayOfMonth = (y: number, m: number) => fromMs(Date.UTC(y, m, 0));
const pad = (n: number) => String(n).padStart(2, '0');

/** A date plus whole calendar months, clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return `${ny}-${pad(nm)}-${pad(Math.min(d, Number(lastDayOfMonth(ny, nm).slice(8))))}`;
}

/** Late (补录): submitted more than `lateAfterDays` calendar days after the day it was held. */
export const isLate = (heldOn: string, submittedOn: string, lateAfterDays: number): boolean =>
  daysBetween(heldOn, submittedOn) > lateAfterDays;

export interface Period {
  from: string;
  to: string;
}

export function periodOf(year: number, quarter?: number): Period {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const m1 = (quarter - 1) * 3 + 1;
  return { from: `${year}-${pad(m1)}-01`, to: lastDayOfMonth(year, m1 + 2) };
}

/** The calendar units (months, quarters, …) that intersect a period, each whole. */
export function unitsOf(freq: Frequency, period: Period): Period[] {
  const months = { month: 1, quarter: 3, half_year: 6, year: 12 }[freq];
  const out: Period[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Math.floor((Number(period.from.slice(5, 7)) - 1) / months) * months + 1;
  for (;;) {
    const from = `${y}-${pad(m)}-01`;
    if (from > period.to) break;
    const endMonth = m + months - 1;
    out.push({ from, to: lastDayOfMonth(y, endMonth) });
    m += months;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

/** A stretch of days `[from, to)` (to exclusive, null: open). */
export interface Span {
  from: string;
  to: string | null;
}

/** The days of `unit` covered by the spans (a dissolution or end day is not a day of existence). */
function activeDays(unit: Period, spans: Span[]): number {
  let days = 0;
  for (const s of spans) {
    const start = s.from > unit.from ? s.from : unit.from;
    const endExclusive = s.to !== null && s.to <= unit.to ? s.to : addDays(unit.to, 1);
    if (endExclusive > start) days += daysBetween(start, endExclusive);
  }
  return days;
}

/** An organization's life as a span: from its founding up to, not including, its dissolution (or merge) day. */
export const lifeSpan = (life: { establishedOn: string; dissolvedOn?: string | null }): Span => ({
  from: life.establishedOn,
  to: life.dissolvedOn ?? null,
});

/** The overlap of two lists of spans. */
export function intersectSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a)
    for (const y of b) {
      const from = x.from > y.from ? x.from : y.from;
      const to = x.to === null ? y.to : y.to === null ? x.to : x.to < y.to ? x.to : y.to;
      if (to === null || to > from) out.push({ from, to });
    }
  return out;
}

/**
 * Whether a unit's meeting is owed: the holder existed for at least the `owedIfActive` share of the unit
 * (half by default: a branch set up on the 16th of a 30-day month owes it, one set up on the 17th does
 * not). A dissolution day is not a day of existence: a branch dissolved on the 16th existed 15 days.
 */
export function owesUnit(
  unit: Period,
  life: { establishedOn: string; dissolvedOn?: string | null } | Span[],
  owedIfActive: Fraction = DEFAULT_SETTINGS.owedIfActive,
): boolean {
  const spans = Array.isArray(life) ? life : [lifeSpan(life)];
  const active = activeDays(unit, spans);
  const length = daysBetween(unit.from, unit.to) + 1;
  return active > 0 && active * owedIfActive.denominator >= length * owedIfActive.numerator;
}
