import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { OrgDetail, OrgItem, OrgList } from '../contract';
import { ORG_TYPE_LABELS } from '../rules';

/** The tree's answers, as the contract types them. */
export type { OrgDetail, OrgItem };

export { ORG_TYPE_LABELS };

/** The organizations the caller may see (one query shared by every page). */
export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: ['orgs'],
    queryFn: () => api<OrgList>('/orgs').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

/** The tree as it was on a date (read-only: no actions, no warnings); `null` means today's tree. */
export function useOrgsOn(on: string | null) {
  const current = useOrgs(on === null);
  const past = useQuery({
    queryKey: ['orgs', 'on', on],
    queryFn: () => api<OrgList>(`/orgs?on=${on}`).then((r) => r.items),
    enabled: on !== null,
    staleTime: 60_000,
  });
  return on === null ? current : past;
}

export interface OrgNode {
  org: OrgItem;
  children: OrgNode[];
}

/** Nests the flat list; an item whose parent is not in the list is a root. */
export function nestOrgs(items: OrgItem[]): OrgNode[] {
  const nodes = new Map(items.map((o) => [o.id, { org: o, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export interface OrgSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: OrgSelectNode[];
}

/** TreeSelect data; `selectable` decides which organizations may be picked. */
export function orgSelectTree(
  items: OrgItem[],
  selectable: (o: OrgItem) => boolean = () => true,
): OrgSelectNode[] {
  const toNode = (n: OrgNode): OrgSelectNode => ({
    value: n.org.id,
    title: n.org.name,
    disabled: !selectable(n.org),
    children: n.children.length ? n.children.map(toNode) : undefined,
  });
  return nestOrgs(items).map(toNode);
}

/** Names in pinyin order (the browser's Chinese collation), for lists the user scans by name. */
export const byPinyin = new Intl.Collator('zh-Hans-CN').compare;
