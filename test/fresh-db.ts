import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { setupCommittee } from '../src/cli/setup';
import type { AppContext } from '../src/platform/context';
import { type Database, openDatabase } from '../src/platform/db';
import { migrateAndUpgrade } from '../src/server/bootstrap';
import { TEST_CONFIG } from './config';
import { withDatabase } from './global-setup';
import { TEST_KEYS } from './keys';

async function admin(query: string) {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/**
 * An empty database of the test's own, migrated unless told not to: PGlite in memory, or a new PostgreSQL
 * database when TEST_DATABASE_URL is set (created from `template` when given).
 */
export async function freshDatabase(
  options: { migrate?: boolean; template?: string } = {},
): Promise<{ database: Database; name: string | null; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    if (options.migrate !== false) await migrateAndUpgrade(database);
    return { database, name: null, drop: () => database.close() };
  }
  const name = `bl_f_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}${options.template ? ` template ${options.template}` : ''}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  if (options.migrate !== false && !options.template) await migrateAndUpgrade(database);
  return {
    database,
    name,
    drop: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export interface World {
  database: Database;
  ctx: AppContext;
  /** Two committees made by `setup`, each its own chain. */
  tenants: readonly [string, string];
  drop: () => Promise<void>;
}

const worldContext = (database: Database): AppContext => ({
  db: database.db,
  keys: TEST_KEYS,
  config: { ...TEST_CONFIG, filesDir: mkdtempSync(join(tmpdir(), 'bl-files-')) },
});

/**
 * Small worlds, lighter than a copy of the demo: built once per test file (migrating is the slow part),
 * then copied for each test from a PGlite dump or a PostgreSQL template database.
 */
export async function smallWorlds(): Promise<{ open: () => Promise<World>; close: () => Promise<void> }> {
  const source = await freshDatabase();
  const ctx = worldContext(source.database);
  const a = await setupCommittee(ctx, { name: '甲车务段党委', code: 'jia' });
  const b = await setupCommittee(ctx, { name: '乙车务段党委', code: 'yi' });
  const tenants = [a.tenantId, b.tenantId] as const;
  if (!source.name) {
    const dump = await source.database.pglite!.dumpDataDir('none');
    await source.drop();
    return {
      open: async () => {
        const database = await openDatabase({ dataDir: 'memory://', loadDataDir: dump });
        return { database, ctx: worldContext(database), tenants, drop: () => database.close() };
      },
      close: async () => {},
    };
  }
  await source.database.close();
  return {
    open: async () => {
      const copy = await freshDatabase({ template: source.name! });
      return { database: copy.database, ctx: worldContext(copy.database), tenants, drop: copy.drop };
    },
    close: () => admin(`drop database if exists ${source.name} with (force)`),
  };
}
