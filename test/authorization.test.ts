import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthzCases } from './authz-cases';
import type { AuthzCase } from './authz-types';
import { type Client, createTestEnv, type TestEnv } from './harness';

/**
 * The generated authorization test: every route under /api/v1 must have a case in its module's authz.ts;
 * anonymous callers get 401, outsiders 403 or 404, and the insider reaches the handler.
 */

/** An answer with nothing in it: every array empty and every total zero. */
function isEmptyList(body: unknown): boolean {
  if (Array.isArray(body)) return body.length === 0;
  if (!body || typeof body !== 'object') return true;
  return Object.entries(body as Record<string, unknown>).every(([k, v]) =>
    Array.isArray(v) ? v.length === 0 : k === 'total' || k === 'count' ? v === 0 : true,
  );
}

let env: TestEnv;
let cases: AuthzCase[] = [];
let clients = new Map<string, Client>();

beforeAll(async () => {
  env = await createTestEnv();
  ({ cases, clients } = await loadAuthzCases(env));
}, 300_000);
afterAll(() => env.close());

describe('generated authorization test', () => {
  it('covers every route under /api/v1', () => {
    const covered = new Set(cases.map((c) => c.route));
    const missing = env.app.routeList
      .filter((r) => !r.public)
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
    const unknown = [...covered].filter((r) => !env.app.routeList.some((x) => `${x.method} ${x.url}` === r));
    expect(unknown).toEqual([]);
  });

  it('refuses anonymous callers with 401 on every route', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const res = await env.anonymous.request(c.route.split(' ')[0], c.url, c.body);
      if (res.statusCode !== 401) failures.push(`${c.route}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses outsiders with 403 or 404, or shows them an empty list where the case says so', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      for (const u of c.outsiders) {
        const res = await clients.get(u)!.request(c.route.split(' ')[0], c.url, c.body);
        if (res.statusCode === 200 && c.outsiderSeesEmptyList) {
          if (!isEmptyList(res.json()))
            failures.push(`${c.route} as ${u}: 200 with items ${res.body.slice(0, 120)}`);
        } else if (res.statusCode !== 403 && res.statusCode !== 404)
          failures.push(`${c.route} as ${u}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives every case with outsiders a refusal to check, and every list case its insider', () => {
    const weak = cases.filter((c) => !c.insider).map((c) => c.route);
    expect(weak).toEqual([]);
  });

  it('lets the insider through', async () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.insider)) {
      const res = await clients.get(c.insider!)!.request(c.route.split(' ')[0], c.url, c.body);
      if ([401, 403, 404].includes(res.statusCode) || res.statusCode >= 500)
        failures.push(`${c.route} as ${c.insider}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });
});
