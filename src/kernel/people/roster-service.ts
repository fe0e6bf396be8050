import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/access';
import { type AuditInput, actorRef, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { blindIndex, decrypt } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { PersonInput } from './contract';
import { canAddPersonTo, canOnPerson } from './policy';
import {
  checkHeader,
  columnLetter,
  EXAMPLE_MARK,
  type ExportPerson,
  exportRow,
  headerOfField,
  isBlankRow,
  isExampleRow,
  parseRosterRow,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
  type RosterPerson,
  SHEET_NAME,
} from './roster-rules';
import { type PartyStatus, withCheckDigit } from './rules';
import { type PeopleFilter, peopleWhere, sealSensitive, validatePerson } from './service';
import { membershipEntity, people, personEntity, personMemberships } from './tables';

export interface RowError {
  /** The Excel row number (1 is the header); 0 for a problem of the whole file. */
  row: number;
  /** The Chinese column header; empty for a problem of the whole row or file. */
  column: string;
  message: string;
}

export interface ImportJobView {
  status: 'running' | 'failed' | 'done';
  /** Where the job is; `done` once it has finished, whether it succeeded or failed. */
  phase: 'parsing' | 'validating' | 'writing' | 'done';
  processed: number;
  total: number;
  errors: RowError[];
  created: number;
}

interface ImportJob extends ImportJobView {
  id: string;
  accountId: string;
  tenantId: string;
  fileName: string;
  /** Set when the job ends; the job is forgotten an hour later. */
  expiresAt: number | null;
}

/**
 * Import jobs live in this process's memory, not in a table. The writing transaction is one (all or
 * nothing), so progress written to a table from inside it would stay invisible until commit, and writing it
 * from outside would need a second connection, which PGlite (one connection) does not have. A job is seen
 * only by the account that started it and is forgotten an hour after it ends; a restart loses running jobs
 * (nothing half-written: their transaction never commits).
 */
const jobs = new Map<string, ImportJob>();
const JOB_TTL_MS = 60 * 60 * 1000;
const BRANCH_COLUMN = '所在党支部';

function sweepJobs(now = Date.now()) {
  for (const [id, job] of jobs) if (job.expiresAt !== null && job.expiresAt <= now) jobs.delete(id);
}

const view = ({ status, phase, processed, total, errors, created }: ImportJob): ImportJobView => ({
  status,
  phase,
  processed,
  total,
  errors,
  created,
});

export function getImportJob(actor: Actor, jobId: string): ImportJobView {
  sweepJobs();
  const job = jobs.get(jobId);
  if (!job || job.accountId !== actor.accountId || job.tenantId !== actor.tenantId)
    throw notFound('导入任务');
  return view(job);
}

interface BranchRow {
  id: string;
  tenant_id: string;
  code: string;
  name: string;
  path: string;
  type: string;
  dissolved_on: string | null;
}

async function tenantBranches(db: Executor, actor: Actor): Promise<BranchRow[]> {
  return queryRows<BranchRow>(
    db,
    sql`select id, tenant_id, code, name, path, type, dissolved_on from orgs
        where tenant_id = ${actor.tenantId} and type = 'branch' order by path`,
  );
}

const allowedBranches = (actor: Actor, all: BranchRow[]) =>
  all.filter((b) =>
    canAddPersonTo(actor, { tenantId: b.tenant_id, path: b.path, type: b.type, dissolvedOn: b.dissolved_on }),
  );

const normalizeName = (s: string) => s.replace(/\s+/g, '');

/** Resolves the 所在党支部 text by code or by name; the reason in Chinese when it can't be used. */
function branchResolver(actor: Actor, all: BranchRow[]) {
  const allowed = new Set(allowedBranches(actor, all).map((b) => b.id));
  const byCode = new Map(all.map((b) => [b.code, b]));
  const byName = new Map<string, BranchRow[]>();
  for (const b of all) {
    const key = normalizeName(b.name);
    byName.set(key, [...(byName.get(key) ?? []), b]);
  }
  return (text: string): { orgId: string } | { message: string } => {
    const key = normalizeName(text);
    const byCodeHit = byCode.get(key);
    const candidates = byCodeHit ? [byCodeHit] : (byName.get(key) ?? []);
    if (candidates.length === 0) return { message: `未找到名称或编码为“${text}”的党支部` };
    const usable = candidates.filter((b) => allowed.has(b.id));
    if (usable.length === 0)
      return {
        message: candidates.every((b) => b.dissolved_on)
          ? `党支部“${text}”已撤销`
          : `党支部“${text}”不在您的管理范围内，不能向其导入人员`,
      };
    if (usable.length > 1) return { message: `有多个名为“${text}”的党支部，请改填组织编码` };
    return { orgId: usable[0].id };
  };
}

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads the workbook and checks the file as a whole; a bad file is a 400 before any job exists. */
async function openRoster(file: UploadedFile): Promise<{ sheet: ExcelJS.Worksheet; columns: number }> {
  if (file.data.length === 0) throw invalid({ file: '上传的文件是空的' });
  if (!file.data.subarray(0, 4).equals(ZIP_MAGIC))
    throw invalid({
      file: '文件不是 .xlsx 格式；请用 Excel 另存为“Excel 工作簿 (*.xlsx)”后上传（不支持 .xls、.csv）',
    });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file.data as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid({ file: '无法读取该 .xlsx 文件：文件已损坏或不是 Excel 工作簿' });
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) throw invalid({ file: `文件中没有工作表“${SHEET_NAME}”` });
  const header = sheet.getRow(1);
  const cells = Array.from({ length: Math.max(header.cellCount, 1) }, (_, i) => header.getCell(i + 1).value);
  const checked = checkHeader(cells);
  if (!checked.ok) throw invalid({ file: `工作表“${sheet.name}”：${checked.message}` });
  if (sheet.actualRowCount < 2) throw invalid({ file: `工作表“${sheet.name}”中没有数据行` });
  return { sheet, columns: checked.columns };
}

