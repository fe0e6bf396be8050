import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { isEmptyDatabase, queryRows } from '../platform/db';
import { auditedEntities } from '../platform/registry';
import { ROW_HASH_V2, upgradeRowHashes } from '../platform/upgrade';

/** Every application table but sessions (they are ephemeral) and drizzle's bookkeeping. */
async function backupTables(ctx: AppContext): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    ctx.db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions')
        order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

export async function backupCommand(ctx: AppContext, file?: string): Promise<number> {
  if (!file) {
    console.error('usage: backup <file>');
    return 2;
  }
  const out = createWriteStream(file);
  let total = 0;
  for (const table of await backupTables(ctx)) {
    const rows = await queryRows<{ r: unknown }>(
      ctx.db,
      sql`select row_to_json(t) as r from ${sql.identifier(table)} t`,
    );
    for (const { r } of rows) out.write(`${JSON.stringify({ table, row: r })}\n`);
    total += rows.length;
    console.log(`${table}: ${rows.length}`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  console.log(`backup written to ${file} (${total} rows)`);
  return 0;
}

export async function restoreCommand(ctx: AppContext, file?: string): Promise<number> {
  if (!file) {
    console.error('usage: restore <file>');
    return 2;
  }
  if (!(await isEmptyDatabase(ctx.db))) {
    console.error('restore needs an empty, migrated database');
    return 1;
  }
  const byTable = new Map<string, unknown[]>();
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.trim()) continue;
    const { table, row } = JSON.parse(line) as { table: string; row: unknown };
    if (!byTable.has(table)) byTable.set(table, []);
    byTable.get(table)!.push(row);
  }
  await ctx.db.transaction(async (tx) => {
    // Foreign keys are checked by the source database already; replica mode lets tables load in any order.
    await tx.execute(sql`set local session_replication_role = replica`);
    // The upgrades done are those of the source; any it lacks run after the restore.
    await tx.execute(sql`delete from platform_upgrades`);
    for (const [table, rows] of byTable) {
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.execute(
          sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows.slice(i, i + 1000))}::json)`,
        );
      }
      console.log(`${table}: ${rows.length}`);
    }
  });
  const rehashed = await upgradeRowHashes(ctx.db, auditedEntities());
  if (rehashed) console.log(`${rehashed} rows re-registered under the current row hash (${ROW_HASH_V2})`);
  console.log('restore complete; run `npm run cli -- audit verify` to check it');
  return 0;
}
