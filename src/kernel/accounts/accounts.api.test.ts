import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { DEMO_PASSWORD } from '../../platform/demo';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let sys: Client;
let sec: Client;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  sys = await env.login('demo-sysadmin');
  sec = await env.login('demo-secadmin');
});
afterAll(() => env.close());

describe('answers go through the contract', () => {
  it('login options list the demo accounts in demo mode', async () => {
    const res = await env.anonymous.get('/api/v1/auth/options');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.demoMode).toBe(true);
    expect(body.demoPassword).toBe(DEMO_PASSWORD);
    expect(body.demoAccounts.map((a: { username: string }) => a.username)).toContain('demo-secretary');
    expect(Object.keys(body).sort()).toEqual(['demoAccounts', 'demoMode', 'demoPassword', 'organization']);
  });

  it('a login answers what /me answers, with the abilities of 三员分立', async () => {
    const abilities = async (u: string) => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u, password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.username).toBe(u);
      return res.json().abilities as Record<string, boolean>;
    };
    const sysAbilities = await abilities('demo-sysadmin');
    expect(sysAbilities).toMatchObject({
      'accounts.list': true,
      'accounts.create': true,
      'accounts.grant': false,
      'accounts.approveResets': false,
      'accounts.settings': false,
    });
    expect(sysAbilities['audit.read']).toBe(false);
    expect(await abilities('demo-secadmin')).toMatchObject({
      'accounts.list': true,
      'accounts.create': false,
      'accounts.grant': true,
      'accounts.approveResets': true,
      'accounts.settings': true,
      'audit.read': false,
      'audit.security': true,
    });
    expect(await abilities('demo-auditor')).toMatchObject({
      'accounts.list': false,
      'accounts.create': false,
      'accounts.grant': false,
      'audit.read': true,
    });
    expect(await abilities('demo-secretary')).toMatchObject({ 'accounts.list': false, 'audit.read': false });
  });

  it('lists accounts with what the caller may do to each', async () => {
    const res = await sys.get('/api/v1/accounts?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 50, actions: ['create'] });
    const secretary = body.items.find((a: { username: string }) => a.username === 'demo-secretary');
    expect(secretary.actions).toEqual(['reset_password', 'disable']);
    // An administrator's password may be reset too (with the security admin's approval), never disabled.
    expect(body.items.find((a: { username: string }) => a.username === 'demo-secadmin').actions).toEqual([
      'reset_password',
    ]);
    expect(secretary.roles.map((r: { role: string }) => r.role).sort()).toEqual([
      'branch_secretary',
      'member',
    ]);
    const auditor = body.items.find((a: { username: string }) => a.username === 'demo-auditor');
    expect(auditor).toMatchObject({ adminRole: 'audit_admin', actions: ['reset_password'] });
    const forSec = (await sec.get('/api/v1/accounts?q=demo-secretary')).json();
    expect(forSec.actions).toEqual([]);
    expect(forSec.items.map((a: { username: string }) => a.username)).toEqual(['demo-secretary']);
    expect(forSec.items[0].actions).toEqual(['grant_role', 'revoke_role']);
  });

  it('searches usernames and names literally', async () => {
    expect((await sys.get('/api/v1/accounts?q=%25')).json().total).toBe(0);
    expect((await sys.get('/api/v1/accounts?q=demo_')).json().total).toBe(0);
    expect((await sys.get('/api/v1/accounts?q=DEMO-SEC')).json().total).toBe(2);
  });

  it('creates, resets, disables, grants and revokes', async () => {
    const created = await sys.post('/api/v1/accounts', {
      username: 'contract-probe',
      displayName: '契约探测',
      password: 'Probe#2026pw',
    });
    expect(created.statusCode).toBe(201);
    expect(Object.keys(created.json())).toEqual(['id']);
    const id = created.json().id;
    // No role that sees member data: the reset is issued at once, with a temporary password shown once.
    const reset = await sys.post(`/api/v1/accounts/${id}/reset-password`, { reason: '忘记密码' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ reset: { status: 'issued', needsApproval: false } });
    expect(reset.json().temporaryPassword).toMatch(/^.{12}$/);
    const disabled = await sys.post(`/api/v1/accounts/${id}/disable`, { disabled: true });
    expect([disabled.statusCode, disabled.json()]).toEqual([200, { ok: true }]);
    const listed = (await sys.get('/api/v1/accounts?q=contract-probe')).json().items[0];
    expect(listed).toMatchObject({ disabled: true, locked: false, lastLoginAt: null, roles: [] });
    expect((await sys.post(`/api/v1/accounts/${id}/disable`, { disabled: false })).statusCode).toBe(200);

    const granted = await sec.post(`/api/v1/accounts/${id}/roles`, { role: 'member', orgId: fx.branchId });
    expect(granted.statusCode).toBe(201);
    expect(Object.keys(granted.json())).toEqual(['id']);
    const again = await sec.post(`/api/v1/accounts/${id}/roles`, { role: 'member', orgId: fx.branchId });
    expect(again.statusCode).toBe(409);
    const wrongType = await sec.post(`/api/v1/accounts/${id}/roles`, { role: 'member', orgId: fx.generalId });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().fields.orgId).toBeTruthy();
    const revoked = await sec.delete(`/api/v1/accounts/${id}/roles/${granted.json().id}`);
    expect([revoked.statusCode, revoked.json()]).toEqual([200, { ok: true }]);
    expect((await sec.delete(`/api/v1/accounts/${id}/roles/${granted.json().id}`)).statusCode).toBe(404);
  });

  it('changes the own password', async () => {
    await sys.post('/api/v1/accounts', {
      username: 'self-change',
      displayName: '自改',
      password: 'First#2026pw',
    });
    const first = await env.login('self-change', 'First#2026pw');
    const changed = await first.post('/api/v1/auth/change-password', {
      oldPassword: 'First#2026pw',
      newPassword: 'Second#2026pw',
    });
    expect([changed.statusCode, changed.json()]).toEqual([200, { ok: true }]);
    expect((await first.get('/api/v1/me')).json().user.mustChangePassword).toBe(false);
    const wrong = await first.post('/api/v1/auth/change-password', {
      oldPassword: 'First#2026pw',
      newPassword: 'Third#2026pw',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields.oldPassword).toBe('原密码不正确');
  });
});