/**
 * Starts an import: the file is checked here (a bad file is a 400), then a job parses, validates every row
 * and writes all rows in one transaction, or none when any row has an error.
 */
/** Refuses a caller who can add people to no branch, before the upload is read. */
export async function assertCanImport(ctx: AppContext, actor: Actor): Promise<void> {
  const branches = await tenantBranches(ctx.db, actor);
  if (allowedBranches(actor, branches).length === 0) throw forbidden('您没有可以导入人员的党支部');
}

export async function startImport(
  ctx: AppContext,
  actor: Actor,
  file: UploadedFile,
): Promise<{ jobId: string }> {
  const branches = await tenantBranches(ctx.db, actor);
  if (allowedBranches(actor, branches).length === 0) throw forbidden('您没有可以导入人员的党支部');
  const { sheet, columns } = await openRoster(file);
  sweepJobs();
  const job: ImportJob = {
    id: randomUUID(),
    accountId: actor.accountId,
    tenantId: actor.tenantId,
    fileName: file.fileName,
    status: 'running',
    phase: 'parsing',
    processed: 0,
    total: Math.max(sheet.actualRowCount - 1, 0),
    errors: [],
    created: 0,
    expiresAt: null,
  };
  jobs.set(job.id, job);
  void runImport(ctx, actor, job, sheet, columns, branches)
    .catch((e) => {
      console.error(`roster import ${job.id} failed`, e);
      job.errors = [{ row: 0, column: '', message: '导入过程中发生内部错误，未导入任何人员，请稍后重试' }];
      job.status = 'failed';
    })
    .finally(() => {
      job.phase = 'done';
      job.expiresAt = Date.now() + JOB_TTL_MS;
    });
  return { jobId: job.id };
}

