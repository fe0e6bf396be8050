import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { type Executor, isEmptyDatabase, queryRows } from '../platform/db';
import { auditedEntities } from '../platform/registry';
import { ROW_HASH_V2, upgradeRowHashes } from '../platform/upgrade';

export const BACKUP_FORMAT = 'branchline-backup/2';

/**
 * A backup is one JSON-lines file: a header, `{table, row}` for every row of every table (sessions
 * excepted), `{file, sha256, data}` for every file under the files directory (attachments, base64), and a
 * trailer with the counts, so a cut file is refused at restore.
 */
interface Header {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  snapshot: string;
}
interface Trailer {
  end: true;
  rows: number;
  files: number;
}

/** Every application table but sessions (they are ephemeral) and drizzle's bookkeeping. */
async function backupTables(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions')
        order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Files under the files directory, as relative paths with forward slashes. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * `backup <file>`: every table read inside ONE read-only REPEATABLE READ transaction, so the copy is one
 * moment of the database, rows and audit events alike, however many writes run meanwhile. On PGlite the
 * transaction holds its single connection, so writes wait until the backup is read. Attachment files are
 * copied before the transaction ends: they are written before the row that names them commits and never
 * changed afterwards, so every file a copied row names is there.
 */
export async function backupCommand(ctx: AppContext, file?: string): Promise<number> {
  if (!file) {
    console.error('usage: backup <file>');
    return 2;
  }
  if (existsSync(file)) {
    console.error(`${file} exists: a backup never overwrites a file`);
    return 1;
  }
  const out = createWriteStream(file, { fd: openSync(file, 'wx') });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  let rows = 0;
  let files = 0;
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const header: Header = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        snapshot: 'one repeatable read, read only transaction',
      };
      await write(header);
      for (const table of await backupTables(tx)) {
        const list = await queryRows<{ r: unknown }>(
          tx,
          sql`select row_to_json(t) as r from ${sql.identifier(table)} t`,
        );
        for (const { r } of list) await write({ table, row: r });
        rows += list.length;
        console.log(`${table}: ${list.length}`);
      }
      for (const path of filesUnder(ctx.config.filesDir)) {
        const data = readFileSync(join(ctx.config.filesDir, path));
        await write({
          file: path,
          sha256: createHash('sha256').update(data).digest('hex'),
          data: data.toString('base64'),
        });
        files += 1;
      }
      console.log(`files: ${files}`);
    });
    const trailer: Trailer = { end: true, rows, files };
    await write(trailer);
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  console.log(`backup written to ${file} (${rows} rows, ${files} files, one snapshot)`);
  return 0;
}

/** A path from the backup, inside the files directory or refused. */
function safeTarget(root: string, path: string): string | null {
  if (isAbsolute(path) || normalize(path).split(/[\\/]/).includes('..')) return null;
  const target = resolve(root, path);
  return target.startsWith(resolve(root) + sep) ? target : null;
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
  const files: { path: string; sha256: string; data: string }[] = [];
  let header: Header | null = null;
  let trailer: Trailer | null = null;
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    if (first && item.format) header = item;
    first = false;
    if (item.end) trailer = item;
    else if (item.table) {
      if (!byTable.has(item.table)) byTable.set(item.table, []);
      byTable.get(item.table)!.push(item.row);
    } else if (item.file) files.push({ path: item.file, sha256: item.sha256, data: item.data });
  }
  const rowCount = [...byTable.values()].reduce((n, r) => n + r.length, 0);
  if (header && (!trailer || trailer.rows !== rowCount || trailer.files !== files.length)) {
    console.error(`${file} is incomplete (no trailer, or counts differ): refused`);
    return 1;
  }
  for (const f of files) {
    const target = safeTarget(ctx.config.filesDir, f.path);
    const data = Buffer.from(f.data, 'base64');
    if (!target || createHash('sha256').update(data).digest('hex') !== f.sha256) {
      console.error(`file ${f.path} in the backup is damaged or points outside the files directory: refused`);
      return 1;
    }
  }
  await ctx.db.transaction(async (tx) => {
    // Foreign keys are checked by the source database already; replica mode lets tables load in any order.
    await tx.execute(sql`set local session_replication_role = replica`);
    // The upgrades done are those of the source; any it lacks run after the restore.
    await tx.execute(sql`delete from platform_upgrades`);
    for (const [table, rows] of byTable) {
      // Generated columns (meetings' present people) are the database's to compute, never inserted.
      const columns = sql.join(
        (
          await queryRows<{ name: string }>(
            tx,
            sql`select column_name as name from information_schema.columns
                where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'
                order by ordinal_position`,
          )
        ).map((c) => sql.identifier(c.name)),
        sql`, `,
      );
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.execute(
          sql`insert into ${sql.identifier(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows.slice(i, i + 1000))}::json)`,
        );
      }
      console.log(`${table}: ${rows.length}`);
    }
  });
  for (const f of files) {
    const target = safeTarget(ctx.config.filesDir, f.path)!;
    const data = Buffer.from(f.data, 'base64');
    if (existsSync(target) && createHash('sha256').update(readFileSync(target)).digest('hex') === f.sha256)
      continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  console.log(`files: ${files.length} restored under ${ctx.config.filesDir}`);
  const rehashed = await upgradeRowHashes(ctx.db, auditedEntities());
  if (rehashed) console.log(`${rehashed} rows re-registered under the current row hash (${ROW_HASH_V2})`);
  console.log('restore complete; run `npm run cli -- audit verify` to check it');
  return 0;
}
