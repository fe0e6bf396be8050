import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadActor } from '../src/kernel/accounts/api';
import { peopleWhere } from '../src/kernel/people/read';
import type { AppContext } from '../src/platform/context';
import { parseKeyRing } from '../src/platform/crypto';
import { type Database, openDatabase, queryRows } from '../src/platform/db';
import { DEMO_PASSWORD } from '../src/platform/demo';
import { buildApp } from '../src/server/app';
import { loadDemo, migrateAndUpgrade } from '../src/server/bootstrap';
import { benchComplianceScale } from './compliance-scale';
import { BENCH_EXTRAS } from './extras';
import { benchImport } from './import';
import { benchRequestPath } from './request-path';
import { ms, percentiles, type Row } from './stats';

/**
 * `npm run bench`: the numbers the issues set targets for, on PGlite and on PostgreSQL (when the local
 * server answers), printed as a table and written to docs/performance.md.
 */
const KEYS = parseKeyRing({
  keys: `b1:${Buffer.alloc(32, 1).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
});
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
/** BENCH_ONLY=request-path: only issue 10's PostgreSQL request-path and load runs (a quicker bench). */
const ONLY_REQUEST_PATH = process.env.BENCH_ONLY === 'request-path';
const plans: string[] = [];

const rows: Row[] = [];
const add = (r: Row) => {
  rows.push(r);
  console.log(`${r.db.padEnd(10)} ${r.metric.padEnd(58)} ${r.value.padStart(16)}  ${r.target ?? ''}`);
};

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function timeHttp(base: string, cookie: string, path: string, runs = RUNS) {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t = performance.now();
    const res = await fetch(base + path, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 5) times.push(performance.now() - t);
  }
  return percentiles(times);
}

async function benchDatabase(label: string, database: Database, databaseUrl?: string) {
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
  let t = performance.now();
  await migrateAndUpgrade(database);
  await loadDemo(ctx);
  add({
    db: label,
    metric: 'migrate + load the demo section',
    value: `${((performance.now() - t) / 1000).toFixed(1)} s`,
  });

  const app = await buildApp({ ctx });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = async (username: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const committee = await login('demo-committee');
  const [{ general }] = await queryRows<{ general: string }>(
    ctx.db,
    sql`select r.org_id as general from role_assignments r join accounts a on a.id = r.account_id where a.username = 'demo-general'`,
  );
  const peoplePath = `/api/v1/people?orgId=${general}&page=1&pageSize=20`;

  const actorId = (
    await queryRows<{ id: string }>(ctx.db, sql`select id from accounts where username = 'demo-committee'`)
  )[0].id;
  if (databaseUrl) {
    const actor = (await loadActor(ctx.db, actorId, '127.0.0.1'))!;
    await benchRequestPath({ ctx, base, databaseUrl, actor, generalId: general, add, plans });
    if (ONLY_REQUEST_PATH) return app.close();
  }

  const people = await timeHttp(base, committee, peoplePath);
  add({
    db: label,
    metric: 'GET /api/v1/people (page of 20, one general branch) p50 / p95',
    value: `${ms(people.p50)} / ${ms(people.p95)}`,
    target: 'p95 < 50 ms',
  });
  const orgs = await timeHttp(base, committee, '/api/v1/orgs');
  add({
    db: label,
    metric: 'GET /api/v1/orgs (whole section) p50 / p95',
    value: `${ms(orgs.p50)} / ${ms(orgs.p95)}`,
    target: 'p95 < 50 ms',
  });
  const stats = await timeHttp(base, committee, '/api/v1/people/stats');
  add({
    db: label,
    metric: 'GET /api/v1/people/stats (home, whole section) p50 / p95',
    value: `${ms(stats.p50)} / ${ms(stats.p95)}`,
    target: 'p95 < 100 ms',
  });

  // The list's own SQL, run directly: what the API adds on top shows as the ratio.
  const actor = (await loadActor(ctx.db, actorId, '127.0.0.1'))!;
  const direct: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    t = performance.now();
    const where = await peopleWhere(ctx, actor, { orgId: general });
    await queryRows(
      ctx.db,
      sql`select count(*)::int from people p join orgs o on o.id = p.org_id left join orgs g on g.id = p.party_group_id where ${where}`,
    );
    await queryRows(
      ctx.db,
      sql`select p.*, o.name, o.path, g.name from people p join orgs o on o.id = p.org_id left join orgs g on g.id = p.party_group_id where ${where} order by o.path, p.name, p.id limit 20`,
    );
    if (i >= 5) direct.push(performance.now() - t);
  }
  const d = percentiles(direct);
  add({ db: label, metric: 'people list SQL run directly p50 / p95', value: `${ms(d.p50)} / ${ms(d.p95)}` });
  add({
    db: label,
    metric: 'API overhead (API p50 / direct SQL p50)',
    value: `${(people.p50 / d.p50).toFixed(2)}×`,
  });

  const load = await autocannon({
    url: base + peoplePath,
    connections: 10,
    duration: Number(process.env.BENCH_LOAD_SECONDS ?? 5),
    headers: { cookie: committee },
  });
  add({
    db: label,
    metric: 'people list under load (10 connections): requests/s',
    value: `${Math.round(load.requests.average)}`,
    target: `p99 ${load.latency.p99} ms, errors ${load.errors + load.non2xx}`,
  });

  for (const extra of BENCH_EXTRAS) {
    for (const r of await extra(ctx, actor, label)) add(r);
  }

  t = performance.now();
  const imported = await benchImport(ctx, actor, 10_000);
  add({
    db: label,
    metric: `import 10,000 roster rows (${imported.status}, ${imported.created} created)`,
    value: `${(imported.totalMs / 1000).toFixed(1)} s`,
    target: '< 10 s',
  });
  await app.close();
}

async function main() {
  console.log('Branchline bench — this takes a few minutes\n');
  if (!ONLY_REQUEST_PATH) {
    const lite = await openDatabase({ dataDir: 'memory://' });
    await benchDatabase('PGlite', lite);
    await lite.close();
  }

  const name = `bl_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
    try {
      await benchDatabase('PostgreSQL', database, url.toString());
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
    }
    if (process.env.BENCH_SCALE !== '0' && !ONLY_REQUEST_PATH) await benchComplianceScale(PG_ADMIN, add);
  } catch (e) {
    add({
      db: 'PostgreSQL',
      metric: 'skipped: no server answered',
      value: String((e as Error).message).slice(0, 40),
    });
  } finally {
    await admin.end().catch(() => {});
  }
  clearInterval(sampler);
  add({
    db: 'process',
    metric: 'peak memory (RSS) of the bench process, server included',
    value: `${Math.round(peakRss / 1024 / 1024)} MiB`,
  });

  const md = [
    '# Performance',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores ${(await import('node:os')).cpus()[0]?.model ?? ''}, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB), demo section: 18 general branches, 121 branches, 3,734 employees. The server runs in the bench process and is called over loopback HTTP.`,
    '',
    '| Database | Metric | Value | Target / note |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.db} | ${r.metric} | ${r.value} | ${r.target ?? ''} |`),
    '',
    `Durations: BENCH_LOAD_SECONDS=${process.env.BENCH_LOAD_SECONDS ?? 10} s per throughput run, BENCH_MIX_SECONDS=${process.env.BENCH_MIX_SECONDS ?? 60} s and BENCH_SESSIONS=${process.env.BENCH_SESSIONS ?? 200} for the mix${ONLY_REQUEST_PATH ? '; BENCH_ONLY=request-path (the PGlite, import and scale parts were not run)' : ''}. The load is generated by autocannon in a separate Node process (bench/load.ts) on the same machine.`,
    '',
    ...(plans.length ? ['## Plans (PostgreSQL, EXPLAIN ANALYZE)', '', ...plans] : []),
  ].join('\n');
  // Kept as they were: the web app's section (bench/web.ts) and the hand-written reading of the figures
  // (how far each missed target is, why, and the next step), each between its markers.
  const file = join(import.meta.dirname, '..', 'docs', 'performance.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = ['web-bench', 'targets']
    .map((name) => new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`).exec(old)?.[0])
    .filter(Boolean);
  writeFileSync(file, [md, ...kept].join('\n') + (kept.length ? '\n' : ''));
  console.log('\nwritten to docs/performance.md');
}

await main();
process.exit(0);
