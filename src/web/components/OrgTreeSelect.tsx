import { TreeSelect } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef } from 'react';
import type { OrgType } from '../../kernel/orgs/rules';
import { type OrgOption, type OrgTreeNode, orgTree, useOrgOptions } from './orgOptions';

export { type OrgOption, type OrgTreeNode, orgTree, useOrgOptions };

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
  /** Open (and focused) as it appears: LazyOrgTreeSelect, replacing its button on a tap. */
  defaultOpen?: boolean;
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
  defaultOpen,
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
      defaultOpen={defaultOpen}
      autoFocus={defaultOpen}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: '92vw', minWidth: 240 } } }}
    />
  );
}
