import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { addDays } from './rules';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let member: Client;
let committee: Client;
let auditor: Client;
let otherSecretary: Client;
const today = todayLocal();

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  member = await env.login('demo-member');
  committee = await env.login('demo-committee');
  auditor = await env.login('demo-auditor');
  otherSecretary = await createAccountWithRole(env, 'safety-other-sec', 'branch_secretary', fx.otherBranchId);
}, 120_000);
afterAll(() => env.close());

const violation = (personId: string, occurredOn: string, extra: Record<string, unknown> = {}) => ({
  personId,
  kind: 'rule_breach',
  occurredOn,
  category: 'shunting',
  description: '调车作业未执行要道还道制度',
  ...extra,
});

describe('violations', () => {
  it('lists the tenant categories', async () => {
    const res = await secretary.get('/api/v1/violations/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({ code: 'shunting', name: '调车作业' });
  });

  it('records a violation in the branch of the day and opens a talk obligation due in 3 days', async () => {
    const worker = await fx.personIn(fx.branchId, 'masses');
    const occurredOn = addDays(today, -1);
    const res = await secretary.post(
      '/api/v1/violations',
      violation(worker, occurredOn, { place: '海拉尔站西咽喉' }),
    );
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ orgId: fx.branchId, personId: worker, kind: 'rule_breach', wasMember: false });
    expect(v.talk).toMatchObject({ dueOn: addDays(occurredOn, 3), status: 'open', talkId: null });
    expect(v.actions).toContain('record_talk');

    const obligations = await secretary.get(
      `/api/v1/talks/obligations?orgId=${fx.branchId}&status=open&pageSize=200`,
    );
    expect(obligations.statusCode).toBe(200);
    expect(obligations.json().items).toContainEqual(
      expect.objectContaining({
        personId: worker,
        violationId: v.id,
        dueOn: addDays(occurredOn, 3),
        status: 'open',
      }),
    );

    const listed = await general.get(
      `/api/v1/violations?orgId=${fx.generalId}&from=${occurredOn}&to=${occurredOn}&pageSize=200`,
    );
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(v.id);
  });

  it('marks an old open obligation overdue', async () => {
    const worker = await fx.personIn(fx.branchId, 'masses');
    const v = (await secretary.post('/api/v1/violations', violation(worker, addDays(today, -10)))).json();
    expect(v.talk.status).toBe('overdue');
    const overdue = await general.get(`/api/v1/talks/obligations?status=overdue&pageSize=200`);
    expect(overdue.json().items.map((i: { violationId: string }) => i.violationId)).toContain(v.id);
  });

  it('keeps violations of others from an ordinary member and from another branch secretary', async () => {
    const worker = await fx.personIn(fx.branchId, 'masses');
    const v = (await secretary.post('/api/v1/violations', violation(worker, addDays(today, -2)))).json();
    expect((await member.get(`/api/v1/violations/${v.id}`)).statusCode).toBe(404);
    expect((await otherSecretary.get(`/api/v1/violations/${v.id}`)).statusCode).toBe(404);
    const memberList = (await member.get('/api/v1/violations?pageSize=200')).json();
    expect(memberList.items.every((i: { personId: string }) => i.personId === fx.memberPersonId)).toBe(true);
    const otherList = (await otherSecretary.get('/api/v1/violations?pageSize=200')).json();
    expect(otherList.items.every((i: { orgId: string }) => i.orgId === fx.otherBranchId)).toBe(true);
    expect((await otherSecretary.get(`/api/v1/violations?orgId=${fx.branchId}`)).statusCode).toBe(404);
    const otherObligations = (await otherSecretary.get('/api/v1/talks/obligations?pageSize=200')).json();
    expect(otherObligations.items.map((i: { violationId: string }) => i.violationId)).not.toContain(v.id);
    expect((await member.get('/api/v1/talks/obligations')).statusCode).toBe(403);
    // Recording for a worker outside one's scope is refused as if the worker did not exist.
    expect((await otherSecretary.post('/api/v1/violations', violation(worker, today))).statusCode).toBe(404);
  });

  it('answers bad input with 400 naming the field', async () => {
    const worker = await fx.personIn(fx.branchId, 'masses');
    const cases: [Record<string, unknown>, string][] = [
      [violation(worker, today, { kind: 'speeding' }), 'kind'],
      [violation(worker, '2026-02-30'), 'occurredOn'],
      [violation(worker, addDays(today, 2)), 'occurredOn'],
      [violation(worker, today, { category: 'no_such' }), 'category'],
      [violation(worker, today, { description: '' }), 'description'],
      [violation('not-a-uuid', today), 'personId'],
      [violation(worker, today, { source: 'rumour' }), 'source'],
    ];
    for (const [body, field] of cases) {
      const res = await secretary.post('/api/v1/violations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().fields)).toContain(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const q = await secretary.get('/api/v1/violations?from=yesterday');
    expect(q.statusCode).toBe(400);
    expect(q.json().fields).toHaveProperty('from');
  });
});

describe('talks', () => {
  it('closes the obligation, encrypts the contents and audits every read', async () => {
    const worker = await fx.personIn(fx.branchId, 'activist');
    const v = (await secretary.post('/api/v1/violations', violation(worker, addDays(today, -1)))).json();
    const summary = '指出未执行要道还道的危害，本人认识到错误，表示今后严格执行作业标准。';
    const created = await secretary.post('/api/v1/talks', {
      personId: worker,
      heldOn: today,
      kind: 'violation_followup',
      summary,
      followUp: '班组长每班盯控一次，持续一个月',
      violationId: v.id,
    });
    expect(created.statusCode).toBe(201);
    const talk = created.json();
    expect(talk).toMatchObject({
      orgId: fx.branchId,
      personId: worker,
      summary,
      violationId: v.id,
      late: false,
    });

    const [row] = await queryRows<{ summary_enc: string; follow_up_enc: string }>(
      env.ctx.db,
      sql`select summary_enc, follow_up_enc from talks where id = ${talk.id}`,
    );
    expect(row.summary_enc).not.toContain('要道还道');
    expect(row.follow_up_enc).not.toContain('盯控');

    const done = (await secretary.get(`/api/v1/talks/obligations?status=done&pageSize=200`)).json();
    expect(done.items).toContainEqual(
      expect.objectContaining({ violationId: v.id, status: 'done', talkId: talk.id }),
    );
    expect((await secretary.get(`/api/v1/violations/${v.id}`)).json().talk.status).toBe('done');

    expect((await secretary.get(`/api/v1/talks/${talk.id}`)).json().summary).toBe(summary);
    expect((await general.get(`/api/v1/talks/${talk.id}`)).statusCode).toBe(200);
    expect((await committee.get(`/api/v1/talks/${talk.id}`)).statusCode).toBe(200);
    expect((await member.get(`/api/v1/talks/${talk.id}`)).statusCode).toBe(404);
    expect((await otherSecretary.get(`/api/v1/talks/${talk.id}`)).statusCode).toBe(404);
    expect((await auditor.get(`/api/v1/talks/${talk.id}`)).statusCode).toBe(404);
    expect((await member.get('/api/v1/talks')).statusCode).toBe(403);

    const log = await auditor.get(`/api/v1/audit?entityId=${talk.id}&pageSize=50`);
    expect(log.statusCode).toBe(200);
    const reads = log.json().items.filter((e: { action: string }) => e.action === 'talk.read');
    expect(reads.map((e: { actorName: string }) => e.actorName).length).toBe(3);
    expect(JSON.stringify(log.json())).not.toContain('要道还道');
  });

  it('refuses a follow-up talk without a violation, or before it, naming the field', async () => {
    const worker = await fx.personIn(fx.branchId, 'masses');
    const v = (await secretary.post('/api/v1/violations', violation(worker, addDays(today, -1)))).json();
    const base = { personId: worker, heldOn: today, kind: 'violation_followup', summary: '谈话' };
    const r1 = await secretary.post('/api/v1/talks', base);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().fields).toHaveProperty('violationId');
    const r2 = await secretary.post('/api/v1/talks', {
      ...base,
      violationId: v.id,
      heldOn: addDays(today, -3),
    });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().fields).toHaveProperty('heldOn');
    const r3 = await secretary.post('/api/v1/talks', { ...base, kind: 'chat' });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().fields).toHaveProperty('kind');
    const r4 = await secretary.post('/api/v1/talks', { ...base, summary: '' });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().fields).toHaveProperty('summary');
    const other = await fx.personIn(fx.branchId, 'full');
    const r5 = await secretary.post('/api/v1/talks', { ...base, personId: other, violationId: v.id });
    expect(r5.statusCode).toBe(400);
    expect(r5.json().fields).toHaveProperty('violationId');
  });

  it('keeps a violation with the branch of its day when the worker moves before the talk', async () => {
    const worker = (
      await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select id from people where org_id = ${fx.branchId} and party_status = 'masses' and ended_on is null
            order by employee_no desc limit 1`,
      )
    )[0].id;
    const occurredOn = addDays(today, -6);
    const v = (await secretary.post('/api/v1/violations', violation(worker, occurredOn))).json();
    expect(v.orgId).toBe(fx.branchId);
    const moved = await general.post(`/api/v1/people/${worker}/transfer`, {
      orgId: fx.otherBranchId,
      on: addDays(today, -3),
    });
    expect(moved.statusCode).toBe(200);

    // The new branch's secretary cannot record a violation dated before the move: it belongs to the old branch.
    const late = await otherSecretary.post('/api/v1/violations', violation(worker, occurredOn));
    expect(late.statusCode).toBe(403);
    // …but records one after the move into the new branch.
    const after = await otherSecretary.post('/api/v1/violations', violation(worker, addDays(today, -1)));
    expect(after.statusCode).toBe(201);
    expect(after.json().orgId).toBe(fx.otherBranchId);

    // The old branch still owes the talk and closes it.
    const owed = (await secretary.get(`/api/v1/talks/obligations?personId=${worker}&pageSize=50`)).json();
    // The demo year may already hold other violations of this worker; the one after the move is not the old branch's.
    const owedIds = owed.items.map((o: { violationId: string }) => o.violationId);
    expect(owedIds).toContain(v.id);
    expect(owedIds).not.toContain(after.json().id);
    expect(
      (
        await otherSecretary.post('/api/v1/talks', {
          personId: worker,
          heldOn: today,
          kind: 'violation_followup',
          summary: '谈话',
          violationId: v.id,
        })
      ).statusCode,
    ).toBe(404);
    const talk = await secretary.post('/api/v1/talks', {
      personId: worker,
      heldOn: today,
      kind: 'violation_followup',
      summary: '调离前违章的谈话',
      violationId: v.id,
    });
    expect(talk.statusCode).toBe(201);
    expect(talk.json().orgId).toBe(fx.branchId);
    const status = (await general.get(`/api/v1/talks/obligations?personId=${worker}&pageSize=50`)).json()
      .items;
    expect(status.find((o: { violationId: string }) => o.violationId === v.id).status).toBe('done');
    expect(status.find((o: { violationId: string }) => o.violationId === after.json().id).orgId).toBe(
      fx.otherBranchId,
    );

    // A yearly talk after the move belongs to the new branch.
    const yearly = await otherSecretary.post('/api/v1/talks', {
      personId: worker,
      heldOn: today,
      kind: 'yearly',
      summary: '年度谈心',
    });
    expect(yearly.statusCode).toBe(201);
    expect(yearly.json().orgId).toBe(fx.otherBranchId);
  });

  it('reports yearly talk coverage per branch', async () => {
    const res = await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}`);
    expect(res.statusCode).toBe(200);
    const row = res.json().items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(row.members).toBeGreaterThan(0);
    expect(row.coverage).toBeGreaterThanOrEqual(0);
  });
});

