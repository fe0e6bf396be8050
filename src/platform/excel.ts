import ExcelJS from 'exceljs';
import { invalid } from './errors';
import { storableText } from './text';

/** The one Excel toolkit: ledgers written for A4, workbooks read from uploads, cells as text. */
export { ExcelJS };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Exports stop here; a cut file says so in its last row. */
export const MAX_EXPORT_ROWS = 5000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export type LedgerCell = string | number | boolean | Date | null;

export interface LedgerColumn {
  header: string;
  width: number;
}

/** The last row of a ledger cut at the row cap, so nobody takes a partial file for the whole. */
export const truncationNote = (shown: number, total: number): string | null =>
  total > shown
    ? `注意：仅导出前 ${shown} 条，共 ${total} 条；请缩小范围（组织、日期、状态）后分批导出。`
    : null;

/** Adds a ledger sheet: a title row, a bold header and the rows, printable on A4 landscape. */
export function addLedgerSheet(
  wb: ExcelJS.Workbook,
  title: string,
  columns: LedgerColumn[],
  rows: LedgerCell[][],
  total = rows.length,
): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, Math.max(1, columns.length));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) sheet.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  const note = truncationNote(rows.length, total);
  if (note) {
    const last = sheet.addRow([note]);
    last.font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.mergeCells(last.number, 1, last.number, Math.max(1, columns.length));
  }
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return sheet;
}

export const newWorkbook = (): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Branchline 支部在线';
  return wb;
};

export const workbookBuffer = async (wb: ExcelJS.Workbook): Promise<Buffer> =>
  Buffer.from(await wb.xlsx.writeBuffer());

/** A one-sheet ledger as an .xlsx file. With `total` above the rows given, a final row says the file was cut. */
export async function ledger(
  title: string,
  columns: LedgerColumn[],
  rows: LedgerCell[][],
  total = rows.length,
): Promise<Buffer> {
  const wb = newWorkbook();
  addLedgerSheet(wb, title, columns, rows, total);
  return workbookBuffer(wb);
}

/** Opens an uploaded .xlsx, refusing what is not one with a message naming the `file` field. */
export async function readWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  if (data.length === 0) throw invalid({ file: '上传的文件是空的' });
  if (!data.subarray(0, 4).equals(ZIP_MAGIC))
    throw invalid({ file: '文件不是 .xlsx 格式：请用 Excel 或 WPS 另存为 “Excel 工作簿 (*.xlsx)” 后上传' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid({ file: '无法读取该 .xlsx 文件：文件已损坏或不是 Excel 工作簿' });
  }
  return wb;
}

/**
 * A cell as exceljs reads it (text, number, date, rich text, hyperlink, formula) as trimmed text. A file can
 * carry what no form can (`&#xD800;`, NUL): such characters become U+FFFD, as the database would store them.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string')
    return storableText(v)
      .replace(/\u3000/g, ' ')
      .trim();
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
