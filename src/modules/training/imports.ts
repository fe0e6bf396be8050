import { sql } from 'drizzle-orm';
import { managedRoot, type ScopeOrg } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { blindIndex, maskIdNumber } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { AppError, invalid } from '../../platform/errors';
import { cellText, type ExcelJS, newWorkbook, readWorkbook, workbookBuffer } from '../../platform/excel';
import { newId } from '../../platform/ids';
import { enforce } from '../../platform/policy';
import { iso, num } from './common';
import type { ImportItem, ImportQuery, RowError } from './contract';
import { ended, failed, type ImportJob, newJob } from './import-jobs';
import { managesSomewhere } from './policy';
import {
  IMPORT_SOURCE_LABELS,
  type ImportSource,
  type ImportUnit,
  overlaps,
  pointsToHours,
  round1,
} from './rules';
import { loadTrainingSettings } from './settings';
import { importEntity, importRowEntity, trainingImportRows, trainingImports } from './tables';

/**
 * Imports of outside study statistics (学习强国, 网络学院 exports): each row names a person (by ID number
 * or employee number, with the name as a check) and their hours or points for the period. Every row is
 * checked first and the errors are listed by row; only a file without errors is written, in one
 * transaction: all rows or none. A period already imported from the same platform for a person is refused,
 * so nobody's hours are counted twice.
 */

export const IMPORT_HEADERS = ['姓名', '公民身份证号', '工号', '学时', '积分', '备注'] as const;
const ALIASES: Record<string, string[]> = {
  姓名: ['姓名', '名字'],
  公民身份证号: ['公民身份证号', '身份证号', '身份证号码', '公民身份号码'],
  工号: ['工号', '员工编号', '职工号', '人员编号'],
  学时: ['学时', '学习时长（学时）', '学习学时'],
  积分: ['积分', '总积分', '学习积分', '周期积分', '年度积分'],
};

/** Where the header row is (one of the first five rows holding 姓名) and which column holds what. */
function locateColumns(sheet: ExcelJS.Worksheet): { headerRow: number; cols: Record<string, number> } | null {
  for (let r = 1; r <= Math.min(5, sheet.rowCount); r++) {
    const row = sheet.getRow(r);
    const cols: Record<string, number> = {};
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      const text = cellText(row.getCell(c).value).replace(/\s+/g, '');
      for (const [key, names] of Object.entries(ALIASES))
        if (names.includes(text) && !cols[key]) cols[key] = c;
    }
    if (cols.姓名) return { headerRow: r, cols };
  }
  return null;
}

export async function importTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('学习统计');
  sheet.columns = [12, 22, 12, 10, 10, 24].map((width) => ({ width }));
  sheet.addRow([...IMPORT_HEADERS]).font = { bold: true };
  sheet.addRow(['张三', '150702198001011234', 'HLR100001', 4.5, null, '示例行，导入前请删除']);
  const note = sheet.addRow([
    '说明：身份证号与工号至少填一项；按学时导入填“学时”列，按积分导入填“积分”列（按设置折算为学时）。',
  ]);
  note.font = { italic: true, color: { argb: 'FF888888' } };
  return workbookBuffer(wb);
}

interface Draft {
  row: number;
  name: string;
  idNumber: string;
  employeeNo: string;
  value: number | null;
}

/** The data rows, blank, example and note rows left out. */
function readRows(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  cols: Record<string, number>,
  unit: ImportUnit,
): Draft[] {
  const out: Draft[] = [];
  const valueCol = unit === 'hours' ? cols.学时 : cols.积分;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (c?: number) => (c ? cellText(row.getCell(c).value) : '');
    const name = get(cols.姓名).replace(/\s+/g, '');
    const idNumber = get(cols.公民身份证号).replace(/\s+/g, '').toUpperCase();
    const employeeNo = get(cols.工号).replace(/\s+/g, '');
    const raw = get(valueCol);
    if (!name && !idNumber && !employeeNo && !raw) continue;
    if (name.startsWith('说明：')) continue;
    const cells = Array.from({ length: Math.max(row.cellCount, 1) }, (_, c) =>
      cellText(row.getCell(c + 1).value),
    );
    if (cells.some((c) => c.includes('示例行'))) continue;
    out.push({ row: r, name, idNumber, employeeNo, value: raw === '' ? null : Number(raw) });
  }
  return out;
}

