import { CheckOutlined, CloseCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, showError } from '../../../web/api';
import type { MeetingDetail as Meeting, MeetingList } from './model';

/** The reviewer's approve and return, the secretary's cancellation of a plan. */

/**
 * Approve or return on the record itself; after the decision the next record waiting in the queue opens
 * (下一条), or the queue when it is empty.
 */
export function ReviewButtons({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: async (body: { decision: 'approve' | 'return'; comment?: string }) => {
      const saved = await api<Meeting>(`/meetings/${m.id}/review`, { method: 'POST', body });
      const queue = await api<MeetingList>('/meetings/review-queue', { query: { page: 1, pageSize: 2 } });
      return { saved, next: queue.items.find((x) => x.id !== m.id) ?? null, left: queue.total };
    },
    onSuccess: ({ saved, next, left }) => {
      const done = saved.status === 'approved' ? '已审核通过' : '已退回支部更正';
      message.success(next ? `${done}，下一条（还有 ${left} 条待审核）` : `${done}，待审核记录已全部处理`);
      setReturning(false);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(next ? `/meetings/${next.id}` : '/meetings/review', { replace: !!next });
    },
    onError: showError,
  });
  return (
    <>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={review.isPending}
        onClick={() => review.mutate({ decision: 'approve' })}
      >
        审核通过
      </Button>
      <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
        退回
      </Button>
      <Modal
        title="退回更正"
        open={returning}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: review.isPending }}
        onOk={() => review.mutate({ decision: 'return', comment })}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea
          autoFocus
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="写明需要更正的内容，支部书记会在待办中看到"
        />
      </Modal>
    </>
  );
}

export function CancelButton({ m }: { m: Meeting }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => api<Meeting>(`/meetings/${m.id}/cancel`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      message.success('已取消该计划，参会人员不再收到通知');
      setOpen(false);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <>
      <Button danger icon={<CloseCircleOutlined />} onClick={() => setOpen(true)}>
        取消计划
      </Button>
      <Modal
        title="取消计划中的会议"
        open={open}
        okText="确认取消"
        cancelText="返回"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: cancel.isPending }}
        onOk={() => cancel.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">
          取消后记录仍保留（标记为“已取消”），不再作为会议通知，也不计入落实情况。
        </Typography.Paragraph>
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="取消原因（必填），如：抢修施工，党员值守现场，改期举行"
        />
      </Modal>
    </>
  );
}
