/**
 * Compliance of the whole section at 100 times the demo size, on PostgreSQL: 1 committee, 1,800 general
 * branches, 12,100 branches (with party groups), 160,000 members and two years of meetings, generated on
 * the server with set-based SQL (INSERT … SELECT over generate_series; no audit events), then
 * GET /api/v1/compliance's function timed for one year, then the study-hours ledger (bench/ledger-scale.ts).
 *
 * Called by bench/run.ts; also runs alone: `npx tsx bench/compliance-scale.ts`.
 */
import pg from 'pg';
import { compliance } from '../src/modules/meetings/compliance';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/platform/context';
import { parseKeyRing } from '../src/platform/crypto';
import { openDatabase } from '../src/platform/db';
import { migrateAndUpgrade } from '../src/server/bootstrap';
import { benchLedgerScale } from './ledger-scale';
import { ms, percentiles, type Row } from './stats';

export const SCALE = { generalBranches: 1_800, branches: 12_100, members: 160_000 } as const;
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 10);

const KEYS = parseKeyRing({
  keys: `b1:${Buffer.alloc(32, 1).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
});

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/**
 * The generation, one statement per step. Ids are md5-derived uuids of the row's ordinal so that later
 * steps compute the ids of earlier rows instead of joining them. Branch b belongs to general branch
 * (b-1) % 1800 + 1 and has b % 4 party groups; nine branches in ten have a committee.
 */
export function generationSteps(tenantId: string, committeeId: string): [string, string][] {
  const { generalBranches: G, branches: B, members: M } = SCALE;
  const cpath = `/${committeeId}/`;
  const gb = (expr: string) => `md5('gb' || (${expr}))::uuid`;
  const br = (expr: string) => `md5('br' || (${expr}))::uuid`;
  const grp = (b: string, k: string) => `md5('pg' || (${b}) || '-' || (${k}))::uuid`;
  const branchOfGb = `((b - 1) % ${G} + 1)`;
  const branchPath = `'${cpath}' || ${gb(branchOfGb)} || '/' || ${br('b')} || '/'`;
  // The meetings of one kind, one row per (branch or group, month) of the two years up to today.
  const meetings = (kind: string, from: string, where: string, org: string, expected: string) => `
    insert into meetings (id, tenant_id, org_id, branch_id, kind, topic, held_at, held_on, place, expected_count,
      present_count, status, late, recorded_at, first_submitted_at, submitted_at, reviewed_at, version, updated_at)
    select gen_random_uuid(), '${tenantId}', ${org}, ${br('b')}, '${kind}', '${kind} ' || to_char(mon, 'YYYY-MM'),
      (x.held_on + time '09:00') at time zone 'Asia/Shanghai', x.held_on, '会议室', x.expected,
      greatest(x.expected - (random() * 3)::int, 0),
      case when random() < 0.95 then 'approved' else 'submitted' end, random() < 0.05,
      now(), now(), now(), now(), 1, now()
    from ${from}
    cross join generate_series((date_trunc('year', current_date) - interval '1 year')::timestamp, current_date::timestamp, interval '1 month') mon
    cross join lateral (select (mon::date + (b * 7 + ${kind.length}) % 25)::date as held_on, ${expected} as expected) x
    where x.held_on <= current_date and random() > 0.03 and ${where}`;
  return [
    [
      'tenant and committee',
      `insert into tenants (id, name) values ('${tenantId}', '规模测试党委');
       insert into orgs (id, tenant_id, type, code, name, path, depth, has_committee, established_on)
       values ('${committeeId}', '${tenantId}', 'committee', 'S', '规模测试党委', '${cpath}', 0, true, '2005-01-01')`,
    ],
    [
      `${G} general branches`,
      `insert into orgs (id, tenant_id, parent_id, type, code, name, path, depth, has_committee, established_on, sort_order)
       select ${gb('g')}, '${tenantId}', '${committeeId}', 'general_branch', 'S-' || lpad(g::text, 4, '0'),
         '第' || g || '党总支', '${cpath}' || ${gb('g')} || '/', 1, true, '2016-01-01', g
       from generate_series(1, ${G}) g`,
    ],
    [
      `${B} branches`,
      `insert into orgs (id, tenant_id, parent_id, type, code, name, path, depth, has_committee, established_on, sort_order)
       select ${br('b')}, '${tenantId}', ${gb(branchOfGb)}, 'branch', 'S-' || lpad(b::text, 5, '0'),
         '第' || b || '党支部', ${branchPath}, 2, b % 10 <> 0, '2017-01-01', b
       from generate_series(1, ${B}) b`,
    ],
    [
      'party groups (0 to 3 a branch)',
      `insert into orgs (id, tenant_id, parent_id, type, code, name, path, depth, established_on, sort_order)
       select ${grp('b', 'k')}, '${tenantId}', ${br('b')}, 'party_group', 'S-' || lpad(b::text, 5, '0') || '-' || k,
         '第' || b || '党支部第' || k || '党小组', ${branchPath} || ${grp('b', 'k')} || '/', 3, '2017-01-01', k
       from generate_series(1, ${B}) b cross join lateral generate_series(1, b % 4) k`,
    ],
    [
      `${M.toLocaleString('en')} members`,
      `insert into people (id, tenant_id, org_id, party_group_id, name, gender, party_status, joined_party_on,
         full_member_on, employee_no, created_at, updated_at)
       select md5('p' || i)::uuid, '${tenantId}', ${br('b')},
         case when b % 4 > 0 then ${grp('b', `(i / ${B}) % (b % 4) + 1`)} end,
         '党员' || i, case when i % 3 = 0 then 'female' else 'male' end,
         case when i % 15 = 0 then 'probationary' else 'full' end,
         date '1990-01-01' + (i % 12000), case when i % 15 <> 0 then date '1991-01-01' + (i % 12000) end,
         'E' || lpad(i::text, 7, '0'), now(), now()
       from generate_series(1, ${M}) i cross join lateral (select (i - 1) % ${B} + 1 as b) x`,
    ],
    [
      'person memberships',
      `insert into person_memberships (id, tenant_id, person_id, org_id, valid_from, reason, created_at)
       select md5('pm' || p.id)::uuid, p.tenant_id, p.id, p.org_id, p.joined_party_on, 'bench', now()
       from people p where p.tenant_id = '${tenantId}'`,
    ],
    // Members of branch b: 13 or 14 (160,000 / 12,100), split over its groups for group meetings.
    [
      'committee meetings (monthly, branches with a committee)',
      meetings(
        'branch_committee_meeting',
        'generate_series(1, 12100) b',
        'b % 10 <> 0',
        br('b'),
        '3 + b % 3',
      ),
    ],
    [
      'theme party days (monthly)',
      meetings(
        'theme_party_day',
        'generate_series(1, 12100) b',
        'true',
        br('b'),
        `13 + (b <= ${M % B})::int`,
      ),
    ],
    [
      'general meetings (quarterly)',
      meetings(
        'branch_general_meeting',
        'generate_series(1, 12100) b',
        'extract(month from mon) in (3, 6, 9, 12)',
        br('b'),
        `13 + (b <= ${M % B})::int`,
      ),
    ],
    [
      'party lectures (quarterly)',
      meetings(
        'party_lecture',
        'generate_series(1, 12100) b',
        'extract(month from mon) in (2, 5, 8, 11)',
        br('b'),
        `13 + (b <= ${M % B})::int`,
      ),
    ],
    [
      'party group meetings (monthly, each group)',
      meetings(
        'party_group_meeting',
        'generate_series(1, 12100) b cross join lateral generate_series(1, b % 4) k',
        'true',
        grp('b', 'k'),
        '13 / (b % 4) + 1',
      ),
    ],
    [
      'analyze',
      'analyze tenants; analyze orgs; analyze people; analyze person_memberships; analyze meetings',
    ],
  ];
}

/**
 * Creates `bl_bench_scale_<pid>`, generates the data, times compliance of the whole section for the last
 * full year and drops the database. Rows go to `add`.
 */
export async function benchComplianceScale(adminUrl: string, add: (r: Row) => void) {
  const label = 'PostgreSQL';
  const name = `bl_bench_scale_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const gen = new pg.Client({ connectionString: url.toString() });
  const tenantIdOf = { id: '' };
  try {
    await migrateAndUpgrade(database);
    await gen.connect();
    const tenantId = crypto.randomUUID();
    tenantIdOf.id = tenantId;
    const committeeId = crypto.randomUUID();
    await gen.query('select setseed(0.42)');
    const start = performance.now();
    for (const [step, text] of generationSteps(tenantId, committeeId)) {
      const t = performance.now();
      const res = await gen.query(text);
      const n = (Array.isArray(res) ? res : [res]).reduce((a, r) => a + (r.rowCount ?? 0), 0);
      console.log(`  scale: ${step}: ${n.toLocaleString('en')} rows, ${secs(t)}`);
    }
    const [{ meetings, people, branches }] = (
      await gen.query<{ meetings: number; people: number; branches: number }>(
        `select (select count(*)::int from meetings) as meetings, (select count(*)::int from people) as people,
           (select count(*)::int from orgs where type = 'branch') as branches`,
      )
    ).rows;
    add({
      db: label,
      metric: `100× demo: generate ${branches.toLocaleString('en')} branches, ${people.toLocaleString('en')} members, ${meetings.toLocaleString('en')} meetings (SQL)`,
      value: secs(start),
      target: 'a few minutes',
    });

    const ctx: AppContext = {
      db: database.db,
      keys: KEYS,
      config: {
        demoMode: false,
        filesDir: '.tmp/bench-files',
        secureCookies: false,
        loginRateLimitPerMinute: 100,
      },
    };
    const actor: Actor = {
      accountId: crypto.randomUUID(),
      tenantId,
      username: 'bench-committee',
      displayName: '规模测试党委管理员',
      personId: null,
      adminRole: null,
      roles: [
        { role: 'committee_admin', orgId: committeeId, orgPath: `/${committeeId}/`, orgName: '规模测试党委' },
      ],
      ip: '127.0.0.1',
    };
    const year = new Date().getFullYear() - 1;
    const q = { orgId: committeeId, year };
    let t = performance.now();
    const first = await compliance(ctx, actor, q);
    add({
      db: label,
      metric: '100× demo: compliance, first call of the day (every branch computed)',
      value: secs(t),
    });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await compliance(ctx, actor, q);
      times.push(performance.now() - t);
    }
    const p = percentiles(times);
    add({
      db: label,
      metric: `100× demo: compliance, whole section (${first.branches.length.toLocaleString('en')} branches, ${year}), snapshots p50 / p95`,
      value: `${ms(p.p50)} / ${ms(p.p95)}`,
      target: 'p95 < 300 ms',
    });
    // A realistic read after writes: meetings of 1% of the branches changed since the last call.
    const changed: number[] = [];
    for (let i = 0; i < 5; i++) {
      await gen.query(
        `update meetings set place = place where id in (select distinct on (branch_id) id from meetings
           where branch_id in (select id from orgs where type = 'branch' order by md5(id::text || ${i}) limit 121))`,
      );
      t = performance.now();
      await compliance(ctx, actor, q);
      changed.push(performance.now() - t);
    }
    const c = percentiles(changed);
    add({
      db: label,
      metric: '100× demo: compliance after meetings of 1% of branches changed p50 / p95',
      value: `${ms(c.p50)} / ${ms(c.p95)}`,
      target: 'p95 < 300 ms',
    });
    await benchLedgerScale(ctx, gen, actor, committeeId, SCALE, add);
  } finally {
    await gen.end().catch(() => {});
    await database.close();
    // BENCH_SCALE_KEEP=1 keeps the generated database for profiling (drop it by hand afterwards).
    if (process.env.BENCH_SCALE_KEEP) console.log(`kept: ${url} (tenant ${tenantIdOf.id})`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows: Row[] = [];
  await benchComplianceScale(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    (r) => {
      rows.push(r);
      console.log(`${r.db.padEnd(10)} ${r.metric.padEnd(58)} ${r.value.padStart(16)}  ${r.target ?? ''}`);
    },
  );
  process.exit(0);
}
