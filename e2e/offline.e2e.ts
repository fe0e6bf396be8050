/**
 * A phone at a station (issue 10 §2, §5), in a browser:
 *  - what is served is compressed, built assets are immutable and the page itself revalidated;
 *  - once signed in, the service worker has the app: offline, a reload still opens it, showing what was
 *    last loaded under a 离线 banner;
 *  - a violation typed without signal is kept on the phone through a reload, waits when sent, and goes
 *    to the server exactly once when the signal returns, with the time it was drafted;
 *  - on a phone, text is at least 14 px and controls at least 44 px.
 */
import { sql } from 'drizzle-orm';
import type { Page, Response } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { queryRows } from '../src/platform/db';
import { setupE2E } from './support';

const e2e = setupE2E();
const DESCRIPTION = '离线录入：调车作业未执行要道还道制度';

/** Waits until the service worker controls the page (it registers once signed in, after the first page). */
async function serviceWorkerReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
    timeout: 60_000,
    polling: 500,
  });
}

async function violationsWith(description: string) {
  return queryRows<{ id: string; drafted_at: Date | null; recorded_at: Date }>(
    e2e.env.ctx.db,
    sql`select id, drafted_at, recorded_at from violations where description = ${description}`,
  );
}

describe('a phone with a weak signal', () => {
  test('text answers are compressed, hashed assets immutable, the page revalidated', async () => {
    const page = await e2e.newPage('phone');
    const seen: Response[] = [];
    page.on('response', (r) => seen.push(r));
    await e2e.login(page, 'demo-secretary');
    await page.getByText('待办', { exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');

    const html = seen.find((r) => new URL(r.url()).pathname === '/login');
    expect(html, 'the login page').toBeDefined();
    expect((await html!.allHeaders())['cache-control']).toBe('no-cache');

    const assets = seen.filter((r) => /\/assets\/.+\.(js|css)$/.test(new URL(r.url()).pathname));
    expect(assets.length).toBeGreaterThan(5);
    for (const r of assets) {
      const h = await r.allHeaders();
      expect(h['cache-control'], r.url()).toBe('public, max-age=31536000, immutable');
      if (Number(h['content-length'] ?? 2000) > 1024 || h['content-encoding'])
        expect(h['content-encoding'], r.url()).toMatch(/^(br|gzip)$/);
    }
    // Every API answer above the threshold comes compressed.
    const api = seen.filter((r) => new URL(r.url()).pathname.startsWith('/api/v1/') && r.status() === 200);
    let compressed = 0;
    for (const r of api) {
      const h = await r.allHeaders();
      if (h['content-encoding']) compressed += 1;
      else expect(Number(h['content-length'] ?? 0), `${r.url()} uncompressed`).toBeLessThanOrEqual(1024);
    }
    expect(compressed).toBeGreaterThan(0);
    // The installable app: a manifest with icons, the service worker script revalidated.
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    const sw = await page.request.get('/sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('offline, the service worker opens the app on what was last loaded, marked 离线', async () => {
    const page = await e2e.newPage('phone');
    await e2e.login(page, 'demo-secretary');
    const todo = page.locator('.bl-todo-line').first();
    await todo.waitFor();
    const firstLine = (await todo.innerText()).trim();
    await serviceWorkerReady(page);
    // The kept answers are written a second after they change.
    await page.waitForTimeout(1500);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.getByTestId('offline-banner').innerText()).toContain('离线');
    // The to-do as it was last loaded.
    await expect
      .poll(async () => (await page.locator('.bl-todo-line').first().innerText()).trim())
      .toBe(firstLine);
    await e2e.screenshot(page, 'offline-banner');

    // Another page opened before is there too.
    await page.goto('/todo');
    await page.locator('.bl-todo-line').first().waitFor();
    await page.getByTestId('offline-banner').waitFor();

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('offline-banner').count(), { timeout: 30_000 }).toBe(0);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('a violation typed offline survives a reload and is sent once when the signal returns', async () => {
    const page = await e2e.newPage('phone');
    const posts: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/violations') {
        posts.push(r.status());
        // A refusal is shown with what was sent and why, so a failure names its cause.
        if (r.status() >= 400)
          void r
            .text()
            .then((t) => console.error(`POST /violations ${r.status()}: ${t} ← ${r.request().postData()}`));
      }
    });
    await e2e.login(page, 'demo-secretary');
    const people = (await (
      await page.request.get('/api/v1/people?partyStatus=masses&pageSize=5')
    ).json()) as {
      items: { id: string; name: string; employeeNo: string }[];
    };
    const worker = people.items[0];

    // Online: the form opens, the person and the category are picked (their lists come from the server).
    await page.goto('/safety/violations/new');
    await page.locator('#personId').click();
    await page.locator('#personId').fill(worker.employeeNo);
    await page.locator('.ant-select-item-option', { hasText: worker.name }).first().click();
    await page.locator('#category').click();
    await page.locator('.ant-select-item-option', { hasText: '调车作业' }).first().click();
    await serviceWorkerReady(page);

    // The signal goes; the rest is typed offline and kept on the phone as it is typed.
    await page.context().setOffline(true);
    await page.locator('#place').fill('海拉尔站西咽喉');
    await page.locator('#description').fill(DESCRIPTION);
    await page.waitForTimeout(1000);

    // A reload without signal: the app opens from the service worker, the draft comes back.
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.locator('#description').inputValue()).toBe(DESCRIPTION);
    expect(await page.locator('#place').inputValue()).toBe('海拉尔站西咽喉');
    expect(await page.locator('.ant-form-item', { hasText: '违章违纪人员' }).innerText()).toContain(
      worker.name,
    );
    await page.getByTestId('offline-banner').waitFor();
    await e2e.screenshot(page, 'draft-restored');

    // Sent without signal: it waits on the phone.
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL((u) => u.pathname === '/talks');
    await expect.poll(async () => page.getByTestId('offline-banner').innerText()).toContain('1 条待发送');
    expect(await violationsWith(DESCRIPTION)).toEqual([]);
    // Still there after another reload.
    await page.reload();
    await expect.poll(async () => page.getByTestId('offline-banner').innerText()).toContain('1 条待发送');

    // The signal returns: the outbox sends it, once.
    await page.context().setOffline(false);
    await expect.poll(async () => (await violationsWith(DESCRIPTION)).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('pending-banner').count(), { timeout: 10_000 }).toBe(0);
    const [row] = await violationsWith(DESCRIPTION);
    expect(row.drafted_at, 'the time it was drafted is kept').not.toBeNull();
    expect(new Date(row.drafted_at!).getTime()).toBeLessThanOrEqual(
      new Date(row.recorded_at).getTime() + 1000,
    );
    // Nothing is sent again: one successful POST, however many attempts the signal allowed.
    await page.waitForTimeout(2000);
    expect(posts.filter((s) => s === 201)).toEqual([201]);
    expect(await violationsWith(DESCRIPTION)).toHaveLength(1);
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('an edit made offline over a record changed meanwhile is shown as a conflict, the user chooses', async () => {
    const page = await e2e.newPage('phone');
    await e2e.login(page, 'demo-secretary');
    // A meeting record to edit (made through the API as the same secretary).
    const desk = await e2e.env.login('demo-secretary');
    const roster = (await desk.get(`/api/v1/meetings/roster?orgId=${e2e.fixtures.branchId}`)).json();
    const created = await desk.post('/api/v1/meetings', {
      orgId: e2e.fixtures.branchId,
      kind: 'theme_party_day',
      topic: '学习安全生产规章（会前拟定）',
      heldAt: new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      place: '车站会议室',
      attendance: roster.items.map((p: { personId: string }) => ({
        personId: p.personId,
        status: 'present',
      })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();

    await page.goto(`/meetings/${meeting.id}/edit`);
    await page.locator('#topic').waitFor();
    await serviceWorkerReady(page);
    // Offline on the phone: the topic is changed and saved; it waits on the phone.
    await page.context().setOffline(true);
    await page.locator('#topic').fill('学习安全生产规章（手机上离线改的）');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await expect.poll(async () => page.getByTestId('offline-banner').innerText()).toContain('1 条待发送');
    // Meanwhile someone changes the record at a desk.
    const elsewhere = await desk.request(
      'PATCH',
      `/api/v1/meetings/${meeting.id}`,
      {
        orgId: meeting.orgId,
        kind: meeting.kind,
        topic: '学习安全生产规章（电脑上改的）',
        heldAt: meeting.heldAt,
        place: meeting.place,
      },
      { 'if-match': `"${meeting.version}"` },
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);

    // The signal returns: the phone's edit is not applied over it; the user is told.
    await page.context().setOffline(false);
    await page.getByText('与服务器上的版本冲突').waitFor({ timeout: 30_000 });
    expect((await desk.get(`/api/v1/meetings/${meeting.id}`)).json().topic).toBe(
      '学习安全生产规章（电脑上改的）',
    );

    // The form shows both versions side by side.
    await page.goto(`/meetings/${meeting.id}/edit`);
    const conflict = page.getByTestId('draft-conflict');
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toContain('会议主题');
    expect(text).toContain('（电脑上改的）');
    expect(text).toContain('（手机上离线改的）');
    await e2e.screenshot(page, 'draft-conflict');

    // The user keeps theirs: sent again on the version now seen.
    await conflict.getByRole('button', { name: /保留我的/ }).click();
    await expect
      .poll(async () => (await desk.get(`/api/v1/meetings/${meeting.id}`)).json().topic, { timeout: 20_000 })
      .toBe('学习安全生产规章（手机上离线改的）');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('on a phone, text is at least 14 px and controls at least 44 px', async () => {
    const page = await e2e.newPage('phone');
    await e2e.login(page, 'demo-secretary');
    const problems: string[] = [];
    for (const path of ['/', '/todo', '/record', '/safety/violations/new', '/talks/new']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
        };
        // Text: every element holding its own visible text (charts are drawings, not text).
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('svg, [data-chart], .ant-badge-count, .ant-scroll-number')) continue;
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
          if (!own || !visible(el)) continue;
          const size = Number.parseFloat(getComputedStyle(el).fontSize);
          if (size < 14) out.push(`text ${size}px: ${el.textContent!.trim().slice(0, 20)}`);
        }
        // Controls: buttons, fields, selects, checkboxes, tab-bar entries.
        const controls =
          'button, .ant-btn, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), .ant-select, .ant-picker, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper, nav[aria-label="底部导航"] a, nav[aria-label="底部导航"] button';
        for (const el of document.querySelectorAll(controls)) {
          // The field inside a select, a date picker or an affixed input: its frame is the target.
          if (!visible(el)) continue;
          if (
            el.matches('input') &&
            el.parentElement?.closest('.ant-select, .ant-picker, .ant-input-affix-wrapper')
          )
            continue;
          const r = el.getBoundingClientRect();
          if (r.height < 43.5)
            out.push(
              `control ${Math.round(r.width)}×${Math.round(r.height)}: ${(el.textContent || el.getAttribute('aria-label') || el.className).toString().trim().slice(0, 30)}`,
            );
        }
        return out;
      });
      problems.push(...found.map((f) => `${path} ${f}`));
    }
    expect(problems).toEqual([]);
  });
});