/** Lets pending requests (progress polls) run between chunks of synchronous work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

interface ValidRow {
  row: number;
  input: PersonInput;
}

async function runImport(
  ctx: AppContext,
  actor: Actor,
  job: ImportJob,
  sheet: ExcelJS.Worksheet,
  columns: number,
  branches: BranchRow[],
) {
  // Parsing: rows into cells, blank and example rows dropped.
  const rows: { row: number; cells: unknown[] }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const cells = Array.from({ length: columns }, (_, i) => excelRow.getCell(i + 1).value);
    if (!isBlankRow(cells) && !isExampleRow(cells)) rows.push({ row: r, cells });
    job.processed = rows.length;
    if (r % 1000 === 0) await breathe();
  }
  if (rows.length === 0)
    return finish(job, [{ row: 0, column: '', message: '文件中没有数据行（示例行不会导入）' }]);

  job.phase = 'validating';
  job.total = rows.length;
  job.processed = 0;
  const errors: RowError[] = [];
  const valid: ValidRow[] = [];
  const resolveBranch = branchResolver(actor, branches);
  const today = todayLocal();
  const firstRowOf = { idNumber: new Map<string, number>(), employeeNo: new Map<string, number>() };
  for (const [i, { row, cells }] of rows.entries()) {
    const rowErrors = checkRow(row, cells, resolveBranch, today, firstRowOf);
    errors.push(...rowErrors.errors);
    if (rowErrors.input) valid.push({ row, input: rowErrors.input });
    job.processed = i + 1;
    if (i % 500 === 499) await breathe();
  }
  errors.push(...(await existingDuplicates(ctx.db, ctx.keys, actor, valid)));
  if (errors.length) return finish(job, errors);

  job.phase = 'writing';
  job.processed = 0;
  job.total = valid.length;
  const duplicates = await writePeople(ctx, actor, job, valid, today);
  if (duplicates.length) return finish(job, duplicates);
  job.created = valid.length;
  job.status = 'done';
}

const COLUMN_ORDER = new Map(ROSTER_HEADERS.map((h, i) => [h, i]));

function finish(job: ImportJob, errors: RowError[]) {
  job.errors = errors.sort(
    (a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? -1) - (COLUMN_ORDER.get(b.column) ?? -1),
  );
  job.status = 'failed';
}

/** Every check of one row that needs no database: cells, branch, person rules, duplicates inside the file. */
function checkRow(
  row: number,
  cells: unknown[],
  resolveBranch: ReturnType<typeof branchResolver>,
  today: string,
  firstRowOf: { idNumber: Map<string, number>; employeeNo: Map<string, number> },
): { errors: RowError[]; input: PersonInput | null } {
  const { person: draft, errors: cellErrors } = parseRosterRow(cells);
  const errors: RowError[] = cellErrors.map((e) => ({ row, ...e }));
  const branch = draft.branch ? resolveBranch(draft.branch) : null;
  if (branch && 'message' in branch) errors.push({ row, column: BRANCH_COLUMN, message: branch.message });

  for (const [key, value, header] of [
    ['idNumber', draft.idNumber, '公民身份证号'],
    ['employeeNo', draft.employeeNo, '工号'],
  ] as const) {
    if (!value) continue;
    const first = firstRowOf[key].get(value);
    if (first !== undefined) errors.push({ row, column: header, message: `与第 ${first} 行重复` });
    else firstRowOf[key].set(value, row);
  }

  if (draft.partyStatus) {
    // The person rules run on what could be read; a column already in error is not reported twice.
    const input = toInput({ ...draft, partyStatus: draft.partyStatus, gender: draft.gender ?? 'male' }, '');
    const inError = new Set(errors.map((e) => e.column));
    const checked = validatePerson(input, today);
    for (const [field, message] of Object.entries(checked.errors)) {
      const column = headerOfField(field);
      if (!inError.has(column)) errors.push({ row, column, message });
    }
    if (errors.length === 0 && draft.gender && branch && 'orgId' in branch)
      return { errors, input: { ...input, ...checked.derived, orgId: branch.orgId } };
  }
  return { errors, input: null };
}

function toInput(p: RosterPerson, orgId: string): PersonInput {
  const { branch: _branch, ...fields } = p;
  return { ...fields, orgId, partyGroupId: null, exempt: false };
}

