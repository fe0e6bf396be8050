import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { loadActor } from '../../kernel/accounts/api';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { compliance } from './compliance';

/**
 * Compliance snapshots: a branch's computed compliance is kept for the day and dropped by the database
 * whenever its meetings, its organization rows or the tenant's settings change. Every answer served from
 * snapshots must equal the answer computed from scratch.
 */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let secretary: Client;
const year = Number(todayLocal().slice(0, 4));
const url = `/api/v1/compliance?year=${year}`;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  secretary = await env.login('demo-secretary');
});
afterAll(() => env.close());

const snapshotsOf = async (branchId?: string) =>
  (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from compliance_snapshots ${branchId ? sql`where branch_id = ${branchId}` : sql``}`,
    )
  )[0].n;
const answer = async () => {
  const res = await committee.get(url);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const fromScratch = async () => {
  await env.ctx.db.execute(sql`delete from compliance_snapshots`);
  return answer();
};
const committeeItem = (body: { items: { orgId: string; kind: string; meetings: number }[] }) =>
  body.items.find((i) => i.orgId === fx.branchId && i.kind === 'branch_committee_meeting')!;

describe('compliance snapshots', () => {
  it('keeps one snapshot per branch for the day and answers the same from them', async () => {
    const first = await fromScratch();
    expect(await snapshotsOf()).toBe(first.branches.length);
    expect(await answer()).toEqual(first);
  });

  it('a recorded meeting drops only its branch, and the next answer counts it', async () => {
    const before = await answer();
    const roster = (await secretary.get(`/api/v1/meetings/roster?orgId=${fx.branchId}`)).json();
    const created = await secretary.post('/api/v1/meetings', {
      orgId: fx.branchId,
      kind: 'branch_committee_meeting',
      topic: '研究快照测试事项',
      heldAt: dayjs().tz(ZONE).hour(8).minute(0).second(0).millisecond(0).format(),
      place: '运转车间会议室',
      attendance: (roster.committee as string[]).map((personId) => ({ personId, status: 'present' })),
    });
    expect(created.statusCode).toBe(201);
    expect((await secretary.post(`/api/v1/meetings/${created.json().id}/submit`)).statusCode).toBe(200);
    expect(await snapshotsOf(fx.branchId)).toBe(0);
    expect(await snapshotsOf(fx.otherBranchId)).toBe(1);

    const after = await answer();
    expect(committeeItem(after).meetings).toBe(committeeItem(before).meetings + 1);
    expect(after).toEqual(await fromScratch());
  });

  it('a change of the local settings drops every snapshot of the tenant', async () => {
    await answer();
    const lectures = (body: { items: { kind: string; expected: number }[] }) =>
      body.items.filter((i) => i.kind === 'party_lecture').reduce((a, i) => a + i.expected, 0);
    const quarterly = lectures(await answer());
    expect(
      (await committee.patch('/api/v1/meetings/settings', { lectureFrequency: 'month' })).statusCode,
    ).toBe(200);
    expect(await snapshotsOf()).toBe(0);
    const monthly = await answer();
    expect(lectures(monthly)).toBeGreaterThan(quarterly);
    expect(monthly).toEqual(await fromScratch());
    await committee.patch('/api/v1/meetings/settings', { lectureFrequency: 'quarter' });
  });

  it('a change to a branch or one of its party groups, even by direct SQL, drops that branch', async () => {
    await answer();
    await env.ctx.db.execute(
      sql`update orgs set has_committee = not has_committee where id = ${fx.otherBranchId}`,
    );
    expect(await snapshotsOf(fx.otherBranchId)).toBe(0);
    expect(await snapshotsOf(fx.branchId)).toBe(1);
    const [group] = await queryRows<{ id: string; parent_id: string }>(
      env.ctx.db,
      sql`select id, parent_id from orgs where type = 'party_group' limit 1`,
    );
    await answer();
    await env.ctx.db.execute(sql`update orgs set name = name || '（改）' where id = ${group.id}`);
    expect(await snapshotsOf(group.parent_id)).toBe(0);
    expect(await answer()).toEqual(await fromScratch());
  });

  it('recomputes on another day instead of reusing yesterday', async () => {
    const [{ id }] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from accounts where username = 'demo-committee'`,
    );
    const actor = (await loadActor(env.ctx.db, id, '127.0.0.1'))!;
    const today = todayLocal();
    const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
    await compliance(env.ctx, actor, { year }, today);
    const later = await compliance(env.ctx, actor, { year }, tomorrow);
    const [{ days }] = await queryRows<{ days: string[] }>(
      env.ctx.db,
      sql`select array_agg(distinct as_of::text) as days from compliance_snapshots`,
    );
    expect(days).toEqual([tomorrow]);
    await env.ctx.db.execute(sql`delete from compliance_snapshots`);
    expect(await compliance(env.ctx, actor, { year }, tomorrow)).toEqual(later);
  });
});
