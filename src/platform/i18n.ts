import { z } from 'zod';

/** What a value is, in the words a user reads. */
const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '一组字段（对象）',
  date: '日期',
  null: '空值',
  undefined: '空',
  bigint: '整数',
  nan: '非数字',
};
const typeOfInput = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isNaN(v) ? 'nan' : typeof v;
const words = (t: string) => TYPE_WORDS[t] ?? t;
const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');

/**
 * Zod's messages in plain Chinese: "应为数字，收到的是文字" rather than "期望 number". A schema's own
 * message (`.max(20, '…')`) still wins; the field's name is added by the error handler from its title.
 */
z.config({
  localeError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return '必填';
        return `应为${words(issue.expected)}，收到的是${words(typeOfInput(issue.input))}`;
      case 'invalid_value':
        return issue.values.length === 1
          ? `应为 ${list(issue.values)}`
          : `应为以下之一：${list(issue.values)}`;
      case 'too_big': {
        const n = String(issue.maximum);
        if (issue.origin === 'string') return `不能超过 ${n} 个字符`;
        if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${n} 项`;
        return issue.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
      }
      case 'too_small': {
        const n = String(issue.minimum);
        if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${n} 个字符`;
        if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${n} 项`;
        return issue.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
      }
      case 'invalid_format':
        if (issue.format === 'uuid' || issue.format === 'guid') return 'ID 格式不正确';
        if (issue.format === 'email') return '电子邮件地址格式不正确';
        if (issue.format === 'url') return '网址格式不正确';
        if (issue.format === 'date') return '日期格式应为 YYYY-MM-DD';
        if (issue.format === 'datetime') return '时间格式不正确';
        return '格式不正确';
      case 'not_multiple_of':
        return `应为 ${String(issue.divisor)} 的整数倍`;
      case 'unrecognized_keys':
        return `不认识的字段：${issue.keys.join('、')}`;
      case 'invalid_key':
      case 'invalid_element':
        return '包含无效的值';
      case 'invalid_union':
        return '输入无效';
      default:
        return '输入无效';
    }
  },
});

/** Reusable zod pieces with Chinese messages. */
export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期');
export const zUuid = z.string().uuid('ID 格式不正确');
export const zPage = z.coerce
  .number()
  .int('页码应为整数')
  .min(1, '页码最小为 1')
  .max(100000, '页码过大')
  .default(1)
  .meta({ title: '页码' });
export const zPageSize = z.coerce
  .number()
  .int('每页条数应为整数')
  .min(1, '每页条数最小为 1')
  .max(200, '每页最多 200 条')
  .default(20)
  .meta({ title: '每页条数' });
export const zText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
export const zRequiredText = (max: number) => zText(max).min(1, '不能为空');
export const zBoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
