import { sql } from 'drizzle-orm';
import { orgHeadcounts } from '../../kernel/orgs/api';
import { pathSql } from '../../platform/access';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { meetingCounts } from '../meetings/api';
import { memberViolationCounts } from '../safety/api';
import { talkCounts } from '../talks/api';
import { PREFILL_SPECS, type PrefillSource, prefillPeriod, type TaskField } from './rules';

/**
 * The figures a task's number fields are prefilled with, counted from the records for each target (a
 * general branch target: its whole subtree), so a branch confirms a number instead of counting it. Each
 * figure comes from the module that owns the records, through its api.ts.
 */

type Counts = { orgId: string; count: number }[];

async function countsFor(
  db: Executor,
  tenantId: string,
  source: PrefillSource,
  asOf: string,
  orgIds: string[],
): Promise<Counts> {
  const { from, to } = prefillPeriod(source, asOf);
  const spec = PREFILL_SPECS[source];
  if (spec.period === 'month_start') {
    const rows = (
      await Promise.all(orgHeadcounts.values().map((s) => s.on(db, from, sql`o.id in (${uuidList(orgIds)})`)))
    ).flat();
    const pick = {
      party_members_on_month_start: (r: (typeof rows)[number]) => r.full + r.probationary,
      full_members_on_month_start: (r: (typeof rows)[number]) => r.full,
      probationary_on_month_start: (r: (typeof rows)[number]) => r.probationary,
      employees_on_month_start: (r: (typeof rows)[number]) => r.employees,
    }[source as 'party_members_on_month_start'];
    return rows.map((r) => ({ orgId: r.org_id, count: pick(r) }));
  }
  if (spec.meetingKind) {
    const rows = await meetingCounts(db, tenantId, orgIds, from, to);
    return rows
      .filter((r) => r.kind === spec.meetingKind)
      .map((r) => ({ orgId: r.branchId, count: r.count }));
  }
  if (source === 'talks_year') return talkCounts(db, tenantId, orgIds, from, to);
  return memberViolationCounts(db, tenantId, orgIds, from, to);
}

/** Per target organization: field key → the figure the records give (null for fields without a source). */
export async function prefillFor(
  db: Executor,
  tenantId: string,
  fields: readonly TaskField[],
  asOf: string,
  targetOrgIds: string[],
): Promise<Map<string, Record<string, number | null>>> {
  const out = new Map<string, Record<string, number | null>>();
  const sourced = fields.filter((f) => f.prefill);
  if (!sourced.length || !targetOrgIds.length) return out;
  const targets = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from orgs where tenant_id = ${tenantId} and id in (${uuidList(targetOrgIds)})`,
  );
  const subtree = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from orgs where tenant_id = ${tenantId} and ${pathSql(
      sql`path`,
      targets.map((t) => t.path),
    )}`,
  );
  const pathOf = new Map(subtree.map((o) => [o.id, o.path]));
  for (const t of targets) out.set(t.id, Object.fromEntries(sourced.map((f) => [f.key, 0])));
  for (const f of sourced) {
    const rows = await countsFor(db, tenantId, f.prefill!, asOf, [...pathOf.keys()]);
    for (const r of rows) {
      const path = pathOf.get(r.orgId);
      if (!path) continue;
      for (const t of targets) {
        if (!path.startsWith(t.path)) continue;
        const values = out.get(t.id)!;
        values[f.key] = (values[f.key] ?? 0) + r.count;
      }
    }
  }
  return out;
}
