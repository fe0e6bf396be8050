import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { loadAuthzCases } from './authz-cases';
import type { AuthzCase } from './authz-types';
import { type Client, createTestEnv, type TestEnv } from './harness';

/**
 * Property-based bad input against every route: whatever a client sends, the answer is a 4xx with a
 * Chinese message (naming the field for validation errors) or a success — never a 5xx — and a refused
 * request writes nothing (the audit chain, which every change extends, stays as it was).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const HAN = /[\u4e00-\u9fa5]/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let env: TestEnv;
let cases: AuthzCase[] = [];
let clients = new Map<string, Client>();

/** The insider passes authorization, so a fuzzed body reaches validation and the rules behind it. */
const callerFor = (c: AuthzCase): string => c.insider ?? 'demo-committee';

/** The query keys a route's own schema declares: what a real client could send. */
function queryKeys(c: AuthzCase): string[] {
  const [method, url] = c.route.split(' ');
  const route = env.app.routeList.find((r) => r.method === method && r.url === url);
  const shape = (route?.schema.querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

beforeAll(async () => {
  env = await createTestEnv();
  ({ cases, clients } = await loadAuthzCases(env));
  cases = cases.filter((c) => c.route !== 'POST /api/v1/auth/logout');
}, 300_000);
afterAll(() => env.close());

/**
 * The events a refused request may not add. Authentication's own bookkeeping is left out: a wrong
 * password, old password (change-password) or code is counted and recorded as an `auth.*` event by
 * design, and refusals go to the security log and the throttle counters, which are not counted here.
 * Every other event is, so a change half-written before its refusal still shows.
 */
const auditCount = async () =>
  (
    await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_events where action not like 'auth.%'`,
    )
  )[0].n;

const jsonValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '2024-02-30',
    '2023-13-01',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(5000),
    '<script>',
    "'; drop table people; --",
  ),
);

async function check(c: AuthzCase, method: string, url: string, body: unknown) {
  const before = await auditCount();
  const res = await clients.get(callerFor(c))!.request(method, url, body);
  const problem = `${c.route} ${JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, problem).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const err = res.json();
    expect(err.message, problem).toMatch(HAN);
    if (err.code === 'validation') expect(Object.keys(err.fields ?? {}).length, problem).toBeGreaterThan(0);
    expect(await auditCount(), `${problem} wrote something`).toBe(before);
  }
}

describe('bad input on every endpoint', () => {
  it('has cases to fuzz', () => expect(cases.length).toBeGreaterThan(10));

  it('mutated bodies: 4xx naming the field, never 5xx, nothing written', async () => {
    for (const c of cases) {
      const [method] = c.route.split(' ');
      if (method === 'GET' || method === 'DELETE') continue;
      const valid = (c.body ?? {}) as Record<string, unknown>;
      const keys = Object.keys(valid);
      const mutated = fc.oneof(
        jsonValue,
        keys.length
          ? fc
              .record({ key: fc.constantFrom(...keys), value: jsonValue })
              .map(({ key, value }) => ({ ...valid, [key]: value }))
          : fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 }),
        fc.constant({}),
      );
      await fc.assert(
        fc.asyncProperty(mutated, async (body) => {
          if (JSON.stringify(body) === JSON.stringify(valid)) return;
          await check(c, method, c.url, body);
        }),
        { numRuns: RUNS },
      );
    }
  }, 600_000);

  it("random query strings from each route's own keys: 4xx or empty, never 5xx", async () => {
    for (const c of cases) {
      const [method] = c.route.split(' ');
      const keys = queryKeys(c);
      if (method !== 'GET' || keys.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...keys),
            fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.constantFrom(
                '-1',
                '0',
                '1e9',
                '2024-02-29',
                'full,nope',
                '%',
                '%27',
                'true',
                'x'.repeat(300),
              ),
            ),
          ),
          async (query) => {
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            await check(c, 'GET', `${c.url.split('?')[0]}?${qs}`, undefined);
          },
        ),
        { numRuns: RUNS },
      );
    }
  }, 600_000);

  it('bad path ids on every route with one, whatever the method: 4xx, never 5xx, nothing written', async () => {
    let tried = 0;
    for (const c of cases) {
      const [method] = c.route.split(' ');
      if (!UUID.test(c.url)) continue;
      for (const bad of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%00', 'x'.repeat(300)]) {
        tried += 1;
        await check(
          c,
          method,
          c.url.replace(UUID, bad),
          method === 'GET' || method === 'DELETE' ? undefined : c.body,
        );
      }
    }
    expect(tried).toBeGreaterThan(20);
  }, 600_000);

  it('a body that is not JSON is a 400 in Chinese', async () => {
    const client = clients.get('demo-committee')!;
    const res = await client.request('POST', '/api/v1/people', '{"name":', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(HAN);
  });
});
