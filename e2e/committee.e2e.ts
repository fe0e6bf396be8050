/**
 * Committees and terms in a browser, at desktop and phone size, as the committee admin (the superior of
 * every branch): open the demo branch, appoint a post (a non-member is refused with the server's message
 * on the field), end it with a reason and find it among the past holders, record a new term for a
 * branch whose term is due (the reason asked for an early election), record from the terms page, and
 * migrate the party posts of a new branch. Screenshots of the card and each dialog: artifacts/committee/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addMonths, termEnd } from '../src/kernel/orgs/committee-rules';
import type { CommitteeResponse, TermsResponse } from '../src/kernel/orgs/contract';
import { todayLocal } from '../src/platform/dates';
import { ROOT, setupE2E, textOf, type Viewport } from './support';

const e2e = setupE2E();
const SHOTS = join(ROOT, 'artifacts', 'committee');

interface PersonRow {
  id: string;
  name: string;
  partyStatus: string;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * A picture once requests and antd's motion have settled: artifacts/committee/<name>-<size>.png. A dialog
 * as the screen shows it; a page whole on a desktop, and on a phone the screen scrolled to `focus` (a
 * full-page picture would draw the fixed header and tab bar over the middle of the page).
 */
async function shot(page: Page, name: string, viewport: Viewport, focus?: Locator) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  const dialog = (await page.locator('.ant-modal-wrap:visible').count()) > 0;
  if (!dialog && focus && viewport === 'phone')
    await focus.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
  await page.waitForTimeout(400);
  await page.screenshot({
    path: join(SHOTS, `${name}-${viewport}.png`),
    fullPage: !dialog && viewport === 'desktop',
  });
}

/** Nothing wider than the screen (a phone must never scroll sideways). */
async function expectNoSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(width);
}

const modal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal').last();

