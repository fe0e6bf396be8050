import { sql } from 'drizzle-orm';
import { type AuditedEntity, recordAudit, rowHashSql, rowHashSqlV1 } from './audit';
import { groupBy } from './collections';
import { type Db, queryRows } from './db';

export const ROW_HASH_V2 = 'audit_row_hash_v2';
export const ROW_HASH_V2_REASON =
  '审计行哈希改为不含空值列和新增列默认值（迁移 0006），新增列不再需要重新登记 (row hash v2, migration 0006)';

/**
 * Once, after migration 0006: every audited row whose latest event still carries the first version's hash
 * of exactly its current state is re-registered under the new hash with `audit.rehash` and the reason.
 * A row that no longer matches its event under the old rule is left alone, so an edit made behind the
 * application's back keeps showing in `audit verify` instead of being swept into the upgrade.
 */
export async function upgradeRowHashes(db: Db, entities: readonly AuditedEntity[]): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await queryRows<{ name: string }>(
      tx,
      sql`insert into platform_upgrades (name) values (${ROW_HASH_V2}) on conflict do nothing returning name`,
    );
    if (!claimed.length) return 0;
    let total = 0;
    for (const entity of entities) {
      const rows = await queryRows<{ id: string; tenant_id: string }>(
        tx,
        sql`with latest as (
              select distinct on (entity_id) entity_id, tenant_id, content_hash
              from audit_events where entity = ${entity.entity} order by entity_id, seq desc
            )
            select t.id, latest.tenant_id from ${sql.identifier(entity.table)} t
            join latest on latest.entity_id = t.id
            where latest.content_hash = ${rowHashSqlV1('t')}
              and ${rowHashSqlV1('t')} <> ${rowHashSql('t', entity)}`,
      );
      for (const [tenantId, list] of groupBy(rows, (r) => r.tenant_id)) {
        await recordAudit(
          tx,
          list.map((r) => ({
            tenantId,
            actor: { id: null, name: 'migrate', ip: null },
            action: 'audit.rehash',
            target: { entity, id: r.id },
            details: { reason: ROW_HASH_V2_REASON },
          })),
        );
      }
      total += rows.length;
    }
    await tx.execute(
      sql`update platform_upgrades set details = ${JSON.stringify({ rehashed: total })}::jsonb where name = ${ROW_HASH_V2}`,
    );
    return total;
  });
}
