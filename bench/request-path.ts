import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import Fastify from 'fastify';
import pg from 'pg';
import { FROM_PERSON, peopleWhere, SELECT_PERSON } from '../src/kernel/people/read';
import { byName } from '../src/kernel/people/sort-key';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/platform/context';
import { queryRows } from '../src/platform/db';
import { DEMO_PASSWORD } from '../src/platform/demo';
import { ms, type Row } from './stats';

/**
 * Issue 10 §3–§4 on PostgreSQL: the people list and the home statistics through Branchline, through a
 * bare Fastify + pg route running the same SQL, and the SQL alone; 200 signed-in sessions with a mix of
 * lists, details, the home and one write in twenty; the plans of the hot statements. The load comes from
 * a separate process (bench/load.ts, autocannon).
 *
 * Durations: BENCH_LOAD_SECONDS (each throughput run, default 10), BENCH_MIX_SECONDS (the mix, default
 * 60), BENCH_SESSIONS (default 200).
 */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const MIX_SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 60);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const dialect = new PgDialect();

interface LoadResult {
  requests: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  statuses?: Record<string, number>;
}
interface Session {
  cookie: string;
  csrf: string;
}

/** Runs bench/load.ts in its own Node process and returns what autocannon measured, group by group. */
function runLoad(job: unknown): Promise<LoadResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'load.ts'), JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

export async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
}

const pct = (times: number[], p: number) => {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};

/** The statements alone on a pool of 10, from 10 concurrent callers, for the given seconds. */
async function sqlAlone(pool: pg.Pool, statements: { text: string; values: unknown[] }[], seconds: number) {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        for (const s of statements) await pool.query(s.text, s.values);
        times.push(performance.now() - t);
      }
    }),
  );
  return { rps: times.length / seconds, p50: pct(times, 50), p99: pct(times, 99) };
}

const compile = (q: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(q);
  return { text, values: params };
};

