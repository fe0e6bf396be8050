/**
 * 督办 and 网上检查 in a browser. On a phone, the branch secretary answers the committee's task from the
 * to-do (the figures come prefilled from the records, she confirms them), and answers a rectification
 * with a photo; the committee returns the task's answer with a comment and it is back on her to-do; the
 * general branch accepts the rectification. Then every page of both modules is opened at phone size
 * (390×844) and desktop size (1440×900) and photographed (artifacts/e2e/supervision-*.png).
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, setupE2E, textOf, type Viewport } from './support';

const e2e = setupE2E();
const TASK = '报送本月党员人数及本季度组织生活开展情况';
const ANSWER = '已核对本支部党员人数和本季度组织生活次数，与系统统计一致。';
const RECT = '为违章党员明确包保人，制定帮教计划，每月回访一次。';
const RECT_ANSWER = '已明确支部书记为包保人，制定三个月帮教计划，11月已回访一次。';
const RETURN_COMMENT = '请补充本季度党课的主讲人';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** A page whose lazy chunk and first data have come: no spinner left, something in the content. */
async function settle(page: Page) {
  await page.locator('.ant-layout-content').first().waitFor();
  await page
    .locator('.bl-spinner')
    .first()
    .waitFor({ state: 'detached', timeout: 60_000 })
    .catch(() => {});
  await expect.poll(() => textOf(page.locator('main, .ant-layout-content').first())).not.toBe('');
}

/**
 * A screenshot, tried twice: on a two-core machine shared with other runs a full-page picture can take
 * longer than the context's 20 s once; the second try is the evidence.
 */
async function snap(page: Page, name: string) {
  try {
    await e2e.screenshot(page, name);
  } catch {
    await e2e.screenshot(page, name);
  }
}

/**
 * A picture of the viewport only, for an open drawer: a full-page picture of a page under a fixed drawer
 * makes Chromium lay the page out again at full height and has timed out on a busy machine.
 */
