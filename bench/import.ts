import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getImportJob, type ImportJobView, startImport } from '../src/kernel/people/api';
import { canAddPersonTo } from '../src/kernel/people/policy';
import { ROSTER_HEADERS, SHEET_NAME } from '../src/kernel/people/roster-rules';
import { withCheckDigit } from '../src/kernel/people/rules';
import type { Actor } from '../src/platform/access';
import type { AppContext } from '../src/platform/context';
import { queryRows } from '../src/platform/db';

export interface ImportBenchResult {
  rows: number;
  fileBytes: number;
  /** Building the workbook in memory (not part of the import). */
  buildMs: number;
  /** startImport: reading the upload, the workbook and the header (the request before its 202). */
  acceptMs: number;
  parseMs: number;
  validateMs: number;
  writeMs: number;
  totalMs: number;
  status: ImportJobView['status'];
  created: number;
  errors: number;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A valid roster of `rows` people spread over the actor's branches, with unique ID numbers and 工号. */
export async function buildRosterWorkbook(branchNames: string[], rows: number): Promise<Buffer> {
  const run = String(randomInt(100_000, 999_999));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(SHEET_NAME);
  sheet.addRow([...ROSTER_HEADERS]);
  for (let i = 0; i < rows; i++) {
    // Region '9' + run id keeps repeated runs on one database apart; 100 sequence numbers per birth date.
    const birth = addDays('1970-01-01', Math.floor(i / 100) * 3);
    const male = i % 3 !== 0;
    const id = withCheckDigit(
      `9${run.slice(0, 5)}${birth.replaceAll('-', '')}${String(i % 100).padStart(2, '0')}${male ? 1 : 2}`,
    );
    const member = i % 2 === 0;
    const full = member && i % 10 !== 0;
    const values: Record<string, unknown> = {
      序号: i + 1,
      姓名: `压测${run}${i}`,
      所在党支部: branchNames[i % branchNames.length],
      公民身份证号: id,
      性别: male ? '男' : '女',
      民族: '汉族',
      出生日期: new Date(`${birth}T00:00:00Z`),
      学历: '大学专科',
      人员类别: '工人',
      加入党组织日期: member ? addDays(birth, 365 * 25) : null,
      转为正式党员日期: full ? addDays(birth, 365 * 26) : null,
      工作岗位: '铁路运输',
      手机号: `139${String(i).padStart(8, '0')}`,
      家庭住址: `内蒙古自治区呼伦贝尔市海拉尔区站前路${i}号`,
      党籍状态: '正常',
      是否为失联党员: '否',
      是否为流动党员: '否',
      政治面貌: full ? '正式党员' : member ? '预备党员' : '群众',
      工号: `B${run}${String(i).padStart(6, '0')}`,
      岗位: '车站值班员',
      工作地点: '海拉尔站',
      参加工作日期: addDays(birth, 365 * 20),
    };
    sheet.addRow(ROSTER_HEADERS.map((h) => values[h] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Times a whole import of a valid 10,000-row workbook by `actor` (target: under 10 s). */
export async function benchImport(ctx: AppContext, actor: Actor, rows = 10_000): Promise<ImportBenchResult> {
  const branches = (
    await queryRows<{
      name: string;
      tenant_id: string;
      path: string;
      type: string;
      dissolved_on: string | null;
    }>(
      ctx.db,
      sql`select name, tenant_id, path, type, dissolved_on from orgs
          where tenant_id = ${actor.tenantId} and type = 'branch' order by path`,
    )
  ).filter((b) =>
    canAddPersonTo(actor, { tenantId: b.tenant_id, path: b.path, type: b.type, dissolvedOn: b.dissolved_on }),
  );
  const names = [...new Set(branches.map((b) => b.name))].filter(
    (n) => branches.filter((b) => b.name === n).length === 1,
  );
  if (names.length === 0) throw new Error('benchImport: the actor may add people to no branch');

  let t = performance.now();
  const data = await buildRosterWorkbook(names, rows);
  const buildMs = performance.now() - t;

  const start = performance.now();
  const { jobId } = await startImport(ctx, actor, { fileName: 'bench.xlsx', data });
  const acceptMs = performance.now() - start;
  const phaseEnd: Partial<Record<ImportJobView['phase'], number>> = {};
  let phase: ImportJobView['phase'] = 'parsing';
  t = performance.now();
  let job = getImportJob(actor, jobId);
  while (job.status === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    job = getImportJob(actor, jobId);
    if (job.phase !== phase) {
      phaseEnd[phase] = performance.now();
      phase = job.phase;
    }
  }
  const end = performance.now();
  const parseEnd = phaseEnd.parsing ?? end;
  const validateEnd = phaseEnd.validating ?? parseEnd;
  return {
    rows,
    fileBytes: data.length,
    buildMs: Math.round(buildMs),
    acceptMs: Math.round(acceptMs),
    parseMs: Math.round(parseEnd - t),
    validateMs: Math.round(validateEnd - parseEnd),
    writeMs: Math.round((phaseEnd.writing ?? end) - validateEnd),
    totalMs: Math.round(end - start),
    status: job.status,
    created: job.created,
    errors: job.errors.length,
  };
}
