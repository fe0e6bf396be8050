import type { Executor } from '../../platform/db';
import type { Evidence } from './contract';
import type { Period, Reading, Target } from './rules';
import type { Subject } from './subjects';

/** What every computed source takes and answers (sources.ts, sources-work.ts). */

export interface SourceInput {
  db: Executor;
  tenantId: string;
  target: Target;
  period: Period;
  today: string;
  /** The day figures are read on (rules.referenceDay). */
  ref: string;
  scopePath: string;
  subjects: Subject[];
  /** Shared reads of one computation (the organization life of the branches feeds two sources). */
  cache: Map<string, Promise<unknown>>;
}

export interface SourceReading {
  applicable: boolean;
  value: number | null;
  valueText: string;
  reading: Reading | null;
  evidence: Evidence;
}

export type Computer = (input: SourceInput) => Promise<Map<string, SourceReading>>;

/** Evidence records kept per item (the summary says how many there were). */
export const MAX_RECORDS = 200;

export const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
export const evidenceOf = (summary: string, link: string | null, records: Evidence['records']): Evidence => ({
  summary,
  link,
  total: records.length,
  records: records.slice(0, MAX_RECORDS),
});
export const notApplicable = (valueText: string, evidence: Evidence): SourceReading => ({
  applicable: false,
  value: null,
  valueText,
  reading: null,
  evidence,
});

export function cached<T>(input: SourceInput, key: string, load: () => Promise<T>): Promise<T> {
  if (!input.cache.has(key)) input.cache.set(key, load());
  return input.cache.get(key) as Promise<T>;
}
