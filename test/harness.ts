import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { AppContext } from '../src/platform/context';
import { type Database, openDatabase, queryRows } from '../src/platform/db';
import { DEMO_PASSWORD } from '../src/platform/demo';
import type { Fixtures, PartyStatus } from '../src/platform/testing';
import { type App, buildApp } from '../src/server/app';
import { TEST_CONFIG } from './config';
import { withDatabase } from './global-setup';
import { TEST_KEYS } from './keys';

export interface TestEnv {
  app: App;
  ctx: AppContext;
  database: Database;
  /** Logs in and returns a client that sends the cookie and the CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  username: string | null;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A database of this test file's own, copied from the migrated template holding the demo section. */
async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject('template');
  if (template.kind === 'pglite') {
    const blob = new Blob([readFileSync(template.file)]);
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: blob });
    return { database, drop: async () => {} };
  }
  const name = `bl_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template.name}`);
      break;
    } catch (e) {
      // Another file may be copying the template at the same moment.
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(template.url, name), poolSize: 4 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: template.url });
      await c.connect();
      // Dropping without force first lets the pool's connections finish closing instead of being killed mid-close.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}

export async function createTestEnv(): Promise<TestEnv> {
  const { database, drop } = await openTestDatabase();
  const ctx: AppContext = { db: database.db, keys: TEST_KEYS, config: TEST_CONFIG };
  const app = await buildApp({ ctx });
  const client = (username: string | null, cookie?: string, csrf?: string): Client => {
    const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        payload: body === undefined ? undefined : (body as object),
        headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
      });
    return {
      username,
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      put: (url, body) => request('PUT', url, body ?? {}),
      delete: (url) => request('DELETE', url),
    };
  };
  return {
    app,
    ctx,
    database,
    anonymous: client(null),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(username, cookie, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Ids in the demo section that tests refer to, found by the demo accounts and names. */
export async function demoFixtures(ctx: AppContext) {
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(ctx.db, q))[0];
  const account = (u: string) =>
    one<{ id: string; person_id: string | null; org_id: string | null }>(
      sql`select a.id, a.person_id, (select r.org_id from role_assignments r where r.account_id = a.id and r.role <> 'member' limit 1) as org_id from accounts a where a.username = ${u}`,
    );
  const committee = await account('demo-committee');
  const general = await account('demo-general');
  const secretary = await account('demo-secretary');
  const member = await account('demo-member');
  const otherBranch = await one<{ id: string }>(
    sql`select o.id from orgs o where o.type = 'branch' and o.parent_id = ${general.org_id} and o.id <> ${secretary.org_id} order by o.code limit 1`,
  );
  const otherGeneral = await one<{ id: string }>(
    sql`select o.id from orgs o where o.type = 'general_branch' and o.id <> ${general.org_id} order by o.code limit 1`,
  );
  const branchInOtherGeneral = await one<{ id: string }>(
    sql`select o.id from orgs o where o.type = 'branch' and o.parent_id = ${otherGeneral.id} order by o.code limit 1`,
  );
  return {
    committeeId: committee.org_id!,
    generalId: general.org_id!,
    branchId: secretary.org_id!,
    secretaryPersonId: secretary.person_id!,
    memberPersonId: member.person_id!,
    otherBranchId: otherBranch.id,
    otherGeneralId: otherGeneral.id,
    branchInOtherGeneralId: branchInOtherGeneral.id,
  };
}

/** The fixtures of the generated authorization nets: the demo's ids and the person factory. */
export async function netFixtures(env: TestEnv): Promise<Fixtures> {
  return {
    ...(await demoFixtures(env.ctx)),
    newPerson: (orgId, partyStatus) => newPerson(env, { orgId, partyStatus }),
  };
}

/** What `newPerson` may set; the rest defaults to a full member who joined in 2010. */
export interface NewPerson {
  orgId: string;
  partyStatus?: PartyStatus;
  name?: string;
  gender?: 'male' | 'female';
  joinedPartyOn?: string;
  fullMemberOn?: string;
  /** The day the person joined the organization (the API records the day of creation). */
  memberSince?: string;
  [field: string]: unknown;
}

let madePeople = 0;
const factoryAdmins = new WeakMap<object, Promise<Client>>();

/**
 * A person made for the test through the API, as the committee administrator would (a factory: the
 * test says what it needs instead of taking "the first full member" of the demo). Returns the id.
 */
export async function newPerson(
  env: Pick<TestEnv, 'login' | 'ctx'>,
  { memberSince = '2020-01-01', ...person }: NewPerson,
): Promise<string> {
  const status = person.partyStatus ?? 'full';
  const member = status === 'full' || status === 'probationary';
  madePeople += 1;
  if (!factoryAdmins.has(env)) factoryAdmins.set(env, env.login('demo-committee'));
  const admin = await factoryAdmins.get(env)!;
  const res = await admin.post('/api/v1/people', {
    name: `测试人员${madePeople}`,
    gender: 'male',
    ...(member ? { joinedPartyOn: status === 'full' ? '2010-07-01' : '2026-03-01' } : {}),
    ...(status === 'full' ? { fullMemberOn: '2011-07-01' } : {}),
    ...person,
    // After the spread: a `partyStatus: undefined` passed in would drop the field from the body.
    partyStatus: status,
  });
  if (res.statusCode !== 201) throw new Error(`newPerson failed: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  await env.ctx.db.execute(
    sql`update person_memberships set valid_from = ${memberSince} where person_id = ${id}`,
  );
  return id;
}

/**
 * An extra account holding one role, made the way an administrator would: the system admin creates it,
 * the security admin grants the role, and the first login changes the initial password.
 */
export async function createAccountWithRole(
  env: TestEnv,
  username: string,
  role: 'committee_admin' | 'general_branch_admin' | 'branch_secretary' | 'member',
  orgId: string,
  personId?: string,
): Promise<Client> {
  const sys = await env.login('demo-sysadmin');
  const created = await sys.post('/api/v1/accounts', {
    username,
    displayName: username,
    password: 'Initial#2026pw',
    personId,
  });
  if (created.statusCode !== 201) throw new Error(`create ${username}: ${created.body}`);
  const sec = await env.login('demo-secadmin');
  const granted = await sec.post(`/api/v1/accounts/${created.json().id}/roles`, { role, orgId });
  if (granted.statusCode !== 201) throw new Error(`grant ${username}: ${granted.body}`);
  const first = await env.login(username, 'Initial#2026pw');
  const changed = await first.post('/api/v1/auth/change-password', {
    oldPassword: 'Initial#2026pw',
    newPassword: OTHER_PASSWORD,
  });
  if (changed.statusCode !== 200) throw new Error(`change password ${username}: ${changed.body}`);
  return env.login(username, OTHER_PASSWORD);
}
export const OTHER_PASSWORD = 'Other#Pass2026';
