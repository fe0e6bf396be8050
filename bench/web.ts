import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import type { AppContext } from '../src/platform/context';
import { parseKeyRing } from '../src/platform/crypto';
import { openDatabase } from '../src/platform/db';
import { DEMO_PASSWORD } from '../src/platform/demo';
import { buildApp } from '../src/server/app';
import { loadDemo, migrateAndUpgrade } from '../src/server/bootstrap';

/**
 * `npm run bench:web` (issue 10 §1, §4): the built web app (`npm run build` first) on a demo server,
 * driven by the system Chromium.
 *
 *  - Slow 3G (Chrome DevTools Protocol `Network.emulateNetworkConditions`: 400 ms latency, 400 kbit/s
 *    each way), a phone (390×844): the login form cold, the secretary's 待办 after tapping 登录 cold, and
 *    both warm (the app used before: HTTP cache, service worker, kept answers).
 *  - Bytes per page on the wire (compressed; CDP `encodedDataLength`, headers included): the login page,
 *    the secretary's home with its API answers, and the committee's heaviest pages with the API answers
 *    that weigh most.
 *
 * Writes its section of docs/performance.md (between the `web-bench` markers) and prints it.
 */
const ROOT = join(import.meta.dirname, '..');
const WEB_DIR = process.env.WEB_DIR ?? join(ROOT, 'dist', 'web');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const PHONE = { width: 390, height: 844 };
const KB = 1024;

const KEYS = parseKeyRing({
  keys: `b1:${Buffer.alloc(32, 1).toString('base64')}`,
  blindIndexKey: Buffer.alloc(32, 2).toString('base64'),
});

interface Transfer {
  url: string;
  kind: 'js' | 'css' | 'html' | 'api' | 'other';
  bytes: number;
  fromCache: boolean;
}

/** Every response of a page with its size on the wire, from the DevTools protocol. */
class Meter {
  private readonly pending = new Map<string, Omit<Transfer, 'bytes'>>();
  readonly done: Transfer[] = [];
  constructor(readonly cdp: CDPSession) {
    cdp.on('Network.responseReceived', (e) => {
      const url = new URL(e.response.url);
      const path = url.pathname;
      const kind: Transfer['kind'] = path.startsWith('/api/')
        ? 'api'
        : path.endsWith('.js')
          ? 'js'
          : path.endsWith('.css')
            ? 'css'
            : e.type === 'Document'
              ? 'html'
              : 'other';
      this.pending.set(e.requestId, {
        url: path + url.search,
        kind,
        fromCache: !!(
          e.response.fromDiskCache ||
          e.response.fromServiceWorker ||
          e.response.fromPrefetchCache
        ),
      });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = this.pending.get(e.requestId);
      if (!r) return;
      this.pending.delete(e.requestId);
      this.done.push({ ...r, bytes: r.fromCache ? 0 : e.encodedDataLength });
    });
  }
  mark() {
    return this.done.length;
  }
  since(mark: number) {
    return this.done.slice(mark);
  }
}

const sum = (ts: Transfer[], kind?: Transfer['kind']) =>
  ts.filter((t) => !kind || t.kind === kind).reduce((s, t) => s + t.bytes, 0);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startServer() {
  if (!existsSync(join(WEB_DIR, 'index.html')))
    throw new Error(`${WEB_DIR} has no build: npm run build first`);
  const database = await openDatabase({ dataDir: 'memory://' });
  const ctx: AppContext = {
    db: database.db,
    keys: KEYS,
    config: {
      demoMode: true,
      filesDir: '.tmp/bench-files',
      secureCookies: false,
      loginRateLimitPerMinute: 100000,
    },
  };
  await migrateAndUpgrade(database);
  await loadDemo(ctx);
  const app = await buildApp({ ctx, webDir: WEB_DIR });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

async function phone(browserContext: () => Promise<BrowserContext>, throttle: boolean) {
  const context = await browserContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttle) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  return { context, page, meter: new Meter(cdp) };
}

const todoShown = (page: Page) =>
  page
    .locator('.bl-todo-line, .ant-empty-description')
    .first()
    .waitFor({ state: 'visible', timeout: 120_000 });

async function login(page: Page, username: string) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function serviceWorkerReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
    timeout: 180_000,
    polling: 500,
  });
}

interface Timings {
  loginCold: number;
  loginColdBytes: number;
  loginColdRequests: number;
  todoCold: number;
  todoColdBytes: number;
  todoColdRequests: number;
  todoWarm: number;
  todoWarmFresh: number;
  todoWarmRequests: number;
  todoWarmBytes: number;
  loginWarm: number;
  loginWarmBytes: number;
}

