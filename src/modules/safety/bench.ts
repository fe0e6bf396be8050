import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { safetyBoard } from './board';

export interface BoardBenchResult {
  runs: number;
  branches: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The safety board of the whole section (the committee's view), timed over `runs` calls after one warm-up. */
export async function benchSafetyBoard(
  ctx: AppContext,
  committeeActor: Actor,
  runs = 30,
): Promise<BoardBenchResult> {
  const first = await safetyBoard(ctx, committeeActor, {});
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await safetyBoard(ctx, committeeActor, {});
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    runs,
    branches: first.items.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times[times.length - 1]),
  };
}
