import { Alert, type App, Typography } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** Shows a temporary password once: it is never shown again, and works for one login only. */
export function showTemporaryPassword(modal: ModalApi, name: string, password: string, expiresAt?: string) {
  modal.success({
    title: `${name} 的临时密码`,
    width: 440,
    content: (
      <>
        <Typography.Paragraph>
          <Typography.Text code copyable style={{ fontSize: 20 }} data-testid="temporary-password">
            {password}
          </Typography.Text>
        </Typography.Paragraph>
        <Alert
          type="warning"
          showIcon
          title={`只显示这一次，请当面或以安全方式交给本人。只能登录一次，登录后须立即修改密码${
            expiresAt ? `；${new Date(expiresAt).toLocaleString('zh-CN', { hour12: false })} 前有效` : ''
          }。`}
        />
      </>
    ),
    okText: '已交给本人',
  });
}
