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
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { addDays } from '../safety/rules';
import { coverage } from './rules';

/** Talks through the API: after a violation (closing safety's obligation), yearly, and their coverage. */
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
  otherSecretary = await createAccountWithRole(env, 'talks-other-sec', 'branch_secretary', fx.otherBranchId);
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

describe('talks', () => {
  it('closes the obligation, encrypts the contents and audits every read', async () => {
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'activist' });
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
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
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
    const other = await newPerson(env, { orgId: fx.branchId, partyStatus: 'full' });
    const r5 = await secretary.post('/api/v1/talks', { ...base, personId: other, violationId: v.id });
    expect(r5.statusCode).toBe(400);
    expect(r5.json().fields).toHaveProperty('violationId');
  });

  it('keeps a violation with the branch of its day when the worker moves before the talk', async () => {
    const worker = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
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
