import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { dayjs, todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { verifyAudit } from '../../platform/verify';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let committee: Client;
let general: Client;
let otherGeneral: Client;

const today = todayLocal();
const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
const dayBefore = (d: string) => dayjs(d).subtract(1, 'day').format('YYYY-MM-DD');

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, q);
const orgRow = async (id: string) =>
  (
    await rows<{ parent_id: string; path: string; dissolved_on: string | null }>(
      sql`select parent_id, path, dissolved_on from orgs where id = ${id}`,
    )
  )[0];
const historyOf = (id: string) =>
  rows<{ parent_id: string; valid_from: string; valid_to: string | null }>(
    sql`select parent_id, valid_from, valid_to from org_parent_history where org_id = ${id} order by valid_from, valid_to nulls last`,
  );
type TreeItem = {
  id: string;
  parentId: string | null;
  depth: number;
  memberCount: number;
  actions: string[];
};
const treeOn = async (client: Client, on: string): Promise<TreeItem[]> => {
  const res = await client.get(`/api/v1/orgs?on=${on}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  committee = await env.login('demo-committee');
  general = await env.login('demo-general');
  otherGeneral = await createAccountWithRole(
    env,
    'orgs-other-general',
    'general_branch_admin',
    fx.otherGeneralId,
  );
});
afterAll(() => env.close());

describe('move a branch to another general branch', () => {
  const on = '2025-06-01';

  it('re-parents the subtree, keeps the history and hands the scope to the new general branch', async () => {
    const branchId = fx.otherBranchId;
    expect((await general.get(`/api/v1/orgs/${branchId}`)).statusCode).toBe(200);
    expect((await otherGeneral.get(`/api/v1/orgs/${branchId}`)).statusCode).toBe(404);
    const founded = (await historyOf(branchId))[0].valid_from;

    const res = await committee.post(`/api/v1/orgs/${branchId}/move`, { parentId: fx.otherGeneralId, on });
    expect(res.statusCode).toBe(200);
    expect(res.json().parentId).toBe(fx.otherGeneralId);
    expect(res.json().parentHistory).toHaveLength(2);

    expect(await historyOf(branchId)).toEqual([
      { parent_id: fx.generalId, valid_from: founded, valid_to: on },
      { parent_id: fx.otherGeneralId, valid_from: on, valid_to: null },
    ]);
    const moved = await orgRow(branchId);
    const groups = await rows<{ path: string }>(sql`select path from orgs where parent_id = ${branchId}`);
    expect(groups.every((g) => g.path.startsWith(moved.path))).toBe(true);

    // The old general branch's admin lost the branch and its people; the new one gained them.
    expect((await general.get(`/api/v1/orgs/${branchId}`)).statusCode).toBe(404);
    expect((await general.get(`/api/v1/people?orgId=${branchId}`)).statusCode).toBe(404);
    expect((await otherGeneral.get(`/api/v1/orgs/${branchId}`)).statusCode).toBe(200);
    const people = await otherGeneral.get(`/api/v1/people?orgId=${branchId}`);
    expect(people.statusCode).toBe(200);
    expect(people.json().total).toBeGreaterThan(0);
  });

  it('answers which parent the branch had on a date', async () => {
    const before = (await treeOn(committee, dayBefore(on))).find((o) => o.id === fx.otherBranchId)!;
    const after = (await treeOn(committee, on)).find((o) => o.id === fx.otherBranchId)!;
    expect(before.parentId).toBe(fx.generalId);
    expect(after.parentId).toBe(fx.otherGeneralId);
    expect(before.actions).toEqual([]);
  });

  it('refuses a date before the branch came under its current parent, writing nothing', async () => {
    const before = await historyOf(fx.otherBranchId);
    const res = await committee.post(`/api/v1/orgs/${fx.otherBranchId}/move`, {
      parentId: fx.generalId,
      on: '2025-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.on).toBe('调整日期早于本组织隶属现上级组织的起始日期（2025-06-01）');
    expect(await historyOf(fx.otherBranchId)).toEqual(before);
    expect((await orgRow(fx.otherBranchId)).parent_id).toBe(fx.otherGeneralId);
  });

  it('refuses a move dated in the future', async () => {
    const res = await committee.post(`/api/v1/orgs/${fx.otherBranchId}/move`, {
      parentId: fx.generalId,
      on: tomorrow,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.on).toBe(`调整日期不能晚于今天（${today}）`);
    expect((await orgRow(fx.otherBranchId)).parent_id).toBe(fx.otherGeneralId);
  });

  it('refuses a date before the new parent was founded', async () => {
    const [gb] = await rows<{ established_on: string; name: string }>(
      sql`select established_on, name from orgs where id = ${fx.generalId}`,
    );
    const res = await committee.post(`/api/v1/orgs/${fx.branchInOtherGeneralId}/move`, {
      parentId: fx.generalId,
      on: dayBefore(gb.established_on),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('on');
  });
});

describe('merge two branches', () => {
  let source: { id: string; name: string; parent_id: string };
  let target: { id: string; name: string };
  let lastJoined: { name: string; valid_from: string };
  let oldest: { person_id: string; valid_from: string };
  let on: string;

  beforeAll(async () => {
    // A branch with party groups, merged into a sibling of the same general branch.
    [source] = await rows<{ id: string; name: string; parent_id: string }>(
      sql`select b.id, b.name, b.parent_id from orgs b
          where b.type = 'branch' and b.parent_id = ${fx.otherGeneralId} and b.id <> ${fx.otherBranchId}
            and exists (select 1 from orgs g where g.parent_id = b.id)
          order by b.code limit 1`,
    );
    [target] = await rows<{ id: string; name: string }>(
      sql`select id, name from orgs where type = 'branch' and parent_id = ${source.parent_id}
            and id not in (${source.id}, ${fx.otherBranchId}) order by code limit 1`,
    );
    [lastJoined] = await rows<{ name: string; valid_from: string }>(
      sql`select p.name, m.valid_from from person_memberships m join people p on p.id = m.person_id
          where m.org_id = ${source.id} and m.valid_to is null order by m.valid_from desc, p.employee_no limit 1`,
    );
    [oldest] = await rows<{ person_id: string; valid_from: string }>(
      sql`select m.person_id, m.valid_from from person_memberships m join people p on p.id = m.person_id
          where m.org_id = ${source.id} and m.valid_to is null and p.party_group_id is not null
          order by m.valid_from, p.employee_no limit 1`,
    );
    on = lastJoined.valid_from;
    expect(oldest.valid_from < on).toBe(true);
  });

  it('refuses a date before some member joined the branch, naming them, and writes nothing', async () => {
    const before = await rows<{ n: number }>(
      sql`select count(*)::int as n from people where org_id = ${source.id}`,
    );
    const res = await committee.post(`/api/v1/orgs/${source.id}/merge`, {
      targetId: target.id,
      on: dayBefore(on),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.on).toBe(`合并日期早于某成员加入本支部的日期（${lastJoined.name}，${on}）`);
    expect(await rows(sql`select count(*)::int as n from people where org_id = ${source.id}`)).toEqual(
      before,
    );
    expect((await orgRow(source.id)).dissolved_on).toBeNull();
  });

  it('refuses a merge dated in the future', async () => {
    const res = await committee.post(`/api/v1/orgs/${source.id}/merge`, {
      targetId: target.id,
      on: tomorrow,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.on).toBe(`合并日期不能晚于今天（${today}）`);
  });

  it('moves the members and the party groups, and dissolves the source', async () => {
    const count = async (orgId: string) =>
      (await committee.get(`/api/v1/people?orgId=${orgId}`)).json().total;
    const sourceStaff = await count(source.id);
    const targetStaff = await count(target.id);
    const groups = await rows<{ id: string }>(
      sql`select id from orgs where parent_id = ${source.id} and dissolved_on is null order by id`,
    );
    const person = (await committee.get(`/api/v1/people/${oldest.person_id}`)).json();

    const res = await committee.post(`/api/v1/orgs/${source.id}/merge`, { targetId: target.id, on });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toBe(sourceStaff);

    expect(await count(target.id)).toBe(targetStaff + sourceStaff);
    expect((await orgRow(source.id)).dissolved_on).toBe(on);
    const moved = (await committee.get(`/api/v1/people/${oldest.person_id}`)).json();
    expect(moved.orgId).toBe(target.id);
    expect(moved.partyGroupId).toBe(person.partyGroupId);

    const targetOrg = (await committee.get(`/api/v1/orgs/${target.id}`)).json();
    expect(targetOrg.children.map((c: { id: string }) => c.id).sort()).toEqual(groups.map((g) => g.id));
    for (const g of groups) {
      const history = await historyOf(g.id);
      expect(history.at(-2)).toMatchObject({ parent_id: source.id, valid_to: on });
      expect(history.at(-1)).toEqual({ parent_id: target.id, valid_from: on, valid_to: null });
    }
    const list = (await committee.get('/api/v1/orgs')).json().items;
    expect(list.some((o: { id: string }) => o.id === source.id)).toBe(false);
  });

  it('keeps history: the old branch for a date before the merge, the new one from the merge day', async () => {
    const ask = (date: string) => committee.get(`/api/v1/people/${oldest.person_id}/branch-on?date=${date}`);
    const before = await ask(dayBefore(on));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ orgId: source.id, orgName: source.name, validTo: on });
    expect((await ask(oldest.valid_from)).json().orgId).toBe(source.id);
    expect((await ask(on)).json()).toMatchObject({ orgId: target.id, validFrom: on, validTo: null });
  });

  it('shows the tree as it was: the source with its groups before, the groups under the target after', async () => {
    const [group] = await rows<{ id: string }>(
      sql`select id from orgs where parent_id = ${target.id} limit 1`,
    );
    const before = await treeOn(committee, dayBefore(on));
    const after = await treeOn(committee, on);
    expect(before.find((o) => o.id === source.id)?.parentId).toBe(source.parent_id);
    expect(before.find((o) => o.id === group.id)?.parentId).toBe(source.id);
    expect(before.find((o) => o.id === source.id)!.memberCount).toBeGreaterThan(0);
    expect(after.some((o) => o.id === source.id)).toBe(false);
    expect(after.find((o) => o.id === group.id)).toMatchObject({ parentId: target.id, depth: 3 });
  });

  it('refuses to merge a dissolved branch or into itself', async () => {
    const again = await committee.post(`/api/v1/orgs/${source.id}/merge`, { targetId: target.id, on: today });
    expect(again.statusCode).toBe(403);
    const self = await committee.post(`/api/v1/orgs/${target.id}/merge`, { targetId: target.id, on: today });
    expect(self.statusCode).toBe(400);
    expect(self.json().fields).toHaveProperty('targetId');
    const into = await committee.post(`/api/v1/orgs/${fx.branchId}/merge`, {
      targetId: source.id,
      on: today,
    });
    expect(into.statusCode).toBe(400);
    expect(into.json().fields).toHaveProperty('targetId');
  });
});

describe('dissolve', () => {
  let branchId: string;
  let personId: string;
  let personName: string;

  beforeAll(async () => {
    const created = await committee.post('/api/v1/orgs', {
      parentId: fx.generalId,
      type: 'branch',
      name: '海拉尔站临时攻关党支部',
      establishedOn: '2024-01-01',
      isTemporary: true,
    });
    expect(created.statusCode).toBe(201);
    branchId = created.json().id;
    expect(created.json().warnings.map((w: { code: string }) => w.code)).toEqual(['too_few_full_members']);
    const person = await committee.post('/api/v1/people', {
      name: '临时工',
      gender: 'male',
      orgId: branchId,
      partyStatus: 'masses',
    });
    expect(person.statusCode).toBe(201);
    personId = person.json().id;
    personName = person.json().name;
  });

  it('refuses while people are still on the roll', async () => {
    const res = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: today });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a date before someone left the branch, naming them', async () => {
    const moved = await committee.post(`/api/v1/people/${personId}/transfer`, {
      orgId: fx.branchId,
      on: today,
    });
    expect(moved.statusCode).toBe(200);
    const res = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: dayBefore(today) });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.on).toBe(`撤销日期早于某人调离本组织的日期（${personName}，${today}）`);
    expect((await orgRow(branchId)).dissolved_on).toBeNull();
  });

  it('refuses a date before the founding or in the future', async () => {
    const early = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: '2023-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields).toHaveProperty('on');
    const late = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: tomorrow });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields.on).toBe(`撤销日期不能晚于今天（${today}）`);
  });

  it('sets the date, drops the warnings and is no longer counted', async () => {
    const gbBefore = (await general.get(`/api/v1/orgs/${fx.generalId}`)).json();
    const res = await committee.post(`/api/v1/orgs/${branchId}/dissolve`, { on: today });
    expect(res.statusCode).toBe(200);
    const org = (await committee.get(`/api/v1/orgs/${branchId}`)).json();
    expect(org.dissolvedOn).toBe(today);
    expect(org.warnings).toEqual([]);
    for (const action of ['move', 'merge', 'dissolve', 'create_child'])
      expect(org.actions).not.toContain(action);
    // The general branch's detail still lists it, marked dissolved; its counts no longer include it.
    const gbAfter = (await general.get(`/api/v1/orgs/${fx.generalId}`)).json();
    expect(gbAfter.children.find((c: { id: string }) => c.id === branchId).dissolvedOn).toBe(today);
    expect(gbAfter.memberCount).toBe(gbBefore.memberCount);
    const active = (await general.get('/api/v1/orgs')).json().items;
    expect(active.some((o: { id: string }) => o.id === branchId)).toBe(false);
    const all = (await general.get('/api/v1/orgs?includeDissolved=true')).json().items;
    expect(all.some((o: { id: string }) => o.id === branchId)).toBe(true);
    expect((await treeOn(general, dayBefore(today))).some((o) => o.id === branchId)).toBe(true);
    expect((await treeOn(general, today)).some((o) => o.id === branchId)).toBe(false);
  });
});

describe('the tree on a date', () => {
  it('keeps the caller scope and names a bad date', async () => {
    const secretary = await env.login('demo-secretary');
    const items = await treeOn(secretary, '2020-01-01');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((o) => o.id === fx.branchId || o.parentId === fx.branchId)).toBe(true);
    expect(items.find((o) => o.id === fx.branchId)?.depth).toBe(2);
    const bad = await secretary.get('/api/v1/orgs?on=2020-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('on');
  });

  it('shows nothing before the section existed', async () => {
    expect(await treeOn(committee, '2000-01-01')).toEqual([]);
  });
});

describe('audit', () => {
  it('verifies green after the moves, merges and dissolutions', async () => {
    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([]);
  });
});

describe('the tree for platform administrators', () => {
  it('shows the system and security admins its shape only: no counts, warnings or secretaries', async () => {
    for (const username of ['demo-sysadmin', 'demo-secadmin']) {
      const items = (await (await env.login(username)).get('/api/v1/orgs')).json().items as Record<
        string,
        unknown
      >[];
      expect(items.length, username).toBeGreaterThan(100);
      const leaks = items.filter(
        (o) =>
          o.memberCount !== null ||
          o.employeeCount !== null ||
          o.secretaryPersonId !== null ||
          (o.warnings as unknown[]).length > 0,
      );
      expect(leaks, username).toEqual([]);
    }
    const forCommittee = (await committee.get('/api/v1/orgs')).json().items as { memberCount: number }[];
    expect(forCommittee.some((o) => o.memberCount > 0)).toBe(true);
  });
});
