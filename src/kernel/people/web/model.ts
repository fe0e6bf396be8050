import type { PartyStatus, SensitiveField } from '../rules';

export {
  EDUCATION_LEVELS,
  END_REASON_LABELS,
  GENDER_LABELS,
  PARTY_STATUS_LABELS,
  PARTY_STATUSES,
  PERSON_CATEGORIES,
  SENSITIVE_FIELDS,
  STANDING_LABELS,
} from '../rules';
export type { PartyStatus, SensitiveField };

export const PARTY_STATUS_COLORS: Record<string, string> = {
  masses: 'default',
  applicant: 'cyan',
  activist: 'blue',
  candidate: 'purple',
  probationary: 'orange',
  full: 'red',
};

/** The people answers, as the contract types them (the web declares none of its own). */
export type {
  HistoryItem,
  ImportJobView,
  PeopleList,
  PersonDetail,
  PersonListItem as PersonRow,
  RevealResult,
} from '../contract';

/** Names in pinyin order (the browser's Chinese collation), for lists the user scans by name. */
export const byPinyin = new Intl.Collator('zh-Hans-CN').compare;

/** The one 岗位 a person is shown with: the national 工作岗位, else the unit's own 岗位. */
export const postOf = (p: { jobPost: string | null; post: string | null }): string | null =>
  p.jobPost ?? p.post;

/** Chinese labels of every person field (the national 16 items plus the unit's own). */
export const PERSON_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '公民身份号码',
  birthDate: '出生日期',
  education: '学历',
  category: '人员类别',
  orgId: '所在党支部',
  orgName: '所在党支部',
  partyGroupId: '所在党小组',
  partyGroupName: '所在党小组',
  partyStatus: '政治面貌',
  joinedPartyOn: '加入党组织日期',
  fullMemberOn: '转为正式党员日期',
  jobPost: '工作岗位',
  mobile: '手机号',
  landline: '固定电话',
  address: '家庭住址',
  standing: '党籍状态',
  lostContact: '是否为失联党员',
  lostContactOn: '失去联系日期',
  floating: '是否为流动党员',
  floatingTo: '外出流向',
  employeeNo: '工号',
  post: '岗位',
  workplace: '工作地点（车站/班组）',
  startedWorkOn: '参加工作日期',
  partyPosts: '党内职务',
  exempt: '免于参加组织生活',
  remarks: '备注',
  endedOn: '终止日期',
  endReason: '终止原因',
  on: '生效日期',
};

export const MEMBERSHIP_REASON_LABELS: Record<string, string> = {
  joined: '进入本单位',
  transfer: '调整支部',
  merge: '支部合并',
  import: '名册导入',
};
