import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken, showFormError } from '../api';
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

/** Only same-site paths are followed after login. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function Login() {
  useEffect(() => {
    document.title = `登录 - ${APP_NAME}`;
  }, []);
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api<LoginOptions>('/auth/options', { noRedirect: true }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const demo = options.data?.demoPassword ? options.data : null;
  const login = useMutation({
    mutationFn: (body: LoginForm) => api<Me>('/auth/login', { method: 'POST', body, noRedirect: true }),
    meta: { handlesError: true },
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      navigate(me.user.mustChangePassword ? '/change-password' : safeNext(params.get('next')), {
        replace: true,
      });
    },
    onError: (err) => showFormError(form, err),
  });

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
      <Card style={{ width: '100%', maxWidth: 420 }} title="登录">
        <Form form={form} layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
      {demo && (
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
