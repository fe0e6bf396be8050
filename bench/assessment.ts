import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/kernel/accounts/api';
import { benchAssessment } from '../src/modules/assessment/bench';
import { benchLedger } from '../src/modules/training/bench';
import type { AppContext } from '../src/platform/context';
import { parseKeyRing } from '../src/platform/crypto';
import { isEmptyDatabase, openDatabase, queryRows } from '../src/platform/db';
import { loadDemo, migrateAndUpgrade } from '../src/server/bootstrap';

/**
 * `npx tsx bench/assessment.ts`: the assessment targets alone (a round for the whole section p95 ≤ 200 ms,
 * the overview ≤ 100 ms) and the training ledger's (a year for the whole section p95 ≤ 50 ms) on PGlite
 * with the demo section. BENCH_DUMP=<file> keeps the loaded demo for the
 * next run. DATABASE_URL=postgres://… runs the same on a PostgreSQL server (an empty database gets the
 * demo, one that has it is reused). The same figures are part of `npm run bench` (bench/extras.ts).
 */
const KEYS = parseKeyRing({
  keys: `b1:${Buffer.alloc(32, 1).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
});
const url = process.env.DATABASE_URL;
const dump = url ? undefined : process.env.BENCH_DUMP;
const database = await openDatabase(
  url
    ? { databaseUrl: url }
    : {
        dataDir: 'memory://',
        loadDataDir: dump && existsSync(dump) ? new Blob([readFileSync(dump)]) : undefined,
      },
);
let reuse = !!dump && existsSync(dump);
if (url) {
  // On a server the demo is loaded once, into an empty database, and kept for the next run.
  await migrateAndUpgrade(database);
  reuse = !(await isEmptyDatabase(database.db));
}
const ctx: AppContext = {
  db: database.db,
  keys: KEYS,
  config: {
    demoMode: true,
    filesDir: '.tmp/bench-files',
    secureCookies: false,
    loginRateLimitPerMinute: 100000,
  },
};
if (!reuse) {
  const t = performance.now();
  if (!url) await migrateAndUpgrade(database);
  await loadDemo(ctx);
  console.log(`demo loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (dump)
    writeFileSync(dump, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
}
const [{ id }] = await queryRows<{ id: string }>(
  ctx.db,
  sql`select id from accounts where username = 'demo-committee'`,
);
const actor = (await loadActor(ctx.db, id, '127.0.0.1'))!;
const r = await benchAssessment(ctx, actor, Number(process.env.BENCH_RUNS ?? 30));
console.log(
  `round, whole section (${r.branches} branches × ${r.items} items) p50 / p95 / max: ${r.round.p50} / ${r.round.p95} / ${r.round.max} ms (target p95 ≤ 200 ms)`,
);
console.log(
  `overview, whole section (${r.overview.rows} rows) p50 / p95 / max: ${r.overview.p50} / ${r.overview.p95} / ${r.overview.max} ms (target ≤ 100 ms)`,
);
const ledger = await benchLedger(ctx, actor, new Date().getFullYear(), Number(process.env.BENCH_RUNS ?? 30));
console.log(
  `training ledger, whole section (${ledger.members} members, a year) p50 / p95 / max: ${ledger.p50Ms} / ${ledger.p95Ms} / ${ledger.maxMs} ms (target p95 ≤ 50 ms); first read after a change p50 / p95: ${ledger.afterChange.p50Ms} / ${ledger.afterChange.p95Ms} ms`,
);
await database.close();
