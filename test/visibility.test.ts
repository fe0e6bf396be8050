import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from './harness';

/**
 * For every list with a detail route (`GET /x` and `GET /x/:id`) and every demo role: an id the role's
 * list returns opens (200); an id of the whole section's list that the role's list doesn't return is
 * out of sight (404). Lists and single objects then agree on scope everywhere, without a case per route.
 */
const ROLES = ['demo-general', 'demo-secretary', 'demo-member'];
const SAMPLE = 8;

let env: TestEnv;
const clients = new Map<string, Client>();
beforeAll(async () => {
  env = await createTestEnv();
  for (const u of ['demo-committee', ...ROLES]) clients.set(u, await env.login(u));
}, 120_000);
afterAll(() => env.close());

async function ids(client: Client, url: string): Promise<{ ids: string[]; complete: boolean } | null> {
  const res = await client.get(`${url}?pageSize=200`);
  if (res.statusCode !== 200) return { ids: [], complete: true };
  const body = res.json();
  if (!Array.isArray(body.items)) return null;
  const list = (body.items as { id?: unknown }[])
    .map((i) => i.id)
    .filter((i): i is string => typeof i === 'string');
  return { ids: list, complete: typeof body.total !== 'number' || body.total <= list.length };
}

const spread = <T>(list: T[], n: number): T[] =>
  list.length <= n ? list : Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);

describe('lists and details agree on scope for every role', () => {
  it('covers the lists that have a detail route', () => {
    const pairs = listDetailPairs();
    expect(pairs.length).toBeGreaterThan(5);
  });

  it('an id a role lists opens; an id it does not list is not found', async () => {
    const failures: string[] = [];
    for (const { list, detail } of listDetailPairs()) {
      const all = await ids(clients.get('demo-committee')!, list);
      if (!all) continue;
      for (const role of ROLES) {
        const client = clients.get(role)!;
        const mine = await ids(client, list);
        if (!mine) continue;
        for (const id of spread(mine.ids, SAMPLE)) {
          const res = await client.get(detail.replace(':id', id));
          if (res.statusCode !== 200)
            failures.push(`${role} lists ${list} ${id} but GET gives ${res.statusCode}`);
        }
        if (!mine.complete || !all.complete) continue;
        const others = all.ids.filter((id) => !mine.ids.includes(id));
        for (const id of spread(others, SAMPLE)) {
          const res = await client.get(detail.replace(':id', id));
          if (res.statusCode !== 404)
            failures.push(`${role} doesn't list ${list} ${id} but GET gives ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

function listDetailPairs(): { list: string; detail: string }[] {
  const gets = new Set(env.app.routeList.filter((r) => r.method === 'GET').map((r) => r.url));
  return [...gets]
    .filter((u) => /\/:id$/.test(u) && gets.has(u.replace(/\/:id$/, '')))
    .map((detail) => ({ list: detail.replace(/\/:id$/, ''), detail }));
}
