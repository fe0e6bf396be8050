import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateKeysCommand } from '../src/cli/keys';
import { initialPassword, setupCommittee } from '../src/cli/setup';
import { checkPasswordPolicy } from '../src/kernel/accounts/rules';
import { decrypt, keyIdOf, parseKeyRing } from '../src/platform/crypto';
import { queryRows } from '../src/platform/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/platform/demo';
import { verifyAudit } from '../src/platform/verify';
import { buildApp } from '../src/server/app';
import { parseTrustProxy } from '../src/server/bootstrap';
import { createTestEnv, type TestEnv } from './harness';
import { TEST_KEYS } from './keys';

/** Operations outside the request path: committee setup, key rotation, login-page options, proxies. */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
}, 300_000);
afterAll(() => env.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('cli setup', () => {
  it('makes initial passwords that pass the password policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const p = initialPassword();
      expect(checkPasswordPolicy(p).ok, p).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(300);
  });

  it('creates a committee with its administrator and the three separated administrators', async () => {
    const result = await setupCommittee(env.ctx, { name: '满洲里车务段党委', code: 'mzl' });
    expect(result.accounts.map((a) => a.username)).toEqual([
      'mzl-admin',
      'mzl-sysadmin',
      'mzl-secadmin',
      'mzl-auditor',
    ]);
    const [org] = await queryRows<{ type: string; path: string; tenant_id: string }>(
      env.ctx.db,
      sql`select type, path, tenant_id from orgs where id = ${result.committeeId}`,
    );
    expect(org).toEqual({ type: 'committee', path: `/${result.committeeId}/`, tenant_id: result.tenantId });

    const admin = result.accounts[0];
    const first = await login(admin.username, admin.password);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    expect(first.json().roles).toEqual([expect.objectContaining({ role: 'committee_admin' })]);
    const auditor = await login('mzl-auditor', result.accounts[3].password);
    expect(auditor.json().user.adminRole).toBe('audit_admin');

    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([]);
  }, 120_000);

  it('refuses a committee whose accounts or name already exist, and bad arguments', async () => {
    await expect(setupCommittee(env.ctx, { name: '另一个党委', code: 'mzl' })).rejects.toThrow(
      '用户名已存在',
    );
    await expect(setupCommittee(env.ctx, { name: '满洲里车务段党委', code: 'mzl2' })).rejects.toThrow(
      '已有名为',
    );
    await expect(setupCommittee(env.ctx, { name: '党委', code: '1x' })).rejects.toThrow();
    const [{ n }] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from accounts where username like 'mzl2-%'`,
    );
    expect(n).toBe(0);
  });
});

describe('keys rotate', () => {
  it('re-seals people and talks under the new key, so the old keys can be retired', async () => {
    const newKey = `t9:${Buffer.alloc(32, 11).toString('base64')}`;
    const spec = (keys: string) => ({ keys, blindIndexKey: Buffer.alloc(32, 9).toString('base64') });
    const rotated = parseKeyRing(
      spec(
        `${newKey},t1:${Buffer.alloc(32, 7).toString('base64')},t0:${Buffer.alloc(32, 3).toString('base64')}`,
      ),
    );
    const [{ talks }] = await queryRows<{ talks: number }>(
      env.ctx.db,
      sql`select count(*)::int as talks from talks`,
    );
    expect(talks).toBeGreaterThan(0);

    expect(await rotateKeysCommand({ ...env.ctx, keys: rotated })).toBe(0);

    const onlyNew = parseKeyRing(spec(newKey));
    // Every encrypted column in the database, not a list a module keeps: a column no manifest declares fails here.
    const encrypted = await queryRows<{ table_name: string; column_name: string }>(
      env.ctx.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and column_name like '%\_enc' order by table_name, column_name`,
    );
    expect(encrypted.length).toBeGreaterThan(5);
    for (const { table_name: table, column_name: column } of encrypted) {
      const rows = await queryRows<Record<string, string | null>>(
        env.ctx.db,
        sql`select ${sql.identifier(column)} as v from ${sql.identifier(table)} where ${sql.identifier(column)} is not null`,
      );
      const values = rows.map((r) => r.v).filter((v): v is string => !!v);
      expect(
        values.filter((v) => keyIdOf(v) !== 't9'),
        `${table}.${column}`,
      ).toEqual([]);
      for (const v of values.slice(0, 50)) expect(() => decrypt(onlyNew, v)).not.toThrow();
    }
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
    // The test keys still open the template's values in other files; this file's database is its own.
    expect(TEST_KEYS.current).toBe('t1');
  }, 300_000);
});

describe('login page options', () => {
  it('lists the demo accounts and their password in demo mode', async () => {
    const res = await env.anonymous.get('/api/v1/auth/options');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.demoMode).toBe(true);
    expect(body.demoPassword).toBe(DEMO_PASSWORD);
    expect(body.demoAccounts.map((a: { username: string }) => a.username)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.username),
    );
  });

  it('shows no demo account when demo mode is off', async () => {
    const app = await buildApp({ ctx: { ...env.ctx, config: { ...env.ctx.config, demoMode: false } } });
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/options' });
    await app.close();
    expect(res.json()).toMatchObject({ demoMode: false, demoPassword: null, demoAccounts: [] });
  });
});

