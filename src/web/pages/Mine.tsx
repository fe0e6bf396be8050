import {
  IdcardOutlined,
  LockOutlined,
  LogoutOutlined,
  RightOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Page } from '../components/Page';
import { roleLabels, useLogout, useMe } from '../session';

function Row({ to, icon, label, hint }: { to: string; icon: ReactNode; label: string; hint?: string }) {
  return (
    <Link
      to={to}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        minHeight: 56,
        padding: '8px 16px',
        color: 'inherit',
        fontSize: 16,
        borderTop: '1px solid #f0f0f0',
      }}
    >
      <span style={{ fontSize: 20, color: '#c8102e' }}>{icon}</span>
      <span style={{ flex: 1 }}>
        {label}
        {hint && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            {hint}
          </Typography.Text>
        )}
      </span>
      <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
    </Link>
  );
}

/** The phone's 我的 tab: who I am, my own record, password, second factor, security notices and logout. */
export default function Mine() {
  const me = useMe();
  const logout = useLogout();
  const roles = roleLabels(me);
  return (
    <Page title="我的">
      {me.notices.map((n) => (
        <Alert key={n.at} type="warning" showIcon title={n.message} style={{ marginBottom: 12 }} />
      ))}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16 }}>
          <Typography.Text strong style={{ fontSize: 20 }}>
            {me.user.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 14, marginTop: 2 }}>
            用户名 {me.user.username}
          </Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 8 }}>
            {roles.map((r) => (
              <Tag key={r} color="red" style={{ marginInlineEnd: 0, fontSize: 13, whiteSpace: 'normal' }}>
                {r}
              </Tag>
            ))}
          </Flex>
        </div>
        {me.user.personId ? (
          <Row
            to={`/people/${me.user.personId}`}
            icon={<IdcardOutlined />}
            label="我的档案"
            hint="本人的党员信息和变更记录"
          />
        ) : (
          me.scope.seesMemberData && (
            <Typography.Paragraph
              type="secondary"
              style={{ padding: '12px 16px', margin: 0, borderTop: '1px solid #f0f0f0', fontSize: 14 }}
            >
              您的账号还没有关联人员档案，请联系本支部书记或党委组织部。
            </Typography.Paragraph>
          )
        )}
        <Row to="/change-password" icon={<LockOutlined />} label="修改密码" />
        <Row
          to="/mfa"
          icon={<SafetyOutlined />}
          label="两步验证"
          hint={
            me.user.mfaEnabled
              ? '已启用：登录时还须输入手机验证器上的验证码'
              : '未启用：启用后密码泄露也无法登录您的账号'
          }
        />
      </Card>
      <Button
        block
        danger
        size="large"
        icon={<LogoutOutlined />}
        onClick={logout}
        style={{ marginTop: 16, height: 48 }}
      >
        退出登录
      </Button>
    </Page>
  );
}
