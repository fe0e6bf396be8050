/**
 * The foundation in a browser, at phone and desktop size:
 *  - the branch secretary sees only their branch, finds a member by name and reveals a phone number;
 *  - the committee admin uploads a roster with one bad row and gets the error table, nothing imported.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withCheckDigit } from '../src/kernel/people/rules';
import { queryRows } from '../src/platform/db';
import { setupE2E, textOf, type Viewport } from './support';

const e2e = setupE2E();
const SECRETARY_BRANCH = '海拉尔站运转一班党支部';

interface PersonRow {
  id: string;
  name: string;
  orgName: string;
  partyStatus: string;
  mobile: string | null;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** The branch shown on each row of the people list: a table column on desktop, a card line on a phone. */
async function listedBranches(page: Page, viewport: Viewport): Promise<string[]> {
  if (viewport === 'desktop') {
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.trim() === '所在党支部');
    expect(col, `columns: ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
    return page.locator(`.ant-table-tbody tr.ant-table-row > td:nth-child(${col + 1})`).allInnerTexts();
  }
  // Second line of a card: "<branch> · <post>".
  const cards = page.locator('.bl-card-list .ant-card');
  const lines: string[] = [];
  for (let i = 0, n = await cards.count(); i < n; i++) {
    lines.push(await textOf(cards.nth(i).locator('.ant-typography-secondary').first()));
  }
  return lines.map((l) => l.split(' · ')[0].trim());
}

/** The rows of the people list: table rows or cards. */
const listRows = (page: Page, viewport: Viewport) =>
  viewport === 'desktop'
    ? page.locator('.ant-table-tbody tr.ant-table-row')
    : page.locator('.bl-card-list .ant-card');

describe.each(['phone', 'desktop'] as const)('foundation at %s size', (viewport) => {
  test('the branch secretary sees only their branch, finds a member and reveals the phone number', async () => {
    const page = await e2e.newPage(viewport);
    const shot = (name: string) => e2e.screenshot(page, `foundation-secretary-${name}`);
    await e2e.login(page, 'demo-secretary');
    await shot('1-home');

    // Other branches exist in the section; none of their names may show up for the secretary.
    const otherBranches = (
      await queryRows<{ name: string }>(
        e2e.env.ctx.db,
        sql`select name from orgs where type = 'branch' and id <> ${e2e.fixtures.branchId} and dissolved_on is null`,
      )
    ).map((r) => r.name);
    expect(otherBranches.length).toBeGreaterThan(0);
    const expectNoOtherBranch = async (where: string) => {
      const text = await textOf(page.locator('body'));
      const seen = otherBranches.filter((b) => text.includes(b));
      expect(seen, `${where} shows other branches`).toEqual([]);
    };

    // The people list: every row is in the secretary's branch, and all of them are on one page.
    const all = await getJson<{ items: PersonRow[]; total: number }>(page, '/api/v1/people?pageSize=100');
    expect(all.total).toBeGreaterThan(0);
    expect(all.total).toBeLessThanOrEqual(100);
    await page.goto('/people?pageSize=100');
    await expect.poll(() => listRows(page, viewport).count()).toBe(all.total);
    const branches = await listedBranches(page, viewport);
    expect(branches).toHaveLength(all.total);
    expect(new Set(branches)).toEqual(new Set([SECRETARY_BRANCH]));
    await expectNoOtherBranch('people list');
    await shot('2-people');

    // The list's organization filter offers the secretary's branch only.
    await page.locator('.ant-select', { hasText: '组织（含下级）' }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-tree-title');
    // The tree loads its options after opening: wait for them to settle on the one branch.
    await expect.poll(() => options.allInnerTexts()).toEqual([SECRETARY_BRANCH]);
    await shot('3-org-filter');
    await page.keyboard.press('Escape');

    // The organization tree holds the branch alone.
    await page.goto('/orgs');
    const treeNodes = page.locator('.ant-tree .ant-tree-treenode .ant-tree-title');
    await expect.poll(() => treeNodes.count()).toBeGreaterThan(0);
    const titles = await treeNodes.allInnerTexts();
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain(SECRETARY_BRANCH);
    await expectNoOtherBranch('org tree');
    await expect.poll(() => page.getByText('1 个党支部').count()).toBeGreaterThan(0);
    await shot('4-org-tree');

    // Search a full member with a phone number by name (one whose name no one else in the branch bears).
    const member = all.items.find(
      (p) =>
        p.partyStatus === 'full' &&
        p.mobile &&
        all.items.filter((o) => o.name.includes(p.name) || p.name.includes(o.name)).length === 1,
    );
    expect(member, 'a full member with a mobile number').toBeTruthy();
    await page.goto('/people');
    await listRows(page, viewport).first().waitFor();
    const search = page.getByPlaceholder('姓名 / 工号 / 身份证号');
    await search.fill(member!.name);
    await search.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === member!.name);
    await expect.poll(() => listRows(page, viewport).count()).toBe(1);
    await expect.poll(() => textOf(listRows(page, viewport).first())).toContain(member!.name);
    await shot('5-search');

    // Open the detail: the name links on desktop, the whole card on a phone.
    if (viewport === 'desktop') await page.getByRole('link', { name: member!.name, exact: true }).click();
    else await listRows(page, viewport).first().click();
    await page.waitForURL(`**/people/${member!.id}`);
    const mobileCell = page
      .locator('th.ant-descriptions-item-label', { hasText: /^手机号$/ })
      .locator('xpath=following-sibling::td[1]');
    await expect.poll(() => textOf(mobileCell)).toMatch(/^1\d\d\*{4}\d{4}/);
    const masked = (await textOf(mobileCell)).match(/1\d\d\*{4}\d{4}/)![0];
    expect(masked).toBe(member!.mobile);
    await shot('6-detail-masked');

    // Reveal: the masked value becomes the 11 digits it stood for.
    const revealed = page.waitForResponse((r) => r.url().includes(`/people/${member!.id}/reveal`));
    await mobileCell.getByRole('button', { name: /查\s*看/ }).click();
    expect((await revealed).status()).toBe(200);
    await expect.poll(() => textOf(mobileCell)).toMatch(/^1\d{10}$/);
    const clear = await textOf(mobileCell);
    expect(clear.slice(0, 3)).toBe(masked.slice(0, 3));
    expect(clear.slice(-4)).toBe(masked.slice(-4));
    await shot('7-detail-revealed');

    expect(e2e.pageErrors(page)).toEqual([]);
  });

  test('the committee admin uploads a roster with a bad row: the error table names it, nothing is imported', async () => {
    const page = await e2e.newPage(viewport);
    const shot = (name: string) => e2e.screenshot(page, `foundation-import-${name}`);
    await e2e.login(page, 'demo-committee');
    const before = (await getJson<{ total: number }>(page, '/api/v1/people?pageSize=1')).total;

    // The server's template, with three people added under the example row; the second has an ID number
    // whose check digit is wrong.
    const template = await page.request.get('/api/v1/people/import/template');
    expect(template.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const col = (h: string) => {
      const i = headers.indexOf(h);
      expect(i, `template column ${h}`).toBeGreaterThan(0);
      return i;
    };
    const example = sheet.getRow(2).values as ExcelJS.CellValue[];
    expect(example[col('序号')]).toBe('示例');
    const tag = viewport === 'phone' ? '甲' : '乙';
    const people = [
      { name: `浏览器测试${tag}一`, birth: [1987, 3, 21] },
      { name: `浏览器测试${tag}二`, birth: [1991, 11, 5] },
      { name: `浏览器测试${tag}三`, birth: [1979, 6, 30] },
    ].map((p, i) => {
      const [y, m, d] = p.birth;
      const first17 = `150702${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${viewport === 'phone' ? 7 : 8}${i}1`;
      return { ...p, row: i + 3, id: withCheckDigit(first17), birthDate: new Date(Date.UTC(y, m - 1, d)), i };
    });
    const bad = people[1];
    const lastDigit = Number(bad.id[17] === 'X' ? 10 : bad.id[17]);
    bad.id = bad.id.slice(0, 17) + String((lastDigit + 1) % 10);
    for (const p of people) {
      const values = [...example];
      values[col('序号')] = p.i + 1;
      values[col('姓名')] = p.name;
      values[col('公民身份证号')] = p.id;
      values[col('性别')] = '男';
      values[col('出生日期')] = p.birthDate;
      values[col('工号')] = `E2E${viewport === 'phone' ? 'P' : 'D'}${p.i + 1}`;
      values[col('手机号')] = `1390000${viewport === 'phone' ? 1 : 2}00${p.i + 1}`;
      values[col('备注')] = '浏览器测试';
      // Cell by cell: assigning an array to row.values would shift it by one column (index 0 is set).
      const row = sheet.getRow(p.row);
      for (let c = 1; c < headers.length; c++) row.getCell(c).value = values[c] ?? null;
      row.commit();
    }
    const roster = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.goto('/people/import');
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '花名册（含一行错误）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: roster,
    });
    await expect.poll(() => page.getByText('花名册（含一行错误）.xlsx').count()).toBeGreaterThan(0);
    await shot('1-file-chosen');
    await page.getByRole('button', { name: /开始上传/ }).click();
    await page.locator('.ant-result-error').waitFor({ timeout: 30_000 });
    await expect.poll(() => textOf(page.locator('.ant-result-title'))).toBe('全部未导入');

    // The error table: exactly one error, on the bad row's ID number column.
    const errorRows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => errorRows.count()).toBeGreaterThan(0);
    const errors: string[][] = [];
    for (let i = 0, n = await errorRows.count(); i < n; i++) {
      errors.push((await errorRows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
    }
    expect(errors).toEqual([[String(bad.row), '公民身份证号', expect.stringContaining('校验位')]]);
    await shot('2-refused');

    // Nothing imported: neither the good rows nor the bad one.
    for (const p of people) {
      const found = await getJson<{ total: number }>(
        page,
        `/api/v1/people?q=${encodeURIComponent(p.name)}&pageSize=1`,
      );
      expect(found.total, `${p.name} must not be imported`).toBe(0);
    }
    expect((await getJson<{ total: number }>(page, '/api/v1/people?pageSize=1')).total).toBe(before);
    expect(e2e.pageErrors(page)).toEqual([]);
  });
});
