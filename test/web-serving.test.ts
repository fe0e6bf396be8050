import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('serves hashed assets immutable and precompressed, the page itself revalidated', async () => {
    const code = `console.log(${JSON.stringify('支部在线'.repeat(200))})`;
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), code);
    writeFileSync(join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(code));
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(asset.rawPayload).toString()).toBe(code);
    for (const url of ['/', '/meetings/123']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses API answers for clients that accept it', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo-committee', password: 'Branchline@2026' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/orgs',
      headers: { cookie, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).length ?? 1).toBeTruthy();
    const plain = await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
