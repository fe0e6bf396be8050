import { ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import { OrgTreeSelect } from '../../../web/components/OrgTreeSelect';
import { Page } from '../../../web/components/Page';
import {
  pagedListProps,
  type ResponsiveColumn,
  ResponsiveList,
} from '../../../web/components/ResponsiveList';
import { useUrlFilters } from '../../../web/components/useUrlFilters';
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

type Filters = {
  orgId: string | undefined;
  kind: string | undefined;
  status: string | undefined;
  late: string | undefined;
  from: string | undefined;
  to: string | undefined;
};

// The URL keys are the API's: the compliance views and the assessment link here with orgId/kind/from/to.
const FILTER_DEFAULTS: Filters = {
  orgId: undefined,
  kind: undefined,
  status: undefined,
  late: undefined,
  from: undefined,
  to: undefined,
};

const PAGE_SIZE = 20;

function FilterBar({
  filters,
  setFilters,
  manager,
  mobile,
}: {
  filters: Filters;
  setFilters: (patch: Partial<Filters>) => void;
  manager: boolean;
  mobile: boolean;
}) {
  const { orgId, kind, status, late, from, to } = filters;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        {manager && (
          <OrgTreeSelect
            placeholder="组织（含下级）"
            prefillSingle={false}
            style={{ width: mobile ? '100%' : 220 }}
            value={orgId}
            onChange={(v) => setFilters({ orgId: v })}
          />
        )}
        <Select
          allowClear
          placeholder="会议类型"
          style={{ width: mobile ? 'calc(50% - 4px)' : 150 }}
          value={kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
          onChange={(v) => setFilters({ kind: v })}
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
          onChange={(v) => setFilters({ status: v })}
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
          onChange={(v) => setFilters({ late: v })}
        />
        {(from || to) && (
          <Tag closable onClose={() => setFilters({ from: undefined, to: undefined })}>
            {from ?? '…'} 至 {to ?? '…'}
          </Tag>
        )}
      </Flex>
    </Card>
  );
}

/** A plan not started shows 未开始, not an attendance it cannot have yet. */
const notStarted = (m: MeetingItem) => m.planned && !m.started;
const attendanceText = (m: MeetingItem) =>
  notStarted(m)
    ? '未开始'
    : `${m.attendanceCounts.present}/${m.attendanceCounts.expected}（${pct(m.attendanceRate)}）`;

// On a phone: the kind and the status tags, then "<held at> · <organization> · 出勤 x/y", then the topic.
const columns: ResponsiveColumn<MeetingItem>[] = [
  { title: '召开时间', dataIndex: 'heldAt', width: 150, mobile: 'meta', render: heldAtText },
  { title: '类型', dataIndex: 'kindLabel', width: 110, mobile: 'title' },
  {
    title: '主题',
    dataIndex: 'topic',
    ellipsis: true,
    render: (t: string, m) => <Link to={`/meetings/${m.id}`}>{t}</Link>,
  },
  { title: '组织', dataIndex: 'orgName', ellipsis: true, mobile: 'meta' },
  { title: '出勤', key: 'attendance', width: 130, mobile: 'hidden', render: (_, m) => attendanceText(m) },
  {
    title: '出勤人数',
    key: 'attendanceShort',
    hidden: true,
    mobile: 'meta',
    render: (_, m) =>
      // A no-break space: the count stays with its word when the line wraps.
      notStarted(m) ? '未开始' : `出勤\u00a0${m.attendanceCounts.present}/${m.attendanceCounts.expected}`,
  },
  {
    title: '状态',
    key: 'status',
    width: 130,
    mobile: 'extra',
    render: (_, m) => (
      <Flex gap={4}>
        <StatusTag status={m.status} planned={m.planned} />
        <LateTag m={m} />
      </Flex>
    ),
  },
];

export default function MeetingsHome() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { filters, setFilters, reset, page, pageSize, setPage, query, active } = useUrlFilters(
    FILTER_DEFAULTS,
    {
      pageSize: PAGE_SIZE,
    },
  );
  const recorder = can(me, ABILITY.record);
  const reviewer = can(me, ABILITY.review);
  const manager = me.scope.managesOrgs;
  const todo = useQuery({
    queryKey: ['meetings', 'todo'],
    queryFn: () => api<Todo>('/meetings/todo'),
    enabled: recorder || reviewer,
  });
  const list = useQuery({
    queryKey: ['meetings', 'list', query],
    queryFn: () => api<MeetingList>('/meetings', { query }),
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
      <FilterBar filters={filters} setFilters={setFilters} manager={manager} mobile={mobile} />
      <ResponsiveList
        rowKey="id"
        {...pagedListProps(list, { page, pageSize, setPage })}
        columns={columns}
        totalText={(t) => `共 ${t} 次会议`}
        empty={
          active
            ? '没有符合条件的会议记录，请调整或清除筛选条件'
            : recorder
              ? '本支部还没有会议记录，开会后请点击上方“记录会议”记录'
              : manager
                ? '范围内还没有会议记录，各支部记录会议后会显示在这里'
                : '您所在的支部还没有会议记录'
        }
        emptyAction={active ? <Button onClick={reset}>清除筛选条件</Button> : undefined}
        onOpen={(m) => navigate(`/meetings/${m.id}`)}
      />
    </Page>
  );
}
