/**
 * The secretary's safety work on a phone (ported from src/modules/safety/e2e/phone-flow.ts): a violation
 * is recorded, the talk it calls for shows as due, the talk is recorded and the obligation closes.
 * Then every safety page is opened at phone size (secretary) and desktop size (committee admin).
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { setupE2E, textOf } from './support';

const e2e = setupE2E();
const DESCRIPTION = '推进作业未派人在前端引导';
const SUMMARY = '指出推进作业不派人引导的危害，本人认识到错误，表示今后严格执行作业标准。';
const FOLLOW_UP = '班组长盯控一个月';

/** A page that rendered: no "page not found", no error or refusal result, no uncaught error. */
async function expectRendered(page: Page, path: string) {
  const results = await page.locator('.ant-result-title').allInnerTexts();
  expect(results, `${path} shows a result page`).toEqual([]);
  expect(await textOf(page.locator('main, .ant-layout-content').first()), `${path} is empty`).not.toBe('');
  expect(e2e.pageErrors(page), `${path} threw`).toEqual([]);
}

describe('safety at phone size', () => {
  test('a violation is recorded, the secretary sees the talk due, records it and the obligation closes', async () => {
    const page = await e2e.newPage('phone');
    const shot = (name: string) => e2e.screenshot(page, `safety-${name}`);
    await e2e.login(page, 'demo-secretary');

    const people = (await (
      await page.request.get('/api/v1/people?partyStatus=masses&pageSize=50')
    ).json()) as {
      items: { id: string; name: string; employeeNo: string; post: string | null }[];
    };
    expect(people.items.length).toBeGreaterThan(0);
    const worker = people.items[people.items.length - 1];

    // Record the violation: person picked by employee number, category, what happened.
    await page.goto('/safety/violations/new');
    await page.locator('#personId').click();
    await page.locator('#personId').fill(worker.employeeNo);
    await page.locator('.ant-select-item-option', { hasText: worker.name }).first().click();
    // The post comes filled in from the person's record and stays editable.
    await expect.poll(() => page.locator('#post').inputValue()).toBe(worker.post ?? '');
    await page.locator('#post').fill('连结员（顶岗）');
    await page.locator('#category').click();
    await page.locator('.ant-select-item-option', { hasText: '调车作业' }).first().click();
    await page.locator('#description').fill(DESCRIPTION);
    await shot('1-record-violation');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL((u) => u.pathname === '/talks');

    // The talk it calls for is due, in the secretary's to-do list.
    const due = page
      .locator('[data-testid="obligation"]', { hasText: worker.name })
      .filter({ hasText: DESCRIPTION });
    await expect.poll(() => due.count()).toBe(1);
    expect(await due.getByText('待谈话').isVisible()).toBe(true);
    await shot('2-talk-due');

    // Record the talk.
    await due.getByRole('button', { name: /记录谈话/ }).click();
    await page.waitForURL(/\/talks\/new\?/);
    await page.locator('#summary').waitFor();
    // The form comes filled in with the person the talk is owed to.
    await expect
      .poll(() => textOf(page.locator('.ant-form-item', { hasText: '谈话对象' })))
      .toContain(worker.name);
    await page.locator('#summary').fill(SUMMARY);
    await page.locator('#followUp').fill(FOLLOW_UP);
    await shot('3-record-talk');
    await page.getByRole('button', { name: /保存谈话/ }).click();
    await page.waitForURL((u) => u.pathname === '/talks');

    // The obligation has left the to-do list and shows as done.
    await page.locator('.bl-card-list').waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => due.count()).toBe(0);
    await page.getByText('已谈话', { exact: true }).first().click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'done');
    const done = page
      .locator('[data-testid="obligation"]', { hasText: worker.name })
      .filter({ hasText: DESCRIPTION });
    await expect.poll(() => done.count()).toBe(1);
    expect(await done.getByText('已谈话').isVisible()).toBe(true);
    await shot('4-talk-done');

    // The secretary can read the talk back.
    await done.getByRole('button', { name: /查看谈话/ }).click();
    await page.waitForURL(/\/talks\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(FOLLOW_UP).count()).toBeGreaterThan(0);
    expect(await page.getByText(SUMMARY).isVisible()).toBe(true);
    await shot('5-talk-detail');
    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('every safety page opens for the secretary on a phone', async () => {
    const page = await e2e.newPage('phone');
    await e2e.login(page, 'demo-secretary');
    for (const [path, name] of [
      ['/safety', 'board'],
      ['/safety/violations', 'violations'],
      ['/safety/mentoring', 'mentoring'],
      ['/safety/notices', 'notices'],
      ['/safety/projects', 'projects'],
      ['/safety/analyses', 'analyses'],
      ['/talks/coverage', 'talks-coverage'],
    ]) {
      await page.goto(path);
      await e2e.screenshot(page, `safety-page-${name}`);
      await expectRendered(page, path);
    }
  });
});

describe('safety at desktop size', () => {
  test('every safety page opens for the committee admin', async () => {
    const page = await e2e.newPage('desktop');
    await e2e.login(page, 'demo-committee');
    for (const [path, name] of [
      ['/safety', 'board'],
      ['/safety/violations', 'violations'],
      ['/talks?status=overdue', 'talks-overdue'],
      ['/safety/mentoring', 'mentoring'],
      ['/safety/notices', 'notices'],
      ['/safety/projects', 'projects'],
      ['/safety/analyses', 'analyses'],
      ['/safety?month=1', 'board-month'],
      ['/talks/coverage', 'talks-coverage'],
      ['/safety/settings', 'settings'],
    ]) {
      await page.goto(path);
      await e2e.screenshot(page, `safety-page-${name}`);
      await expectRendered(page, path);
    }
    await page.goto('/safety/notices');
    await page.getByRole('button', { name: /发布通报/ }).click();
    await page.locator('#title').fill('关于上月党员违章违纪情况的通报');
    await e2e.screenshot(page, 'safety-page-notice-issue');
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});
