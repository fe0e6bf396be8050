import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { api, showError } from '../../../web/api';
import { dayjs, ZONE } from '../../../web/format';
import type { MeetingDetail, MeetingItem } from './model';
import { heldAtText } from './parts';

/** 签到 on the meeting's day; once signed in, the server's time. */
export function SignInButton({ m, block }: { m: MeetingItem; block?: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const signIn = useMutation({
    mutationFn: () => api<MeetingDetail>(`/meetings/${m.id}/sign-in`, { method: 'POST', body: {} }),
    onSuccess: (saved) => {
      message.success(`签到成功（${dayjs(saved.me?.signedInAt).tz(ZONE).format('HH:mm')}）`);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  if (m.me?.signedInAt)
    return (
      <Tag color="green" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }}>
        已签到 {dayjs(m.me.signedInAt).tz(ZONE).format('HH:mm')}
      </Tag>
    );
  if (!m.actions.includes('sign_in')) return null;
  return (
    <Button
      type="primary"
      size="large"
      block={block}
      loading={signIn.isPending}
      onClick={(e) => {
        e.stopPropagation();
        signIn.mutate();
      }}
    >
      签到
    </Button>
  );
}

/**
 * The caller's notices: planned meetings they are expected at, with 签到 on the day. Renders nothing when
 * there are none, so it can sit on any page (the meetings page, the home page).
 */
export function MeetingNoticesCard({ style }: { style?: CSSProperties }) {
  const navigate = useNavigate();
  const notices = useQuery({
    queryKey: ['meetings', 'notices'],
    queryFn: () => api<{ items: MeetingItem[] }>('/meetings/notices'),
  });
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  const today = dayjs().tz(ZONE).format('YYYY-MM-DD');
  return (
    <Card size="small" title={`会议通知（${items.length}）`} style={style}>
      {items.map((m) => (
        <Flex
          key={m.id}
          justify="space-between"
          align="center"
          gap={8}
          style={{ padding: '8px 0', cursor: 'pointer', borderBottom: '1px solid #f0f0f0' }}
          onClick={() => navigate(`/meetings/${m.id}`)}
        >
          <div style={{ minWidth: 0 }}>
            <Flex gap={4} wrap align="center">
              <Tag color={m.heldOn === today ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                {m.heldOn === today ? '今天' : m.kindLabel}
              </Tag>
              {m.heldOn === today && <Tag style={{ marginInlineEnd: 0 }}>{m.kindLabel}</Tag>}
              <Typography.Text strong>{m.topic}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {heldAtText(m.heldAt)} · {m.place} · {m.orgName}
              {m.me?.guest ? '（列席）' : ''}
            </Typography.Text>
          </div>
          {m.actions.includes('sign_in') || m.me?.signedInAt ? <SignInButton m={m} /> : <RightOutlined />}
        </Flex>
      ))}
    </Card>
  );
}

export default MeetingNoticesCard;
