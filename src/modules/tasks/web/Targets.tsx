import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Segmented,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, showError, showFormError } from '../../../web/api';
import { type ResponsiveColumn, ResponsiveList } from '../../../web/components/ResponsiveList';
import { fmtDateTime, toDateString, today } from '../../../web/format';
import { useIsMobile } from '../../../web/useIsMobile';
import type { TaskDetail, TaskTarget } from '../contract';
import { TARGET_STATUS_LABELS, TARGET_STATUSES, type TargetStatus } from '../rules';
import { AnswerValues } from './AnswerCard';
import { EVENT_LABELS } from './model';
import { FileList, StatusTag } from './parts';

/** Every step of the loop, oldest first. */
export function History({ target }: { target: TaskTarget }) {
  if (!target.history.length) return <Typography.Text type="secondary">尚无回复</Typography.Text>;
  return (
    <Timeline
      items={target.history.map((h) => ({
        color:
          h.kind === 'return'
            ? 'red'
            : h.kind === 'accept'
              ? 'green'
              : h.kind === 'remind'
                ? 'orange'
                : 'blue',
        children: (
          <>
            <Typography.Text strong>{EVENT_LABELS[h.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 13 }}>
              {h.actorName} · {fmtDateTime(h.at)}
            </Typography.Text>
            {h.comment && <div>{h.comment}</div>}
            {h.redoBy && <div>重新上报期限：{h.redoBy}</div>}
            {h.kind === 'submit' && h.content && (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                style={{ marginBottom: 0 }}
              >
                {h.content}
              </Typography.Paragraph>
            )}
          </>
        ),
      }))}
    />
  );
}

