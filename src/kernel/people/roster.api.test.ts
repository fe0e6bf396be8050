import { crc32 } from 'node:zlib';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, demoFixtures, type TestEnv } from '../../../test/harness';
import { queryRows } from '../../platform/db';
import { verifyAudit } from '../../platform/verify';
import { parseRosterRow, ROSTER_HEADERS, SHEET_NAME } from './roster-rules';
import { validatePerson, withCheckDigit } from './rules';

let env: TestEnv;
let fx: Awaited<ReturnType<typeof demoFixtures>>;
let secretary: Client;
let general: Client;
let member: Client;
let branchName: string;
let otherBranchName: string;

beforeAll(async () => {
  env = await createTestEnv();
  fx = await demoFixtures(env.ctx);
  secretary = await env.login('demo-secretary');
  general = await env.login('demo-general');
  member = await env.login('demo-member');
  const name = async (id: string) =>
    (await queryRows<{ name: string }>(env.ctx.db, sql`select name from orgs where id = ${id}`))[0].name;
  branchName = await name(fx.branchId);
  otherBranchName = await name(fx.otherBranchId);
});
afterAll(() => env.close());

type Row = Record<string, unknown>;

async function workbook(rows: Row[], headers: readonly string[] = ROSTER_HEADERS, sheetName = SHEET_NAME) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(data: Buffer, filename = '花名册.xlsx', field = 'file') {
  const boundary = `----branchline${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  return {
    body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A one-entry zip (stored): a zip that is not a workbook. */
function zipOf(name: string, content: Buffer) {
  const n = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + content.length, 16);
  return Buffer.concat([local, n, content, central, n, end]);
}

const upload = (client: Client, data: Buffer, filename?: string) => {
  const { body, headers } = multipart(data, filename);
  return client.request('POST', '/api/v1/people/import', body, headers);
};

async function waitForJob(client: Client, jobId: string) {
  for (let i = 0; i < 300; i++) {
    const res = await client.get(`/api/v1/people/import/${jobId}`);
    expect(res.statusCode).toBe(200);
    if (res.json().status !== 'running') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

async function importRows(client: Client, rows: Row[]) {
  const res = await upload(client, await workbook(rows));
  expect(res.statusCode, res.body).toBe(202);
  return waitForJob(client, res.json().jobId);
}

const countPeople = async () =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from people`))[0].n;