/** Picks a person in the shared PersonPicker of the open dialog by name. */
async function pickPerson(page: Page, name: string) {
  const input = modal(page).locator('#personId');
  await input.click();
  await input.fill(name);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

describe.each(['desktop', 'phone'] as const)('committee and terms (%s)', (viewport) => {
  test('appoint, end with a reason, record a term, migrate party posts', async () => {
    const page = await e2e.newPage(viewport);
    await e2e.login(page, 'demo-committee');
    const branchId = e2e.fixtures.branchId;
    const today = todayLocal();

    // A full member of the demo branch holding no post, and an employee who is not a party member.
    const people = await getJson<{ items: PersonRow[] }>(
      page,
      `/api/v1/people?orgId=${branchId}&pageSize=100`,
    );
    const before = await getJson<CommitteeResponse>(page, `/api/v1/orgs/${branchId}/committee`);
    expect(before.canManage).toBe(true);
    const unique = (p: PersonRow) => people.items.filter((o) => o.name.includes(p.name)).length === 1;
    const full = people.items.find(
      (p) => p.partyStatus === 'full' && unique(p) && !before.posts.some((h) => h.personId === p.id),
    );
    const masses = people.items.find((p) => p.partyStatus === 'masses' && unique(p));
    expect(full, 'a full member without a post').toBeTruthy();
    expect(masses, 'an employee who is not a party member').toBeTruthy();

    await page.goto(`/orgs?id=${branchId}`);
    const card = page.getByTestId('committee-card');
    await card.getByText(/委员会（/).waitFor();
    await expect.poll(() => card.locator('.ant-table-row').count()).toBe(before.posts.length);
    await shot(page, '1-card', viewport, card);
    if (viewport === 'phone') await expectNoSidewaysScroll(page);

    // 任命职务: a non-member is refused, the server's Chinese message shown on the field.
    await card.getByRole('button', { name: /任命职务/ }).click();
    const appoint = modal(page);
    await appoint.getByText('任命职务：').waitFor();
    await appoint.locator('#post').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^委员$/ })
      .click();
    await pickPerson(page, masses!.name);
    await appoint.getByRole('button', { name: /任\s*命/ }).click();
    await expect
      .poll(() => textOf(appoint.locator('.ant-form-item-explain-error').first()))
      .toContain('不是正式党员');
    await shot(page, '2-appoint-refused', viewport);
    await pickPerson(page, full!.name);
    await appoint.locator('#reason').fill('段党委组织部任命');
    await shot(page, '3-appoint-dialog', viewport);
    if (viewport === 'phone') {
      const box = await appoint.boundingBox();
      expect(box!.width).toBeGreaterThan(340);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await appoint.getByRole('button', { name: /任\s*命/ }).click();
    const row = card.locator('.ant-table-row', { hasText: full!.name });
    await expect.poll(() => row.count()).toBe(1);
    expect(await textOf(row)).toContain('委员');
    expect(await textOf(row)).toContain('任命');
    await page
      .locator('.ant-modal-wrap:visible')
      .waitFor({ state: 'detached' })
      .catch(() => {});

    // 结束任职: the reason is required; once ended the post leaves today's committee.
    await row.getByRole('button', { name: '结束任职' }).click();
    const end = modal(page);
    await end.getByText(`结束任职：委员 ${full!.name}`).waitFor();
    // (Clicked until the form answers: a click during the dialog's opening motion may go nowhere.)
    await expect
      .poll(async () => {
        await end.getByRole('button', { name: '结束任职' }).click();
        return end.getByText('请填写离任原因').count();
      })
      .toBe(1);
    await end.locator('#reason').fill('工作调动');
    await shot(page, '4-end-dialog', viewport);
    await end.getByRole('button', { name: '结束任职' }).click();
    await expect.poll(() => row.count()).toBe(0);
    const after = await getJson<CommitteeResponse>(page, `/api/v1/orgs/${branchId}/committee`);
    const ended = after.history.find((p) => p.personId === full!.id && p.post === 'member');
    expect(ended?.to).toBe(today);
    expect(ended?.reason).toContain('离任：工作调动');

    // 显示历任: the ended post is listed with its reason.
    await card.getByText('显示历任').click();
    // (The other screen size's run may have appointed and ended the same person already.)
    const held = after.history.filter((p) => p.personId === full!.id).length;
    const pastRows = card.locator('.ant-table-row', { hasText: full!.name });
    await expect.poll(() => pastRows.count()).toBe(held);
    expect(await textOf(pastRows.first())).toContain(viewport === 'desktop' ? '离任：工作调动' : today);
    await shot(page, '5-history', viewport, card);

    // 登记换届 from the card of a branch whose term ends within the year: early, so a reason is asked.
    const terms = await getJson<TermsResponse>(page, '/api/v1/terms');
    const due = terms.items.find(
      (t) =>
        t.canRecord &&
        t.orgType === 'branch' &&
        t.status === 'due_soon' &&
        t.endsOn > today &&
        addMonths(t.endsOn, -12) <= today,
    );
    expect(due, 'a branch whose term ends within the year').toBeTruthy();
    await page.goto(`/orgs?id=${due!.orgId}`);
    await card.getByText(`本届 ${due!.startedOn} 至 ${due!.endsOn}`).waitFor();
    await card.getByRole('button', { name: '登记换届' }).click();
    const term = modal(page);
    await term.getByText(`登记换届：${due!.orgName}`).waitFor();
    expect(await textOf(term.getByTestId('term-ends-on'))).toBe(termEnd(today, terms.settings.termYears));
    await term.getByRole('button', { name: /登\s*记/ }).click();
    await term.getByText('请说明提前换届的原因').waitFor();
    await term.locator('#reason').fill('经段党委批准，结合班组调整提前换届');
    await shot(page, '6-term-dialog', viewport);
    await term.getByRole('button', { name: /登\s*记/ }).click();
    await card.getByText(`本届 ${today} 至 ${termEnd(today, terms.settings.termYears)} · 任期内`).waitFor();
    const recorded = await getJson<TermsResponse>(page, `/api/v1/terms?orgId=${due!.orgId}`);
    expect(recorded.items.find((t) => t.orgId === due!.orgId)?.reason).toContain('提前换届');

    // The terms page offers the same dialog on its rows; more than a year early is refused by the server.
    await page.goto('/orgs/terms');
    await page.getByText(/需关注（\d+）/).waitFor();
    const listed = page
      .locator('.ant-table-row')
      .filter({ has: page.getByRole('button', { name: '登记换届' }) });
    await expect.poll(() => listed.count()).toBeGreaterThan(0);
    await shot(page, '7-terms-page', viewport);
    if (viewport === 'phone') await expectNoSidewaysScroll(page);
    await listed.first().getByRole('button', { name: '登记换届' }).click();
    const fromList = modal(page);
    await fromList.getByText('登记换届：').waitFor();
    const date = fromList.locator('#startedOn');
    await date.click();
    await date.fill(addMonths(today, -24));
    await date.press('Enter');
    await fromList.locator('.ant-alert', { hasText: '不能超过1年' }).waitFor();
    await fromList.getByRole('button', { name: /登\s*记/ }).click();
    await expect
      .poll(() => textOf(fromList.locator('.ant-form-item-explain-error').first()))
      .toMatch(/不能超过1年|早于组织成立日期|晚于本届任期的开始日期/);
    await shot(page, '8-terms-page-dialog-refused', viewport);
    await fromList.getByRole('button', { name: /取\s*消/ }).click();

    // A new branch has no posts: 迁移党内职务 is offered and reports what it did.
    await page.goto(`/orgs?id=${e2e.fixtures.generalId}`);
    await page.getByRole('button', { name: '新建下级' }).click();
    const create = modal(page);
    await create.locator('#name').fill(`海拉尔站测试${viewport === 'phone' ? '二' : '一'}班党支部`);
    await create.getByRole('button', { name: /新\s*建/ }).click();
    await page.waitForURL((u) => u.searchParams.get('id') !== e2e.fixtures.generalId);
    await card.getByText(/委员会（/).waitFor();
    await card.getByText('未登记任期').waitFor();
    await shot(page, '9-new-branch', viewport, card);
    await card.getByRole('button', { name: '迁移党内职务' }).click();
    await page.getByText('人员的党内职务中没有本支部委员会的职务，未迁移任何记录').waitFor();
    // With no term recorded, 登记换届 needs no reason.
    await card.getByRole('button', { name: '登记换届' }).click();
    const first = modal(page);
    await first.getByText('尚未登记任期').waitFor();
    expect(await first.locator('#reason').count()).toBe(0);
    await shot(page, '10-first-term-dialog', viewport);
    await first.getByRole('button', { name: /登\s*记/ }).click();
    await card.getByText(`本届 ${today} 至 ${termEnd(today, terms.settings.termYears)}`).waitFor();
    if (viewport === 'phone') await expectNoSidewaysScroll(page);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});
