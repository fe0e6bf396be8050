import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, setCsrfToken, showFormError } from '../api';
import { APP_NAME } from '../nav';
import type { Me } from '../registry';
import { ME_KEY } from '../session';

interface LoginOptions {
  organization: string | null;
  demoMode: boolean;
  demoPassword: string | null;
  demoAccounts: { username: string; label: string }[];
}

interface LoginForm {
  username: string;
  password: string;
}

type LoginAnswer = Me | { mfaRequired: true };

/** Only same-site paths are followed after login. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

/** The second step: the 6-digit code of the authenticator, or a recovery code. */
function CodeStep({ onDone, onBack }: { onDone: (me: Me) => void; onBack: () => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const verify = useMutation({
    mutationFn: (v: { code: string }) =>
      api<Me>('/auth/mfa', { method: 'POST', body: { code: v.code.trim() }, noRedirect: true }),
    meta: { handlesError: true },
    onSuccess: onDone,
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'mfa_expired') onBack();
      showFormError(form, err);
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => verify.mutate(v)} requiredMark={false}>
      <Typography.Paragraph type="secondary">
        请打开手机上的身份验证器应用，输入“支部在线”显示的 6 位验证码；手机不在身边时可输入一个恢复码。
      </Typography.Paragraph>
      <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}>
        <Input
          prefix={<SafetyOutlined />}
          autoComplete="one-time-code"
          inputMode="numeric"
          autoFocus
          placeholder="6 位数字或恢复码"
          maxLength={32}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={verify.isPending}>
        验证并登录
      </Button>
      <Button type="link" block style={{ marginTop: 8 }} onClick={onBack}>
        返回，重新输入用户名和密码
      </Button>
    </Form>
  );
}

/** Lifting a lock of the username with the second factor (someone else guessed the password). */
function UnlockStep({ username, onBack }: { username: string; onBack: (unlocked: boolean) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const unlock = useMutation({
    mutationFn: (v: { code: string }) =>
      api('/auth/unlock', { method: 'POST', body: { username, code: v.code.trim() }, noRedirect: true }),
    meta: { handlesError: true },
    onSuccess: () => onBack(true),
    onError: (err) => showFormError(form, err),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => unlock.mutate(v)} requiredMark={false}>
      <Typography.Paragraph type="secondary">
        账号 {username} 因多次密码错误被锁定。如果您已启用两步验证，输入验证码即可解除锁定；否则请 15
        分钟后再试。
      </Typography.Paragraph>
      <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}>
        <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={32} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
        解除锁定
      </Button>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => onBack(false)}>
        返回
      </Button>
    </Form>
  );
}

/** Told at login: resets of this account's password (who asked, who approved, when). */
function Notices({ notices, onContinue }: { notices: Me['notices']; onContinue: () => void }) {
  return (
    <>
      {notices.map((n) => (
        <Alert key={n.at} type="warning" showIcon style={{ marginBottom: 12 }} title={n.message} />
      ))}
      <Button type="primary" block onClick={onContinue} autoFocus>
        知道了，继续
      </Button>
    </>
  );
}

export default function Login() {
  useEffect(() => {
    document.title = `登录 - ${APP_NAME}`;
  }, []);
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'password' | 'code' | 'unlock' | 'notices'>('password');
  const [locked, setLocked] = useState<string | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const [signed, setSigned] = useState<Me | null>(null);
  const options = useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api<LoginOptions>('/auth/options', { noRedirect: true }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const demo = options.data?.demoPassword ? options.data : null;

  const go = (me: Me) =>
    navigate(
      me.user.mustChangePassword
        ? '/change-password'
        : me.user.mfaSetupRequired
          ? '/mfa'
          : safeNext(params.get('next')),
      { replace: true },
    );
  const signedIn = (me: Me) => {
    setCsrfToken(me.csrfToken);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, me);
    if (!me.notices.length) return go(me);
    setSigned(me);
    setStep('notices');
  };

  const login = useMutation({
    mutationFn: (body: LoginForm) =>
      api<LoginAnswer>('/auth/login', { method: 'POST', body, noRedirect: true }),
    meta: { handlesError: true },
    onSuccess: (answer) => {
      setLocked(null);
      if ('mfaRequired' in answer) setStep('code');
      else signedIn(answer);
    },
    onError: (err, body) => {
      if (err instanceof ApiError && err.code === 'locked') setLocked(body.username);
      showFormError(form, err);
    },
  });

  const title = { password: '登录', code: '两步验证', unlock: '解除锁定', notices: '账号安全提醒' }[step];

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: '48px 12px',
        boxSizing: 'border-box',
        background: 'linear-gradient(180deg, #c8102e 0, #c8102e 220px, #f5f5f5 220px)',
      }}
    >
      <Typography.Title level={2} style={{ color: '#fff', margin: '0 0 4px' }}>
        支部在线
      </Typography.Title>
      <Typography.Text style={{ color: 'rgba(255,255,255,.85)', marginBottom: 24 }}>
        {options.data?.organization ? `${options.data.organization} · ` : ''}党建工作平台
      </Typography.Text>
      <Card style={{ width: '100%', maxWidth: 420 }} title={title}>
        {step === 'code' && <CodeStep onDone={signedIn} onBack={() => setStep('password')} />}
        {step === 'unlock' && locked && (
          <UnlockStep
            username={locked}
            onBack={(done) => {
              setUnlocked(done);
              if (done) setLocked(null);
              setStep('password');
            }}
          />
        )}
        {step === 'notices' && signed && <Notices notices={signed.notices} onContinue={() => go(signed)} />}
        {step === 'password' && (
          <Form form={form} layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
            </Form.Item>
            {unlocked && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title="已解除锁定：请等验证器显示新的验证码后再登录"
              />
            )}
            {locked && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="登录失败次数过多，账号暂时锁定"
                action={
                  <Button size="small" onClick={() => setStep('unlock')}>
                    用验证码解锁
                  </Button>
                }
              />
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              登录
            </Button>
          </Form>
        )}
      </Card>
      {demo && step === 'password' && (
        <Card
          size="small"
          style={{ width: '100%', maxWidth: 420, marginTop: 16 }}
          title="演示账号"
          extra={<Typography.Text type="secondary">点击填入</Typography.Text>}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={
              <span>
                演示数据，所有账号的密码均为 <Typography.Text code>{demo.demoPassword}</Typography.Text>
                ；演示账号不强制两步验证
              </span>
            }
          />
          <List
            size="small"
            dataSource={demo.demoAccounts}
            renderItem={(a) => (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() =>
                  form.setFieldsValue({ username: a.username, password: demo.demoPassword ?? '' })
                }
              >
                <Typography.Text code>{a.username}</Typography.Text>
                <Tag color="red" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                  {a.label}
                </Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
