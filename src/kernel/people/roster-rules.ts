/**
 * The roster spreadsheet (花名册): its columns and how one cell becomes a value. Pure, no I/O.
 * Column order: the 汇总表 of 全国党员管理信息系统 (2017), DOMAIN.md §5.5, then Branchline's employee columns.
 */
import {
  EDUCATION_LEVELS,
  GENDER_LABELS,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  type PartyStatus,
  PERSON_CATEGORIES,
  parseIdNumber,
  STANDING_LABELS,
} from './rules';

export type ColumnKind =
  | 'seq'
  | 'text'
  | 'branch'
  | 'idNumber'
  | 'phone'
  | 'gender'
  | 'date'
  | 'education'
  | 'category'
  | 'standing'
  | 'yesNo'
  | 'partyStatus';

export interface RosterColumn {
  header: string;
  /** The person field the column fills (the branch column resolves to `orgId` later). */
  field: string;
  kind: ColumnKind;
  max?: number;
  required?: boolean;
  width: number;
  /** Allowed values offered as a drop-down list in the template. */
  list?: readonly string[];
  note: string;
}

const YES_NO = ['是', '否'] as const;

export const NATIONAL_COLUMNS: readonly RosterColumn[] = [
  {
    header: '序号',
    field: 'seq',
    kind: 'seq',
    width: 6,
    note: '任意编号，导入时不使用；填“示例”的行会被忽略',
  },
  { header: '姓名', field: 'name', kind: 'text', max: 50, required: true, width: 10, note: '必填' },
  {
    header: '所在党支部',
    field: 'branch',
    kind: 'branch',
    max: 100,
    required: true,
    width: 22,
    note: '必填；填写党支部全称或组织编码，须是您有权管理的党支部（见“党支部列表”）',
  },
  {
    header: '公民身份证号',
    field: 'idNumber',
    kind: 'idNumber',
    width: 21,
    note: '18 位，最后一位可为 X；请将单元格设为文本格式，以免 Excel 把它变成科学计数法；同一身份证号不能重复登记',
  },
  {
    header: '性别',
    field: 'gender',
    kind: 'gender',
    width: 6,
    list: Object.values(GENDER_LABELS),
    note: '男 或 女；填写了身份证号时可留空，按身份证号推定',
  },
  { header: '民族', field: 'ethnicity', kind: 'text', max: 20, width: 8, note: '如 汉族、蒙古族' },
  {
    header: '出生日期',
    field: 'birthDate',
    kind: 'date',
    width: 12,
    note: '日期：2024-02-29、2024.02.29 或 2024年2月29日；填写了身份证号时可留空',
  },
  {
    header: '学历',
    field: 'education',
    kind: 'education',
    width: 10,
    list: EDUCATION_LEVELS,
    note: `${EDUCATION_LEVELS.join('、')}之一（也接受 本科、大专、中专、硕士、博士 等简称）`,
  },
  {
    header: '人员类别',
    field: 'category',
    kind: 'category',
    width: 12,
    list: PERSON_CATEGORIES,
    note: `${PERSON_CATEGORIES.join('、')}之一；从全国党员管理信息系统导出的“正式党员/预备党员”也可识别`,
  },
  {
    header: '加入党组织日期',
    field: 'joinedPartyOn',
    kind: 'date',
    width: 14,
    note: '党员必填（支部大会通过接收为预备党员之日）；非党员留空',
  },
  {
    header: '转为正式党员日期',
    field: 'fullMemberOn',
    kind: 'date',
    width: 16,
    note: '正式党员必填；预备党员及非党员留空',
  },
  { header: '工作岗位', field: 'jobPost', kind: 'text', max: 50, width: 12, note: '全国系统的工作岗位' },
  { header: '手机号', field: 'mobile', kind: 'phone', width: 13, note: '11 位，以 1 开头' },
  { header: '固定电话', field: 'landline', kind: 'phone', width: 14, note: '区号-号码，如 0470-8221234' },
  { header: '家庭住址', field: 'address', kind: 'text', max: 200, width: 30, note: '' },
  {
    header: '党籍状态',
    field: 'standing',
    kind: 'standing',
    width: 10,
    list: Object.values(STANDING_LABELS),
    note: '正常 或 停止党籍；留空按“正常”',
  },
  {
    header: '是否为失联党员',
    field: 'lostContact',
    kind: 'yesNo',
    width: 14,
    list: YES_NO,
    note: '是 或 否；留空按“否”；只有党员可标记',
  },
  { header: '失去联系日期', field: 'lostContactOn', kind: 'date', width: 13, note: '失联党员必填' },
  {
    header: '是否为流动党员',
    field: 'floating',
    kind: 'yesNo',
    width: 14,
    list: YES_NO,
    note: '是 或 否；留空按“否”；只有党员可标记',
  },
  {
    header: '外出流向',
    field: 'floatingTo',
    kind: 'text',
    max: 100,
    width: 20,
    note: '流动党员必填：省、市、县',
  },
  { header: '备注', field: 'remarks', kind: 'text', max: 500, width: 20, note: '' },
];

