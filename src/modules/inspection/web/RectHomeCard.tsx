import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../web/api';
import type { RectificationList } from '../contract';
import { DueTag, RectTag } from './parts';

/** The home page's 整改 card: the branch's rectifications still to do, overdue first; nothing when none. */
export default function RectHomeCard() {
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['rectifications', 'home'],
    queryFn: () => api<RectificationList>('/rectifications', { query: { pageSize: 5, status: undefined } }),
  });
  const items = (q.data?.items ?? []).filter(
    (r) => r.status === 'open' || r.status === 'overdue' || r.status === 'answered',
  );
  if (!q.isPending && items.length === 0) return null;
  return (
    <Card
      size="small"
      title="整改事项"
      extra={<Link to="/rectifications">整改台账</Link>}
      loading={q.isPending}
      data-testid="rect-home-card"
    >
      {items.map((r) => (
        <Flex
          key={r.id}
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
          onClick={() => navigate(`/rectifications/${r.id}`)}
        >
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text strong ellipsis style={{ display: 'block' }}>
              {r.requirement}
            </Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 2 }}>
              <RectTag status={r.status} />
              {r.status !== 'answered' && <DueTag rectifyBy={r.rectifyBy} urgency={r.urgency} />}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {r.orgName}
              </Typography.Text>
            </Flex>
          </div>
          <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
        </Flex>
      ))}
    </Card>
  );
}