/** One cold visit and the warm ones after it, on Slow 3G at phone size. */
async function slow3g(newContext: () => Promise<BrowserContext>): Promise<Timings> {
  const { context, page, meter } = await phone(newContext, true);
  let t = Date.now();
  let m = meter.mark();
  await page.goto('/login', { waitUntil: 'commit' });
  await page.locator('#username').waitFor({ state: 'visible', timeout: 120_000 });
  const loginCold = Date.now() - t;
  const loginColdTransfers = meter.since(m);

  m = meter.mark();
  t = Date.now();
  await login(page, 'demo-secretary');
  await todoShown(page);
  const todoCold = Date.now() - t;
  const todoColdTransfers = meter.since(m);

  // Used a while: the service worker has the app, the kept answers are written.
  await serviceWorkerReady(page);
  await page.waitForTimeout(2000);

  const warm: number[] = [];
  const fresh: number[] = [];
  let warmTransfers: Transfer[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Opened again later, as a user would: past the to-do's freshness (15 s), so the app asks the server.
    await page.waitForTimeout(16_000);
    m = meter.mark();
    t = Date.now();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/todo', {
      timeout: 120_000,
    });
    await page.reload({ waitUntil: 'commit' });
    await todoShown(page);
    warm.push(Date.now() - t);
    await answered;
    fresh.push(Date.now() - t);
    await page.waitForLoadState('networkidle');
    warmTransfers = meter.since(m);
  }

  // Signed out (cookies gone), the app opened again: the login form from the service worker.
  await context.clearCookies();
  const warmLogin: number[] = [];
  let warmLoginTransfers: Transfer[] = [];
  for (let i = 0; i < RUNS; i++) {
    m = meter.mark();
    t = Date.now();
    await page.goto('/login', { waitUntil: 'commit' });
    await page.locator('#username').waitFor({ state: 'visible', timeout: 120_000 });
    warmLogin.push(Date.now() - t);
    warmLoginTransfers = meter.since(m);
  }
  await context.close();
  return {
    loginCold,
    loginColdBytes: sum(loginColdTransfers),
    loginColdRequests: loginColdTransfers.filter((x) => !x.fromCache).length,
    todoCold,
    todoColdBytes: sum(todoColdTransfers),
    todoColdRequests: todoColdTransfers.filter((x) => !x.fromCache).length,
    todoWarm: median(warm),
    todoWarmFresh: median(fresh),
    todoWarmRequests: warmTransfers.filter((x) => !x.fromCache).length,
    todoWarmBytes: sum(warmTransfers),
    loginWarm: median(warmLogin),
    loginWarmBytes: sum(warmLoginTransfers),
  };
}

interface PageBytes {
  page: string;
  total: number;
  js: number;
  css: number;
  html: number;
  api: number;
  other: number;
  requests: number;
  heaviestApi: { url: string; bytes: number }[];
}

const pageBytes = (page: string, ts: Transfer[]): PageBytes => ({
  page,
  total: sum(ts),
  js: sum(ts, 'js'),
  css: sum(ts, 'css'),
  html: sum(ts, 'html'),
  api: sum(ts, 'api'),
  other: sum(ts, 'other'),
  requests: ts.filter((t) => !t.fromCache).length,
  heaviestApi: ts
    .filter((t) => t.kind === 'api')
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((t) => ({ url: t.url, bytes: t.bytes })),
});

async function signIn(context: BrowserContext, username: string) {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  if (res.status() !== 200) throw new Error(`login ${username}: ${res.status()}`);
}