export async function benchRequestPath(opts: {
  ctx: AppContext;
  base: string;
  databaseUrl: string;
  actor: Actor;
  generalId: string;
  add: (r: Row) => void;
  plans: string[];
}) {
  const { ctx, base, databaseUrl, actor, generalId, add, plans } = opts;
  const db = 'PostgreSQL';
  const committee = await login(base, 'demo-committee');

  // The same SQL as the API: the list's count and page (src/kernel/people/queries.ts), the home figures
  // (src/kernel/people/stats.ts).
  const where = await peopleWhere(ctx, actor, { orgId: generalId });
  const count = compile(sql`select count(*)::int as total from ${FROM_PERSON} where ${where}`);
  const page = compile(
    sql`select ${SELECT_PERSON} from ${FROM_PERSON} where ${where} order by o.path, ${byName} limit 20 offset 0`,
  );
  const statsWhere = await peopleWhere(ctx, actor, {});
  const stats = compile(
    sql`select coalesce(json_agg(json_build_array(x.party_status, x.birth_date, x.full_member_on, x.gb, x.gb_name, x.n))::text, '[]') as j
        from (select p.party_status, p.birth_date, p.full_member_on, gb.id as gb, gb.name as gb_name, count(*)::int as n
          from ${FROM_PERSON}
          left join orgs gb on gb.id = nullif(split_part(o.path, '/', 3), '')::uuid and gb.type = 'general_branch'
          where ${statsWhere}
          group by p.party_status, p.birth_date, p.full_member_on, gb.id, gb.name) x`,
  );

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    // The plans, as PostgreSQL runs them now.
    for (const [name, q] of [
      ['people list: count (one general branch)', count],
      ['people list: page of 20 (one general branch)', page],
      ['home statistics (whole section)', stats],
    ] as const) {
      const r = await pool.query(`explain (analyze, buffers, costs off, summary on) ${q.text}`, q.values);
      plans.push(`### ${name}\n\n\`\`\`\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
    }

    // The bare route: Fastify + pg, no authentication, the same statements.
    const bare = Fastify();
    bare.get('/people', async () => {
      const [c, p] = await Promise.all([
        pool.query(count.text, count.values),
        pool.query(page.text, page.values),
      ]);
      return { total: c.rows[0].total, items: p.rows };
    });
    bare.get('/stats', async () => {
      const r = await pool.query(stats.text, stats.values);
      return JSON.parse(r.rows[0].j);
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const address = bare.server.address();
    const bareBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const one = async (url: string, path: string, s: Session = committee) =>
      (
        await runLoad({
          seconds: LOAD_SECONDS,
          groups: [{ url, connections: 10, sessions: [s], requests: [{ method: 'GET', path }] }],
        })
      )[0];
    const report = (what: string, r: LoadResult, target?: string) =>
      add({
        db,
        metric: `${what}: requests/s (p50 / p99)`,
        value: `${Math.round(r.requests)} (${r.p50} / ${r.p99} ms)`,
        target: `${target ? `${target}; ` : ''}errors ${r.errors + r.non2xx}`,
      });

    const blPeople = await one(base, `/api/v1/people?orgId=${generalId}&page=1&pageSize=20`);
    report('people list, Branchline, 10 connections', blPeople);
    const barePeople = await one(bareBase, '/people');
    report('people list, bare Fastify + pg, same SQL', barePeople, 'bare ≥ 1,500/s');
    add({
      db,
      metric: 'people list: Branchline / bare route',
      value: `${Math.round((100 * blPeople.requests) / barePeople.requests)} %`,
      target: '≥ 60 %',
    });
    const sqlPeople = await sqlAlone(pool, [count, page], LOAD_SECONDS);
    add({
      db,
      metric: 'people list SQL alone (count + page), 10 callers: per s (p50 / p99)',
      value: `${Math.round(sqlPeople.rps)} (${ms(sqlPeople.p50)} / ${ms(sqlPeople.p99)})`,
    });

    const blStats = await one(base, '/api/v1/people/stats');
    report('home statistics, Branchline, 10 connections', blStats);
    const bareStats = await one(bareBase, '/stats');
    report('home statistics, bare Fastify + pg, same SQL', bareStats);
    add({
      db,
      metric: 'home statistics: Branchline / bare route',
      value: `${Math.round((100 * blStats.requests) / bareStats.requests)} %`,
      target: '≥ 60 %',
    });
    const sqlStats = await sqlAlone(pool, [stats], LOAD_SECONDS);
    add({
      db,
      metric: 'home statistics SQL alone, 10 callers: per s (p50 / p99)',
      value: `${Math.round(sqlStats.rps)} (${ms(sqlStats.p50)} / ${ms(sqlStats.p99)})`,
    });
    await bare.close();
  } finally {
    await pool.end();
  }

  await mix({ ctx, base, add, generalId });
}

/** Many signed-in sessions at once: lists, details, the home, one write in twenty (secretaries). */
async function mix({
  ctx,
  base,
  add,
  generalId,
}: {
  ctx: AppContext;
  base: string;
  add: (r: Row) => void;
  generalId: string;
}) {
  const db = 'PostgreSQL';
  const shares = [
    { username: 'demo-committee', share: 0.1 },
    { username: 'demo-general', share: 0.3 },
    { username: 'demo-secretary', share: 0.6 },
  ];
  const sessions = new Map<string, Session[]>();
  let t = performance.now();
  for (const { username, share } of shares) {
    const list: Session[] = [];
    const n = Math.max(1, Math.round(SESSIONS * share));
    for (let i = 0; i < n; i++) list.push(await login(base, username));
    sessions.set(username, list);
  }
  add({
    db,
    metric: `${SESSIONS} logins one after another (argon2 each)`,
    value: `${((performance.now() - t) / 1000).toFixed(1)} s`,
  });

  const groups = [];
  for (const { username } of shares) {
    const list = sessions.get(username)!;
    const s = list[0];
    const get = async (path: string) => {
      const r = await fetch(base + path, { headers: { cookie: s.cookie } });
      return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : null;
    };
    const people = (await get('/api/v1/people?page=1&pageSize=20')) as { items: { id: string }[] } | null;
    const paths = [
      '/api/v1/me',
      '/api/v1/people/stats',
      '/api/v1/people?page=1&pageSize=20',
      '/api/v1/people?page=2&pageSize=20',
      '/api/v1/orgs',
      '/api/v1/meetings?page=1&pageSize=20',
      '/api/v1/violations?page=1&pageSize=20',
      '/api/v1/talks?page=1&pageSize=20',
      '/api/v1/safety/todo',
      ...(people?.items.slice(0, 5).map((p) => `/api/v1/people/${p.id}`) ?? []),
      `/api/v1/people?orgId=${generalId}&page=1&pageSize=20`,
    ];
    // Only what answers 200 for this role goes into its mix (a refusal is not load).
    const ok: string[] = [];
    for (const p of paths) if (await get(p)) ok.push(p);
    const requests: { method: 'GET' | 'POST'; path: string; body?: string }[] = [];
    for (let i = 0; i < 19; i++) requests.push({ method: 'GET', path: ok[i % ok.length] });
    if (username === 'demo-secretary') {
      const [worker] = await queryRows<{ id: string }>(
        ctx.db,
        sql`select p.id from people p join orgs o on o.id = p.org_id
            join role_assignments r on o.path like (select path from orgs where id = r.org_id) || '%'
            join accounts a on a.id = r.account_id
            where a.username = 'demo-secretary' and p.ended_on is null and p.party_status = 'masses' limit 1`,
      );
      requests.push({
        method: 'POST',
        path: '/api/v1/violations',
        body: JSON.stringify({
          personId: worker.id,
          kind: 'rule_breach',
          occurredOn: new Date().toISOString().slice(0, 10),
          category: 'shunting',
          description: '压力测试：调车作业未执行要道还道制度',
        }),
      });
    } else requests.push({ method: 'GET', path: ok[0] });
    groups.push({ url: base, connections: list.length, sessions: list, requests });
  }

  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  t = performance.now();
  const results = await runLoad({ seconds: MIX_SECONDS, groups });
  clearInterval(sampler);
  const total = results.reduce((n, r) => n + r.total, 0);
  const errors = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const byStatus = new Map<string, number>();
  for (const r of results) {
    if (r.errors)
      byStatus.set('no answer (timeout/reset)', (byStatus.get('no answer (timeout/reset)') ?? 0) + r.errors);
    for (const [code, n] of Object.entries(r.statuses ?? {}))
      byStatus.set(code, (byStatus.get(code) ?? 0) + n);
  }
  add({
    db,
    metric: `${SESSIONS} sessions for ${MIX_SECONDS} s, realistic mix: requests/s, errors`,
    value: `${Math.round(total / ((performance.now() - t) / 1000))}/s, ${errors} errors`,
    target: `errors 0${byStatus.size ? `; by status: ${[...byStatus].map(([k, n]) => `${k} × ${n}`).join(', ')}` : ''}`,
  });
  add({
    db,
    metric: 'the mix: p50 / p99 (worst group)',
    value: `${Math.max(...results.map((r) => r.p50))} / ${Math.max(...results.map((r) => r.p99))} ms`,
    target: 'p99 < 1 s',
  });
  add({
    db,
    metric: 'server process RSS, peak under the mix',
    value: `${Math.round(peak / 1024 / 1024)} MiB`,
    target: '≤ 300 MB per process',
  });
}
