import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/fresh-db';
import { type Database, queryRows, uuidList } from './db';

let database: Database;
let drop: () => Promise<void>;
const ids = Array.from({ length: 400 }, () => randomUUID());

beforeAll(async () => {
  ({ database, drop } = await freshDatabase({ migrate: false }));
  await database.db.execute(sql`create table scratch_ids (id uuid primary key)`);
  await database.db.execute(sql`insert into scratch_ids select unnest(${`{${ids.join(',')}}`}::uuid[])`);
}, 120_000);
afterAll(() => drop());

describe('uuidList', () => {
  const found = async (list: string[]) =>
    (
      await queryRows<{ id: string }>(
        database.db,
        sql`select id from scratch_ids where id in (${uuidList(list)}) order by id`,
      )
    ).map((r) => r.id);

  it('finds the same rows as parameters and, from 200 ids on, as one array', async () => {
    const cases = [
      ['one id', ids.slice(0, 1)],
      ['199 ids: parameters', ids.slice(0, 199)],
      ['200 ids: one array', ids.slice(0, 200)],
      [
        '350 ids and 50 unknown: one array',
        [...ids.slice(0, 350), ...Array.from({ length: 50 }, () => randomUUID())],
      ],
    ] as const;
    for (const [what, list] of cases)
      expect(await found([...list]), what).toEqual(ids.filter((id) => list.includes(id)).sort());
  });

  it('refuses a value that is not a uuid either way', async () => {
    await expect(found(['not-a-uuid'])).rejects.toThrow();
    await expect(found([...ids.slice(0, 250), 'not-a-uuid'])).rejects.toThrow();
  });
});
