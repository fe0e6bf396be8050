import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Modal, QRCode, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, showError } from '../../../web/api';
import { dayjs, ZONE } from '../../../web/format';
import type { MeetingDetail as Meeting } from './model';
import { heldAtText } from './parts';

/**
 * A member's own part of a meeting, on its page: ask for leave before it (请假), sign in on the day (签到:
 * within the window around the start, or with the code the secretary shows — a scanned code opens this
 * page with `?code=`), report make-up study after it (补学). What the server allows comes in `actions`.
 */

const hm = (at: string) => dayjs(at).tz(ZONE).format('MM-DD HH:mm');

function useOwnAction(m: Meeting, path: string, done: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<Meeting>(`/meetings/${m.id}/${path}`, { method: 'POST', body }),
    onSuccess: () => {
      message.success(done);
      queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
}

function LeaveButton({ m }: { m: Meeting }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(m.me?.reason ?? '');
  const leave = useOwnAction(m, 'leave', '已请假，支部书记会在出勤名单中看到');
  return (
    <>
      <Button size="large" onClick={() => setOpen(true)}>
        {m.me?.leaveRequestedAt ? '修改请假原因' : '请假'}
      </Button>
      <Modal
        title="请假"
        open={open}
        okText="提交请假"
        okButtonProps={{ disabled: !reason.trim(), loading: leave.isPending }}
        onOk={() => leave.mutate({ reason }, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="请假原因（必填），如：倒班、值乘、公出"
        />
      </Modal>
    </>
  );
}

function SignIn({ m }: { m: Meeting }) {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [withCode, setWithCode] = useState(!!params.get('code'));
  const signIn = useOwnAction(m, 'sign-in', '签到成功（以服务器时间为准）');
  return (
    <Flex gap={8} wrap align="center">
      {withCode && (
        <Input
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          placeholder="6 位签到码"
          style={{ width: 140 }}
          size="large"
        />
      )}
      <Button
        type="primary"
        size="large"
        loading={signIn.isPending}
        disabled={withCode && code.length !== 6}
        onClick={() => signIn.mutate(withCode ? { code } : {})}
      >
        签到
      </Button>
      {!withCode && (
        <Button type="link" onClick={() => setWithCode(true)}>
          输入签到码
        </Button>
      )}
    </Flex>
  );
}

function MakeUpButton({ m }: { m: Meeting }) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(dayjs().tz(ZONE).format('YYYY-MM-DD'));
  const [how, setHow] = useState(m.me?.makeUpOn ? '' : '自学会议材料');
  const makeUp = useOwnAction(m, 'make-up', '已登记补学，待支部书记确认');
  return (
    <>
      <Button size="large" onClick={() => setOpen(true)}>
        {m.me?.makeUpOn ? '修改补学' : '登记补学'}
      </Button>
      <Modal
        title="登记补学"
        open={open}
        okText="登记"
        okButtonProps={{ disabled: !how.trim(), loading: makeUp.isPending }}
        onOk={() => makeUp.mutate({ on, how }, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
      >
        <Flex vertical gap={8}>
          <Input
            type="date"
            aria-label="补学日期"
            value={on}
            min={m.heldOn}
            max={dayjs().tz(ZONE).format('YYYY-MM-DD')}
            onChange={(e) => e.target.value && setOn(e.target.value)}
          />
          <Input value={how} onChange={(e) => setHow(e.target.value)} placeholder="补学方式" />
        </Flex>
      </Modal>
    </>
  );
}

/** The member's card: their line of the roll call and what they may do now. */
export function MyPart({ m }: { m: Meeting }) {
  const me = m.me;
  if (!me || me.guest) return null;
  const can = (a: string) => m.actions.includes(a as Meeting['actions'][number]);
  const status = me.signedInAt ? (
    <Tag color="green" icon={<CheckCircleFilled />}>
      已签到 {hm(me.signedInAt)}
    </Tag>
  ) : me.leaveRequestedAt ? (
    <Tag color="gold">已请假（{me.reason}）</Tag>
  ) : m.planned ? (
    <Tag>{m.started ? '未签到' : '待参会'}</Tag>
  ) : (
    <Tag color={me.status === 'present' ? 'green' : me.status === 'leave' ? 'gold' : 'red'}>
      {{ present: '出席', leave: '请假', absent: '缺席' }[me.status]}
    </Tag>
  );
  const actions = can('sign_in') || can('request_leave') || can('make_up');
  if (!actions && !me.signedInAt && !me.leaveRequestedAt && !me.makeUpOn) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="我的出勤">
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          {status}
          {me.makeUpOn && (
            <Typography.Text type="secondary">
              补学 {me.makeUpOn}
              {me.makeUpSecretaryAt ? '（书记已确认）' : me.makeUpMemberAt ? '（待书记确认）' : ''}
            </Typography.Text>
          )}
        </Flex>
        {can('sign_in') && !me.signedInAt && (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {heldAtText(m.heldAt).slice(11)} 在{m.place}
              召开：会议开始前后可直接签到，其他时间请输入书记出示的签到码。
            </Typography.Text>
            <SignIn m={m} />
          </>
        )}
        <Flex gap={8} wrap>
          {can('request_leave') && <LeaveButton m={m} />}
          {can('make_up') && <MakeUpButton m={m} />}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The secretary's sign-in code on the meeting's day: six digits and a QR code members scan. */
export function SignInCodeCard({ m }: { m: Meeting }) {
  const code = useQuery({
    queryKey: ['meetings', 'code', m.id],
    queryFn: () => api<{ code: string; validOn: string; path: string }>(`/meetings/${m.id}/sign-in-code`),
    enabled: m.actions.includes('show_code'),
  });
  if (!m.actions.includes('show_code') || !code.data) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="签到码（当天有效）">
      <Flex gap={16} align="center" wrap>
        <QRCode value={`${window.location.origin}${code.data.path}`} size={132} />
        <div>
          <Typography.Title level={2} style={{ letterSpacing: 6, margin: 0 }} copyable>
            {code.data.code}
          </Typography.Title>
          <Typography.Text type="secondary">
            党员用手机扫码，或在会议通知中输入 6 位签到码；{code.data.validOn} 当天有效。
          </Typography.Text>
        </div>
      </Flex>
    </Card>
  );
}
