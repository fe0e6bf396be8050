import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzCase } from '../../../test/authz-types';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  type TestEnv,
} from '../../../test/harness';
import { authzCases as talksCases } from '../talks/authz';
import { authzCases as safetyCases } from './authz';

/** The generated authorization test's checks, run over this module's and the talks module's cases only. */
const DEMO = [
  'demo-committee',
  'demo-general',
  'demo-secretary',
  'demo-member',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
];
let env: TestEnv;
const cases: AuthzCase[] = [];
const clients = new Map<string, Client>();

beforeAll(async () => {
  env = await createTestEnv();
  const fx = await demoFixtures(env.ctx);
  for (const u of DEMO) clients.set(u, await env.login(u));
  clients.set(
    'other-secretary',
    await createAccountWithRole(env, 'other-secretary', 'branch_secretary', fx.otherBranchId),
  );
  clients.set(
    'other-general',
    await createAccountWithRole(env, 'other-general', 'general_branch_admin', fx.otherGeneralId),
  );
  cases.push(...(await safetyCases(env, fx)), ...(await talksCases(env, fx)));
}, 300_000);
afterAll(() => env.close());

const ours = (url: string) => /^\/api\/v1\/(violations|safety|talks)(\/|$)/.test(url);

describe('safety and talks authorization', () => {
  it('covers every route of both modules', () => {
    const covered = new Set(cases.map((c) => c.route));
    const missing = env.app.routeList
      .filter((r) => ours(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  it('refuses anonymous callers and outsiders, and lets insiders through', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const method = c.route.split(' ')[0];
      const anon = await env.anonymous.request(method, c.url, c.body);
      if (anon.statusCode !== 401) failures.push(`${c.route} anonymous: ${anon.statusCode}`);
      for (const u of c.outsiders) {
        const res = await clients.get(u)!.request(method, c.url, c.body);
        if (res.statusCode !== 403 && res.statusCode !== 404)
          failures.push(`${c.route} as ${u}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    for (const c of cases.filter((x) => x.insider)) {
      const res = await clients.get(c.insider!)!.request(c.route.split(' ')[0], c.url, c.body);
      if ([401, 403, 404].includes(res.statusCode) || res.statusCode >= 500)
        failures.push(`${c.route} as ${c.insider}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
