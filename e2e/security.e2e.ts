/**
 * Two factors in a browser, at phone size: a member of the demo enrols a TOTP authenticator from 我的
 * (QR code, first code, recovery codes), then logs in with the password and a fresh code. The codes are
 * computed the way an authenticator app computes them, from the secret the page shows.
 */
import { describe, expect, test } from 'vitest';
import { currentCode } from '../src/kernel/accounts/mfa';
import { PASSWORD, setupE2E } from './support';

const e2e = setupE2E();

describe('two factors', () => {
  test('enrolment from 我的, then a login in two steps', async () => {
    const page = await e2e.newPage('phone');
    const shot = (name: string) => e2e.screenshot(page, `security-mfa-${name}`);
    await e2e.login(page, 'demo-member');

    await page
      .getByRole('link', { name: '我的' })
      .or(page.getByText('我的', { exact: true }))
      .first()
      .click();
    await page.waitForURL('**/mine');
    await page.getByRole('link', { name: /两步验证/ }).click();
    await page.waitForURL('**/mfa');
    await page.getByRole('button', { name: '开始启用' }).click();
    const secretText = page.getByTestId('mfa-secret');
    await secretText.waitFor();
    await expect.poll(() => page.locator('.ant-qrcode canvas, .ant-qrcode svg').count()).toBeGreaterThan(0);
    const secret = ((await secretText.textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot('1-qr');

    await page.getByPlaceholder('6 位数字').fill(currentCode(secret));
    await page.getByRole('button', { name: /确认启用/ }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect(((await codes.textContent()) ?? '').trim().split('\n')).toHaveLength(10);
    await shot('2-recovery-codes');
    await page.getByRole('button', { name: /我已保存/ }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // A new browser: the password alone is not enough any more.
    const next = await e2e.newPage('phone');
    await next.goto('/login');
    await next.locator('#username').fill('demo-member');
    await next.locator('#password').fill(PASSWORD);
    await next.getByRole('button', { name: /登\s*录/ }).click();
    const code = next.getByPlaceholder('6 位数字或恢复码');
    await code.waitFor();
    expect(next.url()).toContain('/login');
    await e2e.screenshot(next, 'security-mfa-3-second-step');
    await code.fill('000000');
    await next.getByRole('button', { name: /验证并登录/ }).click();
    await next.getByText('验证码错误').first().waitFor();
    // The next time step's code: the one of the enrolment is never accepted twice.
    await code.fill(currentCode(secret, new Date(Date.now() + 30_000)));
    await next.getByRole('button', { name: /验证并登录/ }).click();
    await next.waitForURL((url) => !url.pathname.startsWith('/login'));
    await next.locator('.ant-layout-header').first().waitFor();
    await e2e.screenshot(next, 'security-mfa-4-signed-in');
    expect(e2e.pageErrors(page)).toEqual([]);
    expect(e2e.pageErrors(next)).toEqual([]);
  });
});
