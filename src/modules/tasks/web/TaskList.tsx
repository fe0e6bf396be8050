import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Segmented, Select } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
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
import type { TaskItem, TaskList as TaskPage } from '../contract';
import { TARGET_STATUS_LABELS, TARGET_STATUSES } from '../rules';
import { ABILITY } from './model';
import { DeadlineTag, Progressbar, StatusTag } from './parts';

/** What the caller owes on a task (its status and deadline), or, for the sender, where its targets stand. */
function Standing({ t }: { t: TaskItem }) {
  if (t.myStatus)
    return (
      <Flex gap={4} wrap>
        <StatusTag status={t.myStatus} />
        {['pending', 'returned', 'overdue'].includes(t.myStatus) && t.myDeadline && (
          <DeadlineTag deadline={t.myDeadline} urgency={t.urgency} />
        )}
      </Flex>
    );
  return t.counts.overdue > 0 ? <StatusTag status="overdue" /> : null;
}

const columns: ResponsiveColumn<TaskItem>[] = [
  {
    title: '任务',
    dataIndex: 'title',
    mobile: 'title',
    render: (v: string, t) => <Link to={`/tasks/${t.id}`}>{v}</Link>,
  },
  {
    title: '状态',
    key: 'standing',
    width: 190,
    mobile: 'extra',
    render: (_: unknown, t) => <Standing t={t} />,
  },
  { title: '发布组织', dataIndex: 'orgName', width: 170, ellipsis: true, mobile: 'meta' },
  { title: '截止日期', dataIndex: 'dueOn', width: 110, mobile: 'meta' },
  {
    title: '进度（范围内）',
    key: 'progress',
    width: 250,
    mobile: 'line',
    render: (_: unknown, t) =>
      t.counts.total > 1 || t.side === 'sender' ? <Progressbar counts={t.counts} compact /> : '—',
  },
];

export default function TaskList() {
  const me = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const sends = can(me, ABILITY.send);
  const { filters, setFilters, page, pageSize, setPage, query, active } = useUrlFilters({
    box: (sends ? 'all' : 'received') as string,
    status: undefined as string | undefined,
    q: '',
  });
  const list = useQuery({
    queryKey: ['tasks', 'list', query],
    queryFn: () => api<TaskPage>('/tasks', { query }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      extra={
        sends && (
          <>
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/tasks/board')}>
              督办进度
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tasks/new')}>
              发布任务
            </Button>
          </>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          {sends && (
            <Segmented
              value={filters.box}
              onChange={(box) => setFilters({ box: String(box) })}
              options={[
                { value: 'all', label: '全部' },
                { value: 'received', label: '收到的' },
                { value: 'sent', label: '发出的' },
              ]}
            />
          )}
          <Select
            allowClear
            placeholder="状态"
            style={{ width: mobile ? '100%' : 140 }}
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            options={TARGET_STATUSES.map((s) => ({ value: s, label: TARGET_STATUS_LABELS[s] }))}
          />
          <Input.Search
            allowClear
            placeholder="搜索任务标题"
            style={{ width: mobile ? '100%' : 220 }}
            defaultValue={filters.q}
            onSearch={(q) => setFilters({ q })}
          />
        </Flex>
      </Card>
      <ResponsiveList
        rowKey="id"
        columns={columns}
        {...pagedListProps(list, { page, pageSize, setPage })}
        empty={active ? '没有符合条件的督办任务，请调整筛选条件' : '还没有发给本组织或由本组织发出的督办任务'}
        onOpen={(t) => navigate(`/tasks/${t.id}`)}
      />
    </Page>
  );
}
