import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { listHours } from './hours';

export interface LedgerBenchResult {
  runs: number;
  members: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Each call right after a change to the sources (nothing kept): what the first reader after a write waits. */
  afterChange: { p50Ms: number; p95Ms: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (v: number) => Math.round(v * 10) / 10;

/**
 * The study-hours ledger of the whole section for a year (the committee's view: every member, every source,
 * the standing against the target), timed over `runs` calls after one warm-up: read again and again, then
 * each right after a change (the change counters raised, as a committed meeting or attendance raises them).
 */
export async function benchLedger(
  ctx: AppContext,
  committeeActor: Actor,
  year: number,
  runs = 30,
): Promise<LedgerBenchResult> {
  const q = { year, page: 1, pageSize: 20 };
  const first = await listHours(ctx, committeeActor, q);
  const timed = async (before?: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await before?.();
      const t = performance.now();
      await listHours(ctx, committeeActor, q);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  const steady = await timed();
  const changed = await timed(() =>
    ctx.db.execute(
      sql`insert into data_versions (tenant_id, name, version)
          values (${committeeActor.tenantId}, 'meetings', 1), (${committeeActor.tenantId}, 'training_hours', 1),
                 (${committeeActor.tenantId}, 'people', 1)
          on conflict (tenant_id, name) do update set version = data_versions.version + 1`,
    ),
  );
  return {
    runs,
    members: first.total,
    p50Ms: round(percentile(steady, 50)),
    p95Ms: round(percentile(steady, 95)),
    maxMs: round(steady[steady.length - 1]),
    afterChange: { p50Ms: round(percentile(changed, 50)), p95Ms: round(percentile(changed, 95)) },
  };
}
