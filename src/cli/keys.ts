import { sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit';
import { groupBy } from '../platform/collections';
import type { AppContext } from '../platform/context';
import { decrypt, encrypt, keyIdOf } from '../platform/crypto';
import { queryRows } from '../platform/db';
import { sealedColumns } from '../platform/registry';

type SealedRow = Record<string, string | null> & { id: string; tenant_id: string };

/** Re-encrypts every sealed column that a module declares under the current key; old keys can then be retired. */
export async function rotateKeysCommand(ctx: AppContext): Promise<number> {
  const current = ctx.keys.current;
  const isStale = (v: string | null) => !!v && keyIdOf(v) !== current;
  for (const { entity, columns } of sealedColumns()) {
    const rows = await queryRows<SealedRow>(
      ctx.db,
      sql`select id, tenant_id, ${sql.raw(columns.join(', '))} from ${sql.identifier(entity.table)}`,
    );
    const stale = rows.filter((r) => columns.some((c) => isStale(r[c])));
    for (const [tenantId, list] of groupBy(stale, (r) => r.tenant_id)) {
      await ctx.db.transaction(async (tx) => {
        for (const r of list) {
          const set = columns
            .filter((c) => isStale(r[c]))
            .map((c) => sql`${sql.identifier(c)} = ${encrypt(ctx.keys, decrypt(ctx.keys, r[c]!))}`);
          await tx.execute(
            sql`update ${sql.identifier(entity.table)} set ${sql.join(set, sql`, `)} where id = ${r.id}`,
          );
        }
        await recordAudit(
          tx,
          list.map((r) => ({
            tenantId,
            actor: { id: null, name: 'keys rotate', ip: null },
            action: 'keys.rotate',
            target: { entity, id: r.id },
            details: { key: current },
          })),
        );
      });
    }
    console.log(`re-encrypted ${stale.length} rows of ${entity.table} under key ${current}`);
  }
  return 0;
}
