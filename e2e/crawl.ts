/**
 * Screenshots of every page the navigation reaches, per demo role, at phone and desktop width, into
 * artifacts/crawl/; prints pages that overflow sideways, throw, or answer an error.
 * Run against a started server: `BASE_URL=http://localhost:3100 npx tsx e2e/crawl.ts [role…]`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3100';
const OUT = join(process.cwd(), 'artifacts', 'crawl');
const PASSWORD = 'Branchline@2026';
const ROLES = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['demo-committee', 'demo-general', 'demo-secretary', 'demo-member', 'demo-auditor'];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

const problems: string[] = [];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(600);
}

async function navLinks(page: Page): Promise<string[]> {
  await page.goto(`${BASE}/`);
  await settle(page);
  // Open the groups that are folded (a click on an open one would fold it).
  const folded = page.locator(
    'aside .ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title',
  );
  for (let tries = 0; tries < 30 && (await folded.count()) > 0; tries++)
    await folded
      .first()
      .click({ timeout: 5000 })
      .catch(() => {});
  // The menu's items navigate on click (no anchors): each is clicked and where it leads is kept.
  const hrefs: string[] = [];
  const items = page.locator('aside .ant-menu-item');
  for (let i = 0; i < (await items.count()); i++) {
    await items
      .nth(i)
      .click({ timeout: 5000 })
      .catch(() => {});
    await page.waitForTimeout(150);
    const url = new URL(page.url());
    hrefs.push(url.pathname + url.search);
  }
  return [...new Set(['/', '/todo', '/mine', ...hrefs.filter(Boolean)])];
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  for (const role of ROLES) {
    const desktop = await browser.newContext({ viewport: VIEWPORTS[1], locale: 'zh-CN' });
    const login = await desktop.request.post(`${BASE}/api/v1/auth/login`, {
      data: { username: role, password: PASSWORD },
    });
    if (!login.ok()) throw new Error(`login ${role}: ${login.status()}`);
    const probe = await desktop.newPage();
    const links = await navLinks(probe);
    const cookies = await desktop.cookies();
    console.log(`${role}: ${links.length} pages`);
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, locale: 'zh-CN' });
      await context.addCookies(cookies);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => {
        if (r.url().includes('/api/') && r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
      });
      for (const link of links) {
        errors.length = 0;
        await page.goto(`${BASE}${link}`);
        await settle(page);
        const name = `${role}-${vp.name}-${link.replace(/[/?=&]+/g, '_') || 'home'}`;
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        if (overflow > 0) problems.push(`${name}: horizontal overflow ${overflow}px`);
        if (errors.length) problems.push(`${name}: ${errors.join('; ')}`);
        await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      }
      await context.close();
    }
    await desktop.close();
  }
  await browser.close();
  console.log(problems.length ? `\nProblems:\n${problems.join('\n')}` : '\nNo problems found.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
