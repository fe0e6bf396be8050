import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  newPerson,
  type TestEnv,
} from '../../../test/harness';
import { loadActor } from '../../kernel/accounts/api';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { addDays, elapsedMonths, periodOf } from './rules';
import { createViolation } from './violations';

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
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const occurredOn = addDays(today, -1);
    const res = await secretary.post(
      '/api/v1/violations',
      violation(worker, occurredOn, { place: '海拉尔站西咽喉' }),
    );
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ orgId: fx.branchId, personId: worker, kind: 'rule_breach', wasMember: false });
    // Recorded today for yesterday: the three days run from the recording date (the later of the two).
    expect(v.talk).toMatchObject({ dueOn: addDays(today, 3), status: 'open', talkId: null });
    expect(v.actions).toContain('record_talk');

    const obligations = await secretary.get(
      `/api/v1/talks/obligations?orgId=${fx.branchId}&status=open&pageSize=200`,
    );
    expect(obligations.statusCode).toBe(200);
    expect(obligations.json().items).toContainEqual(
      expect.objectContaining({
        personId: worker,
        violationId: v.id,
        dueOn: addDays(today, 3),
        status: 'open',
      }),
    );

    const listed = await general.get(
      `/api/v1/violations?orgId=${fx.generalId}&from=${occurredOn}&to=${occurredOn}&pageSize=200`,
    );
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(v.id);
  });

  it('does not start a violation found ten days late as overdue', async () => {
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const v = (
      await secretary.post('/api/v1/violations', violation(worker, addDays(today, -10), { source: 'video' }))
    ).json();
    expect(v.talk).toMatchObject({ dueOn: addDays(today, 3), status: 'open' });
  });

  it('marks an old open obligation overdue', async () => {
    // Recorded ten days ago on the day it happened (the service takes the recording date as a parameter).
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const [acc] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from accounts where username = 'demo-secretary'`,
    );
    const actor = await loadActor(env.ctx.db, acc.id, '127.0.0.1');
    const then = addDays(today, -10);
    const { id } = await createViolation(
      env.ctx,
      actor!,
      {
        personId: worker,
        kind: 'rule_breach',
        occurredOn: then,
        category: 'shunting',
        description: '未要道',
      },
      then,
    );
    const v = (await secretary.get(`/api/v1/violations/${id}`)).json();
    expect(v.talk).toMatchObject({ dueOn: addDays(then, 3), status: 'overdue' });
    const overdue = await general.get(`/api/v1/talks/obligations?status=overdue&pageSize=200`);
    expect(overdue.json().items.map((i: { violationId: string }) => i.violationId)).toContain(v.id);
  });

  it('keeps violations of others from an ordinary member and from another branch secretary', async () => {
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
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
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
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
    // Per branch, the categories add up to the branch's count.
    for (const i of body.items as { violations: number; byCategory: { count: number }[] }[])
      expect(i.byCategory.reduce((a, c) => a + c.count, 0)).toBe(i.violations);
    // The board follows a month too, scaling the running month by its days gone.
    const board = await general.get(
      `/api/v1/safety/board?orgId=${fx.generalId}&year=${year}&month=${Number(today.slice(5, 7))}`,
    );
    expect(board.statusCode).toBe(200);
    expect(board.json().period).toMatchObject({ month: Number(today.slice(5, 7)) });
    expect(board.json().period.elapsedMonths).toBeCloseTo(
      elapsedMonths(periodOf(year, Number(today.slice(5, 7))), today),
      2,
    );
    expect((await general.get('/api/v1/safety/board?month=0')).statusCode).toBe(400);
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

describe('the safety to-do', () => {
  const membersOf = async (orgId: string, n: number) =>
    queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from people where org_id = ${orgId} and party_status in ('full','probationary')
          and ended_on is null order by employee_no limit ${n}`,
    );

  it('asks the secretary of a flagged branch for an analysis until one answers the period', async () => {
    const year = Number(today.slice(0, 4));
    const [branch] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select o.id from orgs o where o.type = 'branch' and o.dissolved_on is null
            and not exists (select 1 from safety_analyses a where a.org_id = o.id)
            and (select count(*) from people p where p.org_id = o.id and p.ended_on is null
                 and p.party_status = 'full') >= 6
          order by o.code desc limit 1`,
    );
    const sec = await createAccountWithRole(env, 'safety-todo-sec', 'branch_secretary', branch.id);
    const row = async () =>
      (await committee.get(`/api/v1/safety/analysis?orgId=${branch.id}&year=${year}`))
        .json()
        .items.find((i: { orgId: string }) => i.orgId === branch.id);
    const todo = async () => (await sec.get('/api/v1/safety/todo')).json();
    const asked = async () => (await todo()).analyses.filter((a: { orgId: string }) => a.orgId === branch.id);

    const first = await row();
    expect((await asked()).length).toBe(first.flagged ? 1 : 0);
    // Members' violations today until the branch is flagged.
    for (const m of await membersOf(branch.id, 8)) {
      if ((await row()).flagged) break;
      const r = await sec.post('/api/v1/violations', violation(m.id, today, { category: 'labor_safety' }));
      expect(r.statusCode).toBe(201);
      expect(r.json().wasMember).toBe(true);
    }
    const flagged = await row();
    expect(flagged).toMatchObject({ flagged: true, analysis: null });
    const t = await todo();
    expect(t.counts.analyses).toBe(1);
    expect(t.analyses).toEqual([
      expect.objectContaining({
        orgId: branch.id,
        label: '本支部违章率超出阈值，需开展安全剖析',
        memberViolations: flagged.memberViolations,
        memberRateYearly: flagged.memberRateYearly,
      }),
    ]);
    // The superiors see it on the board and in the analysis.
    const board = (await committee.get('/api/v1/safety/board')).json();
    expect(board.flaggedWithoutAnalysis).toContain(branch.id);
    expect(board.flagged).toContain(branch.id);
    // Other people's to-do stays clean: a general branch admin and an ordinary member aren't asked.
    expect((await general.get('/api/v1/safety/todo')).json().analyses).toEqual([]);
    expect((await member.get('/api/v1/safety/todo')).json().analyses).toEqual([]);

    // An analysis of last year does not answer this year's flag…
    const base = { orgId: branch.id, trigger: 'threshold', rootCauses: '盯控不到位', measures: '每周讲评' };
    const last = periodOf(year - 1);
    const old = await sec.post('/api/v1/safety/analyses', {
      ...base,
      periodFrom: last.from,
      periodTo: last.to,
      dueOn: addDays(today, 30),
    });
    expect(old.statusCode).toBe(201);
    expect((await asked()).length).toBe(1);
    // …one of this year does.
    const answer = await sec.post('/api/v1/safety/analyses', {
      ...base,
      periodFrom: `${year}-01-01`,
      periodTo: today,
      dueOn: addDays(today, 30),
    });
    expect(answer.statusCode).toBe(201);
    expect(await asked()).toEqual([]);
    expect((await todo()).counts.analyses).toBe(0);
    expect((await row()).analysis).toEqual({ id: answer.json().id, status: 'open' });
    const after = (await committee.get('/api/v1/safety/board')).json();
    expect(after.flagged).toContain(branch.id);
    expect(after.flaggedWithoutAnalysis).not.toContain(branch.id);
  });

  it('counts the talks owed in SQL, beyond the rows it lists', async () => {
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    for (let i = 0; i < 52; i++)
      expect(
        (await secretary.post('/api/v1/violations', violation(worker, addDays(today, -(i % 20))))).statusCode,
      ).toBe(201);
    const [expected] = await queryRows<{ total: number; overdue: number }>(
      env.ctx.db,
      sql`select count(*)::int as total, count(*) filter (where ob.due_on < ${today})::int as overdue
          from talk_obligations ob join orgs o on o.id = ob.org_id
          where ob.talk_id is null and o.path like (select path || '%' from orgs where id = ${fx.branchId})`,
    );
    const res = await secretary.get('/api/v1/safety/todo');
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(expected.total).toBeGreaterThan(50);
    expect(t.counts).toMatchObject({ talks: expected.total, talksOverdue: expected.overdue });
    expect(t.talks).toHaveLength(50);
    expect(t.talks.filter((x: { status: string }) => x.status === 'overdue').length).toBeLessThanOrEqual(
      expected.overdue,
    );
    expect(t.counts.followups).toBe(t.followups.length);
    // The member has no branch to manage: nothing owed as secretary.
    expect((await member.get('/api/v1/safety/todo')).json().counts).toMatchObject({ talks: 0, analyses: 0 });
    expect((await auditor.get('/api/v1/safety/todo')).statusCode).toBe(403);
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
