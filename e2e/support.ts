/**
 * What every browser test file needs: a real server on a copy of the demo database serving the built web
 * app, the system Chromium, and helpers to open a page at phone or desktop size, log in through the login
 * page and keep screenshots under artifacts/e2e/.
 *
 *   const e2e = setupE2E();          // at the top of a *.e2e.ts file: registers beforeAll/afterAll
 *   const page = await e2e.newPage('phone');
 *   await e2e.login(page, 'demo-secretary');
 *   await e2e.screenshot(page, 'people-list');   // artifacts/e2e/people-list-phone.png
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed, vi } from 'vitest';
import { DEMO_PASSWORD } from '../src/platform/demo';
import { type App, buildApp } from '../src/server/app';
import { createTestEnv, demoFixtures, type TestEnv } from '../test/harness';

export const ROOT = join(import.meta.dirname, '..');
/** The built web app; WEB_DIR overrides it (e.g. a build made with `vite build --outDir`). */
export const WEB_DIR = process.env.WEB_DIR ?? join(ROOT, 'dist', 'web');
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
export const PASSWORD = DEMO_PASSWORD; // Branchline@2026
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

export interface E2E {
  /** The server's address, e.g. http://127.0.0.1:41234 */
  base: string;
  env: TestEnv;
  fixtures: Awaited<ReturnType<typeof demoFixtures>>;
  browser: Browser;
  /** A page in a fresh browser context (its own cookies) at phone (390×844) or desktop (1440×900) size. */
  newPage(viewport: Viewport): Promise<Page>;
  /** Logs in through the login page with the demo password and waits to leave it. */
  login(page: Page, username: string, password?: string): Promise<void>;
  /** Waits for the page to settle and saves a full-page screenshot as artifacts/e2e/<name>-<viewport>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Uncaught errors the page has thrown so far (a test ends by expecting none). */
  pageErrors(page: Page): string[];
  /** The page's viewport name. */
  viewportOf(page: Page): Viewport;
}

/**
 * The built web app, copied so that a `vite build` started by someone else during the run cannot empty
 * dist/web under the server. A build in progress is waited for (up to a minute).
 */
async function snapshotWebApp(): Promise<string> {
  const index = join(WEB_DIR, 'index.html');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const problem = webAppProblem(index);
    if (!problem) break;
    const building = existsSync(WEB_DIR) && Date.now() - statSync(WEB_DIR).mtimeMs < 120_000;
    if (!building || Date.now() > deadline) {
      throw new Error(
        `${problem}: the browser tests serve the built web app, run npm run build first (WEB_DIR ${WEB_DIR})`,
      );
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  const copy = mkdtempSync(join(tmpdir(), 'branchline-e2e-web-'));
  cpSync(WEB_DIR, copy, { recursive: true });
  const problem = webAppProblem(join(copy, 'index.html'));
  if (problem) {
    rmSync(copy, { recursive: true, force: true });
    throw new Error(
      `${problem} (dist/web changed while being copied; a build is running?) run npm run build first`,
    );
  }
  return copy;
}

/** Why the web app at this index.html cannot be served, or null: the file and every asset it names. */
function webAppProblem(index: string): string | null {
  if (!existsSync(index)) return `${index} is missing`;
  const html = readFileSync(index, 'utf8');
  const dir = join(index, '..');
  for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) {
    if (!existsSync(join(dir, m[1]))) return `${join(dir, m[1])}, named by index.html, is missing`;
  }
  return null;
}

/** The text in an element (hidden parts included), trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

export function setupE2E(): E2E {
  const state = {} as E2E;
  let app: App | undefined;
  let webCopy: string | undefined;
  const contexts: BrowserContext[] = [];
  const viewports = new WeakMap<Page, Viewport>();
  const errors = new WeakMap<Page, string[]>();
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    webCopy = await snapshotWebApp();
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: apt-get install -y chromium fonts-wqy-zenhei (or set CHROMIUM)`,
      );
    }
    state.env = await createTestEnv();
    state.fixtures = await demoFixtures(state.env.ctx);
    app = await buildApp({ ctx: state.env.ctx, webDir: webCopy });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error(`unexpected server address ${address}`);
    state.base = `http://127.0.0.1:${address.port}`;
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    if (consoleErrors.length) console.warn(`browser console errors:\n  ${consoleErrors.join('\n  ')}`);
    for (const c of contexts) await c.close().catch(() => {});
    await state.browser?.close().catch(() => {});
    await app?.close();
    await state.env?.close();
    if (webCopy) rmSync(webCopy, { recursive: true, force: true });
  });

  state.newPage = async (viewport) => {
    const phone = viewport === 'phone';
    const context = await state.browser.newContext({
      baseURL: state.base,
      viewport: VIEWPORTS[viewport],
      isMobile: phone,
      hasTouch: phone,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(20_000);
    // The browser lives at the tests' fixed date too (test/clock.ts), as the server does; its time flows.
    // Playwright's clock silently does nothing while this process's Date is faked, so it is installed
    // with the real Date and the fake one resumes where it stood.
    const at = Date.now();
    const started = performance.now();
    vi.useRealTimers();
    try {
      await context.clock.install({ time: at });
    } finally {
      vi.useFakeTimers({
        toFake: ['Date'],
        now: at + (performance.now() - started),
        shouldAdvanceTime: true,
      });
    }
    contexts.push(context);
    const page = await context.newPage();
    viewports.set(page, viewport);
    const list: string[] = [];
    errors.set(page, list);
    page.on('pageerror', (e) => list.push(e.message));
    // A failing test leaves a picture of where each of its pages stood: FAILED-<test>-<viewport>.png.
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
      const file = join(ARTIFACTS, `FAILED-${slug}-${viewport}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`failure screenshot: ${file} (page at ${page.url()})`);
    });
    // Console errors (failed requests among them) do not fail a test but are listed at the end.
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${viewport} ${page.url()}: ${m.text().slice(0, 300)}`);
    });
    return page;
  };

  state.login = async (page, username, password = PASSWORD) => {
    await page.goto('/login');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // The shell has loaded the signed-in user once the navigation (or the phone's menu button) is there.
    await page.locator('.ant-layout-header').first().waitFor();
  };

  state.screenshot = async (page, name) => {
    await page.waitForLoadState('networkidle').catch(() => {});
    // Spinners and antd's motion (drawers, dropdowns, result icons) end before the picture.
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => {});
    await page.waitForTimeout(400);
    const file = join(ARTIFACTS, `${name}-${viewports.get(page) ?? 'page'}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 90_000 });
    return file;
  };

  state.pageErrors = (page) => errors.get(page) ?? [];
  state.viewportOf = (page) => viewports.get(page) ?? 'desktop';
  return state;
}
