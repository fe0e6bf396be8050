import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import {
  actionCatalog,
  auditedEntities,
  installedModules,
  installModules,
  settingsSpecs,
} from '../src/platform/registry';
import { readSettings } from '../src/platform/settings';
import { verifyAudit } from '../src/platform/verify';
import { MODULES } from '../src/server/modules';
import { loadAuthzCases } from './authz-cases';
import { exampleModule } from './example-module';
import { MIGRATION } from './example-module/tables';
import { type Client, createTestEnv, type TestEnv } from './harness';

/**
 * Registering a module is one line: the example module of docs/architecture.md's walkthrough lives in
 * its own folder (test/example-module, shaped like src/modules/<module>) and is added to the module list
 * here the way src/server/modules.ts would add it. Everything the platform derives must then know it.
 */
let env: TestEnv;
let secretary: Client;

beforeAll(async () => {
  installModules([...MODULES, exampleModule]);
  env = await createTestEnv();
  await env.ctx.db.execute(MIGRATION);
  secretary = await env.login('demo-secretary');
}, 120_000);
afterAll(async () => {
  installModules(MODULES);
  await env.close();
});

describe('a module registered with one line', () => {
  it('serves its routes, tagged with its name', async () => {
    expect(
      env.app.routeList.filter((r) => r.module === 'example').map((r) => `${r.method} ${r.url}`),
    ).toEqual(['GET /api/v1/bulletins', 'POST /api/v1/bulletins']);
    const fx = await queryRows<{ org_id: string }>(
      env.ctx.db,
      sql`select r.org_id from role_assignments r join accounts a on a.id = r.account_id
          where a.username = 'demo-secretary' and r.role = 'branch_secretary'`,
    );
    const posted = await secretary.post('/api/v1/bulletins', {
      orgId: fx[0].org_id,
      title: '本周安全学习',
      body: '周三 18:00 学习事故通报',
      expiresOn: '2099-12-31',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const list = await secretary.get('/api/v1/bulletins');
    expect(list.json().items.map((b: { title: string }) => b.title)).toContain('本周安全学习');
  });

  it('names its fields in validation messages from its own schema', async () => {
    const res = await secretary.post('/api/v1/bulletins', {
      orgId: 'x',
      title: '',
      body: 'b',
      expiresOn: '2024-02-30',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields as Record<string, string>;
    expect(fields.orgId).toMatch(/^发布组织：/);
    expect(fields.title).toMatch(/^标题：/);
    expect(fields.expiresOn).toMatch(/^截止日期：/);
  });

  it('is in the audit catalog, the audit chain and the verifier', async () => {
    expect(actionCatalog()['example_bulletin.post']).toMatchObject({
      label: '发布公告',
      group: '公告',
      module: 'example',
    });
    expect(auditedEntities().map((e) => e.entity)).toContain('example_bulletin');
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
    await env.ctx.db.execute(sql`update example_bulletins set title = '改过的标题'`);
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems.map((p) => `${p.kind} ${p.entity}`)).toContain('row_changed example_bulletin');
    await env.ctx.db.execute(sql`update example_bulletins set title = '本周安全学习'`);
  });

  it('has its settings with defaults, its to-do and its abilities', async () => {
    expect(settingsSpecs().map((s) => s.module)).toContain('example');
    const tenant = await queryRows<{ id: string }>(env.ctx.db, sql`select id from tenants limit 1`);
    expect(await readSettings(env.ctx.db, tenant[0].id, exampleModule.settings!)).toEqual({ maxDays: 30 });
    const me = (await secretary.get('/api/v1/me')).json();
    expect(me.abilities['example.post']).toBe(true);
    const member = await env.login('demo-member');
    expect((await member.get('/api/v1/me')).json().abilities['example.post']).toBe(false);
    const todo = (await secretary.get('/api/v1/todo')).json();
    expect(todo.items).toContainEqual(expect.objectContaining({ module: 'example', label: '阅读新公告' }));
  });

  it('joins the generated authorization cases', async () => {
    const { cases } = await loadAuthzCases(env);
    expect(cases.map((c) => c.route)).toContain('POST /api/v1/bulletins');
    expect(installedModules().map((m) => m.name)).toContain('example');
  });

  it('has its web part found by place, with no list to edit', () => {
    const shell = readFileSync(join(import.meta.dirname, '..', 'src', 'web', 'modules.ts'), 'utf8');
    expect(shell).toContain("'../modules/*/web/index.tsx'");
    const server = readFileSync(join(import.meta.dirname, '..', 'src', 'server', 'modules.ts'), 'utf8');
    // One import and one list entry per module: that is the registration.
    for (const m of MODULES) expect(server).toContain(`${m.name}Module,`);
  });
});