function checkQuery(q: ImportQuery, today: string) {
  const errors: Record<string, string> = {};
  if (q.periodTo < q.periodFrom) errors.periodTo = '统计期间结束不能早于开始';
  else if (q.periodFrom.slice(0, 4) !== q.periodTo.slice(0, 4))
    errors.periodTo = '统计期间不能跨年（学时按年度统计）';
  if (q.periodTo > today) errors.periodTo = '统计期间结束不能晚于今天';
  if (Object.keys(errors).length) throw invalid(errors);
}

/** Refuses a caller who manages nothing, before the upload is read. */
export async function assertCanImport(ctx: AppContext, actor: Actor): Promise<ScopeOrg> {
  enforce(managesSomewhere(actor));
  return managedRoot(ctx.db, actor);
}

/** Starts an import job and answers its id at once; the job runs on (the caller polls it). */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  q: ImportQuery,
  file: { fileName: string; data: Buffer },
): Promise<{ jobId: string; done: Promise<void> }> {
  const root = await assertCanImport(ctx, actor);
  checkQuery(q, todayLocal());
  const workbook = await readWorkbook(file.data);
  const sheet = workbook.worksheets.find((s) => locateColumns(s)) ?? workbook.worksheets[0];
  const located = sheet ? locateColumns(sheet) : null;
  if (!sheet || !located)
    throw invalid({ file: '没有找到表头：请在前五行中给出“姓名”列（可下载导入模板对照）' });
  const { headerRow, cols } = located;
  if (!cols.公民身份证号 && !cols.工号)
    throw invalid({ file: '缺少“公民身份证号”或“工号”列，无法对应到人员' });
  if (q.unit === 'hours' && !cols.学时) throw invalid({ file: '按学时导入，但文件中没有“学时”列' });
  if (q.unit === 'points' && !cols.积分) throw invalid({ file: '按积分导入，但文件中没有“积分”列' });
  const drafts = readRows(sheet, headerRow, cols, q.unit);
  if (!drafts.length) throw invalid({ file: '文件中没有数据行（示例行不会导入）' });
  const job = newJob(actor, drafts.length);
  const done = runImport(ctx, actor, root, job, q, file.fileName, drafts)
    .catch((e) => {
      if (e instanceof AppError) return failed(job, [{ row: 0, column: '', message: e.message }]);
      console.error(`training import ${job.id} failed`, e);
      failed(job, [{ row: 0, column: '', message: '导入过程中发生内部错误，未导入任何学时，请稍后重试' }]);
    })
    .finally(() => ended(job));
  return { jobId: job.id, done };
}

interface Person {
  id: string;
  name: string;
  path: string;
  party_status: string;
  id_number_index: string | null;
  employee_no: string | null;
}

/** The people the rows name, by ID number (blind index) or employee number, in the whole tenant. */
async function peopleNamed(ctx: AppContext, actor: Actor, drafts: Draft[]) {
  const indexes = [...new Set(drafts.filter((d) => d.idNumber).map((d) => blindIndex(ctx.keys, d.idNumber)))];
  const numbers = [...new Set(drafts.filter((d) => d.employeeNo).map((d) => d.employeeNo))];
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const rows = await queryRows<Person>(
    ctx.db,
    sql`select p.id, p.name, o.path, p.party_status, p.id_number_index, p.employee_no from people p join orgs o on o.id = p.org_id
        where p.tenant_id = ${actor.tenantId} and p.ended_on is null and (
          ${indexes.length ? sql`p.id_number_index in (${list(indexes)})` : sql`false`} or
          ${numbers.length ? sql`p.employee_no in (${list(numbers)})` : sql`false`})`,
  );
  return {
    byIndex: new Map(rows.filter((r) => r.id_number_index).map((r) => [r.id_number_index!, r])),
    byNumber: new Map(rows.filter((r) => r.employee_no).map((r) => [r.employee_no!, r])),
  };
}

