import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-db';
import { dataVersion, VersionedCache } from './data-versions';
import { type Database, type Executor, queryRows } from './db';

/**
 * The change counters and the answers kept under them, on a scratch table wired like meetings (the
 * deferred trigger of migration 0016): raised once a change commits, not by a rolled-back one, never
 * consulted inside a transaction, kept apart per tenant and per database.
 */

let database: Database;
let other: Database;
let drops: (() => Promise<void>)[] = [];
const tenant = randomUUID();
const otherTenant = randomUUID();

const scratch = async (db: Database) => {
  await db.db.execute(sql`create table scratch_hours (tenant_id uuid not null, hours int not null)`);
  await db.db.execute(sql`create constraint trigger scratch_hours_data_version
    after insert or update or delete on scratch_hours deferrable initially deferred
    for each row execute function bump_data_version('meetings')`);
};
const insert = (db: Database, tenantId: string, hours: number) =>
  db.db.execute(sql`insert into scratch_hours values (${tenantId}, ${hours})`);
const sumOf = async (db: Executor, tenantId: string) => {
  const [r] = await queryRows<{ s: number | null }>(
    db,
    sql`select sum(hours)::int as s from scratch_hours where tenant_id = ${tenantId}`,
  );
  return r.s ?? 0;
};

beforeAll(async () => {
  const a = await freshDatabase();
  const b = await freshDatabase();
  database = a.database;
  other = b.database;
  drops = [a.drop, b.drop];
  await scratch(database);
  await scratch(other);
}, 120_000);
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe('the change counter', () => {
  it('is raised when a change commits, per tenant, and not by a change rolled back', async () => {
    const v0 = await dataVersion(database.db, tenant, 'meetings');
    await insert(database, tenant, 2);
    const v1 = await dataVersion(database.db, tenant, 'meetings');
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update scratch_hours set hours = 3 where tenant_id = ${tenant}`);
        throw new Error('refused');
      })
      .catch(() => undefined);
    const cases = [
      ['a committed insert', v1 - v0, 1],
      ['a rolled-back update', (await dataVersion(database.db, tenant, 'meetings')) - v1, 0],
      ['another tenant', await dataVersion(database.db, otherTenant, 'meetings'), 0],
      ['another counter', await dataVersion(database.db, tenant, 'training_hours'), 0],
    ] as const;
    for (const [what, got, want] of cases) expect(got, what).toBe(want);
    await database.db.execute(sql`delete from scratch_hours where tenant_id = ${tenant}`);
    expect(await dataVersion(database.db, tenant, 'meetings')).toBe(v1 + 1);
  });
});

describe('an answer kept under the counter', () => {
  it('is computed again after every committed change, and only then', async () => {
    const cache = new VersionedCache<number>('meetings');
    let computed = 0;
    const read = (db: Database, tenantId: string) =>
      cache.get(db.db, tenantId, 'sum', async () => {
        computed += 1;
        return sumOf(db.db, tenantId);
      });
    await insert(database, tenant, 5);
    expect(await read(database, tenant)).toBe(5);
    expect(await read(database, tenant)).toBe(5);
    expect(computed, 'a second read with nothing changed').toBe(1);

    await insert(database, tenant, 4);
    expect(await read(database, tenant), 'after a change').toBe(9);
    expect(computed).toBe(2);

    // Inside a transaction its own change is seen, and nothing it saw is kept for others.
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into scratch_hours values (${tenant}, 100)`);
        expect(await cache.get(tx, tenant, 'sum', async () => sumOf(tx, tenant))).toBe(109);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await read(database, tenant), 'after the rollback').toBe(9);
    expect(computed).toBe(2);

    // Same tenant id in another database (tests copy one template): its own answer.
    await insert(other, tenant, 1);
    expect(await read(other, tenant)).toBe(1);
    expect(await read(database, otherTenant)).toBe(0);
  });

  it('keeps only the most recently used answers', async () => {
    const cache = new VersionedCache<string>('meetings', 2);
    let computed = 0;
    const read = (key: string) =>
      cache.get(database.db, tenant, key, async () => {
        computed += 1;
        return key;
      });
    await read('a');
    await read('b');
    await read('a');
    await read('c');
    expect(computed).toBe(3);
    await read('a');
    expect(computed, '"a" was used after "b", so "b" went').toBe(3);
    await read('b');
    expect(computed).toBe(4);
  });
});