export const EMPLOYEE_COLUMNS: readonly RosterColumn[] = [
  {
    header: '政治面貌',
    field: 'partyStatus',
    kind: 'partyStatus',
    width: 12,
    list: Object.values(PARTY_STATUS_LABELS),
    note: `必填：${Object.values(PARTY_STATUS_LABELS).join('、')}之一（人员类别填了正式党员/预备党员时可留空）`,
  },
  { header: '工号', field: 'employeeNo', kind: 'text', max: 30, width: 12, note: '本单位内不能重复' },
  { header: '岗位', field: 'post', kind: 'text', max: 50, width: 12, note: '如 车站值班员' },
  { header: '工作地点', field: 'workplace', kind: 'text', max: 100, width: 14, note: '车站或班组' },
  { header: '参加工作日期', field: 'startedWorkOn', kind: 'date', width: 13, note: '日期' },
  {
    header: '党内职务',
    field: 'partyPosts',
    kind: 'text',
    max: 100,
    width: 12,
    note: '如 党支部书记、组织委员',
  },
];

export const ROSTER_COLUMNS: readonly RosterColumn[] = [...NATIONAL_COLUMNS, ...EMPLOYEE_COLUMNS];
export const ROSTER_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.header);
export const SHEET_NAME = '花名册';
export const EXAMPLE_MARK = '示例';

/** The header of the column holding a person field, for error messages. */
export const headerOfField = (field: string): string =>
  ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? (field === 'orgId' ? '所在党支部' : field);

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Full-width digits and punctuation (０-９, －, ．, ／) typed with a Chinese IME become ASCII. */
const halfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A spreadsheet cell (as exceljs reads it: text, number, date, rich text, hyperlink, formula) as trimmed text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\u3000/g, ' ').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return cellText(o.richText.map((r: { text?: string }) => r.text ?? '').join(''));
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return '';
}

const isBlank = (v: unknown) => cellText(v) === '';

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

