/**
 * 考核评比 in a browser. At desktop size the committee opens a round over the whole section, finds a
 * branch's organization-life points in the results and drills from the points to the records behind them
 * and on to a meeting record. Then every assessment page is opened at phone size (390×844) and desktop
 * size (1440×900) and photographed (artifacts/e2e/assessment-*.png).
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, setupE2E, textOf, type Viewport } from './support';

const e2e = setupE2E();
const SHEET = '党支部季度工作考核';

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** A full-page screenshot; a busy machine may need a second try. */
async function shoot(page: Page, name: string) {
  try {
    await e2e.screenshot(page, name);
  } catch {
    await page.waitForTimeout(2000);
    await e2e.screenshot(page, name);
  }
}

/** A page that rendered: no error or refusal result, something in the content, no uncaught error. */
async function expectRendered(page: Page, path: string) {
  const results = await page.locator('.ant-result-title').allInnerTexts();
  expect(results, `${path} shows a result page`).toEqual([]);
  expect(await page.locator('.ant-alert-error').count(), `${path} shows an error`).toBe(0);
  expect(await textOf(page.locator('main, .ant-layout-content').first()), `${path} is empty`).not.toBe('');
  expect(e2e.pageErrors(page), `${path} threw`).toEqual([]);
}

describe('the committee at a desk', () => {
  test('opens a round over the section and drills from a branch’s points to the meeting behind them', async () => {
    const page = await e2e.newPage('desktop');
    const shot = (name: string) => shoot(page, `assessment-flow-${name}`);
    const refused: string[] = [];
    page.on('response', async (r) => {
      if (r.url().includes('/api/') && r.status() >= 400)
        refused.push(`${r.request().method()} ${r.url()} ${r.status()} ${await r.text().catch(() => '')}`);
    });
    await e2e.login(page, 'demo-committee');

    await page.goto('/assessment/rounds');
    await page.getByRole('button', { name: /发起考核/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '发起考核' });
    await dialog.locator('#templateId').click();
    await page.locator('.ant-select-item-option', { hasText: SHEET }).first().click();
    await dialog.locator('#orgId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').first().click();
    await dialog.locator('#period').click();
    await page.locator('.ant-select-item-option', { hasText: '2026年第3季度' }).first().click();
    await dialog.locator('#name').fill('2026年第3季度复核考核');
    await shot('1-new-round');
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    await page.waitForURL(/\/assessment\/rounds\/[0-9a-f-]{36}$/).catch(() => {
      throw new Error(`no round page; refused: ${refused.join(' | ')}`);
    });
    const roundId = page.url().split('/').pop()!;

    // The results, in the tree's order without rank; every figure opens its evidence.
    const table = page.locator('.ant-table-tbody');
    await expect
      .poll(() => table.locator('tr.ant-table-row').count(), { timeout: 60_000 })
      .toBeGreaterThan(10);
    expect(await textOf(page.locator('.ant-card').first())).toContain('未启用排名');
    await shot('2-results');

    // A branch whose organization life has meetings: from its points to the records.
    const results = await getJson<{
      items: {
        subjectId: string;
        orgName: string;
        items: {
          itemId: string;
          name: string;
          evidence: { records: { link: string | null; tone: string }[] };
        }[];
      }[];
    }>(page, `/api/v1/assessment/rounds/${roundId}/results`);
    const subject = results.items.find((r) =>
      r.items.some(
        (i) =>
          i.name === '“三会一课”落实' &&
          i.evidence.records.some((x) => x.link?.startsWith('/meetings/') && x.tone === 'good'),
      ),
    )!;
    expect(subject).toBeTruthy();
    await page.getByPlaceholder('搜索党支部').fill(subject.orgName);
    await page.getByPlaceholder('搜索党支部').press('Enter');
    await page.getByRole('link', { name: `${subject.orgName} “三会一课”落实 的依据` }).click();
    await page.waitForURL(
      (u) => u.pathname.endsWith(`/subjects/${subject.subjectId}`) && u.hash.startsWith('#item-'),
    );
    const card = page.locator(`[id="${new URL(page.url()).hash.slice(1)}"]`);
    await card.waitFor();
    expect(await textOf(card)).toContain('应开');
    await shot('3-evidence');

    // A meeting record (not the module's compliance page the item's "在原模块中查看" opens).
    const meeting = card
      .locator('a[href^="/meetings/"]:not([href^="/meetings/compliance"]):not([href^="/meetings/members"])')
      .first();
    const title = await textOf(meeting);
    await meeting.click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => textOf(page.locator('main, .ant-layout-content').first()))
      .toContain(title.split('：').pop()!);
    await expectRendered(page, 'meeting from evidence');
    await shot('4-meeting');
  }, 180_000);
});

