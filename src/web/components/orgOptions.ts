import { useQuery } from '@tanstack/react-query';
import type { OrgType } from '../../kernel/orgs/rules';
import { api } from '../api';
import { zhCompare } from '../format';

/*
 * The caller's organizations without the tree picker (antd TreeSelect, about 55 KB gzip with what it
 * needs): pages that only count or name organizations import this file, not OrgTreeSelect.tsx.
 */

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