/** ID numbers (by blind index) and 工号 already held by a current person of the tenant. */
async function existingDuplicates(
  db: Executor,
  keys: AppContext['keys'],
  actor: Actor,
  valid: ValidRow[],
): Promise<RowError[]> {
  const errors: RowError[] = [];
  const byIndex = new Map<string, number>();
  const byEmployeeNo = new Map<string, number>();
  for (const { row, input } of valid) {
    if (input.idNumber) byIndex.set(blindIndex(keys, input.idNumber), row);
    if (input.employeeNo) byEmployeeNo.set(input.employeeNo, row);
  }
  const lookups = [
    { values: [...byIndex.keys()], rows: byIndex, column: sql`id_number_index`, header: '公民身份证号' },
    { values: [...byEmployeeNo.keys()], rows: byEmployeeNo, column: sql`employee_no`, header: '工号' },
  ];
  for (const { values, rows, column, header } of lookups) {
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = values.slice(i, i + 1000);
      const found = await queryRows<{ v: string }>(
        db,
        sql`select distinct ${column} as v from people
            where tenant_id = ${actor.tenantId} and ended_on is null and ${column} in (${sql.join(
              chunk.map((v) => sql`${v}`),
              sql`, `,
            )})`,
      );
      for (const { v } of found)
        errors.push({ row: rows.get(v)!, column: header, message: `该${header}已登记在册，不能重复导入` });
    }
  }
  return errors;
}

/** Rows written a batch: people, their memberships and audit events; progress moves a batch at a time. */
const BATCH = 1000;

/**
 * Bulk insert through one JSON parameter per batch (`jsonb_to_recordset`): about three times faster than a
 * multi-row VALUES with ~45 parameters a row on PGlite, and the same SQL on PostgreSQL. Columns come from
 * the Drizzle table, never from input; a column missing from the rows keeps its default.
 */
async function insertRows(tx: Executor, table: PgTable, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(columns).filter((k) => rows.some((r) => r[k] !== undefined));
  const names = sql.join(
    keys.map((k) => sql.identifier(columns[k].name)),
    sql`, `,
  );
  const types = sql.join(
    keys.map((k) => sql`${sql.identifier(columns[k].name)} ${sql.raw(columns[k].getSQLType())}`),
    sql`, `,
  );
  const json = JSON.stringify(
    rows.map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, r[k] ?? null]))),
  );
  await tx.execute(
    sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${types})`,
  );
}

/**
 * Writes every row in one transaction, with the audit events. The duplicate check is repeated under a
 * per-tenant lock so two imports running at once can't both insert the same person.
 */
async function writePeople(
  ctx: AppContext,
  actor: Actor,
  job: ImportJob,
  valid: ValidRow[],
  today: string,
): Promise<RowError[]> {
  const now = new Date();
  const who = actorRef(actor);
  const records = valid.map(({ input }) => {
    const { idNumber, mobile, landline, address, ...plain } = input;
    const id = newId();
    return {
      person: {
        ...plain,
        ...sealSensitive(ctx, { idNumber, mobile, landline, address }),
        id,
        tenantId: actor.tenantId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      } satisfies typeof people.$inferInsert,
      membership: {
        id: newId(),
        tenantId: actor.tenantId,
        personId: id,
        orgId: input.orgId,
        validFrom: today,
        reason: 'import',
        createdAt: now,
      } satisfies typeof personMemberships.$inferInsert,
    };
  });
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`people-import:${actor.tenantId}`}))`);
    const duplicates = await existingDuplicates(tx, ctx.keys, actor, valid);
    if (duplicates.length) return duplicates;
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      await insertRows(
        tx,
        people,
        batch.map((r) => r.person),
      );
      await insertRows(
        tx,
        personMemberships,
        batch.map((r) => r.membership),
      );
      await recordAudit(
        tx,
        batch.flatMap((r): AuditInput[] => [
          {
            tenantId: actor.tenantId,
            actor: who,
            action: 'person.create',
            target: { entity: personEntity, id: r.person.id },
            details: { name: r.person.name, orgId: r.person.orgId, importJob: job.id },
          },
          {
            tenantId: actor.tenantId,
            actor: who,
            action: 'membership.write',
            target: { entity: membershipEntity, id: r.membership.id },
          },
        ]),
      );
      job.processed = i + batch.length;
      await breathe();
    }
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: who,
      action: 'person.import',
      entityId: job.id,
      details: { fileName: job.fileName, count: records.length },
    });
    return [];
  });
}

