import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, newPerson, type TestEnv } from '../../../test/harness';

/** Property: whatever a client sends, the answer is never a 5xx, and a 400 names a field in Chinese. */
let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
}, 120_000);
afterAll(() => env.close());

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '2026-02-30',
    '2025-01-01',
    '9999-12-31',
    'rule_breach',
    'shunting',
    'yearly',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

function bodies(keys: string[], valid: () => Record<string, unknown>) {
  return fc
    .record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] })
    .map((noise) => ({ ...valid(), ...noise }));
}

async function expectSane(res: {
  statusCode: number;
  json: () => { message?: string; fields?: Record<string, string> };
}) {
  expect(res.statusCode).toBeLessThan(500);
  if (res.statusCode === 400) {
    const b = res.json();
    expect(b.message).toMatch(/[\u4e00-\u9fa5]/);
  }
}

describe('bad input never breaks the server', () => {
  it('POST /api/v1/violations', async () => {
    const person = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const valid = () => ({
      personId: person,
      kind: 'rule_breach',
      occurredOn: '2025-06-01',
      category: 'shunting',
      description: '测试',
    });
    await fc.assert(
      fc.asyncProperty(
        bodies(
          ['personId', 'kind', 'occurredOn', 'category', 'severity', 'source', 'place', 'description'],
          valid,
        ),
        async (body) => {
          await expectSane(await secretary.post('/api/v1/violations', body));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('POST /api/v1/talks', async () => {
    const person = await newPerson(env, { orgId: fx.branchId, partyStatus: 'full' });
    const valid = () => ({ personId: person, heldOn: '2025-06-01', kind: 'yearly', summary: '谈话' });
    await fc.assert(
      fc.asyncProperty(
        bodies(['personId', 'heldOn', 'kind', 'summary', 'followUp', 'violationId', 'talkerName'], valid),
        async (body) => {
          await expectSane(await secretary.post('/api/v1/talks', body));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('query strings of the lists and the analysis', async () => {
    const param = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('2026', '13', '-1', '2026-02-30', fx.branchId, 'open', 'done'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/v1/violations',
          '/api/v1/safety/analysis',
          '/api/v1/talks/obligations',
          '/api/v1/safety/weak-persons/candidates',
          '/api/v1/talks/coverage',
        ),
        fc.dictionary(
          fc.constantFrom('orgId', 'from', 'to', 'year', 'month', 'status', 'page', 'pageSize', 'asOf'),
          param,
          { maxKeys: 4 },
        ),
        async (path, query) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          await expectSane(await general.get(`${path}?${qs}`));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('POST of weak workers, projects, analyses and notices', async () => {
    const person = await newPerson(env, { orgId: fx.branchId, partyStatus: 'masses' });
    const cases: [string, Client, () => Record<string, unknown>][] = [
      [
        '/api/v1/safety/weak-persons',
        secretary,
        () => ({
          personId: person,
          mentorPersonId: fx.secretaryPersonId,
          reason: 'r',
          goals: 'g',
          startedOn: '2025-01-01',
        }),
      ],
      [
        '/api/v1/safety/projects',
        general,
        () => ({
          orgId: fx.generalId,
          title: 't',
          problem: 'p',
          target: 't',
          leaderPersonId: fx.secretaryPersonId,
          startedOn: '2025-01-01',
        }),
      ],
      [
        '/api/v1/safety/analyses',
        secretary,
        () => ({
          orgId: fx.branchId,
          periodFrom: '2025-01-01',
          periodTo: '2025-03-31',
          rootCauses: 'r',
          measures: 'm',
          dueOn: '2025-06-01',
        }),
      ],
      ['/api/v1/safety/notices', general, () => ({ orgId: fx.generalId, title: 't', body: 'b' })],
    ];
    for (const [url, client, valid] of cases) {
      await fc.assert(
        fc.asyncProperty(
          bodies(
            [
              'orgId',
              'personId',
              'mentorPersonId',
              'startedOn',
              'milestones',
              'violationIds',
              'memberPersonIds',
              'periodTo',
              'dueOn',
              'title',
            ],
            valid,
          ),
          async (body) => {
            await expectSane(await client.post(url, body));
          },
        ),
        { numRuns: 15 },
      );
    }
  });
});
