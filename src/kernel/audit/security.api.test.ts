import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, createTestEnv, demoFixtures, newPerson, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import type { AuditEvent, SecurityEvent } from './contract';
import { HIDDEN } from './redact';
import { PER_MINUTE } from './security-log';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let sec: Client;
let auditor: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  sec = await env.login('demo-secadmin');
  auditor = await env.login('demo-auditor');
});
afterAll(() => env.close());

const securityLog = async (query = '') => {
  const res = await sec.get(`/api/v1/security-log?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: SecurityEvent[]; total: number };
};

describe('the security log of refused requests', () => {
  it('records 404 out of scope, 403 and CSRF refusals of signed-in callers, for the security admin', async () => {
    const outside = await newPerson(env, { orgId: fx.otherBranchId });
    expect((await secretary.get(`/api/v1/people/${outside}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/v1/accounts')).statusCode).toBe(403);
    const csrf = await secretary.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(csrf.json().code).toBe('csrf');
    const me = (await secretary.get('/api/v1/me')).json().user.id as string;
    const log = await securityLog(`&accountId=${me}`);
    const seen = log.items.map((e) => [e.status, e.code, e.route]);
    expect(seen).toContainEqual([404, 'not_found', '/api/v1/people/:id']);
    expect(seen).toContainEqual([403, 'forbidden', '/api/v1/accounts']);
    expect(seen).toContainEqual([403, 'csrf', '/api/v1/auth/logout']);
    const row = log.items.find((e) => e.code === 'not_found')!;
    expect(row.path).toBe(`/api/v1/people/${outside}`);
    expect(row.actorName).toBeTruthy();
    // Anonymous callers are no one to record (401); nor is the security log the audit admin's.
    expect((await auditor.get('/api/v1/security-log')).statusCode).toBe(403);
    expect((await secretary.get('/api/v1/security-log')).statusCode).toBe(403);
  });

  it('records at most a few refusals a minute per caller and address, and counts the rest', async () => {
    const general = await env.login('demo-general');
    const me = (await general.get('/api/v1/me')).json().user.id as string;
    const [{ n: before }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from security_events where account_id = ${me}`,
    );
    await Promise.all(Array.from({ length: 60 }, () => general.get('/api/v1/accounts')));
    // Refusals are written after the response is sent (onResponse): wait for the first minute's rows.
    const logged = async () =>
      (
        await queryRows<{ n: number }>(
          env.ctx.db,
          sql`select count(*)::int as n from security_events where account_id = ${me}`,
        )
      )[0].n;
    await vi.waitFor(async () => expect((await logged()) - before).toBeGreaterThanOrEqual(PER_MINUTE), {
      timeout: 20_000,
      interval: 100,
    });
    await new Promise((r) => setTimeout(r, 300));
    const after = await logged();
    expect(after - before).toBeLessThanOrEqual(PER_MINUTE);
    // The count of the rest is written when the minute is over (here: when the server closes).
    const { flushSecurityLog } = await import('./security-log');
    await flushSecurityLog(env.ctx);
    const [summary] = await queryRows<{ suppressed: number }>(
      env.ctx.db,
      sql`select coalesce(sum(suppressed), 0)::int as suppressed from security_events where account_id = ${me} and code = 'suppressed'`,
    );
    expect(summary.suppressed + (after - before)).toBe(60);
  });

  it('is append-only', async () => {
    await expect(env.ctx.db.execute(sql`delete from security_events`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`update security_events set code = 'x'`)).rejects.toThrow();
  });
});

describe('the audit administrator sees who did what to which record, never member data', () => {
  it('shows the fields of a change to a person, not their values', async () => {
    const person = await newPerson(env, { orgId: fx.branchId });
    const changed = await secretary.patch(`/api/v1/people/${person}`, { post: '调车长（审计探测）' });
    expect(changed.statusCode, changed.body).toBe(200);
    const res = await auditor.get(`/api/v1/audit?entityId=${person}&action=person.update&pageSize=5`);
    const [event] = res.json().items as AuditEvent[];
    expect(event.detailsRedacted).toBe(true);
    const changes = (event.details as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
    expect(Object.keys(changes)).toEqual(['post']);
    expect(changes.post.to).toBe(HIDDEN);
    expect([null, HIDDEN]).toContain(changes.post.from);
    expect(JSON.stringify(event.details)).not.toContain('调车长');
    expect(event.entityId).toBe(person);
  });

  it('hides every member value in the whole log, and keeps accounts and organizations whole', async () => {
    const names = await queryRows<{ name: string }>(env.ctx.db, sql`select name from people limit 2000`);
    const res = await auditor.get('/api/v1/audit?pageSize=200&group=人员');
    const items = res.json().items as AuditEvent[];
    expect(items.length).toBeGreaterThan(0);
    const text = JSON.stringify(items.map((e) => e.details));
    expect(names.filter((n) => n.name.length > 1 && text.includes(n.name))).toEqual([]);
    const logins = (await auditor.get('/api/v1/audit?action=auth.login_failed&pageSize=5')).json()
      .items as AuditEvent[];
    for (const e of logins) expect(e.detailsRedacted).toBe(false);
  });
});
