import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../../test/clock';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { moduleVerifiers } from '../../platform/registry';
import { verifyAudit } from '../../platform/verify';
import { overdueTaskCounts, overdueTaskList, tasksInFlightCounts } from './api';
import { uploadPng } from './authz';
import { addDays } from './rules';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let general: Client;
let secretary: Client;
let otherSecretary: Client;
let otherGeneral: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  general = await env.login('demo-general');
  secretary = await env.login('demo-secretary');
  otherSecretary = await createAccountWithRole(env, 'tasks-other-sec', 'branch_secretary', fx.otherBranchId);
  otherGeneral = await createAccountWithRole(
    env,
    'tasks-other-gen',
    'general_branch_admin',
    fx.otherGeneralId,
  );
}, 180_000);
afterAll(() => env.close());

const send = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/v1/tasks', {
    orgId: fx.generalId,
    title: '报送本月党员人数',
    content: '请核对系统统计的党员人数后提交',
    dueOn: addDays(TEST_TODAY, 7),
    targetOrgIds: [fx.branchId, fx.otherBranchId],
    ...body,
  });
const target = (task: { targets: { orgId: string }[] }, orgId: string) =>
  task.targets.find((t) => t.orgId === orgId) as unknown as Record<string, unknown> & {
    status: string;
    actions: string[];
  };
const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`)
  )[0].n;

describe('sending', () => {
  it('sends to picked branches and to a whole subtree; the sender sees every target pending', async () => {
    const picked = await send(general, {});
    expect(picked.statusCode).toBe(201);
    expect(picked.json().targets.map((t: { status: string }) => t.status)).toEqual(['pending', 'pending']);
    const whole = await committee.post('/api/v1/tasks', {
      title: '全段报送',
      content: '请各支部报送',
      dueOn: addDays(TEST_TODAY, 3),
      subtreeOrgIds: [fx.generalId],
    });
    expect(whole.statusCode).toBe(201);
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from orgs where parent_id = ${fx.generalId} and type = 'branch' and dissolved_on is null`,
    );
    expect(whole.json().targets).toHaveLength(n);
    expect(whole.json().side).toBe('sender');
    expect(whole.json().orgId).toBe(fx.committeeId);
  });

  it('refuses bad input in Chinese naming the field, and writes nothing', async () => {
    const before = await count('tasks');
    const cases: [Record<string, unknown>, string][] = [
      [{ dueOn: addDays(TEST_TODAY, -1) }, 'dueOn'],
      [{ targetOrgIds: [fx.branchInOtherGeneralId] }, 'targetOrgIds'],
      [{ targetOrgIds: [] }, 'targetOrgIds'],
      [{ title: '' }, 'title'],
      [{ fields: [{ label: '是否完成', type: 'choice', options: ['是'] }] }, 'fields.0.options'],
    ];
    for (const [body, field] of cases) {
      const res = await send(general, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fields[field], res.body).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count('tasks')).toBe(before);
  });

  it('a general branch sends only from itself, a branch secretary not at all', async () => {
    expect((await send(otherGeneral, {})).statusCode).toBe(404);
    expect((await send(secretary, {})).statusCode).toBe(403);
    // The committee is out of a general branch's sight (404); its own branch is no sender (403).
    expect((await send(general, { orgId: fx.committeeId })).statusCode).toBe(404);
    expect((await send(general, { orgId: fx.branchId })).statusCode).toBe(403);
  });
});

