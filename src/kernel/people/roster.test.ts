import { describe, expect, it } from 'vitest';
import {
  cellText,
  checkHeader,
  columnLetter,
  EXAMPLE_MARK,
  exportRow,
  isBlankRow,
  isExampleRow,
  NATIONAL_COLUMNS,
  parseCategory,
  parseDateCell,
  parseEducation,
  parseGender,
  parseIdNumberCell,
  parsePartyStatus,
  parseRosterRow,
  parseStanding,
  parseTextCell,
  parseYesNo,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
} from './roster-rules';
import { withCheckDigit } from './rules';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('parseDateCell', () => {
  it.each([
    [null, null],
    [undefined, null],
    ['', null],
    ['   ', null],
    ['2024-02-29', '2024-02-29'],
    ['2024.02.29', '2024-02-29'],
    ['2024/2/29', '2024-02-29'],
    ['2024年2月29日', '2024-02-29'],
    ['2024年2月29', '2024-02-29'],
    [' 2024 年 2 月 9 日 ', '2024-02-09'],
    ['２０２４．０１．３１', '2024-01-31'],
    ['20240131', '2024-01-31'],
    ['2000-02-29', '2000-02-29'],
    ['2023-04-30', '2023-04-30'],
    ['2023-12-31', '2023-12-31'],
    [utc(2024, 2, 29), '2024-02-29'],
    [utc(1999, 12, 31), '1999-12-31'],
    [45351, '2024-02-29'],
    [45351.75, '2024-02-29'],
    [1, '1900-01-01'],
    [61, '1900-03-01'],
    [{ formula: 'DATE(2024,2,29)', result: utc(2024, 2, 29) }, '2024-02-29'],
    [{ richText: [{ text: '2024-' }, { text: '03-01' }] }, '2024-03-01'],
  ])('%j → %s', (input, expected) => {
    expect(parseDateCell(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2023-02-29', '2023 年 2 月没有 29 日'],
    ['1900-02-29', '1900 年 2 月没有 29 日'],
    ['2023-04-31', '2023 年 4 月没有 31 日'],
    ['2023-13-01', '月份 13 无效'],
    ['2023-00-10', '月份 0 无效'],
    ['2023-01-00', '2023 年 1 月没有 0 日'],
    ['1899-12-31', '年份'],
    ['2024-2', '日期应写作'],
    ['昨天', '日期应写作'],
    ['29/02/2024', '日期应写作'],
    [60, '日期应写作'],
    [0, '日期应写作'],
    [-5, '日期应写作'],
    [true, '日期应写作'],
    [new Date(Number.NaN), '日期应写作'],
  ])('%j is refused: %s', (input, reason) => {
    const r = parseDateCell(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });
});

describe('labels', () => {
  it.each([
    [parseGender, '男', 'male'],
    [parseGender, ' 女 ', 'female'],
    [parseGender, '女性', 'female'],
    [parseGender, '', null],
    [parseYesNo, '是', true],
    [parseYesNo, '否 ', false],
    [parseYesNo, null, null],
    [parseStanding, '正常', 'normal'],
    [parseStanding, '停止党籍', 'suspended'],
    [parseStanding, '', null],
    [parsePartyStatus, '正式党员', 'full'],
    [parsePartyStatus, '中共党员', 'full'],
    [parsePartyStatus, '中共预备党员', 'probationary'],
    [parsePartyStatus, '入党积极分子', 'activist'],
    [parsePartyStatus, ' 群众', 'masses'],
    [parseEducation, '大学本科', '大学本科'],
    [parseEducation, '本科', '大学本科'],
    [parseEducation, '大专', '大学专科'],
    [parseEducation, '硕士', '研究生'],
  ] as const)('%o(%j) → %j', (parse, input, expected) => {
    expect((parse as (v: unknown) => unknown)(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [parseGender, 'M', '性别应为'],
    [parseGender, '男女', '性别应为'],
    [parseYesNo, 'Y', '是”或“否'],
    [parseYesNo, '不是', '是”或“否'],
    [parseStanding, '暂停', '党籍状态'],
    [parsePartyStatus, '党员啊', '政治面貌应为'],
    [parseEducation, '幼儿园', '学历应为'],
  ] as const)('%o(%j) is refused', (parse, input, reason) => {
    const r = (parse as (v: unknown) => { ok: boolean; message?: string })(input);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(reason);
  });

  it('reads the national 人员类别 as a party status', () => {
    expect(parseCategory('工人')).toEqual({ ok: true, value: { category: '工人', impliedStatus: null } });
    expect(parseCategory('预备党员')).toEqual({
      ok: true,
      value: { category: null, impliedStatus: 'probationary' },
    });
    expect(parseCategory('')).toEqual({ ok: true, value: { category: null, impliedStatus: null } });
    expect(parseCategory('学生').ok).toBe(false);
  });
});

describe('text cells', () => {
  it.each([
    [null, ''],
    ['  张三  ', '张三'],
    ['\u3000张三\u3000', '张三'],
    [13800001111, '13800001111'],
    [{ text: 'a@b', hyperlink: 'mailto:a@b' }, 'a@b'],
    [{ formula: 'A1', result: 'x' }, 'x'],
    [utc(2024, 2, 29), '2024-02-29'],
  ])('cellText(%j) = %j', (input, expected) => {
    expect(cellText(input)).toBe(expected);
  });

  it('limits the length and folds inner whitespace', () => {
    expect(parseTextCell('张  三', 10)).toEqual({ ok: true, value: '张 三' });
    expect(parseTextCell('x'.repeat(11), 10)).toEqual({
      ok: false,
      message: '不能超过 10 个字符（现有 11 个）',
    });
  });

  it('refuses an ID number stored as a number and cleans a typed one', () => {
    expect(parseIdNumberCell(150702199001011230).ok).toBe(false);
    expect(parseIdNumberCell(' 150702 19900101 123x ')).toEqual({ ok: true, value: '15070219900101123X' });
  });
});

describe('checkHeader', () => {
  it('accepts the full header, the national 21 columns alone, and a starred or aliased header', () => {
    expect(checkHeader([...ROSTER_HEADERS])).toEqual({ ok: true, columns: ROSTER_HEADERS.length });
    expect(checkHeader(NATIONAL_COLUMNS.map((c) => c.header))).toEqual({ ok: true, columns: 21 });
    const starred = ROSTER_HEADERS.map((h) =>
      h === '姓名' ? ' *姓名 ' : h === '公民身份证号' ? '公民身份号码' : h,
    );
    expect(checkHeader([...starred, null, ''])).toEqual({ ok: true, columns: ROSTER_HEADERS.length });
  });

  it.each([
    [['序号', '所在党支部', '姓名'], '表头第 2 列应为“姓名”，实际为“所在党支部”'],
    [[], '表头缺少“序号”'],
    [ROSTER_HEADERS.slice(0, 10), '表头缺少“转为正式党员日期”'],
    [[...ROSTER_HEADERS, '爱好'], '表头第 28 列“爱好”不属于花名册'],
    [[...NATIONAL_COLUMNS.map((c) => c.header), '工号'], '表头第 22 列应为“政治面貌”'],
  ])('refuses %j', (cells, message) => {
    const r = checkHeader(cells);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

const row = (values: Record<string, unknown>) => ROSTER_COLUMNS.map((c) => values[c.header]);
const ID = withCheckDigit('15070219900229123'); // invalid date part: 1990 is not a leap year
const ID_OK = withCheckDigit('15070219920229123'); // 1992-02-29, 17th digit odd → male

describe('parseRosterRow', () => {
  const base = {
    序号: 1,
    姓名: ' 王伟 ',
    所在党支部: '海拉尔站党支部',
    公民身份证号: ID_OK,
    性别: '男',
    加入党组织日期: '2015.07.01',
    转为正式党员日期: '2016年7月1日',
    政治面貌: '正式党员',
  };

  it('reads a complete row with defaults for the empty flags', () => {
    const { person, errors } = parseRosterRow(row(base));
    expect(errors).toEqual([]);
    expect(person).toMatchObject({
      name: '王伟',
      branch: '海拉尔站党支部',
      idNumber: ID_OK,
      gender: 'male',
      partyStatus: 'full',
      joinedPartyOn: '2015-07-01',
      fullMemberOn: '2016-07-01',
      standing: 'normal',
      lostContact: false,
      floating: false,
      mobile: null,
      employeeNo: null,
    });
  });

  it('derives an empty gender from a valid ID number, and the status from 人员类别', () => {
    const { person } = parseRosterRow(row({ ...base, 性别: '', 政治面貌: '', 人员类别: '正式党员' }));
    expect(person).toMatchObject({ gender: 'male', partyStatus: 'full', category: null });
  });

  it('collects every bad cell with its column', () => {
    const { person, errors } = parseRosterRow(
      row({
        ...base,
        姓名: '',
        公民身份证号: ID,
        性别: '',
        出生日期: '2023-02-29',
        是否为失联党员: '也许',
        政治面貌: '',
        人员类别: '学生',
      }),
    );
    expect(person).toMatchObject({
      name: '',
      birthDate: null,
      gender: null,
      partyStatus: null,
      lostContact: false,
    });
    expect(errors.map((e) => e.column)).toEqual([
      '姓名',
      '出生日期',
      '人员类别',
      '是否为失联党员',
      '政治面貌',
      '性别',
    ]);
    expect(errors.find((e) => e.column === '出生日期')?.message).toBe('2023 年 2 月没有 29 日');
  });

  it('flags 人员类别 contradicting 政治面貌', () => {
    const { errors } = parseRosterRow(row({ ...base, 人员类别: '预备党员' }));
    expect(errors).toEqual([{ column: '人员类别', message: '人员类别与政治面貌“正式党员”不一致' }]);
  });

  it('knows blank and example rows', () => {
    expect(isBlankRow([null, '', '  ', undefined])).toBe(true);
    expect(isBlankRow([null, 'x'])).toBe(false);
    expect(isExampleRow([EXAMPLE_MARK, '张三'])).toBe(true);
    expect(isExampleRow([1, '张三'])).toBe(false);
  });
});

describe('exportRow', () => {
  it('writes labels and dates in the roster order', () => {
    const cells = exportRow(3, {
      orgName: '海拉尔站党支部',
      name: '王伟',
      gender: 'male',
      partyStatus: 'probationary',
      ethnicity: '汉族',
      idNumber: '150702********1234',
      birthDate: '1992-02-29',
      education: '大学本科',
      category: '工人',
      joinedPartyOn: '2025-07-01',
      fullMemberOn: null,
      jobPost: null,
      mobile: '138****1111',
      landline: null,
      address: null,
      standing: 'normal',
      lostContact: false,
      lostContactOn: null,
      floating: true,
      floatingTo: '黑龙江省哈尔滨市',
      remarks: null,
      employeeNo: 'HLR1',
      post: '信号员',
      workplace: '海拉尔站',
      startedWorkOn: '2012-08-01',
      partyPosts: null,
    });
    const byHeader = Object.fromEntries(ROSTER_HEADERS.map((h, i) => [h, cells[i]]));
    expect(cells).toHaveLength(ROSTER_HEADERS.length);
    expect(byHeader).toMatchObject({
      序号: 3,
      所在党支部: '海拉尔站党支部',
      性别: '男',
      政治面貌: '预备党员',
      党籍状态: '正常',
      是否为失联党员: '否',
      是否为流动党员: '是',
      出生日期: utc(1992, 2, 29),
      转为正式党员日期: null,
    });
    // Round trip: what is exported is read back the same way.
    expect(parseDateCell(byHeader.出生日期)).toEqual({ ok: true, value: '1992-02-29' });
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [ROSTER_HEADERS.length - 1, 'AA'],
  ])('columnLetter(%i) = %s', (i, l) => {
    expect(columnLetter(i)).toBe(l);
  });
});
