import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createAccountWithRole,
  createTestEnv,
  demoFixtures,
  OTHER_PASSWORD,
  type TestEnv,
} from '../../../test/harness';
import { decrypt } from '../../platform/crypto';
import { queryRows } from '../../platform/db';
import { DEMO_PASSWORD } from '../../platform/demo';
import { currentCode } from './mfa';
import { ACCOUNT_LOCK_AFTER_FAILURES, LOCK_AFTER_FAILURES } from './rules';

/**
 * Accounts nobody can take over: parallel guesses, lockout abuse, enumeration, the two-person reset,
 * the second factor, the password policy. Each test works on accounts of its own.
 */
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

const WRONG = 'Wrong#Guess2026';

const attempt = (username: string, password: string, ip = '127.0.0.1') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

const cookieOf = (res: LightMyRequestResponse, name: string) => {
  const c = res.cookies.find((x) => x.name === name);
  return c ? `${name}=${c.value}` : '';
};

/** A client of a response that opened a session. */
function clientOf(res: LightMyRequestResponse, ip = '127.0.0.1') {
  const cookie = cookieOf(res, 'bl_session');
  const csrf = res.json().csrfToken as string;
  const request = (method: string, url: string, body?: unknown) =>
    env.app.inject({
      method: method as 'GET',
      url,
      payload: body as object,
      headers: { cookie, 'x-csrf-token': csrf },
      remoteAddress: ip,
    });
  return {
    get: (url: string) => request('GET', url),
    post: (url: string, body: unknown = {}) => request('POST', url, body),
  };
}

/** A plain account (no role) with a password of its own. */
async function plainAccount(username: string, password = OTHER_PASSWORD): Promise<string> {
  const created = await sys.post('/api/v1/accounts', {
    username,
    displayName: username,
    password: 'Initial#2026pw',
  });
  expect(created.statusCode, created.body).toBe(201);
  const first = clientOf(await attempt(username, 'Initial#2026pw'));
  const changed = await first.post('/api/v1/auth/change-password', {
    oldPassword: 'Initial#2026pw',
    newPassword: password,
  });
  expect(changed.statusCode, changed.body).toBe(200);
  return created.json().id;
}

const accountId = async (username: string) =>
  (await queryRows<{ id: string }>(env.ctx.db, sql`select id from accounts where username = ${username}`))[0]
    .id;

const events = (action: string, entityId: string) =>
  queryRows<{ details: Record<string, unknown> | null; actor_name: string }>(
    env.ctx.db,
    sql`select details, actor_name from audit_events where action = ${action} and entity_id = ${entityId} order by seq`,
  );

