import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, newPerson, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { verifyAudit } from '../../platform/verify';
import { loadActor } from '../accounts/api';
import { listPeople } from './queries';
import { withCheckDigit } from './rules';
import { nameSortKey } from './sort-key';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let member: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  member = await env.login('demo-member');
});
afterAll(() => env.close());

describe('GET /api/v1/people', () => {
  it('shows the secretary only their own branch', async () => {
    const res = await secretary.get('/api/v1/people?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(10);
    expect(body.items.every((p: { orgId: string }) => p.orgId === fx.branchId)).toBe(true);
  });

  it('counts up to the cap and says when it stopped there', async () => {
    const res = await general.get(`/api/v1/people?orgId=${fx.generalId}`);
    expect(res.json().totalCapped).toBe(false);
    const exact = res.json().total as number;
    const [acc] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from accounts where username = 'demo-general'`,
    );
    const actor = (await loadActor(env.ctx.db, acc.id, '127.0.0.1'))!;
    const filter = { orgId: fx.generalId, page: 2, pageSize: 20, includeEnded: false };
    const capped = await listPeople(env.ctx, actor, filter, exact - 1);
    expect(capped).toMatchObject({ total: exact - 1, totalCapped: true });
    expect(capped.items).toHaveLength(20);
    expect(await listPeople(env.ctx, actor, filter, exact)).toMatchObject({
      total: exact,
      totalCapped: false,
    });
  });

  it('filters by a comma-separated party status list', async () => {
    const res = await general.get(
      `/api/v1/people?orgId=${fx.generalId}&partyStatus=full,probationary&pageSize=200`,
    );
    const statuses = new Set(res.json().items.map((p: { partyStatus: string }) => p.partyStatus));
    expect([...statuses].sort()).toEqual(['full', 'probationary']);
  });

  it('answers 404 for a subtree outside the caller scope', async () => {
    const res = await secretary.get(`/api/v1/people?orgId=${fx.otherBranchId}`);
    expect(res.statusCode).toBe(404);
  });

  it('shows a member only themselves', async () => {
    const res = await member.get('/api/v1/people');
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].id).toBe(fx.memberPersonId);
  });

  it('names the field of a bad status', async () => {
    const res = await secretary.get('/api/v1/people?partyStatus=full,boss');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('partyStatus');
  });
});

describe('people write path', () => {
  it('creates, finds by ID number and reveals an audited phone', async () => {
    const idNumber = withCheckDigit('15070219900101123');
    const created = await secretary.post('/api/v1/people', {
      name: '测试人',
      gender: 'male',
      orgId: fx.branchId,
      partyStatus: 'masses',
      idNumber,
      mobile: '13800001111',
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person.idNumber).toBe(`**************${idNumber.slice(-4)}`);
    expect(person.mobile).toBe('138****1111');
    expect(person.birthDate).toBe('1990-01-01');

    const found = await secretary.get(`/api/v1/people?q=${idNumber}`);
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);

    const revealed = await secretary.post(`/api/v1/people/${person.id}/reveal`, { field: 'mobile' });
    expect(revealed.json().value).toBe('13800001111');
  });

  it('refuses a gender that contradicts the ID number, naming both fields', async () => {
    const res = await secretary.post('/api/v1/people', {
      name: '测试二',
      gender: 'female',
      orgId: fx.branchId,
      partyStatus: 'masses',
      idNumber: withCheckDigit('15070219900101123'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.gender).toContain('性别');
  });

  it('does not let a secretary create a person in another branch', async () => {
    const res = await secretary.post('/api/v1/people', {
      name: '越权',
      gender: 'male',
      orgId: fx.otherBranchId,
      partyStatus: 'masses',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('names in pinyin order', () => {
  const byKey = (names: string[]) =>
    [...names].sort((a, b) =>
      nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0,
    );
  const branchNames = async () =>
    (await secretary.get('/api/v1/people?pageSize=200')).json().items.map((p: { name: string }) => p.name);

  it('lists a branch by name in pinyin order, not by code point', async () => {
    const names = await branchNames();
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual(byKey(names));
    expect(names).not.toEqual([...names].sort());
  });

  it('keys rows written before the sort key existed when a list is first asked for, hashes unchanged', async () => {
    await env.ctx.db.execute(sql`update people set name_sort = null where org_id = ${fx.branchId}`);
    const names = await branchNames();
    expect(names).toEqual(byKey(names));
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from people where name_sort is null`,
    );
    expect(n).toBe(0);
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
  });

  it('gives a renamed person a new key', async () => {
    const person = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const res = await secretary.patch(`/api/v1/people/${person}`, { name: '阿丽' });
    expect(res.statusCode).toBe(200);
    const [row] = await queryRows<{ name_sort: string }>(
      env.ctx.db,
      sql`select name_sort from people where id = ${person}`,
    );
    expect(row.name_sort).toBe(nameSortKey('阿丽'));
  });
});

describe('what the web is told it may do', () => {
  const abilities = async (client: Client) => (await client.get('/api/v1/me')).json().abilities;

  it('derives the collection abilities from the policies', async () => {
    expect(await abilities(secretary)).toMatchObject({
      'people.view': true,
      'people.browse': true,
      'people.create': true,
      'people.import': true,
      'people.export': true,
      'people.exportClear': false,
      'orgs.view': true,
      'orgs.create': true,
      'orgs.reorganize': false,
    });
    expect(await abilities(general)).toMatchObject({ 'orgs.reorganize': true, 'people.import': true });
    expect(await abilities(member)).toMatchObject({
      'people.view': true,
      'people.browse': false,
      'people.create': false,
      'people.import': false,
      'people.export': true,
      'orgs.view': false,
      'orgs.create': false,
    });
    const sysadmin = await env.login('demo-sysadmin');
    expect(await abilities(sysadmin)).toMatchObject({
      'people.view': false,
      'people.export': false,
      'orgs.view': true,
      'orgs.create': false,
      'orgs.reorganize': false,
    });
  });

  it("puts the branches whose size or committee needs attention on a manager's to-do", async () => {
    const committee = await env.login('demo-committee');
    const items = (await committee.get('/api/v1/orgs')).json().items as {
      type: string;
      warnings: unknown[];
    }[];
    const warned = items.filter((o) => o.type === 'branch' && o.warnings.length > 0).length;
    expect(warned).toBeGreaterThan(0);
    const todo = (await committee.get('/api/v1/todo')).json().items;
    expect(todo).toContainEqual(
      expect.objectContaining({ module: 'orgs', key: 'branch-size', count: warned }),
    );
    const mine = (await member.get('/api/v1/todo')).json().items;
    expect(mine.some((t: { module: string }) => t.module === 'orgs')).toBe(false);
  });
});

describe('people follow the tree (the orgs hooks)', () => {
  it('refuses an unknown person as a secretary, naming the field', async () => {
    const res = await general.patch(`/api/v1/orgs/${fx.branchId}`, {
      secretaryPersonId: '0190a000-0000-7000-8000-00000000abcd',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.secretaryPersonId).toBe('书记不存在');
  });

  it('names a field by its own label in a validation message', async () => {
    const res = await secretary.post('/api/v1/people', {
      name: '标签',
      gender: 'male',
      orgId: fx.branchId,
      partyStatus: 'masses',
      joinedPartyOn: '2024-13-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.joinedPartyOn).toMatch(/^加入党组织日期：/);
  });
});
