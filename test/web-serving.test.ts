import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/server/app';
import { createTestEnv, type TestEnv } from './harness';

let env: TestEnv;
let app: App;
const webDir = mkdtempSync(join(tmpdir(), 'bl-web-'));

beforeAll(async () => {
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>支部在线</title>');
  mkdirSync(join(webDir, 'assets'));
  env = await createTestEnv();
  app = await buildApp({ ctx: env.ctx, webDir });
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('serving the web app', () => {
  it('answers SPA routes with index.html', async () => {
    for (const url of ['/', '/people/123', '/orgs']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('支部在线');
    }
  });

  it('sends a content security policy that allows no inline or foreign script', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves an asset built after start-up, and 404s a missing one', async () => {
    writeFileSync(join(webDir, 'assets', 'late.js'), 'console.log(1)');
    const late = await app.inject({ method: 'GET', url: '/assets/late.js' });
    expect(late.statusCode).toBe(200);
    expect(late.headers['content-type']).toContain('javascript');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
