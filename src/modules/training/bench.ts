import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { listHours } from './hours';

export interface LedgerBenchResult {
  runs: number;
  members: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * The study-hours ledger of the whole section for a year (the committee's view: every member, every source,
 * the standing against the target), timed over `runs` calls after one warm-up.
 */
export async function benchLedger(
  ctx: AppContext,
  committeeActor: Actor,
  year: number,
  runs = 30,
): Promise<LedgerBenchResult> {
  const q = { year, page: 1, pageSize: 20 };
  const first = await listHours(ctx, committeeActor, q);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await listHours(ctx, committeeActor, q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    runs,
    members: first.total,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times[times.length - 1]),
  };
}
