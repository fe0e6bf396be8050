import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { Page } from '../../../web/components/Page';
import { fmtDateTime } from '../../../web/format';
import { type MeetingDetail, type MeetingItem, type MeetingList, pct } from './model';
import { heldAtText, LateTag } from './parts';

/** One record waiting for review: where, what, when held and submitted, attendance; approve or return. */
function ReviewCard({
  m,
  approving,
  onApprove,
  onReturn,
}: {
  m: MeetingItem;
  approving: boolean;
  onApprove: () => void;
  onReturn: () => void;
}) {
  const navigate = useNavigate();
  return (
    <Card size="small">
      <div style={{ cursor: 'pointer' }} onClick={() => navigate(`/meetings/${m.id}`)}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {m.orgType === 'party_group' ? `${m.branchName} ${m.orgName}` : m.orgName} · {m.kindLabel}
          </Typography.Text>
          <LateTag m={m} />
        </Flex>
        <div style={{ margin: '4px 0' }}>{m.topic}</div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          召开 {heldAtText(m.heldAt)} · 提交 {fmtDateTime(m.submittedAt)} · 出勤 {m.attendanceCounts.present}/
          {m.attendanceCounts.expected}（{pct(m.attendanceRate)}）
        </Typography.Text>
      </div>
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button onClick={() => navigate(`/meetings/${m.id}`)}>查看</Button>
        <Button danger icon={<RollbackOutlined />} onClick={onReturn}>
          退回
        </Button>
        <Button type="primary" icon={<CheckOutlined />} loading={approving} onClick={onApprove}>
          通过
        </Button>
      </Flex>
    </Card>
  );
}

export default function ReviewQueue() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const [returning, setReturning] = useState<MeetingItem | null>(null);
  const [comment, setComment] = useState('');
  const queue = useQuery({
    queryKey: ['meetings', 'queue', page],
    queryFn: () =>
      api<MeetingList>('/meetings/review-queue', {
        query: { page, pageSize: 20 },
      }),
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: 'approve' | 'return'; comment?: string }) =>
      api<MeetingDetail>(`/meetings/${id}/review`, { method: 'POST', body }),
    onSuccess: (m) => {
      message.success(
        m.status === 'approved'
          ? `已通过：${m.orgName} ${m.kindLabel}`
          : `已退回：${m.orgName} ${m.kindLabel}`,
      );
      setReturning(null);
      setComment('');
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });

  return (
    <Page title={`记录审核${queue.data ? `（${queue.data.total} 条待审核）` : ''}`}>
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
        renderItem={(m) => (
          <ReviewCard
            m={m}
            approving={review.isPending && review.variables?.id === m.id}
            onApprove={() => review.mutate({ id: m.id, decision: 'approve' })}
            onReturn={() => setReturning(m)}
          />
        )}
      />
      <Modal
        title={returning ? `退回：${returning.orgName} ${returning.kindLabel}` : '退回'}
        open={!!returning}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: review.isPending }}
        onOk={() => returning && review.mutate({ id: returning.id, decision: 'return', comment })}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          autoFocus
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="写明需要更正的内容"
        />
      </Modal>
    </Page>
  );
}
