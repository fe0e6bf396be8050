/**
 * The roster spreadsheet (花名册): its columns, in the order of the 汇总表 of 全国党员管理信息系统 (2017),
 * DOMAIN.md §5.5, then Branchline's employee columns. Pure and light: the import page shows these too.
 */
import {
  EDUCATION_LEVELS,
  GENDER_LABELS,
  PARTY_STATUS_LABELS,
  PERSON_CATEGORIES,
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
