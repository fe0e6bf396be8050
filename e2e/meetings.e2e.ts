/**
 * Organization life in a browser (ported from src/modules/meetings/meetings.browser.ts), on a phone: the
 * branch secretary records a monthly committee meeting and submits it; the general branch admin returns
 * it with a comment; the secretary corrects it (saying why) and resubmits; the admin approves; the
 * compliance matrix counts it. Then every meetings page is opened at phone size (secretary) and desktop
 * size (committee and general branch admins).
 */

import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { dayjs, ZONE } from '../src/platform/dates';
import { queryRows } from '../src/platform/db';
import { createAccountWithRole, OTHER_PASSWORD } from '../test/harness';
import { setupE2E, textOf } from './support';

const e2e = setupE2E();
const SECRETARY_BRANCH = '海拉尔站运转一班党支部';
const TOPIC = '研究本月安全生产重点工作（浏览器测试）';
const COMMENT = '请补充会议决议';
const RESOLUTIONS = '会议同意本月安全生产重点，由组织委员落实。';
const REASON = '按审核意见补充决议';
const LECTURE = '党课：学习党章（浏览器测试）';

interface MeetingItem {
  id: string;
  topic: string;
  status: string;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** The test meeting as the API lists it to this page's user. */
async function theMeeting(page: Page): Promise<MeetingItem | undefined> {
  const body = await getJson<{ items: MeetingItem[] }>(
    page,
    '/api/v1/meetings?kind=branch_committee_meeting&pageSize=50',
  );
  return body.items.find((m) => m.topic === TOPIC);
}
const statusOf = async (page: Page) => (await theMeeting(page))?.status ?? 'missing';

/** A page that rendered: no "page not found", no error or refusal result, no uncaught error. */
async function expectRendered(page: Page, path: string) {
  const results = await page.locator('.ant-result-title').allInnerTexts();
  expect(results, `${path} shows a result page`).toEqual([]);
  expect(await textOf(page.locator('main, .ant-layout-content').first()), `${path} is empty`).not.toBe('');
  expect(e2e.pageErrors(page), `${path} threw`).toEqual([]);
}

describe('meetings at phone size', () => {
  test('a committee meeting is recorded, returned, corrected, approved and counted', async () => {
    const secretary = await e2e.newPage('phone');
    const general = await e2e.newPage('phone');
    await e2e.login(secretary, 'demo-secretary');
    await e2e.login(general, 'demo-general');

    // The secretary records the month's committee meeting and submits it.
    await secretary.goto('/meetings');
    await secretary.getByRole('button', { name: /记录会议/ }).click();
    await secretary.waitForURL(/\/meetings\/new/);
    await secretary.locator('label.ant-radio-button-wrapper', { hasText: /^支部委员会$/ }).click();
    await secretary.locator('#topic').fill(TOPIC);
    const place = secretary.locator('#place');
    if (!(await place.inputValue())) await place.fill('运转车间会议室');
    await secretary.locator('.ant-segmented').first().waitFor();
    await e2e.screenshot(secretary, 'meetings-1-record');
    await secretary.getByRole('button', { name: /提交审核/ }).click();
    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await e2e.screenshot(secretary, 'meetings-2-submitted');
    expect(await statusOf(secretary)).toBe('submitted');

    // The general branch admin returns it with a comment.
    // One tap opens the record from the queue; the decision is taken on the record.
    await general.goto('/meetings/review');
    const card = general.locator('.ant-card', { hasText: TOPIC });
    await card.click();
    await general.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await general
      .getByRole('button', { name: /退\s*回$/ })
      .first()
      .click();
    await general.getByPlaceholder(/写明需要更正的内容/).fill(COMMENT);
    await e2e.screenshot(general, 'meetings-3-return');
    await general
      .locator('.ant-modal')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await expect.poll(() => statusOf(general)).toBe('returned');
    await general.goto('/meetings/review');
    await general.locator('.ant-card, .ant-empty').first().waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await e2e.screenshot(general, 'meetings-4-returned');

    // The secretary sees the comment in the to-do list, corrects the record and resubmits it.
    await secretary.goto('/meetings');
    const returned = secretary.locator('.ant-alert', { hasText: COMMENT });
    await returned.first().waitFor();
    await e2e.screenshot(secretary, 'meetings-5-todo-returned');
    await returned.getByRole('button', { name: /更\s*正/ }).click();
    await secretary.waitForURL(/\/edit$/);
    await secretary.locator('#resolutions').fill(RESOLUTIONS);
    await secretary.locator('#reason').fill(REASON);
    await e2e.screenshot(secretary, 'meetings-6-correct');
    await secretary.getByRole('button', { name: /保存并重新提交/ }).click();
    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    expect(await statusOf(secretary)).toBe('submitted');

    // The admin approves it.
    await general.goto('/meetings/review');
    await general.locator('.ant-card', { hasText: TOPIC }).click();
    await general.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await general.getByRole('button', { name: /审核通过/ }).click();
    await expect.poll(() => statusOf(general)).toBe('approved');

    // The reviewer reads the revision: its reason and the changed resolutions.
    const meeting = await theMeeting(general);
    expect(meeting).toBeDefined();
    await general.goto(`/meetings/${meeting!.id}`);
    await general.getByText(REASON).first().waitFor();
    await expect.poll(() => general.getByText(RESOLUTIONS).count()).toBeGreaterThan(0);
    await e2e.screenshot(general, 'meetings-7-revisions');

    // The compliance matrix counts it in this month for the secretary's branch.
    await general.goto('/meetings/compliance');
    await general.locator('.ant-table-row, .ant-card').first().waitFor();
    await e2e.screenshot(general, 'meetings-8-compliance');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const matrix = await getJson<{
      months: string[];
      rows: { name: string; cells: { held: number; expected: number }[] }[];
    }>(general, `/api/v1/compliance/matrix?year=${today.slice(0, 4)}`);
    const row = matrix.rows.find((r) => r.name === SECRETARY_BRANCH);
    expect(row, `${SECRETARY_BRANCH} in the matrix`).toBeDefined();
    const month = matrix.months.indexOf(today.slice(0, 7));
    expect(row!.cells[month].held).toBeGreaterThan(0);
    // The rendered matrix says the same: this month's cell of the branch reads held/expected.
    const rendered = general.locator('tr.ant-table-row', { hasText: SECRETARY_BRANCH });
    await rendered.waitFor();
    // On a phone the grid opens on the last three months: the column is found by its header.
    const column = await general
      .locator('.ant-table')
      .filter({ has: rendered })
      .first()
      .locator('thead th', { hasText: new RegExp(`^${Number(today.slice(5, 7))}月$`) })
      .first()
      .evaluate((th) => (th as HTMLTableCellElement).cellIndex);
    expect(column).toBeGreaterThan(0);
    const cell = (await textOf(rendered.locator('td').nth(column))).trim();
    expect(cell).toBe(`${row!.cells[month].held}/${row!.cells[month].expected}`);

    // The quarterly and yearly kinds: branches × kinds with the attendance rate, drilling to the records.
    await general.locator('.ant-segmented-item', { hasText: /按类型/ }).click();
    const kindRow = general.locator('tr.ant-table-row', { hasText: SECRETARY_BRANCH });
    await expect.poll(async () => (await textOf(kindRow)).includes('%')).toBe(true);
    expect(await textOf(general.locator('.ant-table-thead', { hasText: '民主评议' }))).toContain(
      '支部党员大会',
    );
    await e2e.screenshot(general, 'meetings-9-compliance-kinds');
    await kindRow.locator('td').nth(1).locator('div').first().click();
    await general.waitForURL(/\/meetings\?orgId=.*kind=branch_general_meeting/);

    expect(e2e.pageErrors(secretary)).toEqual([]);
    expect(e2e.pageErrors(general)).toEqual([]);
  });

  test("a member signs in to today's branch meeting from the notice; the secretary sees it", async () => {
    const member = await e2e.newPage('phone');
    await e2e.login(member, 'demo-member');
    await member.goto('/meetings');
    const notice = member.locator('.ant-card', { hasText: '会议通知' });
    await notice.getByRole('button', { name: /签\s*到/ }).click();
    await notice.getByText(/已签到 \d{2}:\d{2}/).waitFor();
    await e2e.screenshot(member, 'meetings-10-signed-in');
    const secretary = await e2e.newPage('phone');
    await e2e.login(secretary, 'demo-secretary');
    const { items } = await getJson<{ items: { id: string; kind: string }[] }>(
      secretary,
      '/api/v1/meetings/notices',
    );
    const meeting = items.find((m) => m.kind === 'branch_general_meeting');
    expect(meeting).toBeDefined();
    await secretary.goto(`/meetings/${meeting!.id}`);
    await secretary
      .getByText(/\d{2}:\d{2} 签到/)
      .first()
      .waitFor();
    await e2e.screenshot(secretary, 'meetings-11-roll-call-signed');
    expect(e2e.pageErrors(member)).toEqual([]);
    expect(e2e.pageErrors(secretary)).toEqual([]);
  });

  test('a member asks for leave, another signs in, the secretary records the roll call prefilled', async () => {
    // The secretary plans a 党课 starting in half an hour (the server's clock).
    const api = await e2e.env.login('demo-secretary');
    const roster = (await api.get(`/api/v1/meetings/roster?orgId=${e2e.fixtures.branchId}`)).json().items as {
      personId: string;
      name: string;
      partyStatus: string;
      suspended?: boolean;
    }[];
    const heldAt = dayjs().tz(ZONE).add(30, 'minute').second(0).millisecond(0);
    const plan = await api.post('/api/v1/meetings', {
      orgId: e2e.fixtures.branchId,
      kind: 'party_lecture',
      topic: LECTURE,
      heldAt: heldAt.format(),
      place: '党员活动室',
      attendance: [],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const id = plan.json().id as string;

    // A member asks for leave from the meeting's page on their phone.
    const member = await e2e.newPage('phone');
    await e2e.login(member, 'demo-member');
    await member.goto(`/meetings/${id}`);
    await member.getByRole('button', { name: /^请\s*假$/ }).click();
    await member.getByPlaceholder(/请假原因/).fill('值乘');
    await member.getByRole('button', { name: /提交请假/ }).click();
    await member.getByText('已请假（值乘）').waitFor();
    await e2e.screenshot(member, 'meetings-12-leave');

    // Another member signs in within the window around the start.
    const withAccount = new Set(
      (
        await queryRows<{ person_id: string }>(
          e2e.env.ctx.db,
          sql`select person_id from accounts where person_id is not null`,
        )
      ).map((r) => r.person_id),
    );
    const other = roster.find(
      (p) => p.partyStatus === 'full' && !p.suspended && !withAccount.has(p.personId),
    );
    expect(other).toBeDefined();
    await createAccountWithRole(
      e2e.env,
      'e2e-second-member',
      'member',
      e2e.fixtures.branchId,
      other!.personId,
    );
    const second = await e2e.newPage('phone');
    // A refusal is printed with its reason, so a failure names its cause.
    second.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 400)
        void r.text().then((t) => console.error(`${r.request().method()} ${r.url()} ${r.status()}: ${t}`));
    });
    await e2e.login(second, 'e2e-second-member', OTHER_PASSWORD);
    await second.goto(`/meetings/${id}`);
    await second.getByRole('button', { name: /^签\s*到$/ }).click();
    // The member's card gives the day and the time: 已签到 11-18 10:02.
    await second.getByText(/已签到 \d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    await e2e.screenshot(second, 'meetings-13-signed-in-lecture');

    // The secretary opens the record: the roll call is prefilled from both, and saving keeps it.
    const secretary = await e2e.newPage('phone');
    await e2e.login(secretary, 'demo-secretary');
    await secretary.goto(`/meetings/${id}/edit`);
    await secretary.getByText('本人请假').first().waitFor();
    await secretary
      .getByText(/\d{2}:\d{2} 本人签到/)
      .first()
      .waitFor();
    await e2e.screenshot(secretary, 'meetings-14-roll-call-prefilled');
    await secretary.getByRole('button', { name: /保存草稿/ }).click();
    await secretary.waitForURL(new RegExp(`/meetings/${id}$`));
    await expect
      .poll(async () => {
        const m = (await api.get(`/api/v1/meetings/${id}`)).json();
        const line = (personId: string) =>
          m.attendance.find((a: { personId: string }) => a.personId === personId) ?? {};
        return [line(e2e.fixtures.memberPersonId).status, line(other!.personId).status];
      })
      .toEqual(['leave', 'present']);
    for (const page of [member, second, secretary]) expect(e2e.pageErrors(page)).toEqual([]);
  }, 300_000);

  test('every meetings page opens for the secretary on a phone', async () => {
    const page = await e2e.newPage('phone');
    await e2e.login(page, 'demo-secretary');
    await page.goto('/meetings');
    await e2e.screenshot(page, 'meetings-page-home');
    await expectRendered(page, '/meetings');
    const { items } = await getJson<{ items: MeetingItem[] }>(page, '/api/v1/meetings?pageSize=5');
    expect(items.length).toBeGreaterThan(0);
    for (const [path, name] of [
      ['/meetings/new', 'record'],
      [`/meetings/${items[0].id}`, 'detail'],
    ]) {
      await page.goto(path);
      await e2e.screenshot(page, `meetings-page-${name}`);
      await expectRendered(page, path);
    }
  });
});

describe('meetings at desktop size', () => {
  test.each(['demo-committee', 'demo-general'])(
    'every meetings page opens for %s',
    async (username) => {
      const page = await e2e.newPage('desktop');
      await e2e.login(page, username);
      const who = username.replace('demo-', '');
      const { items } = await getJson<{ items: MeetingItem[] }>(page, '/api/v1/meetings?pageSize=5');
      expect(items.length).toBeGreaterThan(0);
      for (const [path, name] of [
        ['/meetings', 'home'],
        [`/meetings/${items[0].id}`, 'detail'],
        ['/meetings/review', 'review'],
        ['/meetings/compliance', 'compliance'],
      ]) {
        await page.goto(path);
        await e2e.screenshot(page, `meetings-page-${who}-${name}`);
        await expectRendered(page, path);
      }
      // Only a branch secretary records meetings: the form says so to an admin.
      await page.goto('/meetings/new');
      await expect.poll(() => page.locator('.ant-result-title').allInnerTexts()).toEqual(['您不是支部书记']);
      await e2e.screenshot(page, `meetings-page-${who}-record-refused`);
      expect(e2e.pageErrors(page)).toEqual([]);
    },
    300_000,
  );

  test('the record form at desktop size for the secretary', async () => {
    const page = await e2e.newPage('desktop');
    await e2e.login(page, 'demo-secretary');
    await page.goto('/meetings/new');
    await page.locator('#topic').waitFor();
    await e2e.screenshot(page, 'meetings-page-secretary-record');
    await expectRendered(page, '/meetings/new');
  });
});

describe('committees, terms and the member record at both sizes', () => {
  test.each(['phone', 'desktop'] as const)('the superior sees terms and committees (%s)', async (size) => {
    const page = await e2e.newPage(size);
    await e2e.login(page, 'demo-committee');
    await page.goto('/orgs/terms');
    await page.getByText(/需关注（\d+）/).waitFor();
    await e2e.screenshot(page, 'orgs-terms');
    await expectRendered(page, '/orgs/terms');
    await page.goto(`/orgs?id=${e2e.fixtures.branchId}`);
    await page
      .getByText(/委员会（/)
      .first()
      .waitFor();
    await e2e.screenshot(page, 'orgs-committee');
    await expectRendered(page, '/orgs');
    const secretary = await e2e.newPage(size);
    await e2e.login(secretary, 'demo-secretary');
    await secretary.goto(`/meetings/members/${e2e.fixtures.memberPersonId}`);
    await secretary.getByText('民主评议等次').first().waitFor();
    await e2e.screenshot(secretary, 'meetings-member-record');
    await expectRendered(secretary, '/meetings/members');
  });
});
