import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { type MeetingItem, type MeetingList, pct } from './model';
import { heldAtText, LateTag } from './parts';

/** One record waiting for review: one tap opens it; approve and return are on the record. */
function ReviewCard({ m }: { m: MeetingItem }) {
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(`/meetings/${m.id}`)} style={{ cursor: 'pointer' }}>
      <Flex justify="space-between" gap={8} align="center">
        <div style={{ minWidth: 0 }}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong>
              {m.orgType === 'party_group' ? `${m.branchName} ${m.orgName}` : m.orgName} · {m.kindLabel}
            </Typography.Text>
            <Flex gap={4}>
              <LateTag m={m} />
              {m.noQuorum && <Tag color="red">未达到规定人数</Tag>}
            </Flex>
          </Flex>
          <div style={{ margin: '4px 0' }}>{m.topic}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            召开 {heldAtText(m.heldAt)} · 提交 {fmtDateTime(m.submittedAt)} · 出勤{' '}
            {m.attendanceCounts.present}/{m.attendanceCounts.expected}（{pct(m.attendanceRate)}）
          </Typography.Text>
        </div>
        <RightOutlined style={{ color: '#999' }} />
      </Flex>
    </Card>
  );
}

export default function ReviewQueue() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const queue = useQuery({
    queryKey: ['meetings', 'queue', page],
    queryFn: () =>
      api<MeetingList>('/meetings/review-queue', {
        query: { page, pageSize: 20 },
      }),
    placeholderData: keepPreviousData,
  });
  const first = queue.data?.items[0];
  return (
    <Page
      title={`记录审核${queue.data ? `（${queue.data.total} 条待审核）` : ''}`}
      extra={
        first && (
          <Button type="primary" onClick={() => navigate(`/meetings/${first.id}`)}>
            从第一条开始审核
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        点开记录，在记录页通过或退回；处理后自动打开下一条。
      </Typography.Paragraph>
      <List
        className="bl-card-list"
        loading={queue.isFetching}
        dataSource={queue.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有待审核的记录" /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: queue.data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          onChange: (p) => setParams({ page: String(p) }, { replace: true }),
        }}
        renderItem={(m) => <ReviewCard m={m} />}
      />
    </Page>
  );
}
