import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';

/** The desktop header's user menu (who, 修改密码, 退出登录). Phones go to 我的 instead. */
export default function UserMenu({
  name,
  roles,
  onPassword,
  onLogout,
}: {
  name: string;
  roles: string[];
  onPassword: () => void;
  onLogout: () => void;
}) {
  const menu = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ maxWidth: 260 }}>
            <div>{name}</div>
            <div style={{ fontSize: 12, color: '#888', whiteSpace: 'normal' }}>{roles.join('、')}</div>
          </div>
        ),
      },
      { type: 'divider' as const },
      { key: 'password', label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') onLogout();
      if (key === 'password') onPassword();
    },
  };
  return (
    <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} style={{ maxWidth: 280 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</span>
      </Button>
    </Dropdown>
  );
}