let serial = 0;
/** A valid row: a full member with an ID number (region 110101, not used by the demo) and a unique 工号. */
function person(overrides: Row = {}): Row {
  serial += 1;
  const day = String((serial % 28) + 1).padStart(2, '0');
  const seq = String(serial % 100).padStart(2, '0');
  return {
    序号: serial,
    姓名: `导入测试${serial}`,
    所在党支部: branchName,
    公民身份证号: withCheckDigit(`11010119850${(serial % 9) + 1}${day}${seq}1`),
    性别: '男',
    民族: '汉族',
    学历: '本科',
    人员类别: '工人',
    加入党组织日期: '2010.07.01',
    转为正式党员日期: new Date(Date.UTC(2011, 6, 1)),
    手机号: `1390000${String(serial).padStart(4, '0')}`,
    政治面貌: '正式党员',
    工号: `IMP${String(serial).padStart(5, '0')}`,
    参加工作日期: '2008年8月1日',
    ...overrides,
  };
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

const rowValues = (sheet: ExcelJS.Worksheet, r: number) =>
  ROSTER_HEADERS.map((_, i) => sheet.getRow(r).getCell(i + 1).value);

describe('GET /api/v1/people/import/template', () => {
  it('has the headers in roster order, an example row, drop-down lists and a guide', async () => {
    const res = await secretary.get('/api/v1/people/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('花名册导入模板.xlsx')}`,
    );
    const wb = await readXlsx(res.rawPayload);
    const sheet = wb.getWorksheet(SHEET_NAME)!;
    expect(rowValues(sheet, 1)).toEqual(ROSTER_HEADERS);
    expect(ROSTER_HEADERS.slice(0, 4)).toEqual(['序号', '姓名', '所在党支部', '公民身份证号']);
    expect(sheet.getRow(2).getCell(1).value).toBe('示例');
    expect(sheet.getRow(2).getCell(3).value).toBe(branchName);
    const example = parseRosterRow(rowValues(sheet, 2));
    expect(example.errors).toEqual([]);
    const { branch: _b, partyStatus, gender, ...rest } = example.person;
    const checked = validatePerson(
      { ...rest, partyStatus: partyStatus!, gender: gender!, orgId: fx.branchId },
      '2026-01-01',
    );
    expect(checked.errors).toEqual({});
    expect(sheet.getCell('E3').dataValidation?.formulae).toEqual(['"男,女"']);
    expect(wb.getWorksheet('填写说明')!.getRow(4).getCell(2).value).toBe('所在党支部');
    const branches = wb.getWorksheet('党支部列表')!;
    expect(branches.actualRowCount).toBe(2);
  });

  it('documents the roster routes in the OpenAPI description', async () => {
    const res = await env.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/people/import/template',
        '/api/v1/people/import',
        '/api/v1/people/import/{jobId}',
        '/api/v1/people/export',
      ]),
    );
  });

  it('refuses an anonymous caller', async () => {
    for (const url of [
      '/api/v1/people/import/template',
      '/api/v1/people/export',
      '/api/v1/people/import/x',
    ]) {
      expect((await env.anonymous.get(url)).statusCode).toBe(401);
    }
    const { body, headers } = multipart(await workbook([person()]));
    expect((await env.anonymous.request('POST', '/api/v1/people/import', body, headers)).statusCode).toBe(
      401,
    );
  });
});

