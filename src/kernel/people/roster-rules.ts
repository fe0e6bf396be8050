/**
 * The roster spreadsheet (花名册): one row read into a person, the header checked, a person written as a
 * row. Pure, no I/O. The columns are in roster-columns.ts, the cells in roster-cells.ts.
 */
import {
  cellText,
  type Parsed,
  parseCategory,
  parseDateCell,
  parseEducation,
  parseGender,
  parseIdNumberCell,
  parsePartyStatus,
  parsePhoneCell,
  parseStanding,
  parseTextCell,
  parseYesNo,
} from './roster-cells';
import {
  EXAMPLE_MARK,
  NATIONAL_COLUMNS,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
  type RosterColumn,
} from './roster-columns';
import {
  GENDER_LABELS,
  PARTY_STATUS_LABELS,
  type PartyStatus,
  parseIdNumber,
  STANDING_LABELS,
} from './rules';

export * from './roster-cells';
export * from './roster-columns';

const isBlank = (v: unknown) => cellText(v) === '';

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
      return { ok: true, value: null };
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
