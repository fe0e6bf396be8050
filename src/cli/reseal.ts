import { sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit';
import { groupBy } from '../platform/collections';
import type { AppContext } from '../platform/context';
import { queryRows, uuidList } from '../platform/db';
import { auditedEntities, moduleVerifiers } from '../platform/registry';
import { verifyAudit } from '../platform/verify';
import { printProblems } from './verify';

const USAGE = 'usage: audit reseal <entity> --reason "<why, e.g. migration 0007 added a column>"';

/**
 * After a migration changes the columns of an audited table, every row's hash differs from its last
 * audited one. `audit reseal` records, in the chain, a new hash for exactly those rows of that one
 * entity, with the operator's reason, and only when the chain has no other problem: a schema change
 * is made visible and explained, never silently absorbed.
 */
export async function resealCommand(ctx: AppContext, args: string[]): Promise<number> {
  const [entity] = args;
  const at = args.indexOf('--reason');
  const reason = at >= 0 ? args[at + 1]?.trim() : undefined;
  const audited = auditedEntities().find((e) => e.entity === entity);
  if (!audited || !reason || reason.length < 4) {
    console.error(
      `${USAGE}\nentities: ${auditedEntities()
        .map((e) => e.entity)
        .join(', ')}`,
    );
    return 2;
  }
  const report = await verifyAudit(ctx.db, moduleVerifiers(ctx));
  const others = report.problems.filter((p) => !(p.kind === 'row_changed' && p.entity === entity));
  if (others.length) {
    printProblems(others);
    console.error(`refused: the chain has ${others.length} other problems; resolve them first`);
    return 1;
  }
  const ids = report.problems.map((p) => p.entityId!);
  if (!ids.length) {
    console.log(`nothing to reseal: every ${entity} row matches its audit record`);
    return 0;
  }
  const [{ has_tenant }] = await queryRows<{ has_tenant: boolean }>(
    ctx.db,
    sql`select exists (select 1 from information_schema.columns
        where table_schema = 'public' and table_name = ${audited.table} and column_name = 'tenant_id') as has_tenant`,
  );
  const rows = await queryRows<{ id: string; tenant_id: string }>(
    ctx.db,
    sql`select id, ${has_tenant ? sql`tenant_id` : sql`id`} as tenant_id from ${sql.identifier(audited.table)}
        where id in (${uuidList(ids)})`,
  );
  for (const [tenantId, list] of groupBy(rows, (r) => r.tenant_id)) {
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        list.map(({ id }) => ({
          tenantId,
          actor: { id: null, name: 'audit reseal', ip: null },
          action: 'audit.reseal',
          target: { entity: audited, id },
          details: { reason },
        })),
      ),
    );
  }
  console.log(`resealed ${rows.length} ${entity} rows: ${reason}`);
  return 0;
}
