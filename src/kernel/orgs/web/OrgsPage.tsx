import {
  ApartmentOutlined,
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  type GetRef,
  Input,
  Row,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { Page } from '../../../web/components/Page';
import { fmtDate, fromDateString, toDateString, today } from '../../../web/format';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { nestOrgs, ORG_TYPE_LABELS, type OrgDetail, type OrgItem, type OrgNode, useOrgsOn } from './hooks';
import { type OrgDialog, OrgDialogs } from './OrgDialogs';

const TYPE_COLORS: Record<string, string> = {
  committee: 'red',
  general_branch: 'volcano',
  branch: 'gold',
  party_group: 'blue',
};

export function OrgTypeTags({ org }: { org: OrgItem }) {
  return (
    <>
      <Tag color={TYPE_COLORS[org.type]} style={{ marginInlineEnd: 4 }}>
        {ORG_TYPE_LABELS[org.type]}
      </Tag>
      {org.isJoint && <Tag style={{ marginInlineEnd: 4 }}>联合</Tag>}
      {org.isTemporary && <Tag style={{ marginInlineEnd: 4 }}>临时</Tag>}
      {org.isRetiree && <Tag style={{ marginInlineEnd: 4 }}>离退休</Tag>}
      {org.dissolvedOn && <Tag style={{ marginInlineEnd: 4 }}>已撤销</Tag>}
    </>
  );
}

const people = (n: number | null) => (n === null ? '—' : `${n} 人`);

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
      {o.warnings.length > 0 && (
        <Tooltip title={o.warnings.map((w) => w.message).join('；')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            需关注
          </Tag>
        </Tooltip>
      )}
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

const ACTION_BUTTONS: { action: OrgDialog; label: string; icon: ReactNode; danger?: boolean }[] = [
  { action: 'create_child', label: '新建下级', icon: <PlusOutlined /> },
  { action: 'update', label: '修改', icon: <EditOutlined /> },
  { action: 'move', label: '调整隶属', icon: <SwapOutlined /> },
  { action: 'merge', label: '合并到…', icon: <MergeCellsOutlined /> },
  { action: 'dissolve', label: '撤销', icon: <DeleteOutlined />, danger: true },
];

function OrgDetailCard({ id, all }: { id: string; all: OrgItem[] }) {
  const me = useMe();
  const [dialog, setDialog] = useState<OrgDialog | null>(null);
  const detail = useQuery({ queryKey: ['orgs', 'detail', id], queryFn: () => api<OrgDetail>(`/orgs/${id}`) });
  const o = detail.data;
  if (detail.isPending) return <Loading />;
  if (!o) return <Empty description="无法读取该组织" />;
  const parent = all.find((x) => x.id === o.parentId);
  const children = o.children.filter((c) => !c.dissolvedOn);

  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center" wrap style={{ padding: '6px 0' }}>
          <span style={{ whiteSpace: 'normal' }}>{o.name}</span>
          <OrgTypeTags org={o} />
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {o.warnings.length > 0 && (
          <Flex gap={6} wrap>
            {o.warnings.map((w) => (
              <Tag key={w.code} color="orange" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                {w.message}
              </Tag>
            ))}
          </Flex>
        )}
        <Flex gap={8} wrap>
          {ACTION_BUTTONS.filter((b) => o.actions.includes(b.action)).map((b) => (
            <Button key={b.action} icon={b.icon} danger={b.danger} onClick={() => setDialog(b.action)}>
              {b.label}
            </Button>
          ))}
          {me.scope.seesMemberData && (
            <Link to={`/people?orgId=${o.id}`}>
              <Button type="link" icon={<TeamOutlined />}>
                查看人员
              </Button>
            </Link>
          )}
        </Flex>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'type', label: '类型', children: ORG_TYPE_LABELS[o.type] },
            { key: 'code', label: '编码', children: o.code },
            { key: 'parent', label: '上级组织', children: parent?.name ?? '—' },
            { key: 'est', label: '成立日期', children: fmtDate(o.establishedOn) },
            { key: 'members', label: '党员（含下级）', children: people(o.memberCount) },
            {
              key: 'split',
              label: '正式 / 预备',
              children: o.fullMemberCount === null ? '—' : `${o.fullMemberCount} / ${o.probationaryCount}`,
            },
            { key: 'employees', label: '在册职工（含下级）', children: people(o.employeeCount) },
            ...(o.type === 'branch'
              ? [{ key: 'committee', label: '支部委员会', children: o.hasCommittee ? '已设立' : '未设立' }]
              : []),
            ...(o.dissolvedOn ? [{ key: 'dis', label: '撤销日期', children: fmtDate(o.dissolvedOn) }] : []),
          ]}
        />
        {children.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            dataSource={children}
            pagination={children.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: 420 }}
            title={() => `下级组织（${children.length}）`}
            columns={[
              { title: '名称', dataIndex: 'name', ellipsis: true },
              {
                title: '类型',
                dataIndex: 'type',
                width: 80,
                render: (t: string) => ORG_TYPE_LABELS[t as 'branch'],
              },
              { title: '党员', dataIndex: 'memberCount', width: 64, render: (n: number | null) => n ?? '—' },
              {
                title: '提醒',
                dataIndex: 'warnings',
                width: 80,
                render: (w: OrgItem['warnings']) =>
                  w.length ? (
                    <Tooltip title={w.map((x) => x.message).join('；')}>
                      <Tag color="orange">需关注</Tag>
                    </Tooltip>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
        {o.parentHistory.length > 1 && (
          <div>
            <Typography.Text strong>隶属变更</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {o.parentHistory.map((h) => (
                <li key={`${h.parentId}-${h.validFrom}`}>
                  {fmtDate(h.validFrom)} 至 {h.validTo ? fmtDate(h.validTo) : '今'}：
                  {all.find((x) => x.id === h.parentId)?.name ?? '（范围外组织）'}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Flex>
      <OrgDialogs org={o} all={all} dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}

/** An organization as it was on a date: where it hung and how many people it had, nothing to act on. */
function PastOrgCard({
  org,
  all,
  on,
  onToday,
}: {
  org: OrgItem;
  all: OrgItem[];
  on: string;
  onToday: () => void;
}) {
  const parent = all.find((x) => x.id === org.parentId);
  const children = all.filter((x) => x.parentId === org.id);
  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center" wrap style={{ padding: '6px 0' }}>
          <span style={{ whiteSpace: 'normal' }}>{org.name}</span>
          <OrgTypeTags org={{ ...org, dissolvedOn: null }} />
        </Flex>
      }
      extra={
        <Button type="link" size="small" onClick={onToday}>
          查看当前
        </Button>
      }
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'on', label: '日期', children: fmtDate(on) },
          { key: 'type', label: '类型', children: ORG_TYPE_LABELS[org.type] },
          { key: 'parent', label: '当日上级组织', children: parent?.name ?? '—' },
          { key: 'est', label: '成立日期', children: fmtDate(org.establishedOn) },
          { key: 'members', label: '当日党员（含下级）', children: people(org.memberCount) },
          {
            key: 'split',
            label: '正式 / 预备',
            children:
              org.fullMemberCount === null ? '—' : `${org.fullMemberCount} / ${org.probationaryCount}`,
          },
          { key: 'employees', label: '当日在册职工（含下级）', children: people(org.employeeCount) },
          { key: 'children', label: '当日下级组织', children: `${children.length} 个` },
          ...(org.dissolvedOn
            ? [{ key: 'dis', label: '后于', children: `${fmtDate(org.dissolvedOn)} 撤销` }]
            : []),
        ]}
      />
    </Card>
  );
}

export default function OrgsPage() {
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const on = params.get('on');
  const orgs = useOrgsOn(on);
  const select = (id: string | undefined, date: string | null) =>
    setParams({ ...(id ? { id } : {}), ...(date ? { on: date } : {}) }, { replace: true });
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const all = orgs.data ?? [];
  const wanted = params.get('id');
  // On a past date the organization asked for may not have existed yet: fall back to the first root.
  const selected = wanted && (!on || all.some((o) => o.id === wanted)) ? wanted : all[0]?.id;
  const pastSelected = on ? all.find((o) => o.id === selected) : undefined;

  const tree = useMemo(() => {
    const f = filter.trim();
    return toTree(nestOrgs(all), (o) => !f || o.name.includes(f) || o.code.includes(f), on !== null);
  }, [all, filter, on]);
  const defaultExpanded = useMemo(() => nestOrgs(all).map((r) => r.org.id), [all]);

  useEffect(() => {
    if (mobile && params.get('id')) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [mobile, params]);

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
  }, [selected, all, defaultExpanded]);

  if (orgs.isPending) return <Loading />;
  if (!all.length && !on) {
    return (
      <Page title="组织">
        <Empty description="您的范围内没有可查看的党组织" />
      </Page>
    );
  }
  const branches = all.filter((o) => o.type === 'branch');
  const warned = branches.filter((o) => o.warnings.length).length;

  return (
    <Page
      title={
        <Flex align="center" gap={8}>
          <ApartmentOutlined /> 组织
        </Flex>
      }
      extra={
        <Typography.Text type="secondary">
          {branches.length} 个党支部{warned ? `，${warned} 个需关注` : ''}
        </Typography.Text>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={11} xl={10}>
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
                expandedKeys={filter.trim() ? all.map((o) => o.id) : (expanded ?? defaultExpanded)}
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
        </Col>
        <Col xs={24} lg={13} xl={14} ref={detailRef}>
          {selected && on && pastSelected ? (
            <PastOrgCard org={pastSelected} all={all} on={on} onToday={() => select(selected, null)} />
          ) : selected && !on ? (
            <OrgDetailCard key={selected} id={selected} all={all} />
          ) : (
            <Empty description="在左侧选择一个组织查看详情" />
          )}
        </Col>
      </Row>
    </Page>
  );
}
