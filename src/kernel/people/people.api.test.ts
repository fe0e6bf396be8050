import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { withCheckDigit } from './rules';

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
    expect(person.idNumber).toBe(`150702********${idNumber.slice(-4)}`);
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
