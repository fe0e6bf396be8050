import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../../test/clock';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { moduleVerifiers } from '../../platform/registry';
import { verifyAudit } from '../../platform/verify';
import { openRectificationCounts, overdueRectificationCounts, overdueRectificationList } from './api';
import { uploadPng } from './authz';
import { addDays } from './rules';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let general: Client;
let secretary: Client;
let member: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  general = await env.login('demo-general');
  secretary = await env.login('demo-secretary');
  member = await env.login('demo-member');
}, 180_000);
afterAll(() => env.close());

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`)
  )[0].n;
const tenantId = async () =>
  (await queryRows<{ id: string }>(env.ctx.db, sql`select id from tenants limit 1`))[0].id;

describe('checklists are versioned', () => {
  it('a revision is a new version; the old one stays readable and superseded', async () => {
    const list = (await general.get('/api/v1/inspections/checklists')).json();
    const committeeList = list.items.find((c: { orgId: string }) => c.orgId === fx.committeeId);
    expect(committeeList).toMatchObject({ version: 2, status: 'active' });
    const created = await general.post('/api/v1/inspections/checklists', {
      name: '总支自查清单',
      items: [{ title: '三会一课' }, { title: '谈心谈话', records: ['talk'] }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ orgId: fx.generalId, version: 1, actions: ['revise'] });
    const v2 = await general.post(`/api/v1/inspections/checklists/${created.json().id}/versions`, {
      items: [{ key: 'i2', title: '谈心谈话' }, { title: '主题党日' }],
    });
    expect(v2.json()).toMatchObject({ version: 2, items: [{ key: 'i2' }, { key: 'i3' }] });
    const old = (await general.get(`/api/v1/inspections/checklists/${created.json().id}`)).json();
    expect(old).toMatchObject({ status: 'superseded', actions: [] });
    expect(old.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const again = await general.post(`/api/v1/inspections/checklists/${created.json().id}/versions`, {
      items: [{ title: 'x' }],
    });
    expect(again.statusCode).toBe(409);
    // The committee's checklist is the committee's to revise.
    expect(
      (
        await general.post(`/api/v1/inspections/checklists/${committeeList.id}/versions`, {
          items: [{ title: 'x' }],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('an online inspection and its rectifications', () => {
  let id: string;
  let rectId: string;

  it('only the committee or the branch’s general branch inspects it', async () => {
    expect(
      (await secretary.post('/api/v1/inspections', { orgId: fx.branchId, title: '自查' })).statusCode,
    ).toBe(403);
    expect(
      (await general.post('/api/v1/inspections', { orgId: fx.branchInOtherGeneralId, title: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await general.post('/api/v1/inspections', { orgId: fx.generalId, title: 'x' })).statusCode).toBe(
      403,
    );
    const checklists = (await general.get('/api/v1/inspections/checklists')).json().items;
    const res = await general.post('/api/v1/inspections', {
      orgId: fx.branchId,
      title: '四季度网上检查',
      checklistId: checklists.find((c: { orgId: string }) => c.orgId === fx.committeeId).id,
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      inspectorOrgId: fx.generalId,
      mode: 'online',
      status: 'open',
      actions: ['record', 'complete'],
    });
    expect(res.json().items.length).toBe(8);
  });

  it('reads the branch’s records in place: meetings, talks, violations, ledgers', async () => {
    const rec = (await general.get(`/api/v1/inspections/${id}/records`)).json();
    expect(rec.meetings.length).toBeGreaterThan(0);
    expect(rec.meetings[0].link).toMatch(/^\/meetings\//);
    expect(rec.ledgers.map((l: { label: string }) => l.label)).toContain('组织生活台账');
    expect(rec.ledgers[0].path).toContain(`orgId=${fx.branchId}`);
    expect((await member.get(`/api/v1/inspections/${id}/records`)).statusCode).toBe(404);
  });

  it('a finding with a deadline opens a rectification; bad input names the field and writes nothing', async () => {
    const rec = (await general.get(`/api/v1/inspections/${id}/records`)).json();
    const before = await count('inspection_findings');
    for (const [body, field] of [
      [{ item: 'i1', finding: '无', rectifyBy: addDays(TEST_TODAY, -1) }, 'rectifyBy'],
      [{ item: 'i1', finding: '好', verdict: 'pass', rectifyBy: addDays(TEST_TODAY, 5) }, 'rectifyBy'],
      [{ item: 'i1', finding: 'x', links: [{ kind: 'meeting', id: fx.branchId }] }, 'links'],
      [{ item: '', finding: 'x' }, 'item'],
    ] as const) {
      const res = await general.post(`/api/v1/inspections/${id}/findings`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fields[field]).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count('inspection_findings')).toBe(before);
    const pass = await general.post(`/api/v1/inspections/${id}/findings`, {
      item: 'i1',
      finding: '三会一课记录完整',
      verdict: 'pass',
      links: [{ kind: 'meeting', id: rec.meetings[0].id }],
    });
    expect(pass.statusCode).toBe(201);
    expect(pass.json()).toMatchObject({ item: '“三会一课”落实情况', rectificationId: null });
    expect(pass.json().links[0]).toMatchObject({ kind: 'meeting', link: `/meetings/${rec.meetings[0].id}` });
    const problem = await general.post(`/api/v1/inspections/${id}/findings`, {
      item: 'i4',
      finding: '年度谈心谈话未全覆盖',
      rectifyBy: addDays(TEST_TODAY, 10),
    });
    expect(problem.statusCode).toBe(201);
    rectId = problem.json().rectificationId;
    expect(rectId).toBeTruthy();
    expect(problem.json().rectification).toMatchObject({ status: 'open' });
    await uploadPng(general, `/api/v1/inspections/${id}/findings/${problem.json().id}/files`);
    const list = (await secretary.get(`/api/v1/rectifications?orgId=${fx.branchId}&status=open`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(rectId);
    expect(
      list.items.every(
        (i: { orgId: string; status: string }) => i.orgId === fx.branchId && i.status === 'open',
      ),
    ).toBe(true);
  });

  it('the branch answers, the inspector reopens with a comment, the branch answers again, the inspector closes', async () => {
    expect((await general.post(`/api/v1/rectifications/${rectId}/answer`, { content: 'x' })).statusCode).toBe(
      403,
    );
    expect((await secretary.post(`/api/v1/rectifications/${rectId}/close`, {})).statusCode).toBe(403);
    expect((await general.post(`/api/v1/rectifications/${rectId}/close`, {})).statusCode).toBe(409);
    await uploadPng(secretary, `/api/v1/rectifications/${rectId}/files`);
    const answered = await secretary.post(`/api/v1/rectifications/${rectId}/answer`, {
      content: '已与两名党员谈话并录入',
    });
    expect(answered.json()).toMatchObject({ status: 'answered', actions: [] });
    expect(answered.json().files).toHaveLength(1);
    expect(
      (await secretary.post(`/api/v1/rectifications/${rectId}/answer`, { content: 'x' })).statusCode,
    ).toBe(409);
    const noComment = await general.post(`/api/v1/rectifications/${rectId}/reopen`, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().fields.comment).toMatch(/退回意见/);
    const reopened = await general.post(`/api/v1/rectifications/${rectId}/reopen`, {
      comment: '谈话记录未录入系统',
      rectifyBy: addDays(TEST_TODAY, 3),
    });
    expect(reopened.json()).toMatchObject({
      status: 'open',
      rectifyBy: addDays(TEST_TODAY, 3),
      reopenCount: 1,
    });
    await secretary.post(`/api/v1/rectifications/${rectId}/answer`, { content: '已补录两次谈话' });
    const closed = await general.post(`/api/v1/rectifications/${rectId}/close`, { comment: '整改到位' });
    expect(closed.json()).toMatchObject({ status: 'closed', closeComment: '整改到位', actions: ['reopen'] });
    expect(closed.json().history.map((h: { kind: string }) => h.kind)).toEqual([
      'answer',
      'reopen',
      'answer',
      'close',
    ]);
  });

  it('completing the inspection ends its findings; audit verify holds', async () => {
    const done = await general.post(`/api/v1/inspections/${id}/complete`, { summary: '总体规范' });
    expect(done.json()).toMatchObject({ status: 'completed', actions: [] });
    expect(
      (await general.post(`/api/v1/inspections/${id}/findings`, { item: 'i2', finding: 'x' })).statusCode,
    ).toBe(409);
    const report = await verifyAudit(env.ctx.db, moduleVerifiers(env.ctx));
    expect(report.problems.filter((p) => /inspection|rectification/.test(p.entity ?? ''))).toEqual([]);
  }, 300_000); // audit verify reads the whole chain: minutes on a busy two-core machine
});

describe('overdue, the ledger and what assessment reads', () => {
  it('the demo has an overdue rectification: red on the branch’s to-do, in the ledger and in assessment’s count', async () => {
    const overdue = (await secretary.get('/api/v1/rectifications?status=overdue')).json();
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items[0]).toMatchObject({ orgId: fx.branchId, status: 'overdue', urgency: 'overdue' });
    const todo = (await secretary.get('/api/v1/todo')).json().items;
    expect(todo.find((t: { module: string }) => t.module === 'inspection').overdue).toBeGreaterThan(0);
    // Red on the inspector's to-do as well (the demo general branch inspected the demo branch).
    const inspectorTodo = (await general.get('/api/v1/todo')).json().items;
    expect(
      inspectorTodo.find(
        (t: { module: string; key: string }) => t.module === 'inspection' && t.key === 'overdue',
      ),
    ).toMatchObject({ overdue: expect.any(Number), link: '/rectifications?status=overdue' });
    expect(
      inspectorTodo.find(
        (t: { module: string; key: string }) => t.module === 'inspection' && t.key === 'overdue',
      ).overdue,
    ).toBeGreaterThan(0);
    const ledger = (await committee.get('/api/v1/rectifications/ledger')).json();
    expect(ledger.totals.overdue).toBeGreaterThan(0);
    expect(ledger.totals.closed).toBeGreaterThan(0);
    expect(ledger.byOrg[0].counts.overdue).toBeGreaterThan(0);
    expect(ledger.byItem.length).toBeGreaterThan(2);
    const paths = (
      await queryRows<{ path: string }>(env.ctx.db, sql`select path from orgs where id = ${fx.committeeId}`)
    ).map((r) => r.path);
    const period = { orgPaths: paths, from: '2026-01-01', to: '2026-12-31', asOf: TEST_TODAY };
    const counts = await overdueRectificationCounts(env.ctx.db, await tenantId(), period);
    expect(counts.find((c) => c.orgId === fx.branchId)!.overdue).toBeGreaterThan(0);
    const evidence = await overdueRectificationList(env.ctx.db, await tenantId(), period);
    expect(evidence.some((e) => e.orgId === fx.branchId && e.link.startsWith('/rectifications/'))).toBe(true);
    const open = await openRectificationCounts(env.ctx.db, await tenantId(), {
      orgPaths: paths,
      today: TEST_TODAY,
    });
    expect(open.find((c) => c.orgId === fx.branchId)!.overdue).toBeGreaterThan(0);
  });

  it('exports the ledger: every item, by check item, by branch', async () => {
    const res = await general.get(`/api/v1/rectifications/export?orgId=${fx.generalId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['整改台账', '按检查项目', '按党支部']);
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(3);
  });

  it('a general branch sees only its own branches’ rectifications; a member none', async () => {
    const mine = (await general.get('/api/v1/rectifications?pageSize=200')).json();
    const all = (await committee.get('/api/v1/rectifications?pageSize=200')).json();
    expect(mine.total).toBeLessThan(all.total);
    const inGeneral = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from orgs where path like (select path from orgs where id = ${fx.generalId}) || '%'`,
    );
    const ids = new Set(inGeneral.map((o) => o.id));
    expect(mine.items.every((i: { orgId: string }) => ids.has(i.orgId))).toBe(true);
    expect((await member.get('/api/v1/rectifications')).statusCode).toBe(403);
  });
});
