import { dayjs, ZONE } from '../format';

/** Form values as JSON for IndexedDB and back: dates (dayjs) become `{ $date: ISO }`. */
export function toStored(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(toStored);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toStored(v)]),
    );
  }
  return value;
}

export function fromStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStored);
  if (value && typeof value === 'object') {
    const date = (value as { $date?: unknown }).$date;
    if (typeof date === 'string' && Object.keys(value).length === 1) return dayjs(date).tz(ZONE);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromStored(v)]));
  }
  return value;
}