async function snapViewport(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${e2e.viewportOf(page)}.png`), timeout: 60_000 });
}

/** Logs in, once more if the first try timed out on a busy machine. */
async function login(page: Page, user: string) {
  try {
    await e2e.login(page, user);
  } catch {
    await e2e.login(page, user);
  }
}

/** A page that rendered: no error or refusal result, something in the content, no uncaught error. */
async function expectRendered(page: Page, path: string) {
  const results = await page.locator('.ant-result-title').allInnerTexts();
  expect(results, `${path} shows a result page`).toEqual([]);
  expect(await textOf(page.locator('main, .ant-layout-content').first()), `${path} is empty`).not.toBe('');
  expect(e2e.pageErrors(page), `${path} threw`).toEqual([]);
}

const taskId = async (page: Page, title: string) =>
  (
    await getJson<{ items: { id: string; title: string }[] }>(
      page,
      `/api/v1/tasks?q=${encodeURIComponent(title)}`,
    )
  ).items[0].id;
const rectificationId = async (page: Page, requirement: string) =>
  (
    await getJson<{ items: { id: string; requirement: string }[] }>(
      page,
      '/api/v1/rectifications?pageSize=100',
    )
  ).items.find((r) => r.requirement === requirement)!.id;

describe('督办 and 整改 on a phone', () => {
  test('the secretary answers a task and a rectification from the to-do; the loops close', async () => {
    const page = await e2e.newPage('phone');
    const shot = (name: string) => snap(page, `supervision-flow-${name}`);
    await e2e.login(page, 'demo-secretary');

    // The to-do lists the task owed (the overdue one in red) and the rectifications.
    await page.goto('/todo');
    const taskLine = page.locator('.bl-todo-line', { hasText: '督办任务待回复' });
    await taskLine.waitFor();
    expect(await textOf(taskLine)).toMatch(/逾期 \d/);
    expect(await page.locator('.bl-todo-line', { hasText: '整改事项待落实' }).count()).toBe(1);
    await shot('1-todo');

    // From the to-do to the received tasks, and the committee's task.
    await taskLine.click();
    await page.waitForURL((u) => u.pathname === '/tasks' && u.searchParams.get('box') === 'received');
    await page.getByText(TASK).first().click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    const card = page.locator('[data-testid="answer-card"]');
    await card.waitFor();
    // The figures come from the records: the secretary confirms them.
    await expect.poll(() => textOf(card)).toContain('系统统计');
    const members = await card.locator('input.ant-input-number-input').first().inputValue();
    expect(Number(members)).toBeGreaterThan(0);
    await card.locator('.ant-select').last().click();
    await page.locator('.ant-select-item-option', { hasText: '已核对' }).click();
    await card.locator('textarea').fill(ANSWER);
    await shot('2-answer-task');
    await card.getByRole('button', { name: /提交回复/ }).click();
    await expect.poll(() => textOf(card)).toContain('等待上级审核');
    await shot('3-task-submitted');
    const id = page.url().split('/').pop()!;
    const mine = await getJson<{ targets: { status: string; content: string }[] }>(
      page,
      `/api/v1/tasks/${id}`,
    );
    expect(mine.targets[0]).toMatchObject({ status: 'submitted', content: ANSWER });

    // The rectification: from the to-do, answered with a photo.
    await page.goto('/todo');
    await page.locator('.bl-todo-line', { hasText: '整改事项待落实' }).click();
    await page.waitForURL((u) => u.pathname === '/rectifications');
    await page.getByText('整改事项', { exact: true }).first().waitFor();
    const rid = await rectificationId(page, RECT);
    await page.goto(`/rectifications/${rid}`);
    const rect = page.locator('[data-testid="rectify-card"]');
    await rect.waitFor();
    await rect.locator('textarea').fill(RECT_ANSWER);
    const chooser = page.waitForEvent('filechooser');
    await rect.getByRole('button', { name: /上传照片或文件/ }).click();
    await (await chooser).setFiles({ name: '帮教回访.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => rect.locator('img').count()).toBe(1);
    await shot('4-answer-rectification');
    await rect.getByRole('button', { name: /提交整改情况/ }).click();
    await expect.poll(() => textOf(page.locator('main, .ant-layout-content').first())).toContain('待验收');
    await shot('5-rectification-answered');
    expect(e2e.pageErrors(page)).toEqual([]);

    // The committee returns the answer with a comment; it is back on the secretary's to-do.
    const committee = await e2e.newPage('desktop');
    await login(committee, 'demo-committee');
    await committee.goto(`/tasks/${id}?status=submitted`);
    const row = committee.locator('.ant-table-row', { hasText: '海拉尔站运转一班党支部' });
    await row.getByRole('button', { name: /审\s*核/ }).click();
    await committee.getByRole('button', { name: /^退\s*回$/ }).click();
    await committee.locator('.ant-drawer textarea').fill(RETURN_COMMENT);
    await snapViewport(committee, 'supervision-flow-6-return');
    await committee.getByRole('button', { name: /确认退回/ }).click();
    await committee.locator('.ant-drawer').waitFor({ state: 'detached' });
    await page.goto(`/tasks/${id}`);
    await expect.poll(() => textOf(page.locator('[data-testid="answer-card"]'))).toContain(RETURN_COMMENT);
    await shot('7-task-returned');

    // The general branch accepts the rectification.
    const general = await e2e.newPage('phone');
    await login(general, 'demo-general');
    await general.goto(`/rectifications/${rid}`);
    await general.getByRole('button', { name: /验收销号/ }).click();
    await general
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => textOf(general.locator('main, .ant-layout-content').first())).toContain('已销号');
    await snap(general, 'supervision-flow-8-closed');
    expect(e2e.pageErrors(general)).toEqual([]);
    expect(e2e.pageErrors(committee)).toEqual([]);
  }, 480_000);
});

/** Every page of both modules, as a user who sees it, photographed at this size. */
async function everyPage(page: Page, who: string) {
  const tid = await taskId(page, TASK);
  const inspections = await getJson<{ items: { id: string; orgId: string }[] }>(
    page,
    '/api/v1/inspections?pageSize=50',
  );
  const inspection = inspections.items.find((i) => i.orgId === e2e.fixtures.branchId) ?? inspections.items[0];
  const rid = await rectificationId(page, RECT);
  const pages: [string, string][] = [
    ['/', 'home'],
    ['/tasks', 'tasks'],
    [`/tasks/${tid}`, 'task'],
    ['/inspections', 'inspections'],
    [`/inspections/${inspection.id}`, 'inspection'],
    [`/inspections/${inspection.id}?tab=records`, 'inspection-records'],
    [`/inspections/${inspection.id}?tab=rectifications`, 'inspection-rectifications'],
    ['/rectifications', 'rectifications'],
    [`/rectifications/${rid}`, 'rectification'],
  ];
  if (who !== 'secretary')
    pages.push(
      ['/tasks/new', 'task-new'],
      ['/tasks/board', 'task-board'],
      [`/tasks/board?orgId=${e2e.fixtures.generalId}`, 'task-board-general'],
      [`/tasks/${tid}?status=overdue`, 'task-overdue'],
      ['/inspections/new', 'inspection-new'],
      ['/inspections/checklists', 'checklists'],
    );
  for (const [path, name] of pages) {
    await page.goto(path);
    await settle(page);
    await snap(page, `supervision-${who}-${name}`);
    await expectRendered(page, path);
  }
}

describe('every page at both sizes', () => {
  const cases: [Viewport, string, string][] = [
    ['phone', 'demo-secretary', 'secretary'],
    ['phone', 'demo-general', 'general'],
    ['desktop', 'demo-committee', 'committee'],
    ['desktop', 'demo-secretary', 'secretary'],
  ];
  test.each(cases)(
    '%s: %s',
    async (viewport, user, who) => {
      const page = await e2e.newPage(viewport);
      await login(page, user);
      await everyPage(page, who);
    },
    360_000,
  );
});
