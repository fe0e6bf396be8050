import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api, setCsrfToken, showFormError } from '../api';
import { Loading } from '../components/Loading';
import { APP_NAME } from '../nav';
import type { Me } from '../registry';
import { ME_KEY } from '../session';
import { LeaveButton } from './LeaveButton';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePassword() {
  useEffect(() => {
    document.title = `修改密码 - ${APP_NAME}`;
  }, []);
  const [form] = Form.useForm<PasswordForm>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: () =>
      api<Me>('/me').then((m) => {
        setCsrfToken(m.csrfToken);
        return m;
      }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      api('/auth/change-password', {
        method: 'POST',
        body: { oldPassword: v.oldPassword, newPassword: v.newPassword },
      }),
    meta: { handlesError: true },
    onSuccess: async () => {
      message.success('密码已修改');
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    },
    onError: (err) => showFormError(form, err),
  });
  if (me.isPending) return <Loading />;
  const forced = me.data?.user.mustChangePassword;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', padding: '48px 12px' }}>
      <Card style={{ width: '100%', maxWidth: 420, alignSelf: 'flex-start' }} title="修改密码">
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="首次登录、密码已被重置或已过期，请先设置新密码后再继续使用。"
          />
        )}
        {me.data?.notices.map((n) => (
          <Alert key={n.at} type="info" showIcon style={{ marginBottom: 16 }} title={n.message} />
        ))}
        <Typography.Paragraph type="secondary">
          新密码至少 8
          位（以本单位安全策略为准），须包含大写字母、小写字母、数字、符号中的至少三类，不能是常见密码，不能包含用户名，不能与最近用过的密码相同。修改后，您在其他设备上的登录将退出。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '密码至少 8 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            确认修改
          </Button>
          <LeaveButton forced={forced} />
        </Form>
      </Card>
    </div>
  );
}