function calendarDate(y: number, m: number, d: number): Parsed<string> {
  if (y < 1900 || y > 2100) return fail('年份应在 1900 至 2100 之间');
  if (m < 1 || m > 12) return fail(`月份 ${m} 无效`);
  if (d < 1 || d > daysInMonth(y, m)) return fail(`${y} 年 ${m} 月没有 ${d} 日`);
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

const DATE_FORMS = [
  /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const DATE_HINT = '日期应写作 2024-02-29、2024.02.29 或 2024年2月29日';

/** Excel stores dates as days since 1899-12-30 (serial 60 is the non-existent 1900-02-29 kept for Lotus). */
export function excelSerialToDate(serial: number): Parsed<string> {
  const n = Math.floor(serial);
  if (!Number.isFinite(serial) || n < 1 || n > 73050 || n === 60) return fail(DATE_HINT);
  const base = n < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + n * 86_400_000);
  return calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A date cell: an Excel date, an Excel serial number, or text in one of the usual Chinese forms. */
export function parseDateCell(v: unknown): Parsed<string | null> {
  if (v === null || v === undefined) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail(DATE_HINT);
    return calendarDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') return excelSerialToDate(v);
  if (typeof v === 'object' && v !== null && 'result' in v)
    return parseDateCell((v as { result: unknown }).result);
  const s = halfWidth(cellText(v));
  if (!s) return ok(null);
  for (const form of DATE_FORMS) {
    const m = form.exec(s);
    if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return fail(DATE_HINT);
}

function fromLabels<T>(v: unknown, labels: Record<string, T>, message: string): Parsed<T | null> {
  const s = halfWidth(cellText(v)).replace(/\s+/g, '');
  if (!s) return ok(null);
  return s in labels ? ok(labels[s]) : fail(message);
}

export const parseGender = (v: unknown) =>
  fromLabels<'male' | 'female'>(
    v,
    { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female' },
    '性别应为“男”或“女”',
  );

export const parseYesNo = (v: unknown) => fromLabels<boolean>(v, { 是: true, 否: false }, '应填写“是”或“否”');

export const parseStanding = (v: unknown) =>
  fromLabels<'normal' | 'suspended'>(
    v,
    { 正常: 'normal', 停止党籍: 'suspended', 停止: 'suspended' },
    '党籍状态应为“正常”或“停止党籍”',
  );

const PARTY_STATUS_BY_LABEL: Record<string, PartyStatus> = {
  ...Object.fromEntries(PARTY_STATUSES.map((s) => [PARTY_STATUS_LABELS[s], s])),
  中共党员: 'full',
  中国共产党党员: 'full',
  中共预备党员: 'probationary',
  中国共产党预备党员: 'probationary',
};
export const parsePartyStatus = (v: unknown) =>
  fromLabels<PartyStatus>(
    v,
    PARTY_STATUS_BY_LABEL,
    `政治面貌应为${Object.values(PARTY_STATUS_LABELS).join('、')}之一`,
  );

const EDUCATION_BY_LABEL: Record<string, string> = {
  ...Object.fromEntries(EDUCATION_LEVELS.map((e) => [e, e])),
  硕士: '研究生',
  博士: '研究生',
  硕士研究生: '研究生',
  博士研究生: '研究生',
  本科: '大学本科',
  大学: '大学本科',
  大专: '大学专科',
  专科: '大学专科',
  中专: '中等专科',
  中技: '中等专科',
  技校: '中等专科',
  职高: '高中',
  初中: '初中及以下',
  小学: '初中及以下',
};
export const parseEducation = (v: unknown) =>
  fromLabels<string>(v, EDUCATION_BY_LABEL, `学历应为${EDUCATION_LEVELS.join('、')}之一`);

/** 人员类别: Branchline's categories; the national system's 正式党员/预备党员 are read as a party status. */
export function parseCategory(
  v: unknown,
): Parsed<{ category: string | null; impliedStatus: PartyStatus | null }> {
  const s = halfWidth(cellText(v)).replace(/\s+/g, '');
  if (!s) return ok({ category: null, impliedStatus: null });
  if ((PERSON_CATEGORIES as readonly string[]).includes(s)) return ok({ category: s, impliedStatus: null });
  if (s === '正式党员' || s === '预备党员')
    return ok({ category: null, impliedStatus: s === '正式党员' ? 'full' : 'probationary' });
  return fail(`人员类别应为${PERSON_CATEGORIES.join('、')}之一`);
}

/** 公民身份号码 as text; a number cell has already lost its last digits to floating point. */
export function parseIdNumberCell(v: unknown): Parsed<string | null> {
  if (typeof v === 'number')
    return fail('身份证号被 Excel 存成了数字（末几位已丢失），请将该列设为文本格式后重新填写');
  const s = halfWidth(cellText(v)).replace(/\s+/g, '').toUpperCase();
  return ok(s || null);
}

/** Phone numbers: spaces removed; the format itself is checked with the person (isMobile, isLandline). */
export function parsePhoneCell(v: unknown): Parsed<string | null> {
  const s = halfWidth(cellText(v)).replace(/\s+/g, '');
  return ok(s || null);
}

export function parseTextCell(v: unknown, max = 500): Parsed<string | null> {
  const s = cellText(v).replace(/\s+/g, ' ');
  if (s.length > max) return fail(`不能超过 ${max} 个字符（现有 ${s.length} 个）`);
  return ok(s || null);
}

export interface CellError {
  column: string;
  message: string;
}

/** One spreadsheet row read into person fields; `branch` is still the text the user typed. */
export interface RosterPerson {
  branch: string;
  name: string;
  gender: 'male' | 'female';
  partyStatus: PartyStatus;
  ethnicity: string | null;
  idNumber: string | null;
  birthDate: string | null;
  education: string | null;
  category: string | null;
  joinedPartyOn: string | null;
  fullMemberOn: string | null;
  jobPost: string | null;
  mobile: string | null;
  landline: string | null;
  address: string | null;
  standing: 'normal' | 'suspended';
  lostContact: boolean;
  lostContactOn: string | null;
  floating: boolean;
  floatingTo: string | null;
  remarks: string | null;
  employeeNo: string | null;
  post: string | null;
  workplace: string | null;
  startedWorkOn: string | null;
  partyPosts: string | null;
}

function parseCell(col: RosterColumn, v: unknown): Parsed<unknown> {
  switch (col.kind) {
    case 'seq':
      return ok(null);
    case 'text':
    case 'branch':
      return parseTextCell(v, col.max);
    case 'idNumber':
      return parseIdNumberCell(v);
    case 'phone':
      return parsePhoneCell(v);
    case 'gender':
      return parseGender(v);
    case 'date':
      return parseDateCell(v);
    case 'education':
      return parseEducation(v);
    case 'category':
      return parseCategory(v);
    case 'standing':
      return parseStanding(v);
    case 'yesNo':
      return parseYesNo(v);
    case 'partyStatus':
      return parsePartyStatus(v);
  }
}

/** A row whose every cell is empty (Excel often keeps formatted blank rows at the end). */
export const isBlankRow = (cells: readonly unknown[]): boolean => cells.every(isBlank);
export const isExampleRow = (cells: readonly unknown[]): boolean => cellText(cells[0]) === EXAMPLE_MARK;

/** A row as far as it could be read: a cell in error is left null (gender and status too). */
export type RosterDraft = Omit<RosterPerson, 'gender' | 'partyStatus'> & {
  gender: RosterPerson['gender'] | null;
  partyStatus: PartyStatus | null;
};

/**
 * Reads one row, cells in ROSTER_COLUMNS order (absent trailing columns undefined). Checks each cell on its
 * own; facts across fields (ID number against birth date, party dates) are the person rules' job. The draft
 * comes back even with errors, so those rules can still report on the other columns.
 */
export function parseRosterRow(cells: readonly unknown[]): {
  person: RosterDraft;
  errors: CellError[];
} {
  const errors: CellError[] = [];
  const values: Record<string, unknown> = {};
  ROSTER_COLUMNS.forEach((col, i) => {
    if (col.kind === 'seq') return;
    const parsed = parseCell(col, cells[i]);
    if (!parsed.ok) errors.push({ column: col.header, message: parsed.message });
    else if (col.required && (parsed.value === null || parsed.value === ''))
      errors.push({ column: col.header, message: `${col.header}不能为空` });
    else values[col.field] = parsed.value;
  });

  const category = values.category as
    | { category: string | null; impliedStatus: PartyStatus | null }
    | undefined;
  let partyStatus = values.partyStatus as PartyStatus | null | undefined;
  if (category?.impliedStatus) {
    if (partyStatus && partyStatus !== category.impliedStatus)
      errors.push({
        column: '人员类别',
        message: `人员类别与政治面貌“${PARTY_STATUS_LABELS[partyStatus]}”不一致`,
      });
    partyStatus ??= category.impliedStatus;
  }
  if (partyStatus === null) errors.push({ column: '政治面貌', message: '政治面貌不能为空' });

  let gender = values.gender as 'male' | 'female' | null | undefined;
  if (gender === null) {
    const id = values.idNumber as string | null | undefined;
    const info = id ? parseIdNumber(id) : undefined;
    if (info?.valid) gender = info.gender;
    else
      errors.push({
        column: '性别',
        message: id
          ? '性别不能为空（身份证号无效，无法推定性别）'
          : '性别不能为空（或填写身份证号以推定性别）',
      });
  }

  const text = (field: string) => (values[field] as string | null | undefined) ?? null;
  return {
    person: {
      branch: text('branch') ?? '',
      name: text('name') ?? '',
      ethnicity: text('ethnicity'),
      idNumber: text('idNumber'),
      birthDate: text('birthDate'),
      education: text('education'),
      joinedPartyOn: text('joinedPartyOn'),
      fullMemberOn: text('fullMemberOn'),
      jobPost: text('jobPost'),
      mobile: text('mobile'),
      landline: text('landline'),
      address: text('address'),
      lostContactOn: text('lostContactOn'),
      floatingTo: text('floatingTo'),
      remarks: text('remarks'),
      employeeNo: text('employeeNo'),
      post: text('post'),
      workplace: text('workplace'),
      startedWorkOn: text('startedWorkOn'),
      partyPosts: text('partyPosts'),
      category: category?.category ?? null,
      partyStatus: partyStatus ?? null,
      gender: gender ?? null,
      standing: (values.standing as RosterPerson['standing'] | null) ?? 'normal',
      lostContact: (values.lostContact as boolean | null) ?? false,
      floating: (values.floating as boolean | null) ?? false,
    },
    errors,
  };
}

/** Checks the header row against the roster order; the employee columns may be cut off at the end. */
export function checkHeader(
  cells: readonly unknown[],
): { ok: true; columns: number } | { ok: false; message: string } {
  const actual = cells.map((c) => cellText(c).replace(/[\s*＊]/g, ''));
  while (actual.length && actual[actual.length - 1] === '') actual.pop();
  const aliases: Record<string, string> = { 公民身份号码: '公民身份证号' };
  for (let i = 0; i < actual.length; i++) {
    const got = aliases[actual[i]] ?? actual[i];
    if (i >= ROSTER_HEADERS.length)
      return { ok: false, message: `表头第 ${i + 1} 列“${actual[i]}”不属于花名册，请删除该列或使用导入模板` };
    if (got !== ROSTER_HEADERS[i])
      return {
        ok: false,
        message: `表头第 ${i + 1} 列应为“${ROSTER_HEADERS[i]}”，实际为“${actual[i] || '（空）'}”；请使用导入模板，列的顺序不能改变`,
      };
  }
  if (actual.length < NATIONAL_COLUMNS.length)
    return {
      ok: false,
      message: `表头缺少“${ROSTER_HEADERS[actual.length]}”等列；前 ${NATIONAL_COLUMNS.length} 列须与导入模板一致`,
    };
  return { ok: true, columns: actual.length };
}

/** What an export row needs of a person; sensitive values already masked or decrypted. */
export interface ExportPerson {
  orgName: string;
  name: string;
  gender: string;
  partyStatus: string;
  ethnicity: string | null;
  idNumber: string | null;
  birthDate: string | null;
  education: string | null;
  category: string | null;
  joinedPartyOn: string | null;
  fullMemberOn: string | null;
  jobPost: string | null;
  mobile: string | null;
  landline: string | null;
  address: string | null;
  standing: string;
  lostContact: boolean;
  lostContactOn: string | null;
  floating: boolean;
  floatingTo: string | null;
  remarks: string | null;
  employeeNo: string | null;
  post: string | null;
  workplace: string | null;
  startedWorkOn: string | null;
  partyPosts: string | null;
}

/** A calendar date as an Excel date cell value (UTC midnight, as exceljs reads and writes it). */
export const dateCell = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null);

/** One export row in ROSTER_COLUMNS order. */
export function exportRow(seq: number, p: ExportPerson): unknown[] {
  const yesNo = (b: boolean) => (b ? '是' : '否');
  const byField: Record<string, unknown> = {
    ...p,
    seq,
    branch: p.orgName,
    gender: GENDER_LABELS[p.gender as keyof typeof GENDER_LABELS] ?? p.gender,
    partyStatus: PARTY_STATUS_LABELS[p.partyStatus as PartyStatus] ?? p.partyStatus,
    standing: STANDING_LABELS[p.standing as keyof typeof STANDING_LABELS] ?? p.standing,
    lostContact: yesNo(p.lostContact),
    floating: yesNo(p.floating),
  };
  return ROSTER_COLUMNS.map((c) =>
    c.kind === 'date' ? dateCell(byField[c.field] as string | null) : (byField[c.field] ?? null),
  );
}

/** The spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