/** Periods of the same platform already imported for these people. */
async function importedPeriods(db: Executor, tenantId: string, source: ImportSource, year: string) {
  const rows = await queryRows<{
    person_id: string;
    period_from: string;
    period_to: string;
    file_name: string;
  }>(
    db,
    sql`select r.person_id, r.period_from, r.period_to, i.file_name from training_import_rows r
        join training_imports i on i.id = r.import_id
        where r.tenant_id = ${tenantId} and r.source = ${source} and r.period_to between ${`${year}-01-01`} and ${`${year}-12-31`}`,
  );
  const map = new Map<string, typeof rows>();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r]);
  return map;
}

interface Matched {
  row: number;
  personId: string;
  member: boolean;
  points: number | null;
  hours: number;
}

/** Every check of every row; the rows to write, or the errors. */
async function matchRows(
  ctx: AppContext,
  actor: Actor,
  root: ScopeOrg,
  job: ImportJob,
  q: ImportQuery,
  drafts: Draft[],
) {
  const settings = await loadTrainingSettings(ctx.db, actor.tenantId);
  const { byIndex, byNumber } = await peopleNamed(ctx, actor, drafts);
  const prior = await importedPeriods(ctx.db, actor.tenantId, q.source, q.periodTo.slice(0, 4));
  const errors: RowError[] = [];
  const matched: Matched[] = [];
  const firstRow = new Map<string, number>();
  const valueColumn = q.unit === 'hours' ? '学时' : '积分';
  for (const [i, d] of drafts.entries()) {
    job.processed = i + 1;
    const err = (column: string, message: string) => errors.push({ row: d.row, column, message });
    if (!d.name) err('姓名', '姓名不能为空');
    if (d.value === null) err(valueColumn, `请填写${valueColumn}`);
    else if (!Number.isFinite(d.value) || d.value < 0) err(valueColumn, `${valueColumn}应为不小于 0 的数字`);
    else if (q.unit === 'hours' && d.value > 500) err(valueColumn, '学时过大（超过 500），请核对');
    if (!d.idNumber && !d.employeeNo) {
      err('公民身份证号', '身份证号和工号至少填一项');
      continue;
    }
    const byId = d.idNumber ? byIndex.get(blindIndex(ctx.keys, d.idNumber)) : undefined;
    const byNo = d.employeeNo ? byNumber.get(d.employeeNo) : undefined;
    const person = byId ?? byNo;
    if (!person) {
      err(
        d.idNumber ? '公民身份证号' : '工号',
        d.idNumber
          ? `未找到身份证号为 ${maskIdNumber(d.idNumber)} 的在册人员`
          : `未找到工号为 ${d.employeeNo} 的在册人员`,
      );
      continue;
    }
    if (byId && byNo && byId.id !== byNo.id) {
      err('工号', '身份证号和工号对应的不是同一人');
      continue;
    }
    if (d.name && d.name !== person.name.replace(/\s+/g, ''))
      err('姓名', `与身份证号或工号对应的人员（${person.name}）姓名不符`);
    if (!person.path.startsWith(root.path))
      err('姓名', `${person.name}不在${root.name}的范围内，不能为其导入`);
    const first = firstRow.get(person.id);
    if (first !== undefined) err('姓名', `与第 ${first} 行是同一人`);
    else firstRow.set(person.id, d.row);
    const clash = (prior.get(person.id) ?? []).find((p) =>
      overlaps({ from: p.period_from, to: p.period_to }, { from: q.periodFrom, to: q.periodTo }),
    );
    if (clash)
      err(
        '姓名',
        `${person.name} ${clash.period_from} 至 ${clash.period_to} 的${IMPORT_SOURCE_LABELS[q.source]}学时已由“${clash.file_name}”导入，期间重叠不能重复导入`,
      );
    if (d.value === null || !Number.isFinite(d.value) || d.value < 0) continue;
    matched.push({
      row: d.row,
      personId: person.id,
      member: person.party_status === 'full' || person.party_status === 'probationary',
      points: q.unit === 'points' ? d.value : null,
      hours: q.unit === 'points' ? pointsToHours(d.value, settings.pointsPerHour) : round1(d.value),
    });
    if (i % 500 === 499) await new Promise<void>((r) => setImmediate(r));
  }
  return { errors, matched, pointsPerHour: q.unit === 'points' ? settings.pointsPerHour : null };
}

