import { benchSafetyBoard } from '../src/modules/safety/bench';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/server/context';
import type { Row } from './run';

/** Module benchmarks run on the same database as the foundation's (demo size). */
export const BENCH_EXTRAS: ((ctx: AppContext, actor: Actor, db: string) => Promise<Row[]>)[] = [
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
];