describe('safety analysis', () => {
  it('counts per branch with rates per 100 employees and members', async () => {
    const year = Number(today.slice(0, 4));
    const res = await general.get(`/api/v1/safety/analysis?orgId=${fx.generalId}&year=${year}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const row = body.items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(row.employees).toBeGreaterThan(0);
    expect(row.violations).toBeGreaterThan(0);
    expect(row.rate).toBeCloseTo((row.violations / row.employees) * 100, 0);
    expect(body.items.every((i: { orgId: string }) => typeof i.orgId === 'string')).toBe(true);
    expect(body.trend).toHaveLength(12);
    const month = await general.get(
      `/api/v1/safety/analysis?orgId=${fx.generalId}&year=${year}&month=${Number(today.slice(5, 7))}`,
    );
    expect(month.json().period.from).toBe(`${today.slice(0, 7)}-01`);
  });

  it('is refused to members and out of scope, and names bad parameters', async () => {
    expect((await member.get(`/api/v1/safety/analysis?orgId=${fx.branchId}`)).statusCode).toBe(403);
    expect((await otherSecretary.get(`/api/v1/safety/analysis?orgId=${fx.branchId}`)).statusCode).toBe(404);
    const bad = await general.get('/api/v1/safety/analysis?month=13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('month');
  });

  it('serves the board of the whole section', async () => {
    const res = await committee.get('/api/v1/safety/board');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(100);
    expect(res.json().counts).toHaveProperty('overdueTalks');
  });
});

describe('OpenAPI', () => {
  it('documents the safety and talks routes', async () => {
    const res = await env.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/violations',
      '/api/v1/talks/obligations',
      '/api/v1/talks/{id}',
      '/api/v1/safety/analysis',
    ])
      expect(paths).toContain(p);
  });
});