// ——— Template and export ———

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const DATA_ROWS_WITH_LISTS = 2000;

/** The roster sheet: header row, column widths, text format for the ID column, drop-down lists. */
function addRosterSheet(workbook: ExcelJS.Workbook, branchListRange: string | null): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    style:
      c.kind === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.kind === 'idNumber' || c.kind === 'phone'
          ? { numFmt: '@' }
          : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  ROSTER_COLUMNS.forEach((c, i) => {
    const range = `${columnLetter(i)}2:${columnLetter(i)}${DATA_ROWS_WITH_LISTS + 1}`;
    const formula = c.list ? `"${c.list.join(',')}"` : c.kind === 'branch' ? branchListRange : null;
    if (!formula) return;
    validations.add(range, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: c.kind !== 'branch',
      errorTitle: c.header,
      error: `请从下拉列表中选择${c.header}`,
    });
  });
  return sheet;
}

const EXAMPLE: Record<string, unknown> = {
  序号: EXAMPLE_MARK,
  姓名: '张三',
  公民身份证号: withCheckDigit('15070219900101123'),
  性别: '男',
  民族: '汉族',
  出生日期: new Date(Date.UTC(1990, 0, 1)),
  学历: '大学本科',
  人员类别: '工人',
  加入党组织日期: new Date(Date.UTC(2015, 6, 1)),
  转为正式党员日期: new Date(Date.UTC(2016, 6, 1)),
  工作岗位: '铁路运输',
  手机号: '13800000000',
  固定电话: '0470-8221234',
  家庭住址: '内蒙古自治区呼伦贝尔市海拉尔区胜利大街1号',
  党籍状态: '正常',
  是否为失联党员: '否',
  是否为流动党员: '否',
  备注: '此行为示例，导入时忽略；请从下一行开始填写',
  政治面貌: '正式党员',
  工号: 'HLR000001',
  岗位: '车站值班员',
  工作地点: '海拉尔站',
  参加工作日期: new Date(Date.UTC(2012, 7, 1)),
  党内职务: '',
};