/** One target's answer in a drawer, with 通过 / 退回 (comment, maybe a new deadline) for the sender. */
function ReviewDrawer({
  task,
  target,
  onClose,
}: {
  task: TaskDetail;
  target: TaskTarget;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const mobile = useIsMobile();
  const [form] = Form.useForm();
  const [returning, setReturning] = useState(false);
  const review = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<TaskDetail>(`/tasks/${task.id}/responses/${target.orgId}/review`, { method: 'POST', body }),
    onSuccess: (_, body) => {
      message.success(body.decision === 'accept' ? '已通过' : '已退回，支部将在待办中看到审核意见');
      client.invalidateQueries({ queryKey: ['tasks'] });
      client.invalidateQueries({ queryKey: ['todo'] });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Drawer
      open
      title={target.orgName}
      width={mobile ? '100%' : 560}
      onClose={onClose}
      extra={<StatusTag status={target.status} />}
      footer={
        target.actions.includes('review') && (
          <Flex gap={8} justify="flex-end">
            {returning ? (
              <>
                <Button onClick={() => setReturning(false)}>取消</Button>
                <Button danger type="primary" loading={review.isPending} onClick={() => form.submit()}>
                  确认退回
                </Button>
              </>
            ) : (
              <>
                <Button danger onClick={() => setReturning(true)}>
                  退回
                </Button>
                <Button
                  type="primary"
                  loading={review.isPending}
                  onClick={() => review.mutate({ decision: 'accept' })}
                >
                  通过
                </Button>
              </>
            )}
          </Flex>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {target.parentName ? `${target.parentName} · ` : ''}办理期限 {target.deadline}
        {target.submittedAt && ` · 提交于 ${fmtDateTime(target.submittedAt)}`}
        {target.late && (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            逾期提交
          </Tag>
        )}
      </Typography.Paragraph>
      <AnswerValues task={task} target={target} />
      {target.content && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{target.content}</Typography.Paragraph>
      )}
      <FileList files={target.files} taskId={task.id} onChange={() => {}} />
      {returning && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={(v) =>
            review.mutate({
              decision: 'return',
              comment: v.comment,
              redoBy: toDateString(v.redoBy) ?? undefined,
            })
          }
        >
          <Form.Item
            name="comment"
            label="审核意见"
            rules={[{ required: true, message: '请写明需要补充或更正的内容' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} autoFocus />
          </Form.Item>
          <Form.Item name="redoBy" label="重新上报期限（可不填，沿用原截止日期）">
            <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(today())} />
          </Form.Item>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        办理记录
      </Typography.Title>
      <History target={target} />
    </Drawer>
  );
}

/** Every target the caller sees, filtered by status (from the board's drill-down), each opening its answer. */
export function TargetsCard({ task }: { task: TaskDetail }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'all') as TargetStatus | 'all';
  const [openId, setOpenId] = useState<string | null>(params.get('orgId'));
  const shown = status === 'all' ? task.targets : task.targets.filter((t) => t.status === status);
  const remind = useMutation({
    mutationFn: (t: TaskTarget) =>
      api(`/tasks/${task.id}/responses/${t.orgId}/remind`, { method: 'POST', body: {} }),
    onSuccess: (_, t) => {
      message.success(`已催办${t.orgName}`);
      client.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: showError,
  });
  const columns: ResponsiveColumn<TaskTarget>[] = [
    {
      title: '组织',
      dataIndex: 'orgName',
      mobile: 'title',
      render: (v: string, t) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => setOpenId(t.orgId)}
        >
          {v}
        </Button>
      ),
    },
    { title: '上级组织', dataIndex: 'parentName', width: 180, ellipsis: true, mobile: 'meta' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      mobile: 'extra',
      render: (s: TargetStatus) => <StatusTag status={s} />,
    },
    { title: '期限', dataIndex: 'deadline', width: 110, mobile: 'meta' },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 190,
      mobile: 'meta',
      render: (v: string | null, t) =>
        v ? (
          <>
            {fmtDateTime(v).slice(0, 16)}
            {t.late && (
              <Tag color="red" style={{ marginInlineStart: 4 }}>
                逾期
              </Tag>
            )}
          </>
        ) : (
          '—'
        ),
    },
    { title: '审核意见', dataIndex: 'reviewComment', ellipsis: true, mobile: 'hidden' },
  ];
  const action = (t: TaskTarget) => (
    <Flex gap={4}>
      {t.actions.includes('review') && (
        <Button size="small" type="primary" onClick={() => setOpenId(t.orgId)}>
          审核
        </Button>
      )}
      {t.actions.includes('remind') && (
        <Button
          size="small"
          icon={<BellOutlined />}
          loading={remind.isPending && remind.variables?.id === t.id}
          onClick={() => remind.mutate(t)}
        >
          {t.remindedAt ? '再次催办' : '催办'}
        </Button>
      )}
    </Flex>
  );
  const open = task.targets.find((t) => t.orgId === openId);
  const counts = task.counts;
  return (
    <Card size="small" title={`接收组织（${counts.total}）`} style={{ marginBottom: 12 }}>
      <Segmented
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={status}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          if (v === 'all') next.delete('status');
          else next.set('status', String(v));
          setParams(next, { replace: true });
        }}
        options={[
          { value: 'all', label: `全部 ${counts.total}` },
          ...TARGET_STATUSES.map((s) => ({ value: s, label: `${TARGET_STATUS_LABELS[s]} ${counts[s]}` })),
        ]}
      />
      <ResponsiveList
        rowKey="id"
        columns={[
          ...columns,
          { title: '操作', key: 'op', width: 160, mobile: 'hidden', render: (_: unknown, t) => action(t) },
        ]}
        items={shown}
        cardActions={action}
        empty={status === 'all' ? '没有接收组织' : `没有“${TARGET_STATUS_LABELS[status]}”的组织`}
        onOpen={(t) => setOpenId(t.orgId)}
        tableProps={{ size: 'small' }}
      />
      {open && <ReviewDrawer task={task} target={open} onClose={() => setOpenId(null)} />}
    </Card>
  );
}