describe('refusals', () => {
  it('names fields by their labels', async () => {
    const bad = await sys.post('/api/v1/accounts', { username: 'has space', displayName: '', password: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.username).toMatch(/^用户名：/);
    expect(bad.json().fields.displayName).toMatch(/^姓名：/);
    expect(bad.json().fields.password).toMatch(/^初始密码：/);
    const role = await sec.post(`/api/v1/accounts/${fx.branchId}/roles`, { role: 'king', orgId: 'x' });
    expect(role.json().fields.role).toMatch(/^角色：/);
    expect(role.json().fields.orgId).toMatch(/^所在组织：/);
    const params = await sys.post('/api/v1/accounts/nope/disable', { disabled: true });
    expect(params.json().fields.id).toMatch(/^账号：/);
    const nul = await sys.get('/api/v1/accounts?q=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().fields.q).toMatch(/^用户名或姓名：/);
    const typed = await env.anonymous.post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(typed.statusCode).toBe(400);
  });

  it('hides other accounts and refuses the wrong administrator', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await sys.post(`/api/v1/accounts/${unknown}/disable`, { disabled: true })).statusCode).toBe(404);
    const accounts = (await sys.get('/api/v1/accounts?q=demo-')).json().items as {
      id: string;
      username: string;
    }[];
    const secretary = accounts.find((a) => a.username === 'demo-secretary')!;
    const auditor = accounts.find((a) => a.username === 'demo-auditor')!;
    const refused = await sec.post(`/api/v1/accounts/${secretary.id}/reset-password`, { reason: '忘记密码' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('系统管理员');
    expect((await sys.post(`/api/v1/accounts/${auditor.id}/disable`, { disabled: true })).statusCode).toBe(
      403,
    );
    expect(
      (await sys.post(`/api/v1/accounts/${secretary.id}/roles`, { role: 'member', orgId: fx.branchId }))
        .statusCode,
    ).toBe(403);
  });
});
