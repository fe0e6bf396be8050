/**
 * Browser check of the secretary's safety work on a phone (and screenshots of every safety page):
 * a violation is recorded, the talk shows as due, the talk is recorded and the obligation closes.
 * Serves its own demo section: `npx vite build --outDir /tmp/safety-web && npx tsx src/modules/safety/e2e/phone-flow.ts`.
 * WEB_DIR and OUT override where the built web app is and where screenshots go.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { TEST_CONFIG } from '../../../../test/config';
import { TEST_KEYS } from '../../../../test/keys';
import { migrateDatabase, openDatabase } from '../../../platform/db';
import { buildApp } from '../../../server/app';
import { loadDemo } from '../../../server/bootstrap';
import { DEMO_PASSWORD } from '../../../server/demo';

const WEB_DIR = process.env.WEB_DIR ?? '/tmp/safety-web';
const OUT = process.env.OUT ?? '/tmp/safety-screens';
const PORT = Number(process.env.PORT ?? 3291);
const BASE = `http://127.0.0.1:${PORT}`;

function check(ok: unknown, what: string) {
  if (!ok) throw new Error(`失败：${what}`);
  console.log(`  ✓ ${what}`);
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(600);
}

async function shoot(page: Page, name: string) {
  await settle(page);
  const overflow = Number(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  );
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`  📷 ${name}${overflow > 0 ? `（横向溢出 ${overflow}px）` : ''}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const ctx = { db: database.db, keys: TEST_KEYS, config: TEST_CONFIG };
  await loadDemo(ctx);
  const app = await buildApp({ ctx, webDir: WEB_DIR });
  await app.listen({ port: PORT, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
  let current: Page | null = null;
  try {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const login = await phone.request.post(`${BASE}/api/v1/auth/login`, {
      data: { username: 'demo-secretary', password: DEMO_PASSWORD },
    });
    check(login.ok(), '书记登录');
    const people = (await (
      await phone.request.get(`${BASE}/api/v1/people?partyStatus=masses&pageSize=50`)
    ).json()) as { items: { id: string; name: string; employeeNo: string }[] };
    const worker = people.items[people.items.length - 1];
    const page = await phone.newPage();
    current = page;

    console.log('手机：录入违章违纪');
    await page.goto(`${BASE}/safety/violations/new`);
    await settle(page);
    await page.locator('#personId').click();
    await page.locator('#personId').fill(worker.employeeNo);
    await page.locator('.ant-select-item-option', { hasText: worker.name }).first().click();
    await page.locator('#category').click();
    await page.locator('.ant-select-item-option', { hasText: '调车作业' }).first().click();
    await page.locator('#description').fill('推进作业未派人在前端引导');
    await shoot(page, 'phone-safety-record-violation');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(`${BASE}/talks`);
    await settle(page);
    const card = page.locator('[data-testid="obligation"]', { hasText: worker.name });
    check((await card.count()) === 1, '谈话任务出现在待办中');
    check(await card.getByText('待谈话').isVisible(), '状态为“待谈话”');
    await shoot(page, 'phone-talks-due');

    console.log('手机：记录谈话');
    await card.getByRole('button', { name: '记录谈话' }).click();
    await page.waitForURL(/\/talks\/new\?/);
    await settle(page);
    await page
      .locator('#summary')
      .fill('指出推进作业不派人引导的危害，本人认识到错误，表示今后严格执行作业标准。');
    await page.locator('#followUp').fill('班组长盯控一个月');
    await shoot(page, 'phone-talk-record');
    await page.getByRole('button', { name: /保存谈话/ }).click();
    await page.waitForURL(`${BASE}/talks`);
    await settle(page);
    check(
      (await page.locator('[data-testid="obligation"]', { hasText: worker.name }).count()) === 0,
      '待办中不再有该任务',
    );
    await page.getByText('已谈话', { exact: true }).first().click();
    await settle(page);
    const done = page.locator('[data-testid="obligation"]', { hasText: worker.name });
    check(
      (await done.count()) >= 1 && (await done.first().getByText('已谈话').isVisible()),
      '任务已关闭（已谈话）',
    );
    await shoot(page, 'phone-talks-done');
    await done.first().getByRole('button', { name: '查看谈话' }).click();
    await page.waitForURL(/\/talks\/[0-9a-f-]{36}$/);
    await settle(page);
    check(await page.getByText('班组长盯控一个月').isVisible(), '谈话内容可由书记查看');
    await shoot(page, 'phone-talk-detail');

    for (const [path, name] of [
      ['/safety', 'safety-board'],
      ['/safety/violations', 'safety-violations'],
      ['/safety/mentoring', 'safety-mentoring'],
      ['/safety/notices', 'safety-notices'],
      ['/safety/projects', 'safety-projects'],
      ['/safety/analyses', 'safety-analyses'],
      ['/talks/coverage', 'talks-coverage'],
    ]) {
      await page.goto(`${BASE}${path}`);
      await shoot(page, `phone-${name}`);
    }

    const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await desktop.request.post(`${BASE}/api/v1/auth/login`, {
      data: { username: 'demo-committee', password: DEMO_PASSWORD },
    });
    const d = await desktop.newPage();
    for (const [path, name] of [
      ['/safety', 'safety-board'],
      ['/safety/violations', 'safety-violations'],
      ['/talks?status=overdue', 'talks-overdue'],
      ['/safety/mentoring', 'safety-mentoring'],
      ['/safety/notices', 'safety-notices'],
      ['/safety/projects', 'safety-projects'],
      ['/safety/analyses', 'safety-analyses'],
      ['/talks/coverage', 'talks-coverage'],
      ['/safety/settings', 'safety-settings'],
    ]) {
      await d.goto(`${BASE}${path}`);
      await shoot(d, `desktop-${name}`);
    }
    await d.goto(`${BASE}/safety/notices`);
    await settle(d);
    await d.getByRole('button', { name: /发布通报/ }).click();
    await d.locator('#title').fill('关于上月党员违章违纪情况的通报');
    await shoot(d, 'desktop-safety-notice-issue');
    console.log('全部通过');
  } catch (e) {
    if (current) await current.screenshot({ path: join(OUT, 'failure.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    await app.close();
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