/** The import template: the roster sheet with an example row, the column guide, and the branches one may use. */
export async function rosterTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  const branches = allowedBranches(actor, await tenantBranches(ctx.db, actor));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Branchline 支部在线';
  const listRange = branches.length ? `'党支部列表'!$A$2:$A$${branches.length + 1}` : null;
  const sheet = addRosterSheet(workbook, listRange);
  const example = sheet.addRow(
    ROSTER_HEADERS.map((h) => (h === '所在党支部' ? (branches[0]?.name ?? '') : (EXAMPLE[h] ?? null))),
  );
  example.font = { color: { argb: 'FF808080' }, italic: true };

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [
    { header: '列', width: 6 },
    { header: '列名', width: 18 },
    { header: '必填', width: 6 },
    { header: '填写说明', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  ROSTER_COLUMNS.forEach((c, i) => {
    guide.addRow([columnLetter(i), c.header, c.required ? '是' : '', c.note]).alignment = { wrapText: true };
  });
  for (const line of [
    '',
    '说明：',
    '1. 请在“花名册”工作表中从第 3 行开始填写，每行一人；第 2 行为示例（序号为“示例”），导入时自动忽略。',
    '2. 列的名称和顺序不能修改；前 21 列与全国党员管理信息系统的汇总表一致，后 6 列为本单位职工信息。',
    '3. 日期可以是 Excel 日期，或写作 2024-02-29、2024.02.29、2024年2月29日。',
    '4. 导入时逐行逐列检查，只要有一处错误，整个文件都不会导入；请按错误清单（行号、列名、原因）修改后重新上传。',
    '5. 身份证号、工号在文件内和系统中都不能重复。',
  ])
    guide.addRow(['', line]);

  const list = workbook.addWorksheet('党支部列表');
  list.columns = [
    { header: '党支部名称', width: 30 },
    { header: '组织编码', width: 16 },
  ];
  list.getRow(1).font = { bold: true };
  for (const b of branches) list.addRow([b.name, b.code]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ExportRowData {
  id: string;
  tenant_id: string;
  org_path: string;
  org_name: string;
  ended_on: string | null;
  name: string;
  gender: string;
  party_status: PartyStatus;
  ethnicity: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  birth_date: string | null;
  education: string | null;
  category: string | null;
  joined_party_on: string | null;
  full_member_on: string | null;
  job_post: string | null;
  mobile_enc: string | null;
  mobile_masked: string | null;
  landline_enc: string | null;
  landline_masked: string | null;
  address_enc: string | null;
  address_masked: string | null;
  standing: string;
  lost_contact: boolean;
  lost_contact_on: string | null;
  floating: boolean;
  floating_to: string | null;
  remarks: string | null;
  employee_no: string | null;
  post: string | null;
  workplace: string | null;
  started_work_on: string | null;
  party_posts: string | null;
}

export type ExportFilter = Pick<PeopleFilter, 'orgId' | 'partyStatus' | 'q'> & { reveal?: boolean };

/**
 * The caller's roster as .xlsx, scoped exactly like the people list. Sensitive columns are masked unless
 * clear values are asked for and the caller may reveal them; exporting clear values is an audit event.
 */
export async function exportRoster(ctx: AppContext, actor: Actor, filter: ExportFilter) {
  const where = await peopleWhere(ctx, actor, filter);
  const rows = await queryRows<ExportRowData>(
    ctx.db,
    sql`select p.*, o.name as org_name, o.path as org_path from people p join orgs o on o.id = p.org_id
        where ${where} order by o.path, p.name, p.id`,
  );
  let clear = 0;
  const persons = rows.map((r) => {
    const reveal =
      filter.reveal === true &&
      canOnPerson(actor, 'reveal', {
        id: r.id,
        tenantId: r.tenant_id,
        orgPath: r.org_path,
        endedOn: r.ended_on,
      });
    if (reveal) clear += 1;
    const sensitive = (enc: string | null, masked: string | null) =>
      reveal && enc ? decrypt(ctx.keys, enc) : masked;
    return {
      orgName: r.org_name,
      name: r.name,
      gender: r.gender,
      partyStatus: r.party_status,
      ethnicity: r.ethnicity,
      idNumber: sensitive(r.id_number_enc, r.id_number_masked),
      birthDate: r.birth_date,
      education: r.education,
      category: r.category,
      joinedPartyOn: r.joined_party_on,
      fullMemberOn: r.full_member_on,
      jobPost: r.job_post,
      mobile: sensitive(r.mobile_enc, r.mobile_masked),
      landline: sensitive(r.landline_enc, r.landline_masked),
      address: sensitive(r.address_enc, r.address_masked),
      standing: r.standing,
      lostContact: r.lost_contact,
      lostContactOn: r.lost_contact_on,
      floating: r.floating,
      floatingTo: r.floating_to,
      remarks: r.remarks,
      employeeNo: r.employee_no,
      post: r.post,
      workplace: r.workplace,
      startedWorkOn: r.started_work_on,
      partyPosts: r.party_posts,
    } satisfies ExportPerson;
  });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Branchline 支部在线';
  const sheet = addRosterSheet(workbook, null);
  persons.forEach((p, i) => {
    sheet.addRow(exportRow(i + 1, p));
  });
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  if (clear > 0)
    await ctx.db.transaction((tx) =>
      recordAudit(tx, {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.export',
        details: {
          count: persons.length,
          clear,
          filter: {
            orgId: filter.orgId ?? null,
            partyStatus: filter.partyStatus ?? null,
            q: filter.q ?? null,
          },
        },
      }),
    );
  return { data, fileName: `花名册-${todayLocal().replaceAll('-', '')}.xlsx`, count: persons.length };
}
