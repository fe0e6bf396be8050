import { z } from 'zod';
import { zDate, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';
import { MEETING_KINDS, MEETING_STATUSES } from './rules-kinds';

/**
 * The field builders the meetings contract files share: each titled in Chinese, so a validation message
 * names the field by its title.
 */

export const kind = label(
  z.enum(MEETING_KINDS, { error: `应为 ${MEETING_KINDS.join('、')} 之一` }),
  '会议类型',
);
export const status = label(
  z.enum(MEETING_STATUSES, { error: '应为 draft、submitted、approved、returned 或 cancelled' }),
  '状态',
);
export const heldAt = label(
  z.iso.datetime({ offset: true, error: '应为带时区的 ISO 时间，如 2025-03-05T09:00:00+08:00' }),
  '召开时间',
);
export const text = (title: string, max: number) =>
  label(z.string({ error: '应为文字' }).trim().max(max, `不能超过 ${max} 个字符`), title);
export const requiredText = (title: string, max: number) => text(title, max).min(1, '不能为空');
export const count = (title: string) =>
  label(
    z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(10000, '不能超过 10000'),
    title,
  );
export const uuid = (title: string) => label(zUuid, title);
/** 学时: 0 to 24 in half hours. */
export const hours = (title: string) =>
  label(
    z
      .number({ error: '应为数字' })
      .min(0, '不能为负数')
      .max(24, '不能超过 24')
      .multipleOf(0.5, '应为 0.5 的整数倍'),
    title,
  );
export const date = (title: string) => label(zDate, title);
export const year = label(
  z.coerce
    .number({ error: '应为数字' })
    .int('应为整数')
    .min(2000, '不能早于 2000')
    .max(2100, '不能晚于 2100'),
  '年份',
);
export const frequency = z.enum(['month', 'quarter', 'half_year', 'year'], {
  error: '应为 month、quarter、half_year 或 year',
});

export const nstr = z.string().nullable();
export const rate = z.number().nullable();
