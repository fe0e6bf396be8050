import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, type TestEnv } from '../../../test/harness';
import { actionCatalog, auditedEntities } from '../../platform/registry';
import type { AuditCatalog, AuditEvent } from './contract';

let env: TestEnv;
let auditor: Client;

beforeAll(async () => {
  env = await createTestEnv();
  auditor = await env.login('demo-auditor');
});
afterAll(() => env.close());

const list = async (query: string) => {
  const res = await auditor.get(`/api/v1/audit?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: AuditEvent[]; total: number; page: number; pageSize: number };
};

describe('the catalog', () => {
  it('names every entity and action the installed modules declare, with their groups', async () => {
    const res = await auditor.get('/api/v1/audit/catalog');
    expect(res.statusCode).toBe(200);
    const catalog = res.json() as AuditCatalog;
    expect(catalog.entities).toHaveLength(auditedEntities().length);
    expect(catalog.entities).toContainEqual({ entity: 'account', label: '账号' });
    expect(catalog.actions).toHaveLength(Object.keys(actionCatalog()).length);
    expect(catalog.actions).toContainEqual({
      action: 'auth.login_failed',
      label: '登录失败',
      group: '登录',
      module: 'accounts',
    });
    expect(catalog.actions).toContainEqual(
      expect.objectContaining({ action: 'meeting.create', module: 'meetings' }),
    );
    const login = catalog.groups.find((g) => g.key === '登录')!;
    expect(login.label).toBe('登录');
    expect(login.actions).toEqual([
      'auth.login',
      'auth.login_failed',
      'auth.login_refused',
      'auth.logout',
      'auth.mfa_challenge',
      'auth.mfa_failed',
      'auth.mfa_recovery_used',
      'auth.unlock',
      'auth.unlock_failed',
      'auth.password_change_failed',
    ]);
    // Every action is in exactly one group.
    expect(catalog.groups.flatMap((g) => g.actions).sort()).toEqual(
      catalog.actions.map((a) => a.action).sort(),
    );
  });

  it('is the audit admin’s only', async () => {
    for (const u of ['demo-sysadmin', 'demo-secadmin', 'demo-committee']) {
      const res = await (await env.login(u)).get('/api/v1/audit/catalog');
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('the log viewer', () => {
  it('answers pages with labels from the catalog', async () => {
    const body = await list('action=account.create');
    expect(body).toMatchObject({ page: 1, pageSize: 200 });
    expect(body.total).toBeGreaterThan(0);
    for (const e of body.items) {
      expect(e).toMatchObject({ action: 'account.create', actionLabel: '创建账号', actionGroup: '账号' });
      expect(e).toMatchObject({ entity: 'account', entityLabel: '账号' });
    }
  });

  it('filters by one action exactly, or by a whole group', async () => {
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo-member', password: 'Wrong#Pass1' },
    });
    const exact = await list('action=auth.login');
    expect(exact.total).toBeGreaterThan(0);
    expect(new Set(exact.items.map((e) => e.action))).toEqual(new Set(['auth.login']));
    const group = await list('group=登录');
    const actions = new Set(group.items.map((e) => e.action));
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect([...actions].every((a) => a.startsWith('auth.'))).toBe(true);
    expect((await list('group=没有这个类别')).total).toBe(0);
    expect((await list('action=auth.')).total).toBe(0);
  });

  it('finds an actor by name or by username, and still by id', async () => {
    const secretary = await env.login('demo-secretary');
    const me = (await secretary.get('/api/v1/me')).json().user as { id: string; displayName: string };
    // A logout is logged under the display name; the username finds it through the account.
    await secretary.post('/api/v1/auth/logout');
    const byUsername = await list('action=auth.logout&actor=DEMO-SECRETARY');
    expect(byUsername.total).toBeGreaterThan(0);
    expect(byUsername.items.every((e) => e.actorId === me.id)).toBe(true);
    const byName = await list(`action=auth.logout&actor=${encodeURIComponent(me.displayName)}`);
    expect(byName.items.map((e) => e.id)).toEqual(byUsername.items.map((e) => e.id));
    const byId = await list(`action=auth.logout&actorId=${me.id}`);
    expect(byId.items.map((e) => e.id)).toEqual(byUsername.items.map((e) => e.id));
    // A failed login of an unknown name is found by the name that was typed.
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'who_is%this', password: 'Wrong#Pass1' },
    });
    const typed = await list('actor=who_is%25this');
    expect(typed.items.map((e) => e.action)).toEqual(['auth.login_failed']);
    expect((await list('actor=who_xs')).total).toBe(0);
  });

  it('names refused filters by their labels', async () => {
    const badAction = await auditor.get('/api/v1/audit?action=DROP');
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().fields.action).toMatch(/^操作：/);
    const badActor = await auditor.get('/api/v1/audit?actorId=nope');
    expect(badActor.json().fields.actorId).toMatch(/^操作人ID：/);
    const badDate = await auditor.get('/api/v1/audit?from=2024-02-30');
    expect(badDate.json().fields.from).toMatch(/^开始日期：/);
    const nul = await auditor.get('/api/v1/audit?actor=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().fields.actor).toMatch(/^操作人：/);
  });
});
