/**
 * Browser flow of issue 3 §8 on a phone viewport, against a started server with the demo section:
 * the secretary records a committee meeting and submits it; the general branch admin returns it with a
 * comment; the secretary corrects and resubmits; the admin approves; the compliance matrix shows it.
 * Run: `BASE_URL=http://localhost:3000 npx tsx src/modules/meetings/meetings.browser.ts` (screenshots go
 * to artifacts/meetings/). Exits non-zero on failure.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT = process.env.OUT_DIR ?? join(process.cwd(), 'artifacts', 'meetings');
const PASSWORD = 'Branchline@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function open(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  const res = await context.request.post(`${BASE}/api/v1/auth/login`, {
    data: { username, password: PASSWORD },
  });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`  ${name}`);
}

async function statusOf(page: Page, topic: string): Promise<string> {
  const res = await page.request.get(`${BASE}/api/v1/meetings?kind=branch_committee_meeting&pageSize=50`);
  const body = (await res.json()) as { items: { topic: string; status: string; id: string }[] };
  return body.items.find((m) => m.topic === topic)?.status ?? 'missing';
}

function expect(cond: boolean, what: string) {
  if (!cond) throw new Error(`失败：${what}`);
  console.log(`✓ ${what}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const run = Date.now() % 100000;
  const topic = `研究本月安全生产重点工作（浏览器测试 ${run}）`;
  const comment = `请补充会议决议（${run}）`;
  try {
    const secretary = await open(browser, 'demo-secretary');
    await secretary.goto(`${BASE}/meetings`);
    await secretary.getByRole('button', { name: /记录会议/ }).click();
    await secretary.waitForURL(/\/meetings\/new/);
    await secretary.locator('label.ant-radio-button-wrapper', { hasText: /^支部委员会$/ }).click();
    await secretary.locator('#topic').fill(topic);
    const place = secretary.locator('#place');
    if (!(await place.inputValue())) await place.fill('运转车间会议室');
    await secretary.waitForSelector('.ant-segmented');
    await shot(secretary, 'phone-1-record');
    await secretary.getByRole('button', { name: /提交审核/ }).click();
    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await shot(secretary, 'phone-2-submitted');
    expect((await statusOf(secretary, topic)) === 'submitted', '支部书记在手机上记录并提交支委会记录');

    const general = await open(browser, 'demo-general');
    await general.goto(`${BASE}/meetings/review`);
    const card = general.locator('.ant-card', { hasText: topic });
    await card.getByRole('button', { name: /退\s*回/ }).click();
    await general.getByPlaceholder('写明需要更正的内容').fill(comment);
    await general
      .locator('.ant-modal')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await general.waitForTimeout(800);
    await shot(general, 'phone-3-returned');
    expect((await statusOf(general, topic)) === 'returned', '党总支管理员退回并填写意见');

    await secretary.goto(`${BASE}/meetings`);
    await secretary.getByText(comment).first().waitFor();
    await shot(secretary, 'phone-4-todo-returned');
    await secretary
      .locator('.ant-alert', { hasText: comment })
      .getByRole('button', { name: /更\s*正/ })
      .click();
    await secretary.waitForURL(/\/edit$/);
    await secretary.locator('#resolutions').fill('会议同意本月安全生产重点，由组织委员落实。');
    await secretary.locator('#reason').fill('按审核意见补充决议');
    await shot(secretary, 'phone-5-correct');
    await secretary.getByRole('button', { name: /保存并重新提交/ }).click();
    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    expect((await statusOf(secretary, topic)) === 'submitted', '支部书记更正（说明原因）并重新提交');

    await general.goto(`${BASE}/meetings/review`);
    await general
      .locator('.ant-card', { hasText: topic })
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await general.waitForTimeout(800);
    expect((await statusOf(general, topic)) === 'approved', '党总支管理员审核通过');

    const [{ id }] = (
      (await (
        await general.request.get(`${BASE}/api/v1/meetings?kind=branch_committee_meeting&pageSize=50`)
      ).json()) as {
        items: { id: string; topic: string }[];
      }
    ).items.filter((m) => m.topic === topic);
    await general.goto(`${BASE}/meetings/${id}`);
    await general.getByText('按审核意见补充决议').waitFor();
    await shot(general, 'phone-6-revisions');
    expect(true, '审核人看到修订原因和改动内容');

    await general.goto(`${BASE}/meetings/compliance`);
    await general.locator('.ant-table-row').first().waitFor();
    await shot(general, 'phone-7-compliance');
    const month = new Date().toISOString().slice(0, 7);
    const matrix = (await (
      await general.request.get(`${BASE}/api/v1/compliance/matrix?year=${month.slice(0, 4)}`)
    ).json()) as {
      months: string[];
      rows: { name: string; cells: { held: number }[] }[];
    };
    const row = matrix.rows.find((r) => r.name === '海拉尔站运转一班党支部');
    expect(!!row && row.cells[matrix.months.indexOf(month)].held > 0, '落实情况矩阵显示本月已开');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
