import {
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { Loading } from '../../../web/components/Loading';
import { fmtDate } from '../../../web/format';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import type { OrgDetail, OrgItem } from '../contract';
import { ORG_TYPE_LABELS } from '../rules';
import { CommitteeCard } from './CommitteeCard';
import { type OrgDialog, OrgDialogs } from './OrgDialogs';
import { OrgTypeTags, people, WarningTag } from './OrgTags';

const ACTION_BUTTONS: { action: OrgDialog; label: string; icon: ReactNode; danger?: boolean }[] = [
  { action: 'create_child', label: '新建下级', icon: <PlusOutlined /> },
  { action: 'update', label: '修改', icon: <EditOutlined /> },
  { action: 'move', label: '调整隶属', icon: <SwapOutlined /> },
  { action: 'merge', label: '合并到…', icon: <MergeCellsOutlined /> },
  { action: 'dissolve', label: '撤销', icon: <DeleteOutlined />, danger: true },
];

function OrgFacts({ o, parent }: { o: OrgDetail; parent: OrgItem | undefined }) {
  return (
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
  );
}

function ChildrenTable({ items }: { items: OrgItem[] }) {
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 420 }}
      title={() => `下级组织（${items.length}）`}
      columns={[
        { title: '名称', dataIndex: 'name', ellipsis: true },
        { title: '类型', dataIndex: 'type', width: 80, render: (t: OrgItem['type']) => ORG_TYPE_LABELS[t] },
        { title: '党员', dataIndex: 'memberCount', width: 64, render: (n: number | null) => n ?? '—' },
        {
          title: '提醒',
          dataIndex: 'warnings',
          width: 80,
          render: (w: OrgItem['warnings']) => (w.length ? <WarningTag warnings={w} /> : '—'),
        },
      ]}
    />
  );
}

function ParentHistory({ history, all }: { history: OrgDetail['parentHistory']; all: OrgItem[] }) {
  return (
    <div>
      <Typography.Text strong>隶属变更</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
        {history.map((h) => (
          <li key={`${h.parentId}-${h.validFrom}`}>
            {fmtDate(h.validFrom)} 至 {h.validTo ? fmtDate(h.validTo) : '今'}：
            {all.find((x) => x.id === h.parentId)?.name ?? '（范围外组织）'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One organization today: its warnings, what the caller may do to it (its `actions`), facts, children. */
export function OrgDetailCard({ id, all }: { id: string; all: OrgItem[] }) {
  const me = useMe();
  const [dialog, setDialog] = useState<OrgDialog | null>(null);
  const detail = useQuery({ queryKey: ['orgs', 'detail', id], queryFn: () => api<OrgDetail>(`/orgs/${id}`) });
  const o = detail.data;
  if (detail.isPending) return <Loading />;
  if (!o) return <Empty description="无法读取该组织" />;
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
          {can(me, 'people.view') && (
            <Link to={`/people?orgId=${o.id}`}>
              <Button type="link" icon={<TeamOutlined />}>
                查看人员
              </Button>
            </Link>
          )}
        </Flex>
        <OrgFacts o={o} parent={all.find((x) => x.id === o.parentId)} />
        {o.type !== 'party_group' && !o.dissolvedOn && <CommitteeCard org={o} />}
        {children.length > 0 && <ChildrenTable items={children} />}
        {o.parentHistory.length > 1 && <ParentHistory history={o.parentHistory} all={all} />}
      </Flex>
      <OrgDialogs org={o} all={all} dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}
