import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db';
import { loadDemo, migrateAndUpgrade } from '../src/server/bootstrap';
import { TEST_NOW, TEST_TODAY } from './clock';
import { TEST_CONFIG } from './config';
import { TEST_KEYS } from './keys';

const TMP = join(import.meta.dirname, '..', '.tmp');

/**
 * Migrates once and loads the demo section once; each test file then starts from a copy:
 * a PGlite dump, or a PostgreSQL database created from a template when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  mkdirSync(TMP, { recursive: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `bl_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const tplUrl = withDatabase(url, template);
    const database = await openDatabase({ databaseUrl: tplUrl, poolSize: 2 });
    await migrateAndUpgrade(database);
    await loadDemo(
      { db: database.db, keys: TEST_KEYS, config: TEST_CONFIG },
      { today: TEST_TODAY, now: TEST_NOW },
    );
    await database.close();
    project.provide('template', { kind: 'postgres', url, name: template });
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateAndUpgrade(database);
  await loadDemo(
    { db: database.db, keys: TEST_KEYS, config: TEST_CONFIG },
    { today: TEST_TODAY, now: TEST_NOW },
  );
  const dump = await database.pglite!.dumpDataDir('none');
  const file = join(TMP, `test-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('template', { kind: 'pglite', file });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string; name: string };
  }
}
