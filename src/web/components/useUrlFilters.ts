import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** A filter's value: text, a number, a yes/no, a multiple choice, or nothing chosen. */
export type FilterValue = string | number | boolean | string[] | undefined;

export interface UrlFilters<T extends Record<string, FilterValue>> {
  /** The filters as the URL has them; a key the URL lacks has its default. */
  filters: T;
  /** Changes some filters (a value equal to its default leaves the URL) and goes back to page 1. */
  setFilters: (patch: Partial<T>) => void;
  /** Every filter back to its default, page 1. */
  reset: () => void;
  /** Whether any filter differs from its default (for "no results for these filters" messages). */
  active: boolean;
  page: number;
  pageSize: number;
  /** Changes the page (and the page size, which goes back to page 1 when it changes). */
  setPage: (page: number, pageSize?: number) => void;
  /** The filters that have a value, plus page and pageSize: ready for `api(path, { query })`. */
  query: Record<string, string | number | boolean | string[]>;
}

const isEmpty = (v: FilterValue) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: FilterValue, b: FilterValue) =>
  Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b || (isEmpty(a) && isEmpty(b));

function parse(raw: string | null, fallback: FilterValue): FilterValue {
  if (raw === null) return fallback;
  if (Array.isArray(fallback)) return raw.split(',').filter(Boolean);
  if (typeof fallback === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : fallback;
  }
  if (typeof fallback === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : fallback;
  return raw;
}

const positive = (raw: string | null, fallback: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * A list's filters and page kept in the URL query, so that a filtered list survives a reload, the back
 * button and being sent to a colleague. The defaults give every filter its type; keys with no default
 * value are written `undefined as string | undefined`. Other query keys of the page are left alone.
 *
 *   const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters({
 *     orgId: undefined as string | undefined,
 *     partyStatus: [] as string[],
 *     q: '',
 *   });
 *   const list = useQuery({ queryKey: ['people', query], queryFn: () => api('/people', { query }) });
 *   <OrgTreeSelect value={filters.orgId} onChange={(orgId) => setFilters({ orgId })} />
 */
export function useUrlFilters<T extends Record<string, FilterValue>>(
  defaults: T,
  options: { pageSize?: number } = {},
): UrlFilters<T> {
  const [params, setParams] = useSearchParams();
  // The defaults are a constant of the page; the first ones given count.
  const initial = useRef(defaults).current;
  const defaultSize = options.pageSize ?? 20;
  const key = params.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the content of `params`
  const filters = useMemo(() => {
    const out: Record<string, FilterValue> = {};
    for (const [k, d] of Object.entries(initial)) out[k] = parse(params.get(k), d);
    return out as T;
  }, [key, initial]);
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), defaultSize);

  const setFilters = useCallback(
    (patch: Partial<T>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, FilterValue][]) {
            if (isEmpty(v) || same(v, initial[k])) next.delete(k);
            else next.set(k, Array.isArray(v) ? v.join(',') : String(v));
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams, initial],
  );

  const reset = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of [...Object.keys(initial), 'page']) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    [setParams, initial],
  );

  const setPage = useCallback(
    (p: number, size?: number) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const sizeChanged = size !== undefined && size !== positive(prev.get('pageSize'), defaultSize);
          const target = sizeChanged ? 1 : p;
          if (target > 1) next.set('page', String(target));
          else next.delete('page');
          if (size !== undefined) {
            if (size === defaultSize) next.delete('pageSize');
            else next.set('pageSize', String(size));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams, defaultSize],
  );

  const query = useMemo(() => {
    const q: Record<string, string | number | boolean | string[]> = {};
    for (const [k, v] of Object.entries(filters) as [string, FilterValue][]) {
      if (!isEmpty(v)) q[k] = v as string | number | boolean | string[];
    }
    q.page = page;
    q.pageSize = pageSize;
    return q;
  }, [filters, page, pageSize]);

  const active = useMemo(
    () => Object.entries(filters).some(([k, v]) => !same(v as FilterValue, initial[k])),
    [filters, initial],
  );

  return { filters, setFilters, reset, active, page, pageSize, setPage, query };
}
