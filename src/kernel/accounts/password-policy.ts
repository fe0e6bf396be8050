import { isCommonPassword } from './common-passwords';

/**
 * The password policy (等保 common practice: 8+ characters of 3 classes, not common, not the username),
 * with the committee's stricter rules where its settings ask. Apart from rules.ts so that the web, which
 * reads rules.ts, never bundles the 49,000 common passwords.
 */

/** The password rules of a committee (accounts settings); the baseline is 8 characters of 3 classes. */
export interface PasswordRules {
  minLength: number;
  minClasses: number;
}
export const BASELINE_PASSWORD_RULES: PasswordRules = { minLength: 8, minClasses: 3 };

export interface PasswordProblem {
  ok: boolean;
  message?: string;
}

const CLASS_WORDS = ['', '一', '二', '三', '四'];

export function checkPasswordPolicy(
  password: string,
  username?: string,
  rules: PasswordRules = BASELINE_PASSWORD_RULES,
): PasswordProblem {
  if (password.length < rules.minLength) return { ok: false, message: `密码至少 ${rules.minLength} 位` };
  if (password.length > 128) return { ok: false, message: '密码不能超过 128 位' };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.minClasses) {
    return {
      ok: false,
      message:
        rules.minClasses >= 4
          ? '密码须同时包含大写字母、小写字母、数字和符号'
          : `密码须包含大写字母、小写字母、数字、符号中的至少${CLASS_WORDS[rules.minClasses]}类`,
    };
  }
  if (isCommonPassword(password)) return { ok: false, message: '密码过于常见，请换一个' };
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return { ok: false, message: '密码不能包含用户名' };
  }
  return { ok: true };
}
