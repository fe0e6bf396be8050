import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';

/** The demo section at the size the article gives (issue 2 §7); other tests and the roster import rely on it. */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(env.ctx.db, q))[0];
const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(q)).n;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
});
afterAll(() => env.close());

describe('the demo section', () => {
  it('has the tree of 海拉尔车务段党委', async () => {
    const types = await queryRows<{ type: string; n: number }>(
      env.ctx.db,
      sql`select type, count(*)::int as n from orgs where dissolved_on is null group by type`,
    );
    const by = Object.fromEntries(types.map((t) => [t.type, t.n]));
    expect(by.committee).toBe(1);
    expect(by.general_branch).toBe(18);
    expect(by.branch).toBe(121);
    expect(by.party_group).toBeGreaterThan(10);
    const joint = await count(sql`select count(*)::int as n from orgs where type = 'branch' and is_joint`);
    expect(joint).toBeGreaterThanOrEqual(2);
    expect(joint).toBeLessThanOrEqual(10);
    const committee = await one<{ name: string }>(sql`select name from orgs where type = 'committee'`);
    expect(committee.name).toBe('海拉尔车务段党委');
  });

  it('names every branch uniquely, so a roster can name its branch', async () => {
    const duplicates = await queryRows<{ name: string }>(
      env.ctx.db,
      sql`select name from orgs where type = 'branch' group by tenant_id, name having count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
  });

  it('has 3,734 employees of whom 1,581 are party members, some probationary', async () => {
    expect(await count(sql`select count(*)::int as n from people where ended_on is null`)).toBe(3734);
    expect(
      await count(
        sql`select count(*)::int as n from people where ended_on is null and party_status in ('full', 'probationary')`,
      ),
    ).toBe(1581);
    expect(
      await count(sql`select count(*)::int as n from people where party_status = 'probationary'`),
    ).toBeGreaterThan(0);
  });

  it("gives the demo secretary's branch a branch committee, 7+ full members and non-member employees", async () => {
    const branch = await one<{ name: string; has_committee: boolean; parent_id: string }>(
      sql`select name, has_committee, parent_id from orgs where id = ${fx.branchId}`,
    );
    expect(branch).toEqual({ name: '海拉尔站运转一班党支部', has_committee: true, parent_id: fx.generalId });
    const staff = await queryRows<{ party_status: string; n: number }>(
      env.ctx.db,
      sql`select party_status, count(*)::int as n from people where org_id = ${fx.branchId} and ended_on is null group by party_status`,
    );
    const by = Object.fromEntries(staff.map((s) => [s.party_status, s.n]));
    expect(by.full).toBeGreaterThanOrEqual(7);
    const nonMembers = staff
      .filter((s) => !['full', 'probationary'].includes(s.party_status))
      .reduce((a, s) => a + s.n, 0);
    expect(nonMembers).toBeGreaterThan(0);
    const secretary = await env.login('demo-secretary');
    const org = (await secretary.get(`/api/v1/orgs/${fx.branchId}`)).json();
    expect(org.warnings).toEqual([]);
  });

  it('keeps history consistent with the present: every org under its parent, every person in their branch', async () => {
    expect(
      await count(
        sql`select count(*)::int as n from orgs o where o.parent_id is not null and not exists (
              select 1 from org_parent_history h
              where h.org_id = o.id and h.parent_id = o.parent_id and h.valid_to is null and h.valid_from = o.established_on)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from people p where not exists (
              select 1 from person_memberships m where m.person_id = p.id and m.org_id = p.org_id and m.valid_to is null)`,
      ),
    ).toBe(0);
  });
});
