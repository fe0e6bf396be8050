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

/** A person as the list returns it (sensitive values masked). */
export interface PersonRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  orgId: string;
  orgName: string;
  partyGroupId: string | null;
  partyGroupName: string | null;
  partyStatus: PartyStatus;
  partyStatusLabel: string;
  birthDate: string | null;
  employeeNo: string | null;
  post: string | null;
  workplace: string | null;
  joinedPartyOn: string | null;
  fullMemberOn: string | null;
  standing: 'normal' | 'suspended';
  lostContact: boolean;
  floating: boolean;
  mobile: string | null;
  endedOn: string | null;
  endReason: string | null;
  actions: string[];
}

/** A person as the detail returns it. */
export interface PersonDetail extends PersonRow {
  ethnicity: string | null;
  idNumber: string | null;
  education: string | null;
  category: string | null;
  jobPost: string | null;
  landline: string | null;
  address: string | null;
  lostContactOn: string | null;
  floatingTo: string | null;
  startedWorkOn: string | null;
  partyPosts: string | null;
  exempt: boolean;
  remarks: string | null;
  version: number;
  createdAt: string | null;
  updatedAt: string | null;
  memberships: {
    orgId: string;
    orgName: string;
    validFrom: string;
    validTo: string | null;
    reason: string;
  }[];
}

export interface HistoryItem {
  at: string;
  actorName: string | null;
  action: string;
  details: unknown;
}

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
