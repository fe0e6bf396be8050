import { EditOutlined, ExclamationCircleOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, List, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { orgSelectTree, useOrgs } from '../../../kernel/orgs/web/hooks';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { useMe } from '../../../web/session';
import { useIsMobile } from '../../../web/useIsMobile';
import { ExportLedgerButton } from './ExportLedger';
import { MeetingNoticesCard } from './MeetingNotices';
import {
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_STATUS_LABELS,
  type MeetingItem,
  type MeetingStatus,
  pct,
  recordsFor,
  reviewsFor,
  type Todo,
} from './model';
import { heldAtText, LateTag, StatusTag } from './parts';

function TodoCard({ todo }: { todo: Todo }) {
  const navigate = useNavigate();
  const due = todo.branches.flatMap((b) => b.due);
  const overdue = due.filter((d) => d.overdue);
  const upcoming = due.filter((d) => !d.overdue);
  const nothing = !due.length && !todo.drafts.length && !todo.returned.length;
  return (
    <Card size="small" title="我的待办" style={{ marginBottom: 12 }}>
      {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月组织生活都已记录，没有待办" />}
      {todo.returned.map((m) => (
        <Alert
          key={m.id}
          type="error"
          showIcon
          style={{ marginBottom: 8, cursor: 'pointer' }}
          onClick={() => navigate(`/meetings/${m.id}`)}
          message={`被退回：${m.kindLabel} · ${m.heldOn}`}
          description={`审核意见：${m.reviewComment ?? ''}`}
          action={
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={(e) => {
                e.stopPropagation();
                navigate(`/meetings/${m.id}/edit`);
              }}
            >
              更正
            </Button>
          }
        />
      ))}
      {[...overdue, ...upcoming].map((d) => (
        <Flex
          key={`${d.orgId}-${d.kind}-${d.deadline}`}
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{d.kindLabel}</Typography.Text>
            {d.overdue ? (
              <Tag color="red" style={{ marginInlineStart: 8 }}>
                已逾期
              </Tag>
            ) : (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {d.deadline.slice(5)} 前
              </Tag>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {d.orgName}
            </Typography.Text>
          </div>
          <Button
            type={d.overdue ? 'primary' : 'default'}
            size="middle"
            onClick={() => navigate(`/meetings/new?orgId=${d.orgId}&kind=${d.kind}`)}
          >
            记录
          </Button>
        </Flex>
      ))}
      {todo.drafts.map((m) => (
        <Flex
          key={m.id}
          justify="space-between"
          align="center"
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
          onClick={() => navigate(`/meetings/${m.id}`)}
        >
          <div>
            <Tag>草稿</Tag>
            <Typography.Text>
              {m.kindLabel} · {m.heldOn}
            </Typography.Text>
          </div>
          <RightOutlined />
        </Flex>
      ))}
    </Card>
  );
}

export default function MeetingsHome() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const recorder = recordsFor(me);
  const reviewer = reviewsFor(me);
  const manager = me.scope.managesOrgs;
  const orgs = useOrgs(manager);
  const orgId = params.get('orgId') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const status = params.get('status') ?? undefined;
  const late = params.get('late') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;

  const todo = useQuery({
    queryKey: ['meetings', 'todo'],
    queryFn: () => api<Todo>('/meetings/todo'),
    enabled: recorder || reviewer,
  });
  const filters = { orgId, kind, status, late, from, to };
  const list = useQuery({
    queryKey: ['meetings', 'list', filters, page],
    queryFn: () =>
      api<{ items: MeetingItem[]; total: number }>('/meetings', {
        query: { ...filters, page, pageSize: 20 },
      }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

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
      render: (_, m) =>
        `${m.attendanceCounts.present}/${m.attendanceCounts.expected}（${pct(m.attendanceRate)}）`,
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
          {manager && <ExportLedgerButton orgId={orgId} kind={kind} />}
        </>
      }
    >
      {me.user.personId && <MeetingNoticesCard style={{ marginBottom: 12 }} />}
      {recorder && todo.data && <TodoCard todo={todo.data} />}
      {reviewer && (todo.data?.reviewQueueCount ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<ExclamationCircleOutlined />}
          style={{ marginBottom: 12 }}
          message={`有 ${todo.data?.reviewQueueCount} 条记录等待您审核`}
          action={<Button onClick={() => navigate('/meetings/review')}>去审核</Button>}
        />
      )}
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
      {mobile ? (
        <List
          className="bl-card-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="没有符合条件的会议记录" /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            size: 'small',
            simple: true,
            onChange: (p) => update({ page: String(p) }),
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
                {heldAtText(m.heldAt)} · {m.orgName} · 出勤 {m.attendanceCounts.present}/
                {m.attendanceCounts.expected}
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<MeetingItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <Empty description="没有符合条件的会议记录" /> }}
          onRow={(m) => ({ onDoubleClick: () => navigate(`/meetings/${m.id}`) })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => update({ page: String(p) }),
          }}
        />
      )}
    </Page>
  );
}