/** Enrols the second factor of a signed-in client; answers the secret and the recovery codes. */
async function enrol(client: ReturnType<typeof clientOf> | Client) {
  const started = await client.post('/api/v1/auth/mfa/enroll', {});
  expect(started.statusCode, started.body).toBe(200);
  const { secret, otpauthUrl } = started.json() as { secret: string; otpauthUrl: string };
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
  const confirmed = await client.post('/api/v1/auth/mfa/confirm', { code: currentCode(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

/** A code of the next time step: a fresh one the server has not seen yet (codes of now ± 1 step count). */
const freshCode = (secret: string) => currentCode(secret, new Date(Date.now() + 30_000));

describe('login that cannot be rushed', () => {
  it('checks at most the limit of 100 wrong passwords sent in parallel', async () => {
    const id = await plainAccount('rush-target');
    const answers = await Promise.all(Array.from({ length: 100 }, () => attempt('rush-target', WRONG)));
    const checked = (await events('auth.login_failed', id)).filter(
      (e) => e.details?.reason === 'wrong_password',
    );
    expect(checked.length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(checked.length);
    expect(answers.filter((r) => r.statusCode === 423)).toHaveLength(100 - checked.length);
    // The right password from the same address is refused too while the lock holds.
    expect((await attempt('rush-target', OTHER_PASSWORD)).statusCode).toBe(423);
  });

  it('checks at most the username-wide limit of guesses spread over many addresses', async () => {
    const id = await plainAccount('spread-target');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attempt('spread-target', WRONG, `10.1.${i}.1`)),
    );
    const checked = (await events('auth.login_failed', id)).filter(
      (e) => e.details?.reason === 'wrong_password',
    );
    expect(checked.length).toBeLessThanOrEqual(ACCOUNT_LOCK_AFTER_FAILURES);
    expect(answers.filter((r) => r.statusCode === 423)).toHaveLength(100 - checked.length);
  });

  it('counts wrong old passwords of change-password the same way, and a change ends the other sessions', async () => {
    await plainAccount('changer');
    const here = clientOf(await attempt('changer', OTHER_PASSWORD, '10.2.0.1'), '10.2.0.1');
    const elsewhere = clientOf(await attempt('changer', OTHER_PASSWORD, '10.2.0.2'), '10.2.0.2');
    const tries = await Promise.all(
      Array.from({ length: 20 }, () =>
        here.post('/api/v1/auth/change-password', { oldPassword: WRONG, newPassword: 'Brand#New2026x' }),
      ),
    );
    expect(tries.filter((r) => r.statusCode === 400).length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(tries.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(20 - LOCK_AFTER_FAILURES);
    // Locked at this address, for the right old password and for logins alike.
    const right = await here.post('/api/v1/auth/change-password', {
      oldPassword: OTHER_PASSWORD,
      newPassword: 'Brand#New2026x',
    });
    expect(right.statusCode).toBe(423);
    expect((await attempt('changer', OTHER_PASSWORD, '10.2.0.1')).statusCode).toBe(423);
    // From the other session's address the holder changes it; the session at the first address ends.
    const changed = await elsewhere.post('/api/v1/auth/change-password', {
      oldPassword: OTHER_PASSWORD,
      newPassword: 'Brand#New2026x',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(200);
    expect((await here.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('lockout that cannot be used against the holder', () => {
  it('locks only the address that guessed: the holder elsewhere logs in', async () => {
    await plainAccount('victim');
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await attempt('victim', WRONG, '10.3.0.66');
    expect((await attempt('victim', OTHER_PASSWORD, '10.3.0.66')).statusCode).toBe(423);
    expect((await attempt('victim', OTHER_PASSWORD, '10.3.0.7')).statusCode).toBe(200);
  });

  it('lets the holder lift a username-wide lock with the second factor', async () => {
    await plainAccount('mfa-victim');
    const { secret } = await enrol(clientOf(await attempt('mfa-victim', OTHER_PASSWORD)));
    // An attacker with many addresses locks the username everywhere …
    await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('mfa-victim', WRONG, `10.4.${i}.1`)));
    expect((await attempt('mfa-victim', OTHER_PASSWORD, '10.4.200.1')).statusCode).toBe(423);
    // … a wrong code lifts nothing, the holder's code does.
    const unlock = (code: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/unlock',
        payload: { username: 'mfa-victim', code },
        remoteAddress: '10.4.200.1',
      });
    expect((await unlock('000000')).statusCode).toBe(401);
    expect((await unlock(freshCode(secret))).statusCode).toBe(200);
    const again = await attempt('mfa-victim', OTHER_PASSWORD, '10.4.200.1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ mfaRequired: true });
  });
});

describe('usernames that tell nothing', () => {
  it('answers known, unknown and disabled usernames the same way, locks included', async () => {
    const id = await plainAccount('known-one');
    await plainAccount('disabled-one');
    const disabledId = await accountId('disabled-one');
    expect((await sys.post(`/api/v1/accounts/${disabledId}/disable`, { disabled: true })).statusCode).toBe(
      200,
    );
    const answers = await Promise.all(
      ['known-one', 'nobody-at-all', 'disabled-one'].map((u) => attempt(u, WRONG, '10.5.0.1')),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    // A disabled account's right password answers the same.
    expect((await attempt('disabled-one', OTHER_PASSWORD, '10.5.0.1')).body).toBe(answers[0].body);
    // Unknown names are counted and locked like known ones.
    const locks = [];
    for (const u of ['known-one', 'nobody-at-all']) {
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await attempt(u, WRONG, '10.5.0.9');
      locks.push(await attempt(u, WRONG, '10.5.0.9'));
    }
    expect(locks.map((r) => r.statusCode)).toEqual([423, 423]);
    expect(locks[0].json().message).toBe(locks[1].json().message);
    expect(id).toBeTruthy();
  });

  it('takes about as long for an unknown username (argon2 on a dummy hash)', async () => {
    await plainAccount('timed-one');
    const time = async (u: string, ip: string) => {
      const start = performance.now();
      await attempt(u, WRONG, ip);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('timed-one', `10.6.0.${i}`));
      unknown.push(await time(`ghost-${i}`, `10.6.1.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });
});

describe('三员分立 of password resets', () => {
  it('keeps the system admin from taking over the committee admin by a reset', async () => {
    const committeeId = await accountId('demo-committee');
    const asked = await sys.post(`/api/v1/accounts/${committeeId}/reset-password`, {
      reason: '本人来电称忘记密码',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({
      temporaryPassword: null,
      reset: { status: 'pending', needsApproval: true },
    });
    const resetId = asked.json().reset.id as string;
    // Nothing changed yet: the holder still logs in with their password.
    expect((await attempt('demo-committee', DEMO_PASSWORD)).statusCode).toBe(200);
    // The system admin can neither approve nor collect before the approval; a second request waits.
    expect((await sys.post(`/api/v1/password-resets/${resetId}/approve`, {})).statusCode).toBe(403);
    expect((await sys.post(`/api/v1/password-resets/${resetId}/issue`)).statusCode).toBe(409);
    expect(
      (await sys.post(`/api/v1/accounts/${committeeId}/reset-password`, { reason: '再次' })).statusCode,
    ).toBe(409);
    // The security admin sees it waiting, and approves.
    const listed = (await sec.get('/api/v1/password-resets'))
      .json()
      .items.find((r: { id: string }) => r.id === resetId);
    expect(listed).toMatchObject({
      status: 'pending',
      actions: ['approve', 'reject'],
      username: 'demo-committee',
    });
    const approved = await sec.post(`/api/v1/password-resets/${resetId}/approve`, { note: '已电话核实' });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedByName: '安全管理员' });
    // Only the system admin who asked collects the temporary password, once.
    expect((await sec.post(`/api/v1/password-resets/${resetId}/issue`)).statusCode).toBe(403);
    const issued = await sys.post(`/api/v1/password-resets/${resetId}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    const temporary = issued.json().temporaryPassword as string;
    expect((await sys.post(`/api/v1/password-resets/${resetId}/issue`)).statusCode).toBe(409);
    // The old password is gone; the temporary one lets in once, to change it, and the holder is told.
    expect((await attempt('demo-committee', DEMO_PASSWORD, '10.7.0.1')).statusCode).toBe(401);
    const first = await attempt('demo-committee', temporary, '10.7.0.2');
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    expect(first.json().abilities).toEqual({});
    expect(first.json().notices[0].message).toMatch(/系统管理员.*申请.*安全管理员.*批准/);
    const holder = clientOf(first, '10.7.0.2');
    expect((await holder.get('/api/v1/people')).json().code).toBe('password_change_required');
    const second = await attempt('demo-committee', temporary, '10.7.0.3');
    expect([second.statusCode, second.json().code]).toEqual([401, 'temporary_used']);
    // Every step is in the audit log.
    for (const action of ['password_reset.request', 'password_reset.approve', 'password_reset.issue'])
      expect(await events(action, resetId)).toHaveLength(1);
    expect(await events('account.reset_password', committeeId)).toHaveLength(1);
    // The holder sets their own password; the notice stays for the days after.
    const changed = await holder.post('/api/v1/auth/change-password', {
      oldPassword: temporary,
      newPassword: 'Holder#Back2026',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const me = (await holder.get('/api/v1/me')).json();
    expect(me.user.mustChangePassword).toBe(false);
    expect(me.notices).toHaveLength(1);
  });

  it('needs approval for any administrator, the system admin’s own account included', async () => {
    const own = await accountId('demo-sysadmin');
    const asked = await sys.post(`/api/v1/accounts/${own}/reset-password`, { reason: '定期更换' });
    expect(asked.json().reset).toMatchObject({ status: 'pending', needsApproval: true });
    const secId = await accountId('demo-secadmin');
    const forSec = await sys.post(`/api/v1/accounts/${secId}/reset-password`, {
      reason: '安全管理员忘记密码',
    });
    expect(forSec.json().reset.status).toBe('pending');
    // The security admin never approves a reset of their own account.
    const refused = await sec.post(`/api/v1/password-resets/${forSec.json().reset.id}/approve`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('本人');
    const rejected = await sec.post(`/api/v1/password-resets/${asked.json().reset.id}/reject`, {
      note: '无需',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await sys.post(`/api/v1/password-resets/${asked.json().reset.id}/issue`)).statusCode).toBe(409);
  });

  it('lets a temporary password lapse', async () => {
    const id = await plainAccount('lapsing');
    const asked = await sys.post(`/api/v1/accounts/${id}/reset-password`, { reason: '忘记密码' });
    const temporary = asked.json().temporaryPassword as string;
    expect(temporary).toBeTruthy();
    await env.ctx.db.execute(
      sql`update accounts set temporary_until = ${new Date(Date.now() - 1000).toISOString()} where id = ${id}`,
    );
    const res = await attempt('lapsing', temporary);
    expect([res.statusCode, res.json().code]).toEqual([401, 'temporary_expired']);
  });

  it('does not open a second factor by a reset: a takeover still needs the holder’s code', async () => {
    const general = clientOf(await attempt('demo-general', DEMO_PASSWORD));
    await enrol(general);
    const id = await accountId('demo-general');
    const asked = await sys.post(`/api/v1/accounts/${id}/reset-password`, { reason: '忘记密码' });
    await sec.post(`/api/v1/password-resets/${asked.json().reset.id}/approve`, {});
    const { temporaryPassword } = (
      await sys.post(`/api/v1/password-resets/${asked.json().reset.id}/issue`)
    ).json();
    const res = await attempt('demo-general', temporaryPassword);
    expect(res.json()).toEqual({ mfaRequired: true });
  });
});

describe('the second factor', () => {
  it('is required of a new committee admin, enrolled with a QR code, then asked at every login', async () => {
    const client = await createAccountWithRole(env, 'new-committee', 'committee_admin', fx.committeeId);
    const me = (await client.get('/api/v1/me')).json();
    expect(me.user).toMatchObject({ mfaEnabled: false, mfaSetupRequired: true });
    expect(me.abilities).toEqual({});
    expect((await client.get('/api/v1/people')).json().code).toBe('mfa_setup_required');
    const { secret, recoveryCodes } = await enrol(client);
    expect(recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/v1/me')).json().user).toMatchObject({
      mfaEnabled: true,
      mfaSetupRequired: false,
    });
    // The secret is sealed with the platform keys, under the current key id.
    const [row] = await queryRows<{ secret_enc: string; recovery_hashes: string[] }>(
      env.ctx.db,
      sql`select m.secret_enc, m.recovery_hashes from account_mfa m join accounts a on a.id = m.account_id where a.username = 'new-committee'`,
    );
    expect(row.secret_enc.startsWith(`${env.ctx.keys.current}:`)).toBe(true);
    expect(decrypt(env.ctx.keys, row.secret_enc)).toBe(secret);
    expect(JSON.stringify(row.recovery_hashes)).not.toContain(recoveryCodes[0]);

    // Password first: no session, a pending-login cookie.
    const step1 = await attempt('new-committee', OTHER_PASSWORD);
    expect(step1.json()).toEqual({ mfaRequired: true });
    expect(cookieOf(step1, 'bl_session')).toBe('');
    const pending = cookieOf(step1, 'bl_mfa');
    expect(step1.cookies.find((c) => c.name === 'bl_mfa')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    const mfa = (code: string, cookie = pending) =>
      env.app.inject({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code }, headers: { cookie } });
    expect((await mfa('123456', '')).json().code).toBe('mfa_expired');
    expect((await mfa('000000')).statusCode).toBe(401);
    const code = freshCode(secret);
    const done = await mfa(code);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.username).toBe('new-committee');
    expect((await clientOf(done).get('/api/v1/people')).statusCode).toBe(200);
    // The challenge is spent, and the same code never works twice.
    expect((await mfa(code)).json().code).toBe('mfa_expired');
    const replay = await mfa(code, cookieOf(await attempt('new-committee', OTHER_PASSWORD), 'bl_mfa'));
    expect(replay.statusCode).toBe(401);
    // A recovery code works once.
    const viaRecovery = await mfa(
      recoveryCodes[0],
      cookieOf(await attempt('new-committee', OTHER_PASSWORD), 'bl_mfa'),
    );
    expect(viaRecovery.statusCode).toBe(200);
    const reused = await mfa(
      recoveryCodes[0],
      cookieOf(await attempt('new-committee', OTHER_PASSWORD), 'bl_mfa'),
    );
    expect(reused.statusCode).toBe(401);
  });

  it('leaves the demo accounts unenrolled in demo mode, so the demo stays one step', async () => {
    const res = await attempt('demo-auditor', DEMO_PASSWORD);
    expect(res.json().user).toMatchObject({ mfaEnabled: false, mfaSetupRequired: false });
  });
});

describe('the password policy as the security admin sets it', () => {
  it('refuses weakening the second factor of administrators, and applies length, history and expiry', async () => {
    const weak = await sec.put('/api/v1/accounts/settings', { mfaRequiredFor: ['committee_admin'] });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.mfaRequiredFor).toMatch(/^必须使用两步验证的角色：/);
    expect((await sys.put('/api/v1/accounts/settings', { passwordMinLength: 12 })).statusCode).toBe(403);
    const set = await sec.put('/api/v1/accounts/settings', { passwordMinLength: 12, passwordHistory: 3 });
    expect(set.json()).toMatchObject({ passwordMinLength: 12, passwordHistory: 3, editable: true });
    expect(set.json().fixed.commonPasswords).toBeGreaterThan(40_000);

    await plainAccount('policy-one', 'Policy#First2026');
    const client = clientOf(await attempt('policy-one', 'Policy#First2026'));
    const change = (oldPassword: string, newPassword: string) =>
      client.post('/api/v1/auth/change-password', { oldPassword, newPassword });
    expect((await change('Policy#First2026', 'Short#2026')).json().fields.newPassword).toBe('密码至少 12 位');
    expect((await change('Policy#First2026', 'Policy#Second2026')).statusCode).toBe(200);
    const back = await change('Policy#Second2026', 'Policy#First2026');
    expect(back.json().fields.newPassword).toContain('最近 3 次');
    await sec.put('/api/v1/accounts/settings', {
      passwordMinLength: 8,
      passwordHistory: 5,
      passwordExpiryDays: 90,
    });
    expect((await client.get('/api/v1/me')).json().user.mustChangePassword).toBe(false);
    await env.ctx.db.execute(
      sql`update accounts set password_changed_at = ${new Date(Date.now() - 91 * 86_400_000).toISOString()} where username = 'policy-one'`,
    );
    expect((await client.get('/api/v1/me')).json().user.mustChangePassword).toBe(true);
    await sec.put('/api/v1/accounts/settings', { passwordExpiryDays: 0 });
    expect((await client.get('/api/v1/me')).json().user.mustChangePassword).toBe(false);
  });
});
