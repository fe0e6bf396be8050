/**
 * The study-hours ledger of the whole section at 100 times the demo size, on the database the 100×
 * compliance bench generated (bench/compliance-scale.ts): this year's party lectures, theme party days
 * and general meetings get roll calls of their branch's members, and every member one imported line of
 * outside study; then GET /api/v1/training/hours's function is timed for the committee.
 */
import type pg from 'pg';
import { listHours } from '../src/modules/training/hours';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/platform/context';
import { ms, percentiles, type Row } from './stats';

const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 10);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** Branch b's members are people p(b), p(b + branches), p(b + 2·branches)… (compliance-scale's layout). */
function steps(tenantId: string, committeeId: string, scale: { branches: number; members: number }) {
  const { branches: B, members: M } = scale;
  return [
    [
      "roll calls of this year's party lectures, theme party days and general meetings",
      `update meetings m set attendance = (
         select jsonb_agg(jsonb_build_object('personId', md5('p' || i)::uuid,
           'status', case when random() < 0.85 then 'present' when random() < 0.5 then 'leave' else 'absent' end))
         from generate_series(substr(o.code, 3)::int, ${M}, ${B}) i)
       from orgs o
       where o.id = m.branch_id and m.tenant_id = '${tenantId}' and m.org_id = m.branch_id
         and m.kind in ('party_lecture', 'theme_party_day', 'branch_general_meeting')
         and m.held_on >= date_trunc('year', current_date)`,
    ],
    [
      'an imported 学习强国 file: one line per member',
      `insert into training_imports (id, tenant_id, org_id, source, unit, file_name, period_from, period_to, row_count,
         total_hours, imported_at)
       values (md5('bench-import')::uuid, '${tenantId}', '${committeeId}', 'xuexi', 'hours', '学习强国.xlsx',
         date_trunc('year', current_date)::date, current_date, ${M}, 0, now());
       insert into training_import_rows (id, tenant_id, import_id, person_id, source, period_from, period_to, hours, row)
       select md5('ir' || i)::uuid, '${tenantId}', md5('bench-import')::uuid, md5('p' || i)::uuid, 'xuexi',
         date_trunc('year', current_date)::date, current_date, 5 + i % 11, i + 1
       from generate_series(1, ${M}) i`,
    ],
    ['analyze', 'analyze meetings; analyze training_imports; analyze training_import_rows'],
  ] as const;
}

export async function benchLedgerScale(
  ctx: AppContext,
  gen: pg.Client,
  actor: Actor,
  committeeId: string,
  scale: { branches: number; members: number },
  add: (r: Row) => void,
) {
  const label = 'PostgreSQL';
  for (const [step, text] of steps(actor.tenantId, committeeId, scale)) {
    const t = performance.now();
    const res = await gen.query(text);
    const n = (Array.isArray(res) ? res : [res]).reduce((a, r) => a + (r.rowCount ?? 0), 0);
    console.log(`  scale: ${step}: ${n.toLocaleString('en')} rows, ${secs(t)}`);
  }
  const year = new Date().getFullYear();
  const q = { year, page: 1, pageSize: 20 };
  const t = performance.now();
  const first = await listHours(ctx, actor, q);
  add({
    db: label,
    metric: `100× demo: study-hours ledger, first call (${first.total.toLocaleString('en')} members, ${year})`,
    value: secs(t),
  });
  // Each read timed, after `before` (a change) when given.
  const timed = async (runs: number, before?: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await before?.(i);
      const start = performance.now();
      await listHours(ctx, actor, q);
      times.push(performance.now() - start);
    }
    const p = percentiles(times);
    return `${ms(p.p50)} / ${ms(p.p95)}`;
  };
  add({
    db: label,
    metric: '100× demo: study-hours ledger, whole section p50 / p95',
    value: await timed(RUNS),
    target: 'p95 ≤ 300 ms',
  });
  // A meeting recorded somewhere in the section: the meetings' hours are summed again, the rest is kept.
  add({
    db: label,
    metric: '100× demo: study-hours ledger, first read after a meeting changed p50 / p95',
    value: await timed(3, (i) =>
      gen.query(
        `update meetings set place = place where id = (select id from meetings where tenant_id = '${actor.tenantId}'
           and kind = 'party_lecture' order by held_on desc offset ${i} limit 1)`,
      ),
    ),
  });
}
