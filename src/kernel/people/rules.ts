import { yearsBetween } from '../../platform/dates';

export const PARTY_STATUSES = [
  'masses',
  'applicant',
  'activist',
  'candidate',
  'probationary',
  'full',
] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];
export const PARTY_STATUS_LABELS: Record<PartyStatus, string> = {
  masses: '群众',
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};
export const MEMBER_STATUSES: readonly PartyStatus[] = ['probationary', 'full'];
export const isPartyMember = (s: string): boolean => s === 'probationary' || s === 'full';

export const GENDER_LABELS = { male: '男', female: '女' } as const;
export const STANDING_LABELS = { normal: '正常', suspended: '停止党籍' } as const;
export const END_REASONS = ['left_unit', 'died', 'transferred_out'] as const;
export const END_REASON_LABELS: Record<(typeof END_REASONS)[number], string> = {
  left_unit: '离开本单位',
  died: '去世',
  transferred_out: '组织关系转出',
};
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下'] as const;
export const PERSON_CATEGORIES = ['工人', '专业技术人员', '管理人员', '离退休人员', '其他'] as const;

export const SENSITIVE_FIELDS = ['idNumber', 'mobile', 'landline', 'address'] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

export interface IdNumberInfo {
  valid: boolean;
  reason?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
}

/** 公民身份号码 (GB 11643-1999): 18 characters, the last a checksum; birth date at 7–14; odd 17th digit = male. */
export function parseIdNumber(raw: string): IdNumberInfo {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: '应为 18 位，最后一位可为数字或 X' };
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (CHECK_CODES[sum % 11] !== id[17]) return { valid: false, reason: '校验位不正确' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate || birthDate < '1900-01-01') {
    return { valid: false, reason: '出生日期部分无效' };
  }
  return { valid: true, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Builds a valid ID number from its first 17 digits (demo data, tests). */
export function withCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + CHECK_CODES[sum % 11];
}

export const isMobile = (v: string): boolean => /^1[3-9]\d{9}$/.test(v.trim());
export const isLandline = (v: string): boolean => /^0\d{2,3}-?\d{7,8}$/.test(v.trim());

export const AGE_BANDS = ['30岁以下', '31-40岁', '41-50岁', '51-60岁', '60岁以上'] as const;
export function ageBand(birthDate: string, today: string): (typeof AGE_BANDS)[number] {
  const age = yearsBetween(birthDate, today);
  if (age <= 30) return '30岁以下';
  if (age <= 40) return '31-40岁';
  if (age <= 50) return '41-50岁';
  if (age <= 60) return '51-60岁';
  return '60岁以上';
}

export const PARTY_AGE_BANDS = ['预备期', '5年以下', '5-10年', '11-20年', '21-30年', '30年以上'] as const;
/** 党龄 counts from the end of probation (the date one became a full member). */
export function partyAgeBand(fullMemberOn: string | null, today: string): (typeof PARTY_AGE_BANDS)[number] {
  if (!fullMemberOn || fullMemberOn > today) return '预备期';
  const years = yearsBetween(fullMemberOn, today);
  if (years < 5) return '5年以下';
  if (years <= 10) return '5-10年';
  if (years <= 20) return '11-20年';
  if (years <= 30) return '21-30年';
  return '30年以上';
}

export interface PersonFacts {
  partyStatus: string;
  joinedPartyOn?: string | null;
  fullMemberOn?: string | null;
  birthDate?: string | null;
  lostContact?: boolean;
  lostContactOn?: string | null;
  standing?: 'normal' | 'suspended';
  suspendedOn?: string | null;
  floating?: boolean;
  floatingTo?: string | null;
  startedWorkOn?: string | null;
}

/** Cross-field consistency of a person's record; returns field → Chinese reason. */
export function checkPersonFacts(p: PersonFacts, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const member = isPartyMember(p.partyStatus);
  if (member && !p.joinedPartyOn) errors.joinedPartyOn = '党员须填写加入党组织日期';
  if (!member && p.joinedPartyOn) errors.joinedPartyOn = '非党员不应有加入党组织日期';
  if (p.partyStatus === 'full' && !p.fullMemberOn) errors.fullMemberOn = '正式党员须填写转为正式党员日期';
  if (p.partyStatus !== 'full' && p.fullMemberOn) errors.fullMemberOn = '预备党员及非党员不应有转正日期';
  if (p.joinedPartyOn && p.fullMemberOn && p.fullMemberOn < p.joinedPartyOn) {
    errors.fullMemberOn = '转为正式党员日期不能早于加入党组织日期';
  }
  if (p.joinedPartyOn && p.joinedPartyOn > today) errors.joinedPartyOn = '加入党组织日期不能晚于今天';
  if (p.birthDate && p.birthDate > today) errors.birthDate = '出生日期不能晚于今天';
  if (p.birthDate && p.joinedPartyOn && yearsBetween(p.birthDate, p.joinedPartyOn) < 18) {
    errors.joinedPartyOn = '入党时应年满 18 周岁';
  }
  if (p.lostContact && !p.lostContactOn) errors.lostContactOn = '失联党员须填写失去联系日期';
  if (!p.lostContact && p.lostContactOn) errors.lostContactOn = '未失联不应填写失去联系日期';
  if (p.suspendedOn && p.standing !== 'suspended') errors.suspendedOn = '党籍正常不应填写停止党籍日期';
  if (p.suspendedOn && p.suspendedOn > today) errors.suspendedOn = '停止党籍日期不能晚于今天';
  if (p.suspendedOn && p.joinedPartyOn && p.suspendedOn < p.joinedPartyOn)
    errors.suspendedOn = '停止党籍日期不能早于加入党组织日期';
  if (p.floating && !p.floatingTo) errors.floatingTo = '流动党员须填写外出流向';
  if ((p.lostContact || p.floating) && !member)
    errors[p.lostContact ? 'lostContact' : 'floating'] = '只有党员可标记为失联或流动';
  if (p.startedWorkOn && p.startedWorkOn > today) errors.startedWorkOn = '参加工作日期不能晚于今天';
  return errors;
}

/** The fields of a person the consistency check reads (a create body, or a record with a patch applied). */
export interface PersonDraft extends PersonFacts {
  gender: 'male' | 'female';
  idNumber?: string | null;
  mobile?: string | null;
  landline?: string | null;
}

/** Validates a complete person (after a patch is applied) and derives the birth date from the ID number. */
export function validatePerson<T extends PersonDraft>(
  merged: T,
  today: string,
): { errors: Record<string, string>; derived: { birthDate?: string } } {
  const errors: Record<string, string> = {};
  const derived: { birthDate?: string } = {};
  if (merged.idNumber) {
    const info = parseIdNumber(merged.idNumber);
    if (!info.valid) errors.idNumber = `公民身份号码${info.reason}`;
    else {
      if (merged.birthDate && merged.birthDate !== info.birthDate)
        errors.birthDate = '出生日期与公民身份号码不一致';
      if (merged.gender !== info.gender) errors.gender = '性别与公民身份号码不一致';
      derived.birthDate = info.birthDate;
    }
  }
  if (merged.mobile && !isMobile(merged.mobile)) errors.mobile = '手机号应为 11 位，以 1 开头';
  if (merged.landline && !isLandline(merged.landline)) errors.landline = '固定电话格式应为 区号-号码';
  Object.assign(
    errors,
    checkPersonFacts({ ...merged, birthDate: derived.birthDate ?? merged.birthDate }, today),
  );
  return { errors, derived };
}
