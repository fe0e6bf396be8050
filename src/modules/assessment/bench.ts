import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { computeResults } from './compute';
import { overview } from './overview';
import { loadRound, roundSpec } from './rounds';

export interface AssessmentBench {
  branches: number;
  items: number;
  round: { p50: number; p95: number; max: number };
  overview: { p50: number; p95: number; max: number; rows: number };
}

const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  const r = (v: number) => Math.round(v * 10) / 10;
  return { p50: r(at(50)), p95: r(at(95)), max: r(s[s.length - 1]) };
};

/**
 * The targets: computing a round for the whole section (every branch, every computed source of
 * the demo's quarterly sheet) and the committee's overview, each timed over `runs` calls after a warm-up.
 * The round is the demo's open committee round of the current quarter.
 */
export async function benchAssessment(
  ctx: AppContext,
  committee: Actor,
  runs = 30,
  today = todayLocal(),
): Promise<AssessmentBench> {
  const [open] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select r.id from assessment_rounds r join orgs o on o.id = r.org_id join assessment_templates t on t.id = r.template_id
        where r.tenant_id = ${committee.tenantId} and r.status = 'open' and o.type = 'committee' and t.target = 'branch'
        order by r.period_end desc limit 1`,
  );
  if (!open) throw new Error('bench: the demo has no open committee round');
  const spec = roundSpec((await loadRound(ctx.db, committee.tenantId, open.id))!);
  const first = await computeResults(ctx.db, spec, today);
  const roundTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await computeResults(ctx.db, spec, today);
    roundTimes.push(performance.now() - t);
  }
  const o = await overview(ctx, committee, {}, today);
  const overviewTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await overview(ctx, committee, {}, today);
    overviewTimes.push(performance.now() - t);
  }
  return {
    branches: first.length,
    items: spec.items.length,
    round: stats(roundTimes),
    overview: { ...stats(overviewTimes), rows: o.rows.length },
  };
}
