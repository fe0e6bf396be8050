import { ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, List, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { can } from '../../../web/registry';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { ExportLedgerButton } from './ExportLedger';
import { MeetingNoticesCard } from './MeetingNotices';
import { TodoCard } from './MeetingTodoCard';
import {
  ABILITY,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_STATUS_LABELS,
  type MeetingItem,
  type MeetingList,
  type MeetingStatus,
  pct,
  type Todo,
} from './model';
import { heldAtText, LateTag, StatusTag } from './parts';

const FILTERS = ['orgId', 'kind', 'status', 'late', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The list's filters and page, kept in the URL. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const page = Number(params.get('page') ?? 1) || 1;
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { filters, page, update };
}

function FilterBar({
  filters,
  update,
  manager,
  mobile,
}: {
  filters: Filters;
  update: ReturnType<typeof useListParams>['update'];
  manager: boolean;
  mobile: boolean;
}) {
  const orgs = useOrgs(manager);
  const { orgId, kind, status, late, from, to } = filters;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        {manager && (
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="组织（含下级）"
            style={{ width: mobile ? '100%' : 220 }}
            treeData={orgSelectTree(orgs.data ?? [])}
            value={orgs.data ? orgId : undefined}
            onChange={(v) => update({ orgId: v })}
          />
        )}
        <Select
          allowClear
          placeholder="会议类型"
          style={{ width: mobile ? 'calc(50% - 4px)' : 150 }}
          value={kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
          onChange={(v) => update({ kind: v })}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: mobile ? 'calc(50% - 4px)' : 120 }}
          value={status}
          options={(Object.keys(MEETING_STATUS_LABELS) as MeetingStatus[]).map((s) => ({
            value: s,
            label: MEETING_STATUS_LABELS[s],
          }))}
          onChange={(v) => update({ status: v })}
        />
        <Select
          allowClear
          placeholder="是否补录"
          style={{ width: mobile ? '100%' : 120 }}
          value={late}
          options={[
            { value: 'true', label: '补录' },
            { value: 'false', label: '按时记录' },
          ]}
          onChange={(v) => update({ late: v })}
        />
        {(from || to) && (
          <Tag closable onClose={() => update({ from: undefined, to: undefined })}>
            {from ?? '…'} 至 {to ?? '…'}
          </Tag>
        )}
      </Flex>
    </Card>
  );
}

/** A plan not started shows 未开始, not an attendance it cannot have yet. */
const attendanceText = (m: MeetingItem) =>
  m.planned && !m.started
    ? '未开始'
    : `${m.attendanceCounts.present}/${m.attendanceCounts.expected}（${pct(m.attendanceRate)}）`;

const columns: ColumnsType<MeetingItem> = [
  { title: '召开时间', dataIndex: 'heldAt', width: 150, render: heldAtText },
  { title: '类型', dataIndex: 'kindLabel', width: 110 },
  {
    title: '主题',
    dataIndex: 'topic',
    ellipsis: true,
    render: (t: string, m) => <Link to={`/meetings/${m.id}`}>{t}</Link>,
  },
  { title: '组织', dataIndex: 'orgName', ellipsis: true },
  {
    title: '出勤',
    width: 110,
    render: (_, m) => attendanceText(m),
  },
  {
    title: '状态',
    width: 130,
    render: (_, m) => (
      <Flex gap={4}>
        <StatusTag status={m.status} planned={m.planned} />
        <LateTag m={m} />
      </Flex>
    ),
  },
];

/** The meetings as cards on a phone, as a table on a desktop. */
function MeetingListView({
  list,
  loading,
  page,
  onPage,
  mobile,
}: {
  list: MeetingList | undefined;
  loading: boolean;
  page: number;
  onPage: (p: number) => void;
  mobile: boolean;
}) {
  const navigate = useNavigate();
  const empty = <Empty description="没有符合条件的会议记录" />;
  if (!mobile)
    return (
      <Table<MeetingItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list?.items ?? []}
        loading={loading}
        locale={{ emptyText: empty }}
        onRow={(m) => ({ onDoubleClick: () => navigate(`/meetings/${m.id}`) })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: onPage,
        }}
      />
    );
  return (
    <List
      className="bl-card-list"
      loading={loading}
      dataSource={list?.items ?? []}
      locale={{ emptyText: empty }}
      pagination={{
        current: page,
        pageSize: 20,
        total: list?.total ?? 0,
        size: 'small',
        simple: true,
        onChange: onPage,
      }}
      renderItem={(m) => (
        <Card size="small" hoverable onClick={() => navigate(`/meetings/${m.id}`)}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong>{m.kindLabel}</Typography.Text>
            <Flex gap={4}>
              <StatusTag status={m.status} planned={m.planned} />
              <LateTag m={m} />
            </Flex>
          </Flex>
          <div style={{ margin: '4px 0' }}>{m.topic}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {heldAtText(m.heldAt)} · {m.orgName} ·{' '}
            {m.planned && !m.started
              ? '未开始'
              : `出勤 ${m.attendanceCounts.present}/${m.attendanceCounts.expected}`}
          </Typography.Text>
        </Card>
      )}
    />
  );
}

export default function MeetingsHome() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { filters, page, update } = useListParams();
  const recorder = can(me, ABILITY.record);
  const reviewer = can(me, ABILITY.review);
  const todo = useQuery({
    queryKey: ['meetings', 'todo'],
    queryFn: () => api<Todo>('/meetings/todo'),
    enabled: recorder || reviewer,
  });
  const list = useQuery({
    queryKey: ['meetings', 'list', filters, page],
    queryFn: () => api<MeetingList>('/meetings', { query: { ...filters, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  const reviewCount = todo.data?.reviewQueueCount ?? 0;
  return (
    <Page
      title="组织生活"
      extra={
        <>
          {recorder && (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => navigate('/meetings/new')}
            >
              记录会议
            </Button>
          )}
          {can(me, ABILITY.export) && <ExportLedgerButton orgId={filters.orgId} kind={filters.kind} />}
          {me.user.personId && (
            <Button onClick={() => navigate(`/meetings/members/${me.user.personId}`)}>
              我的组织生活档案
            </Button>
          )}
        </>
      }
    >
      {me.user.personId && <MeetingNoticesCard style={{ marginBottom: 12 }} />}
      {recorder && todo.data && <TodoCard todo={todo.data} />}
      {reviewer && reviewCount > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<ExclamationCircleOutlined />}
          style={{ marginBottom: 12 }}
          message={`有 ${reviewCount} 条记录等待您审核`}
          action={<Button onClick={() => navigate('/meetings/review')}>去审核</Button>}
        />
      )}
      <FilterBar filters={filters} update={update} manager={me.scope.managesOrgs} mobile={mobile} />
      <MeetingListView
        list={list.data}
        loading={list.isFetching}
        page={page}
        onPage={(p) => update({ page: String(p) })}
        mobile={mobile}
      />
    </Page>
  );
}
