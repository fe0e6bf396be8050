/** How one roster cell becomes a value: dates in the usual Chinese forms, labels, ID numbers. Pure. */
import { cellText } from '../../platform/excel';
import {
  EDUCATION_LEVELS,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  type PartyStatus,
  PERSON_CATEGORIES,
} from './rules';

export { cellText };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Full-width digits and punctuation (０-９, －, ．, ／) typed with a Chinese IME become ASCII. */
const halfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

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