async function runImport(
  ctx: AppContext,
  actor: Actor,
  root: ScopeOrg,
  job: ImportJob,
  q: ImportQuery,
  fileName: string,
  drafts: Draft[],
) {
  job.phase = 'matching';
  const { errors, matched, pointsPerHour } = await matchRows(ctx, actor, root, job, q, drafts);
  if (errors.length) return failed(job, errors);
  job.phase = 'writing';
  job.processed = 0;
  const importId = newId();
  const totalHours = round1(matched.reduce((s, m) => s + m.hours, 0));
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-import:${actor.tenantId}`}))`);
    // Repeated under the lock: two imports of the same period running at once can't both pass.
    const prior = await importedPeriods(tx, actor.tenantId, q.source, q.periodTo.slice(0, 4));
    const clash = matched.find((m) =>
      (prior.get(m.personId) ?? []).some((p) =>
        overlaps({ from: p.period_from, to: p.period_to }, { from: q.periodFrom, to: q.periodTo }),
      ),
    );
    if (clash) throw invalid({ file: `第 ${clash.row} 行：该期间已被另一次导入写入，请刷新后核对` });
    await tx.insert(trainingImports).values({
      id: importId,
      tenantId: actor.tenantId,
      orgId: root.id,
      source: q.source,
      unit: q.unit,
      fileName: fileName.slice(0, 200) || '学习统计.xlsx',
      periodFrom: q.periodFrom,
      periodTo: q.periodTo,
      rowCount: matched.length,
      totalHours,
      pointsPerHour,
      importedBy: actor.accountId,
      importedByName: actor.displayName,
      importedAt: new Date(),
    });
    const rows = matched.map((m) => ({
      id: newId(),
      tenantId: actor.tenantId,
      importId,
      personId: m.personId,
      source: q.source,
      periodFrom: q.periodFrom,
      periodTo: q.periodTo,
      points: m.points,
      hours: m.hours,
      row: m.row,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(trainingImportRows).values(rows.slice(i, i + 500));
      job.processed = Math.min(rows.length, i + 500);
    }
    const events: AuditEvent[] = [
      {
        action: 'training_import.create',
        target: { entity: importEntity, id: importId },
        details: {
          source: q.source,
          fileName,
          rows: rows.length,
          totalHours,
          periodFrom: q.periodFrom,
          periodTo: q.periodTo,
        },
      },
      ...rows.map((r) => ({ action: 'training_import.row', target: { entity: importRowEntity, id: r.id } })),
    ];
    await audit(tx, actor, events);
  });
  job.created = matched.length;
  job.nonMembers = matched.filter((m) => !m.member).length;
  job.totalHours = totalHours;
  job.importId = importId;
  job.status = 'done';
}

export async function listImports(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  const root = await assertCanImport(ctx, actor);
  const where = sql`i.tenant_id = ${actor.tenantId} and o.path like ${`${root.path}%`}`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from training_imports i join orgs o on o.id = i.org_id where ${where}`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select i.*, o.name as org_name from training_imports i join orgs o on o.id = i.org_id where ${where}
        order by i.imported_at desc, i.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const items: ImportItem[] = rows.map((r) => ({
    id: String(r.id),
    orgId: String(r.org_id),
    orgName: String(r.org_name),
    source: r.source as ImportSource,
    sourceLabel: IMPORT_SOURCE_LABELS[r.source as ImportSource],
    unit: r.unit as ImportUnit,
    fileName: String(r.file_name),
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    rowCount: Number(r.row_count),
    totalHours: num(r.total_hours),
    importedByName: (r.imported_by_name as string | null) ?? null,
    importedAt: iso(r.imported_at),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