describe('client addresses', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['127.0.0.1,10.0.0.0/8', '127.0.0.1,10.0.0.0/8'],
  ])('BRANCHLINE_TRUST_PROXY=%s → %s', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it('counts a number as the hops to believe', () => {
    const trust = parseTrustProxy('1') as (a: string, hop: number) => boolean;
    expect([trust('10.0.0.1', 0), trust('10.0.0.2', 1)]).toEqual([true, false]);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted, so the audit log keeps the real address', async () => {
    expect((await login('demo-member', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(
      200,
    );
    const [event] = await queryRows<{ ip: string | null }>(
      env.ctx.db,
      sql`select ip from audit_events where action = 'auth.login' order by seq desc limit 1`,
    );
    expect(event.ip).not.toBe('203.0.113.9');
  });
});

describe('account creation and lockout', () => {
  it('refuses a person who does not exist or already has an account, naming the field', async () => {
    const sys = await env.login('demo-sysadmin');
    const missing = await sys.post('/api/v1/accounts', {
      username: 'linked-nobody',
      displayName: '测试',
      password: 'Initial#2026pw',
      personId: '0190a000-0000-7000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.personId).toBe('关联人员不存在');
    const [{ person_id }] = await queryRows<{ person_id: string }>(
      env.ctx.db,
      sql`select person_id from accounts where username = 'demo-member'`,
    );
    const taken = await sys.post('/api/v1/accounts', {
      username: 'linked-twice',
      displayName: '测试',
      password: 'Initial#2026pw',
      personId: person_id,
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().fields.personId).toContain('demo-member');
  });

  it('locks after 5 failures even when the wrong guesses arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => login('demo-secretary', 'Wrong#Pass1')),
    );
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    expect((await login('demo-secretary', DEMO_PASSWORD)).statusCode).toBe(423);
  });
});

// Backup and restore under concurrent writes, attachments included: test/backup.test.ts.

describe('roster from the command line', () => {
  it('exports the scope of the named account and refuses an import with errors whole', async () => {
    const { rosterCommand } = await import('../src/cli/roster');
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'bl-roster-')), 'roster.xlsx');
    expect(await rosterCommand(env.ctx, ['export', '--as', 'demo-secretary', file])).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(1000);

    const people = async () =>
      (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from people`))[0].n;
    const before = await people();
    // The exported people exist already: every row is refused, and nothing is written.
    expect(await rosterCommand(env.ctx, ['import', '--as', 'demo-secretary', file])).toBe(1);
    expect(await people()).toBe(before);

    expect(await rosterCommand(env.ctx, ['export', '--as', 'nobody-here', file])).toBe(2);
    expect(await rosterCommand(env.ctx, ['import', file])).toBe(2);
  });
});

describe('audit reseal after a schema change', () => {
  it('needs no reseal when a nullable column is added to an audited table', async () => {
    await env.ctx.db.execute(sql`alter table talks add column reviewed_note text`);
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
    await env.ctx.db.execute(sql`alter table talks drop column reviewed_note`);
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
  }, 180_000);

  // Columns a migration changes are resealed in two phases, tied to the migration: test/audit-reseal.test.ts.
});

describe('row hash upgrade (v1 → v2)', () => {
  it('re-registers rows whose last event holds the old whole-row hash, and leaves edited rows flagged', async () => {
    const { eventHash, rowHashSqlV1 } = await import('../src/platform/audit');
    const { upgradeRowHashes, ROW_HASH_V2 } = await import('../src/platform/upgrade');
    const { auditedEntities } = await import('../src/platform/registry');
    const { newId } = await import('../src/platform/ids');
    const person = auditedEntities().find((e) => e.entity === 'person')!;
    const rows = await queryRows<{ id: string; tenant_id: string; v1: string }>(
      env.ctx.db,
      sql`select t.id, t.tenant_id, ${rowHashSqlV1('t')} as v1 from people t order by t.id limit 2`,
    );
    // As the first version of the chain would have written them: the whole row's hash.
    await env.ctx.db.transaction(async (tx) => {
      for (const r of rows) {
        const [head] = await queryRows<{ seq: number; hash: string }>(
          tx,
          sql`select seq, hash from audit_heads where tenant_id = ${r.tenant_id} for update`,
        );
        const e = {
          tenantId: r.tenant_id,
          seq: Number(head.seq) + 1,
          at: new Date(),
          actorId: null,
          actorName: 'v1',
          action: 'person.update',
          entity: 'person',
          entityId: r.id,
          contentHash: r.v1,
          details: null,
          ip: null,
        };
        const hash = eventHash(head.hash, e);
        await tx.execute(sql`insert into audit_events (id, tenant_id, seq, at, actor_name, action, entity, entity_id, content_hash, prev_hash, hash)
          values (${newId()}, ${e.tenantId}, ${e.seq}, ${e.at.toISOString()}, 'v1', 'person.update', 'person', ${r.id}, ${r.v1}, ${head.hash}, ${hash})`);
        await tx.execute(
          sql`update audit_heads set seq = ${e.seq}, hash = ${hash} where tenant_id = ${r.tenant_id}`,
        );
      }
    });
    // One of them is then edited behind the application's back.
    await env.ctx.db.execute(sql`update people set remarks = 'changed' where id = ${rows[1].id}`);
    const before = (await verifyAudit(env.ctx.db)).problems.map((p) => p.entityId).sort();
    expect(before).toEqual(rows.map((r) => r.id).sort());

    await env.ctx.db.execute(sql`delete from platform_upgrades where name = ${ROW_HASH_V2}`);
    expect(await upgradeRowHashes(env.ctx.db, [person])).toBe(1);
    expect(await upgradeRowHashes(env.ctx.db, [person])).toBe(0);
    const after = (await verifyAudit(env.ctx.db)).problems;
    expect(after.map((p) => `${p.kind} ${p.entityId}`)).toEqual([`row_changed ${rows[1].id}`]);
    const [rehash] = await queryRows<{ details: { reason: string } }>(
      env.ctx.db,
      sql`select details from audit_events where action = 'audit.rehash' and entity_id = ${rows[0].id}`,
    );
    expect(rehash.details.reason).toContain('0006');
  }, 180_000);
});
