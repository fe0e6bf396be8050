/**
 * Screenshots of every page at phone and desktop width, per role, into artifacts/screens/.
 * Run against a started server: `BASE_URL=http://localhost:3100 npx tsx e2e/screens.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3100';
const OUT = join(process.cwd(), 'artifacts', 'screens');
const PASSWORD = 'Branchline@2026';
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

const problems: string[] = [];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(900);
}

async function shoot(page: Page, name: string) {
  await settle(page);
  const overflow = Number(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  );
  if (overflow > 0) problems.push(`${name}: horizontal overflow ${overflow}px`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`  ${name}${overflow > 0 ? `  (overflow ${overflow}px)` : ''}`);
}

async function login(context: BrowserContext, username: string) {
  const res = await context.request.post(`${BASE}/api/v1/auth/login`, {
    data: { username, password: PASSWORD },
  });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
}

async function firstPersonId(context: BrowserContext): Promise<string> {
  const res = await context.request.get(`${BASE}/api/v1/people?pageSize=1`);
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items[0].id;
}

/** The server's import template with two faulty rows added: the import must refuse the whole file. */
async function faultyRoster(context: BrowserContext): Promise<Buffer> {
  const res = await context.request.get(`${BASE}/api/v1/people/import/template`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  const example = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1);
  const bad = [...example];
  bad[0] = 1;
  bad[1] = '截图测试';
  bad[3] = '123';
  sheet.getRow(3).values = bad;
  sheet.getRow(4).values = [2, '', '不存在的支部'];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function warnedOrgId(context: BrowserContext): Promise<string | undefined> {
  const res = await context.request.get(`${BASE}/api/v1/orgs`);
  const body = (await res.json()) as { items: { id: string; type: string; warnings: unknown[] }[] };
  return body.items.find((o) => o.type === 'branch' && o.warnings.length)?.id;
}

type Scenario = (page: Page, context: BrowserContext, vp: string) => Promise<void>;

const scenarios: { user?: string; run: Scenario }[] = [
  {
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/login`);
      await shoot(page, `${vp}-login`);
      await page.getByText('demo-secretary').click();
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`${BASE}/`);
      await shoot(page, `${vp}-secretary-home-after-ui-login`);
    },
  },
  {
    user: 'demo-committee',
    run: async (page, context, vp) => {
      await page.goto(`${BASE}/`);
      await shoot(page, `${vp}-committee-home`);
      await page.goto(`${BASE}/orgs`);
      await shoot(page, `${vp}-committee-orgs`);
      const warned = await warnedOrgId(context);
      if (warned) {
        await page.goto(`${BASE}/orgs?id=${warned}`);
        await shoot(page, `${vp}-committee-org-warned`);
        await page.getByRole('button', { name: /新建下级/ }).click();
        await shoot(page, `${vp}-committee-org-create-dialog`);
        await page.keyboard.press('Escape');
      }
      await page.goto(`${BASE}/people`);
      await shoot(page, `${vp}-committee-people`);
      await page.goto(`${BASE}/people?partyStatus=probationary&q=${encodeURIComponent('不存在的人')}`);
      await shoot(page, `${vp}-committee-people-empty`);
      const id = await firstPersonId(context);
      await page.goto(`${BASE}/people/${id}`);
      await settle(page);
      const reveal = page.getByRole('button', { name: /查\s*看/ }).first();
      if (await reveal.count()) await reveal.click();
      await shoot(page, `${vp}-committee-person`);
      await page.getByRole('tab', { name: '变更记录' }).click();
      await shoot(page, `${vp}-committee-person-history`);
      await page.goto(`${BASE}/people/${id}/edit`);
      await shoot(page, `${vp}-committee-person-edit`);
      await page.goto(`${BASE}/people/new`);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await shoot(page, `${vp}-committee-person-new-errors`);
      await page.goto(`${BASE}/people/import`);
      await shoot(page, `${vp}-committee-import`);
    },
  },
  {
    user: 'demo-general',
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/`);
      await shoot(page, `${vp}-general-home`);
      await page.goto(`${BASE}/orgs`);
      await shoot(page, `${vp}-general-orgs`);
    },
  },
  {
    user: 'demo-secretary',
    run: async (page, context, vp) => {
      await page.goto(`${BASE}/people`);
      await shoot(page, `${vp}-secretary-people`);
      if (vp === 'phone') {
        await page.getByRole('button', { name: '更多' }).click();
        await shoot(page, `${vp}-secretary-menu`);
      }
      await page.goto(`${BASE}/people/import`);
      await page.getByRole('button', { name: /下一步/ }).click();
      await page.locator('input[type=file]').setInputFiles({
        name: '花名册.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await faultyRoster(context),
      });
      await shoot(page, `${vp}-secretary-import-chosen`);
      await page.getByRole('button', { name: /开始上传/ }).click();
      await page.waitForSelector('.ant-result', { timeout: 30_000 });
      await shoot(page, `${vp}-secretary-import-refused`);
    },
  },
  {
    user: 'demo-member',
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/`);
      await shoot(page, `${vp}-member-home`);
      await page.goto(`${BASE}/people`);
      await shoot(page, `${vp}-member-people`);
      await page.goto(`${BASE}/change-password`);
      await shoot(page, `${vp}-member-change-password`);
    },
  },
  {
    user: 'demo-sysadmin',
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/`);
      await shoot(page, `${vp}-sysadmin-landing`);
      await page.goto(`${BASE}/orgs`);
      await shoot(page, `${vp}-sysadmin-orgs`);
      await page.goto(`${BASE}/people`);
      await shoot(page, `${vp}-sysadmin-people-refused`);
    },
  },
  {
    user: 'demo-secadmin',
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/accounts`);
      await shoot(page, `${vp}-secadmin-accounts`);
      await page
        .getByRole('button', { name: /授予角色/ })
        .first()
        .click();
      await shoot(page, `${vp}-secadmin-grant-dialog`);
    },
  },
  {
    user: 'demo-auditor',
    run: async (page, _c, vp) => {
      await page.goto(`${BASE}/`);
      await shoot(page, `${vp}-auditor-landing`);
      if (vp === 'desktop') {
        await page.locator('.ant-table-row-expand-icon').first().click();
      } else {
        await page.locator('summary').first().click();
      }
      await shoot(page, `${vp}-auditor-audit-expanded`);
    },
  },
];

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const only = process.env.ONLY;
  try {
    for (const vp of VIEWPORTS) {
      for (const s of scenarios) {
        if (only && !(s.user ?? 'login').includes(only)) continue;
        console.log(`${vp.name} ${s.user ?? '(login page)'}`);
        const context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          deviceScaleFactor: 1,
        });
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`${vp.name} ${s.user}: page error ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`${vp.name} ${s.user}: console ${m.text().slice(0, 200)}`);
        });
        try {
          if (s.user) await login(context, s.user);
          await s.run(page, context, vp.name);
        } catch (e) {
          problems.push(`${vp.name} ${s.user}: ${(e as Error).message.split('\n')[0]}`);
          await page
            .screenshot({ path: join(OUT, `${vp.name}-${s.user ?? 'login'}-FAILED.png`) })
            .catch(() => {});
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.log('\nProblems:');
    for (const p of problems) console.log(`  - ${p}`);
    process.exitCode = 1;
  } else console.log('\nNo problems found.');
}

await main();
