import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../platform/db';

/** A migration of this version, as drizzle's migrator reads it: tag, folder time and hash of the file. */
export interface Migration {
  tag: string;
  when: number;
  hash: string;
  sql: string;
}

/** The migrations shipped with this version (migrations/meta/_journal.json and the .sql files). */
export function shippedMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((e) => {
    const file = join(dir, `${e.tag}.sql`);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    return { tag: e.tag, when: e.when, hash: createHash('sha256').update(text).digest('hex'), sql: text };
  });
}

/** What drizzle recorded as applied (`drizzle.__drizzle_migrations`): folder time and file hash. */
export async function appliedMigrations(db: Executor): Promise<{ when: number; hash: string }[]> {
  const [{ present }] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!present) return [];
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`,
  );
  return rows.map((r) => ({ when: Number(r.created_at), hash: r.hash }));
}

/** Shipped migrations the database has not applied yet (drizzle applies those newer than its last). */
export async function pendingMigrations(db: Executor, dir: string): Promise<Migration[]> {
  const applied = await appliedMigrations(db);
  const last = applied.length ? Math.max(...applied.map((a) => a.when)) : -1;
  return shippedMigrations(dir).filter((m) => m.when > last);
}

/** Whether the migration was applied from exactly this file. */
export async function isApplied(db: Executor, m: Migration): Promise<boolean> {
  return (await appliedMigrations(db)).some((a) => a.when === m.when && a.hash === m.hash);
}

/** Whether the migration's SQL names the identifier (quoted or not), as a whole word. */
export const mentions = (m: Migration, name: string): boolean =>
  new RegExp(`(^|[^a-z0-9_])${name.replace(/[^a-z0-9_]/gi, '')}([^a-z0-9_]|$)`, 'i').test(m.sql);
