import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { queryRows } from '../src/platform/db';
import { unlabelledFields } from '../src/platform/labels';
import { actionCatalog, auditedEntities, installedModules, sealedColumns } from '../src/platform/registry';
import { createTestEnv, type TestEnv } from './harness';

/**
 * Nothing the platform needs may be unowned: every request field has a label, every route a response
 * schema, every encrypted column a manifest that seals it, every audit action a label, every audited
 * table a manifest. A new module that forgets one fails here, not silently in production.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
}, 120_000);
afterAll(() => env.close());

const SRC = join(import.meta.dirname, '..', 'src');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('ownership', () => {
  it('every request field of every route has a Chinese label', () => {
    const missing: string[] = [];
    for (const r of env.app.routeList) {
      for (const part of ['params', 'querystring', 'body'] as const) {
        const schema = r.schema[part] as ZodType | undefined;
        if (!schema) continue;
        for (const field of unlabelledFields(schema))
          missing.push(`${r.module}: ${r.method} ${r.url} ${part}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every route declares the schema of its answer', () => {
    const missing = env.app.routeList
      .filter(
        (r) => !r.schema.response || !Object.keys(r.schema.response).some((s) => /^(2\d\d|2xx)$/.test(s)),
      )
      .map((r) => `${r.module}: ${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every encrypted column is sealed by a manifest, so keys rotate re-seals it', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      env.ctx.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and column_name like '%\\_enc'`,
    );
    const sealed = new Set(sealedColumns().flatMap((s) => s.columns.map((c) => `${s.entity.table}.${c}`)));
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`).filter((c) => !sealed.has(c))).toEqual([]);
  });

  it('every audit action named in the source is labelled by a manifest', () => {
    const catalog = actionCatalog();
    const unlabelled: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\baction:\s*'([a-z_]+\.[a-z_]+)'/g)) {
        if (!catalog[m[1]]) unlabelled.push(`${file.slice(SRC.length + 1)}: ${m[1]}`);
      }
    }
    expect(unlabelled).toEqual([]);
    expect(Object.keys(catalog).length).toBeGreaterThan(50);
  });

  it('every action written in the demo section is labelled', async () => {
    const rows = await queryRows<{ action: string }>(
      env.ctx.db,
      sql`select distinct action from audit_events`,
    );
    const catalog = actionCatalog();
    expect(rows.map((r) => r.action).filter((a) => !catalog[a])).toEqual([]);
  });

  it('every table holding audit events belongs to an entity a manifest declares', async () => {
    const rows = await queryRows<{ entity: string }>(
      env.ctx.db,
      sql`select distinct entity from audit_events where entity is not null`,
    );
    const declared = new Set(auditedEntities().map((e) => e.entity));
    expect(rows.map((r) => r.entity).filter((e) => !declared.has(e))).toEqual([]);
  });

  it('every module names itself, its label and its folder', () => {
    for (const m of installedModules()) {
      expect(m.label, m.name).toMatch(/[\u4e00-\u9fa5]/);
      const folder = ['kernel', 'modules']
        .map((l) => join(SRC, l, m.name))
        .find((p) => {
          try {
            return statSync(p).isDirectory();
          } catch {
            return false;
          }
        });
      expect(folder, `folder of ${m.name}`).toBeTruthy();
    }
  });
});
