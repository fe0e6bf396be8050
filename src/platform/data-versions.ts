import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from './db';

/**
 * The counters the database raises when a transaction that changed their tables commits (migration
 * 0016): `meetings` for the meetings table and the tenants' settings, `training_hours` for training's
 * classes, participants, completions and imported rows, `people` for people and organizations.
 */
export type DataVersionName = 'meetings' | 'training_hours' | 'people';

export async function dataVersion(db: Executor, tenantId: string, name: DataVersionName): Promise<number> {
  return Number(await dataVersions(db, tenantId, [name]));
}

/** The counters named, in that order, as one comparable stamp ("3,0,17"). */
async function dataVersions(
  db: Executor,
  tenantId: string,
  names: readonly DataVersionName[],
): Promise<string> {
  const rows = await queryRows<{ name: string; version: string | number }>(
    db,
    sql`select name, version from data_versions where tenant_id = ${tenantId} and name in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )})`,
  );
  const byName = new Map(rows.map((r) => [r.name, Number(r.version)]));
  return names.map((n) => byName.get(n) ?? 0).join(',');
}

/**
 * Answers computed from a tenant's rows, kept while the tables they read are unchanged. The counter is
 * read before computing, so an answer is never older than the version it is kept under; inside a
 * transaction nothing is read from or put in the cache (its own uncommitted changes have not raised the
 * counter yet, and may be rolled back). Every process keeps its own entries and checks the counter on
 * every read, so several workers stay right.
 */
export class VersionedCache<T> {
  /** Per database (tests open several, with the same tenants): tenant and key → the answer and its version. */
  private readonly byDatabase = new WeakMap<Executor, Map<string, { version: string; value: T }>>();
  private readonly names: readonly DataVersionName[];

  /** `names`: every counter whose tables the answer reads. */
  constructor(
    names: DataVersionName | readonly DataVersionName[],
    private readonly maxEntries = 32,
  ) {
    this.names = typeof names === 'string' ? [names] : names;
  }

  async get(db: Executor, tenantId: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (db instanceof PgTransaction) return compute();
    const entries = this.byDatabase.get(db) ?? new Map();
    this.byDatabase.set(db, entries);
    const version = await dataVersions(db, tenantId, this.names);
    const id = `${tenantId}|${key}`;
    const kept = entries.get(id);
    if (kept && kept.version === version) {
      // Most recently used last: the first entry is the one to drop.
      entries.delete(id);
      entries.set(id, kept);
      return kept.value;
    }
    const value = await compute();
    entries.delete(id);
    entries.set(id, { version, value });
    if (entries.size > this.maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  }
}
