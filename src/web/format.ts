import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const ZONE = 'Asia/Shanghai';
export { dayjs };

/** A calendar date as YYYY-MM-DD; a dash when empty. */
export const fmtDate = (v: unknown): string => (v ? String(v).slice(0, 10) : '—');

/** A calendar date as 2026年3月5日. */
export const fmtDateCn = (v: unknown): string =>
  v ? dayjs(String(v).slice(0, 10)).format('YYYY年M月D日') : '—';

/** A server timestamp shown in Beijing time. */
export const fmtDateTime = (v: unknown): string =>
  v ? dayjs(String(v)).tz(ZONE).format('YYYY-MM-DD HH:mm:ss') : '—';

export const toDateString = (d: Dayjs | null | undefined): string | null =>
  d ? d.format('YYYY-MM-DD') : null;
export const fromDateString = (v: unknown): Dayjs | null => (v ? dayjs(String(v).slice(0, 10)) : null);
export const today = (): Dayjs => dayjs().tz(ZONE).startOf('day');

const collator = new Intl.Collator('zh-Hans-CN');
/**
 * Compares Chinese names by pinyin (the order a Chinese reader expects: 安 < 白 < 张), not by code point.
 * `names.sort(zhCompare)`, or `items.sort((a, b) => zhCompare(a.name, b.name))`.
 */
export const zhCompare = (a: string, b: string): number => collator.compare(a, b);