/** Bytes on the wire, no throttling: each page loaded cold (fresh cache), or on top of the cached shell. */
async function bytes(newContext: () => Promise<BrowserContext>) {
  const out: PageBytes[] = [];
  {
    const { context, page, meter } = await phone(newContext, false);
    await page.goto('/login');
    await page.locator('#username').waitFor();
    out.push(pageBytes('login page, cold, until the form shows', meter.since(0)));
    // Then the page fetches the app ahead while the user types (src/web/main.tsx).
    await page.waitForLoadState('networkidle');
    out.push(pageBytes('login page, cold, with the app fetched ahead', meter.since(0)));
    await context.close();
  }
  {
    const { context, page, meter } = await phone(newContext, false);
    await signIn(context, 'demo-secretary');
    await page.goto('/');
    await todoShown(page);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    out.push(pageBytes("secretary's home, cold (shell, page, API answers)", meter.since(0)));
    const m = meter.mark();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(1500);
    await page.waitForLoadState('networkidle');
    out.push(pageBytes("secretary's home, scrolled to its charts (charts added)", meter.since(m)));
    await context.close();
  }
  {
    const { context, page, meter } = await phone(newContext, false);
    await page.goto('/login');
    await page.locator('#username').waitFor();
    await page.waitForLoadState('networkidle');
    const m = meter.mark();
    await login(page, 'demo-secretary');
    await todoShown(page);
    await page.waitForLoadState('networkidle');
    out.push(
      pageBytes("secretary's home after 登录 (the app fetched ahead on the login page)", meter.since(m)),
    );
    await context.close();
  }
  // The committee's pages (the whole section: the largest answers), each on top of the cached shell.
  const pages = (
    process.env.BENCH_WEB_PAGES ??
    '/,/orgs,/people,/meetings,/meetings/compliance,/meetings/review,/talks,/talks/coverage,/safety,/safety/violations,/training,/tasks,/inspections,/rectifications,/assessment/overview'
  )
    .split(',')
    .filter(Boolean);
  {
    const { context, page, meter } = await phone(() => newContext().then((c) => c), false);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(context, 'demo-committee');
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    for (const path of pages) {
      const m = meter.mark();
      try {
        await page.goto(path);
        await page.waitForLoadState('networkidle', { timeout: 60_000 });
        await page.waitForTimeout(300);
      } catch (e) {
        console.warn(`${path}: ${(e as Error).message.split('\n')[0]}`);
      }
      out.push(pageBytes(`committee ${path} (shell cached)`, meter.since(m)));
    }
    await context.close();
  }
  return out;
}

function section(t: Timings, pages: PageBytes[], startedAt: Date): string {
  const target = (ms: number, limit: number) => (ms <= limit ? 'met' : `over by ${sec(ms - limit)}`);
  const lines = [
    '<!-- web-bench:start -->',
    '## The web app on a slow link (bench/web.ts)',
    '',
    `Measured by \`npm run bench:web\` on ${startedAt.toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${cpus()[0]?.model.trim() ?? ''}), Chromium ${chromiumVersion}, the demo section on PGlite, the server and the browser on the same machine. Slow 3G: 400 ms latency, 400 kbit/s each way (CDP \`Network.emulateNetworkConditions\`), 390×844. Warm figures are medians of ${RUNS}.`,
    '',
    '| Slow 3G | Time | Target | Requests | Bytes on the wire |',
    '|---|---|---|---|---|',
    `| login form, cold | ${sec(t.loginCold)} | < 6 s: ${target(t.loginCold, 6000)} | ${t.loginColdRequests} | ${kb(t.loginColdBytes)} |`,
    `| 待办 after tapping 登录, cold | ${sec(t.todoCold)} | < 8 s: ${target(t.todoCold, 8000)} | ${t.todoColdRequests} | ${kb(t.todoColdBytes)} |`,
    `| 待办 on a warm start (reload) | ${sec(t.todoWarm)} | < 2 s: ${target(t.todoWarm, 2000)} | ${t.todoWarmRequests} | ${kb(t.todoWarmBytes)} |`,
    `| … its fresh answer from the server | ${sec(t.todoWarmFresh)} |  |  |  |`,
    `| login form, warm (signed out, app used before) | ${sec(t.loginWarm)} | < 2 s: ${target(t.loginWarm, 2000)} |  | ${kb(t.loginWarmBytes)} |`,
    '',
    'Bytes per page, compressed as sent (brotli for a browser), headers included; not throttled.',
    '',
    '| Page | Total | JS | CSS | HTML | API | Requests | Heaviest API answers |',
    '|---|---|---|---|---|---|---|---|',
    ...pages.map(
      (p) =>
        `| ${p.page} | ${kb(p.total)} | ${kb(p.js)} | ${kb(p.css)} | ${kb(p.html)} | ${kb(p.api)} | ${p.requests} | ${p.heaviestApi
          .filter((a) => a.bytes > 2 * KB)
          .map((a) => `${a.url.replace(/\?.*/, '')} ${kb(a.bytes)}`)
          .join(', ')} |`,
    ),
    '<!-- web-bench:end -->',
  ];
  return lines.join('\n');
}

let chromiumVersion = '';

async function main() {
  const startedAt = new Date();
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  chromiumVersion = browser.version();
  const newContext = () =>
    browser.newContext({
      baseURL: server.base,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  try {
    const timings = await slow3g(newContext);
    const pages = await bytes(newContext);
    const md = section(timings, pages, startedAt);
    console.log(md);
    const file = join(ROOT, 'docs', 'performance.md');
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
    const marked = /<!-- web-bench:start -->[\s\S]*<!-- web-bench:end -->/;
    writeFileSync(file, marked.test(doc) ? doc.replace(marked, md) : `${doc.trimEnd()}\n\n${md}\n`);
    console.log('\nwritten to docs/performance.md');
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
process.exit(0);