const committeePages = async (page: Page) => {
  const rounds = await getJson<{ items: { id: string; status: string; target: string }[] }>(
    page,
    '/api/v1/assessment/rounds',
  );
  const closed = rounds.items.find((r) => r.status === 'closed' && r.target === 'branch')!;
  const member = rounds.items.find((r) => r.target === 'member')!;
  const results = await getJson<{ items: { subjectId: string; applicable: boolean }[] }>(
    page,
    `/api/v1/assessment/rounds/${closed.id}/results`,
  );
  const templates = await getJson<{ items: { id: string }[] }>(page, '/api/v1/assessment/templates');
  const overview = await getJson<{ rows: { orgId: string; orgLife: { link: string } }[] }>(
    page,
    '/api/v1/assessment/overview',
  );
  const zones = await getJson<{ items: { orgId: string }[] }>(page, '/api/v1/assessment/zones');
  return [
    ['overview', '/assessment/overview'],
    ['overview-evidence', overview.rows[0].orgLife.link],
    ['rounds', '/assessment/rounds'],
    ['results', `/assessment/rounds/${closed.id}`],
    [
      'subject',
      `/assessment/rounds/${closed.id}/subjects/${results.items.find((r) => r.applicable)!.subjectId}`,
    ],
    ['member-results', `/assessment/rounds/${member.id}`],
    ['templates', '/assessment/templates'],
    ['template', `/assessment/templates/${templates.items[0].id}`],
    ['template-editor', `/assessment/templates/new?from=${templates.items[0].id}`],
    ['zones', '/assessment/zones'],
    ['branch', `/assessment/branches/${zones.items[0].orgId}`],
    ['settings', '/assessment/settings'],
  ] as const;
};

describe('every assessment page at phone and desktop size', () => {
  for (const viewport of ['phone', 'desktop'] as Viewport[]) {
    test(`the committee’s pages (${viewport})`, async () => {
      const page = await e2e.newPage(viewport);
      await e2e.login(page, 'demo-committee');
      for (const [name, path] of await committeePages(page)) {
        await page.goto(path);
        await page
          .locator('.bl-spinner')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => {});
        await expect.poll(() => textOf(page.locator('main, .ant-layout-content').first())).not.toBe('');
        await shoot(page, `assessment-${name}`);
        await expectRendered(page, path);
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        expect(overflow, `${path} scrolls sideways at ${viewport}`).toBeLessThanOrEqual(0);
      }
      // Twelve pages, each photographed whole: a busy two-core machine needs more than one page's time.
    }, 300_000);

    test(`the secretary’s branch page and home card (${viewport})`, async () => {
      const page = await e2e.newPage(viewport);
      await e2e.login(page, 'demo-secretary');
      await page.goto('/');
      const card = page.locator('.ant-card', { hasText: '岗区与考核' });
      await card.waitFor();
      await card.scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle').catch(() => {});
      await card.screenshot({ path: join(ARTIFACTS, `assessment-home-card-${viewport}.png`) });
      await page.locator('.ant-card', { hasText: '岗区与考核' }).getByRole('link', { name: '查看' }).click();
      await page.waitForURL(/\/assessment\/branches\//);
      await page.locator('.ant-card-head-title', { hasText: /^党员责任区和示范岗/ }).waitFor();
      await shoot(page, 'assessment-branch-secretary');
      await expectRendered(page, 'branch page (secretary)');
      const rounds = await getJson<{ items: { id: string; status: string; target: string }[] }>(
        page,
        '/api/v1/assessment/rounds',
      );
      const open = rounds.items.find((r) => r.status === 'open' && r.target === 'branch')!;
      await page.goto(`/assessment/rounds/${open.id}`);
      await page.locator('.ant-card', { hasText: '考核对象' }).waitFor();
      await shoot(page, 'assessment-results-secretary');
      await expectRendered(page, 'results (secretary)');
    });
  }
});
