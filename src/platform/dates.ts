import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

/** Today's calendar date where the users live (Asia/Shanghai), as YYYY-MM-DD. */
export const todayLocal = (now: Date = new Date()): string => dayjs(now).tz(ZONE).format('YYYY-MM-DD');

export const isValidDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, 'YYYY-MM-DD').format('YYYY-MM-DD') === s;

/** Whole years between two calendar dates (age, party age). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

export { dayjs };
