import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db';
import { verifyAudit } from '../src/platform/verify';
import { type Client, createTestEnv, type TestEnv } from './harness';

/** What no client may do to the server: make it fail, store text that hashes differently, or read an English error. */
let env: TestEnv;
let committee: Client;
const HAN = /[\u4e00-\u9fa5]/;

beforeAll(async () => {
  env = await createTestEnv();
  committee = await env.login('demo-committee');
}, 120_000);
afterAll(() => env.close());

const events = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from audit_events`))[0].n;

describe('text that cannot be stored as sent', () => {
  it('refuses a lone surrogate in a login name, and the chain stays verifiable', async () => {
    const before = await events();
    const res = await env.anonymous.post('/api/v1/auth/login', { username: '\ud800', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(HAN);
    expect(res.json().fields.username).toMatch(/^用户名：/);
    expect(await events()).toBe(before);
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
  });

  it('refuses NUL and lone surrogates in bodies and query strings, naming the field', async () => {
    const body = await committee.post('/api/v1/auth/change-password', {
      oldPassword: 'a\u0000b',
      newPassword: 'x',
    });
    expect(body.statusCode).toBe(400);
    expect(Object.keys(body.json().fields)).toEqual(['oldPassword']);
    const query = await committee.get('/api/v1/people?q=%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().message).toMatch(HAN);
    const surrogate = await committee.get('/api/v1/people?q=%ED%A0%80');
    expect(surrogate.statusCode).toBeLessThan(500);
  });
});

describe('malformed requests', () => {
  it('answers anonymous callers 401 before looking at what they sent', async () => {
    const res = await env.anonymous.request('POST', '/api/v1/people', '{"name":', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(401);
  });

  it('answers an over-long path parameter with a Chinese 400, not the URL echoed back', async () => {
    const long = 'a'.repeat(3000);
    const res = await committee.get(`/api/v1/people/${long}`);
    expect([400, 404, 414]).toContain(res.statusCode);
    expect(res.json().message).toMatch(HAN);
    expect(res.body).not.toContain(long);
  });

  it('answers a broken %-escape in the path in Chinese', async () => {
    const res = await committee.get('/api/v1/people/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(HAN);
  });

  it('answers a URL past what the HTTP parser takes (16 KB) in Chinese, over a real socket', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as { port: number };
    const long = 'a'.repeat(20_000);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /api/v1/people?q=${long} HTTP/1.1\r\nHost: localhost\r\n\r\n`),
      );
      let got = '';
      socket.on('data', (d) => {
        got += d.toString('utf8');
      });
      socket.on('close', () => resolve(got));
      socket.on('error', (e) => (got ? resolve(got) : reject(e)));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ code: 'uri_too_long', message: '请求地址或请求头过长' });
    expect(answer).not.toContain(long.slice(0, 100));
  });

  it('says what was expected in words when a type is wrong', async () => {
    const res = await committee.post('/api/v1/auth/change-password', { oldPassword: 12, newPassword: ['x'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.oldPassword).toBe('原密码：应为文字，收到的是数字');
  });
});
