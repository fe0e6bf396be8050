import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef } from 'react';
import type { OrgType } from '../../kernel/orgs/rules';
import { api } from '../api';
import { zhCompare } from '../format';

/** What the org tree needs of `GET /api/v1/orgs` (the caller's visible organizations). */
export interface OrgOption {
  id: string;
  parentId: string | null;
  type: OrgType;
  name: string;
  depth: number;
  dissolvedOn?: string | null;
  /** What needs attention (no secretary, too few members …); absent in a past tree. */
  warnings?: { code: string; message: string }[];
}

/**
 * The organizations the caller may see, shared with every page that asks (`['orgs']` is the same query
 * as the orgs module's `useOrgs`).
 */
export function useOrgOptions(enabled = true) {
  return useQuery({
    queryKey: ['orgs'],
    queryFn: () => api<{ items: OrgOption[] }>('/orgs').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export interface OrgTreeNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: OrgTreeNode[];
}

/**
 * The tree for a TreeSelect, siblings sorted by pinyin. With `types`, only those organizations may be
 * picked; the others stay as the path to them, and a branch of the tree with nothing to pick is left out.
 */
export function orgTree(items: OrgOption[], types?: OrgType[]): OrgTreeNode[] {
  const ids = new Set(items.map((o) => o.id));
  const children = new Map<string | null, OrgOption[]>();
  for (const o of items) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const pickable = (o: OrgOption) => !types || types.includes(o.type);
  const build = (parent: string | null): OrgTreeNode[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => zhCompare(a.name, b.name))
      .flatMap((o) => {
        const kids = build(o.id);
        if (!pickable(o) && kids.length === 0) return [];
        return [
          {
            value: o.id,
            title: o.name,
            disabled: !pickable(o),
            children: kids.length ? kids : undefined,
          },
        ];
      });
  return build(null);
}

export interface OrgTreeSelectProps {
  value?: string;
  onChange?: (orgId: string | undefined) => void;
  /** For a Form.Item's label. */
  id?: string;
  /** Only these types may be picked (e.g. `['branch']` for the branch a meeting belongs to). */
  types?: OrgType[];
  placeholder?: string;
  /** Default true; false when a value must be chosen. */
  allowClear?: boolean;
  /**
   * Default true: when the caller can pick exactly one organization (a branch secretary and `types`
   * `['branch']`), it is chosen at once, so a secretary of one branch never has to.
   */
  prefillSingle?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  /** Extra filter on the organizations offered (e.g. not dissolved ones). */
  filter?: (org: OrgOption) => boolean;
}

/**
 * Picks an organization from the caller's visible tree (`GET /api/v1/orgs`), searchable, names in
 * pinyin order, optionally only of some types, prefilled when there is exactly one to choose.
 *
 *   <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
 *     <OrgTreeSelect types={['branch']} allowClear={false} />
 *   </Form.Item>
 *   <OrgTreeSelect placeholder="组织（含下级）" value={filters.orgId} onChange={(orgId) => setFilters({ orgId })} />
 */
export function OrgTreeSelect({
  value,
  onChange,
  id,
  types,
  placeholder = '选择组织',
  allowClear = true,
  prefillSingle = true,
  disabled,
  style,
  filter,
}: OrgTreeSelectProps) {
  const orgs = useOrgOptions();
  const items = useMemo(() => (orgs.data ?? []).filter((o) => !filter || filter(o)), [orgs.data, filter]);
  const typesKey = types?.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `typesKey` is the content of `types`
  const tree = useMemo(() => orgTree(items, types), [items, typesKey]);
  const choices = useMemo(() => {
    const out: string[] = [];
    const walk = (nodes: OrgTreeNode[]) => {
      for (const n of nodes) {
        if (!n.disabled) out.push(n.value);
        if (n.children) walk(n.children);
      }
    };
    walk(tree);
    return out;
  }, [tree]);

  const prefilled = useRef(false);
  useEffect(() => {
    if (!prefillSingle || prefilled.current || !orgs.isSuccess) return;
    prefilled.current = true;
    if (value === undefined && choices.length === 1) onChange?.(choices[0]);
  }, [prefillSingle, orgs.isSuccess, value, choices, onChange]);

  // Open the tree down to where the choices are, but not a whole committee of two hundred.
  const expanded = useMemo(
    () => (items.length <= 40 ? items.map((o) => o.id) : items.filter((o) => o.depth <= 0).map((o) => o.id)),
    [items],
  );

  return (
    <TreeSelect
      id={id}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      treeData={tree}
      treeDefaultExpandedKeys={expanded}
      value={orgs.data ? value : undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      loading={orgs.isPending}
      disabled={disabled}
      notFoundContent={orgs.isPending ? '加载中…' : '您的范围内没有可选的组织'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: '92vw', minWidth: 240 } } }}
    />
  );
}
