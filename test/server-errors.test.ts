import { describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../src/platform/context';
import { buildApp } from '../src/server/app';
import { TEST_CONFIG } from './config';
import { TEST_KEYS } from './keys';

/** A server error is always logged with its request id, whatever BRANCHLINE_LOG says; the client gets the id. */
describe('server errors', () => {
  it('logs the failure with the request id and tells the client only the id', async () => {
    vi.stubEnv('BRANCHLINE_LOG', '0');
    // A database that fails every query: the login behind it can only fail on the server's side.
    const failing = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('secret detail: connection refused postgres://x');
        },
      },
    );
    const ctx = { db: failing, keys: TEST_KEYS, config: TEST_CONFIG } as unknown as AppContext;
    const app = await buildApp({ ctx });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo-member', password: 'Whatever#2026' },
    });
    await app.close();
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({
      code: 'internal',
      message: expect.stringContaining(body.requestId),
      requestId: expect.any(String),
    });
    expect(res.body).not.toContain('secret detail');
    const line = logged.mock.calls.map((c) => c.map(String).join(' ')).join('\n');
    expect(line).toContain(`500 request ${body.requestId} POST /api/v1/auth/login`);
    expect(line).toContain('secret detail');
    logged.mockRestore();
    vi.unstubAllEnvs();
  });
});
