import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { type ExcelJS, newWorkbook, workbookBuffer } from '../../platform/excel';
import { allowedBranches, tenantBranches } from './branches';
import { columnLetter, EXAMPLE_MARK, ROSTER_COLUMNS, ROSTER_HEADERS, SHEET_NAME } from './roster-columns';
import { withCheckDigit } from './rules';

/** The roster as a workbook: the sheet both the import template and the export are made of. */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const DATA_ROWS_WITH_LISTS = 2000;

/** The roster sheet: header row, column widths, text format for the ID column, drop-down lists. */
export function addRosterSheet(
  workbook: ExcelJS.Workbook,
  branchListRange: string | null,
): ExcelJS.Worksheet {
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

const GUIDE = [
  '',
  '说明：',
  '1. 请在“花名册”工作表中从第 3 行开始填写，每行一人；第 2 行为示例（序号为“示例”），导入时自动忽略。',
  '2. 列的名称和顺序不能修改；前 21 列与全国党员管理信息系统的汇总表一致，后 6 列为本单位职工信息。',
  '3. 日期可以是 Excel 日期，或写作 2024-02-29、2024.02.29、2024年2月29日。',
  '4. 导入时逐行逐列检查，只要有一处错误，整个文件都不会导入；请按错误清单（行号、列名、原因）修改后重新上传。',
  '5. 身份证号、工号在文件内和系统中都不能重复。',
];

/** The import template: the roster sheet with an example row, the column guide, and the branches one may use. */
export async function rosterTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  const branches = allowedBranches(actor, await tenantBranches(ctx.db, actor));
  const workbook = newWorkbook();
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
  for (const line of GUIDE) guide.addRow(['', line]);

  const list = workbook.addWorksheet('党支部列表');
  list.columns = [
    { header: '党支部名称', width: 30 },
    { header: '组织编码', width: 16 },
  ];
  list.getRow(1).font = { bold: true };
  for (const b of branches) list.addRow([b.name, b.code]);
  return workbookBuffer(workbook);
}
