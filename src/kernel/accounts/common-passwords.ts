import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Common passwords: the 49,000-entry list of zxcvbn-ts (`@zxcvbn-ts/language-common`, MIT, drawn from
 * leaked-password corpora), plus passwords common in Chinese practice that it lacks. Compared in lower
 * case.
 */
const LOCAL = [
  'woaini1314',
  'woaini520',
  'huawei123',
  'abc@1234',
  'abc123456',
  'test@123',
  'root@123',
  'admin@123',
  'admin1234',
  'root1234',
  'password@123',
  'qwe123!@#',
  'asd123456',
  'zxc123456',
  'qazwsx123',
  'qwer1234',
  'qwer@1234',
  'a1234567',
  'aa123456',
  'p@ssw0rd1',
  'welcome123',
  'changeme1',
  'branchline',
  'branchline1',
  'zhibuzaixian',
  'dangjian123',
  'gongchandang',
];

let common: Set<string> | null = null;

export function isCommonPassword(password: string): boolean {
  common ??= new Set([...(dictionary['passwords-common'] as string[]), ...LOCAL].map((p) => p.toLowerCase()));
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  // A common word with digits or symbols stuck on its end ("Password1!", "Dragon2026#") is as weak.
  const base = lower.replace(/[^a-z]+$/, '');
  return base.length >= 6 && base !== lower && common.has(base);
}

/** How many entries the list holds (for the tests and the security document). */
export const commonPasswordCount = (): number => {
  isCommonPassword('');
  return common!.size;
};
