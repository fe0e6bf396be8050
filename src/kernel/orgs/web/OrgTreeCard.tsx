import { Alert, Button, Card, DatePicker, Empty, type GetRef, Input, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { RefObject } from 'react';
import { type Key, useEffect, useMemo, useRef, useState } from 'react';
import { fmtDate, fromDateString, toDateString, today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { OrgItem } from '../contract';
import { nestOrgs, type OrgNode } from './hooks';
import { OrgTypeTags, WarningTag } from './OrgTags';

/** On a past date an organization dissolved since still existed: it is not tagged 已撤销 there. */
function nodeTitle(o: OrgItem, past: boolean) {
  return (
    <span style={{ whiteSpace: 'normal' }}>
      <span style={{ marginInlineEnd: 6 }}>{o.name}</span>
      <OrgTypeTags org={past ? { ...o, dissolvedOn: null } : o} />
      {o.memberCount !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
          党员 {o.memberCount}
        </Typography.Text>
      )}
      {o.warnings.length > 0 && <WarningTag warnings={o.warnings} />}
    </span>
  );
}

function toTree(nodes: OrgNode[], keep: (o: OrgItem) => boolean, past: boolean): DataNode[] {
  return nodes
    .map((n) => ({ n, children: toTree(n.children, keep, past) }))
    .filter(({ n, children }) => keep(n.org) || children.length > 0)
    .map(({ n, children }) => ({
      key: n.org.id,
      title: nodeTitle(n.org, past),
      children: children.length ? children : undefined,
      isLeaf: children.length === 0,
    }));
}

/** Which nodes are open: the roots at first, then what the user opened, and always the way down to `selected`. */
function useExpanded(
  all: OrgItem[],
  selected: string | undefined,
  treeRef: RefObject<GetRef<typeof Tree> | null>,
) {
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const defaultExpanded = useMemo(() => nestOrgs(all).map((r) => r.org.id), [all]);
  // Opening an organization by address (a link, a reload) unfolds the tree down to it.
  useEffect(() => {
    if (!selected || !all.length) return;
    const byId = new Map(all.map((o) => [o.id, o]));
    const ancestors: string[] = [];
    for (let p = byId.get(selected)?.parentId; p && byId.has(p); p = byId.get(p)?.parentId) ancestors.push(p);
    setExpanded((prev) => {
      const base = prev ?? defaultExpanded;
      const missing = ancestors.filter((a) => !base.includes(a));
      return missing.length ? [...base, ...missing] : prev;
    });
    setTimeout(() => treeRef.current?.scrollTo({ key: selected, align: 'auto' }), 50);
  }, [selected, all, defaultExpanded, treeRef]);
  return { expanded: expanded ?? defaultExpanded, setExpanded };
}

/** The tree (today's, or a past day's), with its date picker and a filter by name or code. */
export function OrgTreeCard({
  all,
  on,
  selected,
  select,
}: {
  all: OrgItem[];
  on: string | null;
  selected: string | undefined;
  select: (id: string | undefined, date: string | null) => void;
}) {
  const mobile = useIsMobile();
  const [filter, setFilter] = useState('');
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const { expanded, setExpanded } = useExpanded(all, selected, treeRef);
  const tree = useMemo(() => {
    const f = filter.trim();
    return toTree(nestOrgs(all), (o) => !f || o.name.includes(f) || o.code.includes(f), on !== null);
  }, [all, filter, on]);

  return (
    <Card
      size="small"
      title={on ? '当日组织树' : '组织树'}
      extra={
        <DatePicker
          size="small"
          allowClear
          placeholder="查看历史某日"
          aria-label="查看历史某日的组织树"
          style={{ width: 132 }}
          value={fromDateString(on)}
          disabledDate={(d) => d.isAfter(today(), 'day')}
          onChange={(d) => select(selected, toDateString(d))}
        />
      }
    >
      {on && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${fmtDate(on)} 的组织树：当日的隶属关系和人数，只读`}
          action={
            <Button size="small" type="link" onClick={() => select(selected, null)}>
              回到今天
            </Button>
          }
        />
      )}
      <Input.Search
        allowClear
        placeholder="按名称或编码筛选"
        style={{ marginBottom: 8 }}
        onChange={(e) => setFilter(e.target.value)}
      />
      {tree.length ? (
        <Tree
          ref={treeRef}
          blockNode
          showLine
          height={mobile ? 420 : 640}
          treeData={tree}
          selectedKeys={selected ? [selected] : []}
          expandedKeys={filter.trim() ? all.map((o) => o.id) : expanded}
          onExpand={(keys) => setExpanded(keys)}
          onSelect={(keys) => {
            if (keys[0]) select(String(keys[0]), on);
          }}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={filter.trim() ? '没有名称或编码包含该文字的组织' : '该日您的范围内没有党组织'}
        />
      )}
    </Card>
  );
}
