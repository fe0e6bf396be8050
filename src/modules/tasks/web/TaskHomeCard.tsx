import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import type { TaskList } from '../contract';
import { DeadlineTag, Progressbar, StatusTag } from './parts';

/**
 * The home page's 督办 card: what the caller's organization still owes (returned and overdue first, with
 * the deadline red or orange inside the reminder days), or, for a sender, the progress of the newest tasks.
 */
export default function TaskHomeCard() {
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['tasks', 'home'],
    queryFn: () => api<TaskList>('/tasks', { query: { pageSize: 5 } }),
  });
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title="督办任务"
      extra={<Link to="/tasks">全部</Link>}
      loading={q.isPending}
      data-testid="tasks-home-card"
    >
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有督办任务" />}
      {items.map((t) => {
        const owes = t.myStatus === 'pending' || t.myStatus === 'returned' || t.myStatus === 'overdue';
        return (
          <Flex
            key={t.id}
            justify="space-between"
            align="center"
            gap={8}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
            onClick={() => navigate(`/tasks/${t.id}`)}
          >
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong ellipsis style={{ display: 'block' }}>
                {t.title}
              </Typography.Text>
              {t.myStatus ? (
                <Flex gap={4} wrap style={{ marginTop: 2 }}>
                  <StatusTag status={t.myStatus} />
                  {owes && t.myDeadline && <DeadlineTag deadline={t.myDeadline} urgency={t.urgency} />}
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t.orgName}
                  </Typography.Text>
                </Flex>
              ) : (
                <Progressbar counts={t.counts} compact />
              )}
            </div>
            <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
          </Flex>
        );
      })}
    </Card>
  );
}
