import { benchAssessment } from '../src/modules/assessment/bench';
import { compliance } from '../src/modules/meetings/compliance';
import { benchSafetyBoard } from '../src/modules/safety/bench';
import { benchLedger } from '../src/modules/training/bench';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/platform/context';
import { ms, percentiles, type Row } from './stats';

const COMPLIANCE_RUNS = Number(process.env.BENCH_RUNS ?? 100);

/** Module benchmarks run on the same database as the foundation's (demo size). */
export const BENCH_EXTRAS: ((ctx: AppContext, actor: Actor, db: string) => Promise<Row[]>)[] = [
  async (ctx, actor, db) => {
    const year = new Date().getFullYear() - 1;
    const first = await compliance(ctx, actor, { year });
    const times: number[] = [];
    for (let i = 0; i < COMPLIANCE_RUNS; i++) {
      const t = performance.now();
      await compliance(ctx, actor, { year });
      times.push(performance.now() - t);
    }
    const p = percentiles(times);
    return [
      {
        db,
        metric: `compliance, whole section (${first.branches.length} branches, ${year}) p50 / p95`,
        value: `${ms(p.p50)} / ${ms(p.p95)}`,
        target: 'p95 < 50 ms',
      },
    ];
  },
  async (ctx, actor, db) => {
    const r = await benchSafetyBoard(ctx, actor, 30);
    return [
      {
        db,
        metric: `safety board, whole section (${r.branches} branches) p50 / p95`,
        value: `${r.p50Ms.toFixed(1)} ms / ${r.p95Ms.toFixed(1)} ms`,
      },
    ];
  },
  async (ctx, actor, db) => {
    const r = await benchLedger(ctx, actor, new Date().getFullYear(), 30);
    return [
      {
        db,
        metric: `study-hours ledger, whole section (${r.members} members, a year) p50 / p95`,
        value: `${r.p50Ms.toFixed(1)} ms / ${r.p95Ms.toFixed(1)} ms`,
        target: db === 'PGlite' ? 'p95 ≤ 50 ms' : undefined,
      },
      {
        db,
        metric: 'study-hours ledger, whole section, first read after a change p50 / p95',
        value: `${r.afterChange.p50Ms.toFixed(1)} ms / ${r.afterChange.p95Ms.toFixed(1)} ms`,
      },
    ];
  },
  async (ctx, actor, db) => {
    const r = await benchAssessment(ctx, actor, 30);
    return [
      {
        db,
        metric: `assessment round, whole section (${r.branches} branches × ${r.items} items) p50 / p95`,
        value: `${r.round.p50.toFixed(1)} ms / ${r.round.p95.toFixed(1)} ms`,
        target: 'p95 ≤ 200 ms',
      },
      {
        db,
        metric: `assessment overview, whole section (${r.overview.rows} branches) p50 / p95`,
        value: `${r.overview.p50.toFixed(1)} ms / ${r.overview.p95.toFixed(1)} ms`,
        target: 'p95 ≤ 100 ms',
      },
    ];
  },
];