describe('the answer loop', () => {
  let id: string;
  beforeAll(async () => {
    const res = await send(general, {
      fields: [
        { label: '党员人数', type: 'number', prefill: 'party_members_on_month_start' },
        { label: '完成情况', type: 'choice', options: ['已完成', '未完成'] },
      ],
    });
    id = res.json().id;
  });

  it('a branch sees only its own target, with the figure from the records to confirm', async () => {
    const mine = (await secretary.get(`/api/v1/tasks/${id}`)).json();
    expect(mine.side).toBe('receiver');
    expect(mine.targets.map((t: { orgId: string }) => t.orgId)).toEqual([fx.branchId]);
    expect(mine.targets[0].actions).toEqual(['answer']);
    expect(typeof mine.targets[0].prefill.f1).toBe('number');
    expect(mine.fields[0].prefillLabel).toMatch(/^截至 2026-11-01/);
    expect((await otherGeneral.get(`/api/v1/tasks/${id}`)).statusCode).toBe(404);
    const list = (await secretary.get('/api/v1/tasks?box=received')).json();
    expect(list.items.find((t: { id: string }) => t.id === id)?.myStatus).toBe('pending');
  });

  it('checks the form, then takes the answer; a second answer waits for the review', async () => {
    const bad = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '已核对',
      values: { f2: '差不多' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      'values.f1': '党员人数：必填',
      'values.f2': '完成情况：应为以下之一：已完成、未完成',
    });
    const ok = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '已核对，人数无误',
      values: { f1: 23, f2: '已完成' },
    });
    expect(ok.statusCode).toBe(200);
    expect(target(ok.json(), fx.branchId)).toMatchObject({
      status: 'submitted',
      values: { f1: 23, f2: '已完成' },
    });
    expect(typeof target(ok.json(), fx.branchId).prefilled).toBe('object');
    const again = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '再交一次',
    });
    expect(again.statusCode).toBe(409);
  });

  it('only the target’s secretary answers; only the sender reviews', async () => {
    expect(
      (await otherSecretary.post(`/api/v1/tasks/${id}/responses`, { orgId: fx.branchId, content: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await general.post(`/api/v1/tasks/${id}/responses`, { orgId: fx.branchId, content: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await secretary.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/review`, { decision: 'accept' }))
        .statusCode,
    ).toBe(403);
  });

  it('a return needs a comment, goes back on the branch’s to-do, and a new answer can be accepted', async () => {
    const noComment = await general.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/review`, {
      decision: 'return',
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().fields.comment).toMatch(/审核意见/);
    const returned = await general.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/review`, {
      decision: 'return',
      comment: '请说明与上月相比的变化',
      redoBy: addDays(TEST_TODAY, 2),
    });
    expect(target(returned.json(), fx.branchId)).toMatchObject({
      status: 'returned',
      reviewComment: '请说明与上月相比的变化',
      deadline: addDays(TEST_TODAY, 2),
    });
    const todo = (await secretary.get('/api/v1/todo')).json().items;
    expect(
      todo.find((t: { key: string; module: string }) => t.module === 'tasks' && t.key === 'answer').label,
    ).toMatch(/被退回/);
    const again = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '已核对，比上月增加 1 人（转入）',
      values: { f1: 24, f2: '已完成' },
    });
    expect(target(again.json(), fx.branchId)).toMatchObject({ status: 'submitted', submissions: 2 });
    const accepted = await general.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/review`, {
      decision: 'accept',
    });
    const t = target(accepted.json(), fx.branchId);
    expect(t.status).toBe('accepted');
    expect((t.history as { kind: string }[]).map((h) => h.kind)).toEqual([
      'submit',
      'return',
      'submit',
      'accept',
    ]);
    expect(
      (await general.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/review`, { decision: 'accept' }))
        .statusCode,
    ).toBe(409);
  });

  it('exports every answer as one sheet, with the records’ figure beside the prefilled field', async () => {
    const res = await general.get(`/api/v1/tasks/${id}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets).toHaveLength(1);
    const headers = (wb.worksheets[0].getRow(2).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(
      expect.arrayContaining(['党员人数（人）', '党员人数·系统统计', '完成情况', '回复内容']),
    );
    expect(wb.worksheets[0].rowCount).toBe(4);
  });
});

describe('overdue on both sides', () => {
  it('a target past its deadline is red for the sender, the branch, the to-do and assessment', async () => {
    const res = await send(general, { title: '逾期测试', dueOn: TEST_TODAY });
    const id = res.json().id;
    // Three days pass (the deadline moves back: the test clock stands still; restored below for audit verify).
    const past = addDays(TEST_TODAY, -3);
    await env.ctx.db.execute(sql`update tasks set due_on = ${past} where id = ${id}`);
    const sender = (await general.get(`/api/v1/tasks/${id}`)).json();
    expect(sender.counts).toMatchObject({ total: 2, overdue: 2 });
    const mine = (await secretary.get('/api/v1/tasks?box=received&status=overdue')).json();
    expect(mine.items.find((t: { id: string }) => t.id === id)).toMatchObject({
      myStatus: 'overdue',
      urgency: 'overdue',
    });
    const todo = (await secretary.get('/api/v1/todo')).json().items;
    expect(
      todo.find((t: { module: string; key: string }) => t.module === 'tasks' && t.key === 'answer').overdue,
    ).toBeGreaterThan(0);
    // Red on the sender's to-do as well.
    const senderTodo = (await general.get('/api/v1/todo')).json().items;
    const line = senderTodo.find(
      (t: { module: string; key: string }) => t.module === 'tasks' && t.key === 'overdue',
    );
    expect(line).toMatchObject({ link: '/tasks?box=sent&status=overdue' });
    expect(line.overdue).toBeGreaterThanOrEqual(2);
    expect(line.count).toBe(line.overdue);

    const reminded = await general.post(`/api/v1/tasks/${id}/responses/${fx.branchId}/remind`, {
      comment: '请今天报送',
    });
    expect(target(reminded.json(), fx.branchId).remindedAt).toBeTruthy();
    const late = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '补报',
    });
    expect(target(late.json(), fx.branchId)).toMatchObject({ status: 'submitted', late: true });

    const paths = (
      await queryRows<{ path: string }>(env.ctx.db, sql`select path from orgs where id = ${fx.generalId}`)
    ).map((r) => r.path);
    const period = {
      orgPaths: paths,
      from: past,
      to: past,
      asOf: TEST_TODAY,
    };
    const counts = await overdueTaskCounts(env.ctx.db, (await tenant()).id, period);
    expect(counts.find((c) => c.orgId === fx.branchId)).toEqual({ orgId: fx.branchId, due: 1, overdue: 1 });
    expect(counts.find((c) => c.orgId === fx.otherBranchId)).toEqual({
      orgId: fx.otherBranchId,
      due: 1,
      overdue: 1,
    });
    const list = await overdueTaskList(env.ctx.db, (await tenant()).id, period);
    expect(
      list.map((l) => [l.orgId, l.status]),
      JSON.stringify(list),
    ).toEqual(
      expect.arrayContaining([
        [fx.branchId, 'submitted'],
        [fx.otherBranchId, 'overdue'],
      ]),
    );
    const inFlight = await tasksInFlightCounts(env.ctx.db, (await tenant()).id, {
      orgPaths: paths,
      today: TEST_TODAY,
    });
    expect(inFlight.find((c) => c.orgId === fx.otherBranchId)!.overdue).toBeGreaterThan(0);
    await env.ctx.db.execute(sql`update tasks set due_on = ${TEST_TODAY} where id = ${id}`);
  });
});

describe('files and the audit', () => {
  it('an answer that must carry a file is refused without one, taken with one, and audit verify holds', async () => {
    const id = (await send(general, { requireFiles: true, targetOrgIds: [fx.branchId] })).json().id;
    const without = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '已完成',
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().fields.files).toMatch(/附件/);
    await uploadPng(secretary, `/api/v1/tasks/${id}/responses/${fx.branchId}/files`);
    const withFile = await secretary.post(`/api/v1/tasks/${id}/responses`, {
      orgId: fx.branchId,
      content: '已完成',
    });
    expect(withFile.statusCode).toBe(200);
    const t = target(withFile.json(), fx.branchId);
    expect((t.files as unknown[]).length).toBe(1);
    // After submission the answer's files are fixed.
    const late = await secretary.request('POST', `/api/v1/tasks/${id}/responses/${fx.branchId}/files`, {});
    expect(late.statusCode).toBe(409);
    const report = await verifyAudit(env.ctx.db, moduleVerifiers(env.ctx));
    expect(report.problems.filter((p) => /task/.test(p.entity ?? ''))).toEqual([]);
  }, 300_000); // audit verify reads the whole chain: minutes on a busy two-core machine

  it('the board drills from the committee to a general branch', async () => {
    const top = (await committee.get('/api/v1/tasks/board')).json();
    expect(top.root.id).toBe(fx.committeeId);
    expect(top.units.length).toBeGreaterThan(10);
    const unit = top.units.find((u: { orgId: string }) => u.orgId === fx.generalId);
    expect(unit.counts.total).toBeGreaterThan(0);
    const down = (await committee.get(`/api/v1/tasks/board?orgId=${fx.generalId}`)).json();
    expect(down.totals.total).toBe(unit.counts.total);
    expect((await otherGeneral.get(`/api/v1/tasks/board?orgId=${fx.generalId}`)).statusCode).toBe(404);
  });
});

const tenant = async () =>
  (await queryRows<{ id: string }>(env.ctx.db, sql`select id from tenants limit 1`))[0];
