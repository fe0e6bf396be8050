import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/platform/demo';
import { createAccountWithRole, createTestEnv, demoFixtures, OTHER_PASSWORD, type TestEnv } from './harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const login = (username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('login and sessions', () => {
  it('returns the session cookie, the csrf token, roles and scope', async () => {
    const res = await login('demo-secretary', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'bl_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.csrfToken).toBeTruthy();
    expect(body.roles.map((r: { role: string }) => r.role)).toContain('branch_secretary');
    expect(body.scope.managesOrgs).toBe(true);
  });

  it('answers 401 to a wrong password and an unknown user alike', async () => {
    expect((await login('demo-member', 'Wrong#Pass1')).statusCode).toBe(401);
    expect((await login('nobody-here', 'Wrong#Pass1')).statusCode).toBe(401);
  });

  it('locks an account at an address for 15 minutes after 5 failures (423), counted per account', async () => {
    for (let i = 0; i < 5; i++) expect((await login('demo-general', 'Wrong#Pass1')).statusCode).toBe(401);
    const locked = await login('demo-general', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('分钟后再试');
    // Another account behind the same address still logs in.
    expect((await login('demo-committee', DEMO_PASSWORD)).statusCode).toBe(200);
    await env.ctx.db.execute(
      sql`update login_throttles set locked_until = ${new Date(Date.now() - 60_000).toISOString()} where username = 'demo-general'`,
    );
    expect((await login('demo-general', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('audits login success and failure', async () => {
    const auditor = await env.login('demo-auditor');
    const res = await auditor.get('/api/v1/audit?action=auth.login_failed&pageSize=100');
    expect(res.json().total).toBeGreaterThanOrEqual(6);
  });

  it('requires the csrf header on state-changing requests', async () => {
    const res = await login('demo-secretary', DEMO_PASSWORD);
    const cookie = `bl_session=${res.cookies.find((c) => c.name === 'bl_session')!.value}`;
    const without = await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf');
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
    });
    expect(ok.statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('ends a session idle for 30 minutes', async () => {
    const res = await login('demo-member', DEMO_PASSWORD);
    const cookie = `bl_session=${res.cookies.find((c) => c.name === 'bl_session')!.value}`;
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await env.ctx.db.execute(
      sql`update sessions set last_seen_at = ${new Date(Date.now() - 31 * 60_000).toISOString()}::timestamptz where ended_at is null`,
    );
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('forces a new account to change its initial password first', async () => {
    const fx = await demoFixtures(env.ctx);
    const sys = await env.login('demo-sysadmin');
    const weak = await sys.post('/api/v1/accounts', {
      username: 'weakling',
      displayName: '弱密码',
      password: 'password1',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.password).toBeTruthy();
    const created = await sys.post('/api/v1/accounts', {
      username: 'newbie',
      displayName: '新人',
      password: 'Initial#2026pw',
    });
    expect(created.statusCode).toBe(201);
    const first = await env.login('newbie', 'Initial#2026pw');
    expect((await first.get('/api/v1/people')).json().code).toBe('password_change_required');
    expect((await first.get('/api/v1/me')).json().user.mustChangePassword).toBe(true);
    const client = await createAccountWithRole(env, 'other-sec', 'branch_secretary', fx.otherBranchId);
    expect((await client.get('/api/v1/people')).statusCode).toBe(200);
    expect(OTHER_PASSWORD).toBeTruthy();
  });

  it('keeps the three administrators apart', async () => {
    const sys = await env.login('demo-sysadmin');
    expect((await sys.get('/api/v1/people')).statusCode).toBe(403);
    expect((await sys.get('/api/v1/audit')).statusCode).toBe(403);
    const auditor = await env.login('demo-auditor');
    expect((await auditor.get('/api/v1/orgs')).statusCode).toBe(403);
    expect((await auditor.get('/api/v1/audit')).statusCode).toBe(200);
  });

  it('serves health, OpenAPI and security headers', async () => {
    const health = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    const spec = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(spec.json().paths)).toContain('/api/v1/people');
  });
});