describe('POST /api/v1/people/import', () => {
  it('writes nothing when one row of three is bad, and names the row and column', async () => {
    const before = await countPeople();
    const job = await importRows(secretary, [
      person(),
      person({ 手机号: '12345', 出生日期: '2023-02-29' }),
      person(),
    ]);
    expect(job).toMatchObject({ status: 'failed', phase: 'done', created: 0 });
    expect(job.errors).toEqual([
      { row: 3, column: '出生日期', message: '2023 年 2 月没有 29 日' },
      { row: 3, column: '手机号', message: '手机号应为 11 位，以 1 开头' },
    ]);
    expect(await countPeople()).toBe(before);
  });

  it('imports a valid file in one go: findable, audited, chain intact', async () => {
    const before = await countPeople();
    const rows = [
      person(),
      person({ 性别: '', 出生日期: '', 政治面貌: '', 人员类别: '预备党员', 转为正式党员日期: '' }),
      person({ 政治面貌: '群众', 加入党组织日期: '', 转为正式党员日期: '', 是否为失联党员: '否' }),
      { 序号: '示例', 姓名: '示例行不导入' },
    ];
    rows[1].加入党组织日期 = '2025-01-01';
    const job = await importRows(secretary, rows);
    expect(job.errors).toEqual([]);
    expect(job).toMatchObject({ status: 'done', phase: 'done', created: 3, processed: 3, total: 3 });
    expect(await countPeople()).toBe(before + 3);

    const found = await secretary.get(`/api/v1/people?q=${encodeURIComponent(rows[1].姓名 as string)}`);
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0]).toMatchObject({
      partyStatus: 'probationary',
      orgId: fx.branchId,
      gender: 'male',
    });
    const byId = await secretary.get(`/api/v1/people?q=${rows[0].公民身份证号}`);
    expect(byId.json().items.map((p: { name: string }) => p.name)).toEqual([rows[0].姓名]);
    const detail = (await secretary.get(`/api/v1/people/${byId.json().items[0].id}`)).json();
    expect(detail).toMatchObject({
      education: '大学本科',
      startedWorkOn: '2008-08-01',
      fullMemberOn: '2011-07-01',
    });
    expect(detail.memberships).toEqual([expect.objectContaining({ orgId: fx.branchId, reason: 'import' })]);

    const report = await verifyAudit(env.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses duplicates inside the file and against people already on the roster', async () => {
    const first = person();
    expect((await importRows(secretary, [first])).status).toBe('done');
    const again = person({ 公民身份证号: first.公民身份证号 });
    const twin = person();
    const job = await importRows(secretary, [again, twin, { ...person(), 工号: twin.工号 }]);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 2, column: '公民身份证号', message: '该公民身份证号已登记在册，不能重复导入' },
      { row: 4, column: '工号', message: '与第 3 行重复' },
    ]);
  });

  it('does not let a secretary import into another branch', async () => {
    const before = await countPeople();
    const job = await importRows(secretary, [
      person({ 所在党支部: otherBranchName }),
      person({ 所在党支部: '不存在的支部' }),
    ]);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      {
        row: 2,
        column: '所在党支部',
        message: `党支部“${otherBranchName}”不在您的管理范围内，不能向其导入人员`,
      },
      { row: 3, column: '所在党支部', message: '未找到名称或编码为“不存在的支部”的党支部' },
    ]);
    expect(await countPeople()).toBe(before);
  });

  it('lets a general-branch admin import into any of their branches, by name or code', async () => {
    const [{ code }] = await queryRows<{ code: string }>(
      env.ctx.db,
      sql`select code from orgs where id = ${fx.otherBranchId}`,
    );
    const job = await importRows(general, [
      person({ 所在党支部: otherBranchName }),
      person({ 所在党支部: code }),
    ]);
    expect(job).toMatchObject({ status: 'done', created: 2 });
  });

  it('refuses a member who manages no branch', async () => {
    const res = await upload(member, await workbook([person()]));
    expect(res.statusCode).toBe(403);
  });

  it('keeps a job to the account that started it', async () => {
    const res = await upload(secretary, await workbook([person()]));
    const { jobId } = res.json();
    expect((await general.get(`/api/v1/people/import/${jobId}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/v1/people/import/nonexistent')).statusCode).toBe(404);
    expect((await waitForJob(secretary, jobId)).status).toBe('done');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), '上传的文件是空的'],
    ['a CSV file', Buffer.from('序号,姓名\n1,张三\n'), '不是 .xlsx 格式'],
    ['a broken zip', Buffer.from('PK\u0003\u0004garbage'), '无法读取'],
    ['a zip that is no workbook', zipOf('hello.txt', Buffer.from('hi')), '没有工作表'],
  ])('answers 400 for %s', async (_what, data, message) => {
    const res = await upload(secretary, data);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.file).toContain(message);
  });

  it('answers 400 for a header in the wrong order, a missing sheet and no data rows', async () => {
    const swapped = [...ROSTER_HEADERS];
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    const wrong = await upload(secretary, await workbook([person()], swapped));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('表头第 2 列应为“姓名”，实际为“所在党支部”');

    const empty = await upload(secretary, await workbook([]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('没有数据行');

    const noSheets = new ExcelJS.Workbook();
    const res = await upload(secretary, Buffer.from(await noSheets.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.file).toBeTruthy();
  });

  it('answers 413 for a file over 20 MB', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024);
    big.write('PK\u0003\u0004');
    const res = await upload(secretary, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('20 MB');
  });

  it('answers 400 when the request is not multipart or has no file field', async () => {
    const json = await secretary.post('/api/v1/people/import', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().fields.file).toContain('multipart/form-data');
    const { body, headers } = multipart(await workbook([person()]), 'a.xlsx', 'other');
    const wrongField = await secretary.request('POST', '/api/v1/people/import', body, headers);
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().fields.file).toContain('字段 file');
  });

  it('accepts a sheet under another name and the national 21 columns alone', async () => {
    const national = ROSTER_HEADERS.slice(0, 21);
    const res = await upload(
      secretary,
      await workbook([person({ 人员类别: '正式党员' })], national, 'Sheet1'),
    );
    expect(res.statusCode).toBe(202);
    expect(await waitForJob(secretary, res.json().jobId)).toMatchObject({ status: 'done', created: 1 });
  });
});

describe('GET /api/v1/people/export', () => {
  it('exports the secretary only their branch, phones masked, in template order', async () => {
    const list = await secretary.get('/api/v1/people?pageSize=1');
    const res = await secretary.get('/api/v1/people/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent('花名册-')}\\d{8}\\.xlsx`),
    );
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet(SHEET_NAME)!;
    expect(rowValues(sheet, 1)).toEqual(ROSTER_HEADERS);
    expect(sheet.actualRowCount - 1).toBe(list.json().total);
    const col = (h: string) => ROSTER_HEADERS.indexOf(h) + 1;
    const branches = new Set<unknown>();
    for (let r = 2; r <= sheet.actualRowCount; r++) {
      const row = sheet.getRow(r);
      branches.add(row.getCell(col('所在党支部')).value);
      const phone = row.getCell(col('手机号')).value;
      if (phone) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const id = row.getCell(col('公民身份证号')).value;
      if (id) expect(id).toMatch(/^\*{14}[0-9X]{4}$/);
    }
    expect([...branches]).toEqual([branchName]);
  });

  it('never exports clear values through the GET', async () => {
    const res = await secretary.get('/api/v1/people/export?partyStatus=full&reveal=true');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.reveal).toMatch(/^导出明文：/);
  });

  it('exports clear values with a permission of its own and a reason, naming every person exported', async () => {
    // The committee level by default: a secretary who may reveal one value may not export them all.
    const refused = await secretary.post('/api/v1/people/export-clear', {
      partyStatus: 'full',
      reason: '换届',
    });
    expect(refused.statusCode).toBe(403);
    const committee = await env.login('demo-committee');
    const noReason = await committee.post('/api/v1/people/export-clear', { partyStatus: 'full' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason).toMatch(/^导出原因：/);
    const res = await committee.post('/api/v1/people/export-clear', {
      orgId: fx.branchId,
      partyStatus: 'full',
      reason: '党员信息系统年度核对',
    });
    expect(res.statusCode).toBe(200);
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet(SHEET_NAME)!;
    const phone = sheet.getRow(2).getCell(ROSTER_HEADERS.indexOf('手机号') + 1).value;
    expect(phone).toMatch(/^1\d{10}$/);
    const [event] = await queryRows<{
      details: { count: number; clear: number; reason: string; people: string[] };
    }>(
      env.ctx.db,
      sql`select details from audit_events where action = 'person.export_clear' order by seq desc limit 1`,
    );
    expect(event.details.clear).toBe(sheet.actualRowCount - 1);
    expect(event.details.reason).toBe('党员信息系统年度核对');
    expect(event.details.people).toHaveLength(sheet.actualRowCount - 1);
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });

  it('lets the security admin open clear exports to branch secretaries, who get their branch only', async () => {
    const sec = await env.login('demo-secadmin');
    const set = await sec.put('/api/v1/people/settings', { exportClearLevel: 'branch' });
    expect(set.statusCode).toBe(200);
    expect((await secretary.get('/api/v1/me')).json().abilities['people.exportClear']).toBe(true);
    const res = await secretary.post('/api/v1/people/export-clear', { reason: '支部核对' });
    expect(res.statusCode).toBe(200);
    await sec.put('/api/v1/people/settings', { exportClearLevel: 'committee' });
    expect((await secretary.get('/api/v1/me')).json().abilities['people.exportClear']).toBe(false);
  });

  it('filters like the list and refuses a subtree outside the scope', async () => {
    expect((await secretary.get(`/api/v1/people/export?orgId=${fx.otherBranchId}`)).statusCode).toBe(404);
    const bad = await secretary.get('/api/v1/people/export?partyStatus=boss');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('partyStatus');
    const q = await secretary.get(`/api/v1/people/export?q=${encodeURIComponent('导入测试1')}`);
    const sheet = (await readXlsx(q.rawPayload)).getWorksheet(SHEET_NAME)!;
    expect(sheet.actualRowCount).toBeGreaterThan(1);
  });
});
