import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { loadActor } from '../../kernel/accounts/service';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { addDays, coverage, elapsedMonths, periodOf } from './rules';
import { createViolation } from './service';

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
    const worker = await fx.personIn(fx.branchId, 'masses');
    const v = (
      await secretary.post('/api/v1/violations', violation(worker, addDays(today, -10), { source: 'video' }))
    ).json();
    expect(v.talk).toMatchObject({ dueOn: addDays(today, 3), status: 'open' });
  });

  it('marks an old open obligation overdue', async () => {
    // Recorded ten days ago on the day it happened (the service takes the recording date as a parameter).
    const worker = await fx.personIn(fx.branchId, 'masses');
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
    const year = today.slice(0, 4);
    const expected = async () =>
      (
        await queryRows<{ members: number; talked: number; untalked: string | null }>(
          env.ctx.db,
          sql`select count(*)::int as members,
                count(*) filter (where exists (select 1 from talks t where t.person_id = p.id
                  and t.held_on between ${`${year}-01-01`} and ${`${year}-12-31`}))::int as talked,
                (select q.id from people q where q.org_id = ${fx.branchId} and q.ended_on is null
                   and q.party_status in ('probationary','full') and not exists (select 1 from talks t
                   where t.person_id = q.id and t.held_on between ${`${year}-01-01`} and ${`${year}-12-31`})
                 order by q.employee_no limit 1) as untalked
              from people p where p.org_id = ${fx.branchId} and p.ended_on is null
                and p.party_status in ('probationary','full')`,
        )
      )[0];
    const before = await expected();
    const res = await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const row = body.items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(row.members).toBeGreaterThan(0);
    expect(row).toMatchObject({
      members: before.members,
      talked: before.talked,
      coverage: coverage(before.talked, before.members),
    });
    const sum = (k: 'members' | 'talked') =>
      body.items.reduce((a: number, i: Record<string, number>) => a + i[k], 0);
    expect(body.totals).toMatchObject({ members: sum('members'), talked: sum('talked') });

    // One more member talked with this year moves the branch's figure by exactly one.
    expect(before.untalked).not.toBeNull();
    const talk = await secretary.post('/api/v1/talks', {
      personId: before.untalked,
      heldOn: today,
      kind: 'yearly',
      summary: '年度谈心谈话',
    });
    expect(talk.statusCode).toBe(201);
    const after = (await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}`))
      .json()
      .items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(after).toMatchObject({
      members: before.members,
      talked: before.talked + 1,
      coverage: coverage(before.talked + 1, before.members),
    });
    // A second talk with the same member in the same year doesn't count twice.
    await secretary.post('/api/v1/talks', {
      personId: before.untalked,
      heldOn: today,
      kind: 'other',
      summary: '再次谈话',
    });
    const again = (await general.get(`/api/v1/talks/coverage?orgId=${fx.generalId}`))
      .json()
      .items.find((i: { orgId: string }) => i.orgId === fx.branchId);
    expect(again.talked).toBe(before.talked + 1);
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
    const worker = await fx.personIn(fx.branchId, 'masses');
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
