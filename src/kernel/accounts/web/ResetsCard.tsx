import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../web/api';
import { fmtDateTime } from '../../../web/format';
import type { PasswordResetItem, PasswordResetList, ResetIssued } from '../contract';
import { showTemporaryPassword } from './TemporaryPassword';

const STATUS: Record<PasswordResetItem['status'], { label: string; color: string }> = {
  pending: { label: '待审批', color: 'orange' },
  approved: { label: '已批准，待领取', color: 'blue' },
  rejected: { label: '已驳回', color: 'default' },
  issued: { label: '已发放临时密码', color: 'green' },
  expired: { label: '已过期', color: 'default' },
};

/** One reset: who asked, why, who decided; the buttons the server allows the caller. */
function ResetRow({ r, onDone }: { r: PasswordResetItem; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (action: PasswordResetItem['actions'][number]) =>
      api<PasswordResetItem | ResetIssued>(`/password-resets/${r.id}/${action}`, {
        method: 'POST',
        body: action === 'issue' ? undefined : { note: note.trim() || undefined },
      }),
    onSuccess: (answer, action) => {
      if (action === 'issue') {
        const issued = answer as ResetIssued;
        showTemporaryPassword(modal, r.displayName, issued.temporaryPassword, issued.expiresAt);
      } else message.success(action === 'approve' ? '已批准，由申请的系统管理员领取临时密码' : '已驳回');
      onDone();
    },
  });
  const decide = (action: 'approve' | 'reject') => (
    <Popconfirm
      title={action === 'approve' ? `批准重置 ${r.displayName} 的密码？` : `驳回该申请？`}
      description={
        <Input.TextArea
          rows={2}
          maxLength={200}
          placeholder={action === 'approve' ? '审批意见（可选），如：已电话核实本人' : '驳回理由（可选）'}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      }
      okText={action === 'approve' ? '批准' : '驳回'}
      okButtonProps={{ danger: action === 'reject' }}
      onConfirm={() => act.mutateAsync(action)}
    >
      <Button size="small" type={action === 'approve' ? 'primary' : 'default'} danger={action === 'reject'}>
        {action === 'approve' ? '批准' : '驳回'}
      </Button>
    </Popconfirm>
  );
  return (
    <List.Item>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {r.displayName}（{r.username}）
          </Typography.Text>
          <Tag color={STATUS[r.status].color} style={{ marginInlineEnd: 0 }}>
            {STATUS[r.status].label}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {r.requestedByName} 于 {fmtDateTime(r.requestedAt)} 申请：{r.reason}
          {r.resetMfa && '（同时清除两步验证）'}
        </Typography.Text>
        {r.decidedByName && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {r.decidedByName} 于 {fmtDateTime(r.decidedAt)} {r.status === 'rejected' ? '驳回' : '批准'}
            {r.decisionNote ? `：${r.decisionNote}` : ''}
          </Typography.Text>
        )}
        {r.actions.length > 0 && (
          <Flex gap={8}>
            {r.actions.includes('approve') && decide('approve')}
            {r.actions.includes('reject') && decide('reject')}
            {r.actions.includes('issue') && (
              <Button size="small" type="primary" loading={act.isPending} onClick={() => act.mutate('issue')}>
                领取临时密码
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </List.Item>
  );
}

/**
 * Password resets (三员分立): the system admin asks, the security admin approves resets of managers
 * and administrators, the system admin who asked collects the temporary password once.
 */
export function ResetsCard() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['accounts', 'resets'],
    queryFn: () => api<PasswordResetList>('/password-resets', { query: { pageSize: 20 } }),
  });
  const items = list.data?.items ?? [];
  const waiting = items.filter((r) => r.actions.length > 0).length;
  return (
    <Card
      size="small"
      title={`密码重置申请${waiting ? `（${waiting} 条待处理）` : ''}`}
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        loading={list.isFetching}
        dataSource={items}
        locale={{ emptyText: <Empty description="没有密码重置申请" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(r) => (
          <ResetRow
            key={r.id}
            r={r}
            onDone={() => queryClient.invalidateQueries({ queryKey: ['accounts'] })}
          />
        )}
      />
    </Card>
  );
}
