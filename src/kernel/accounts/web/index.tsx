import { UserSwitchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../../web/registry';

export const accountsWeb: WebModule = {
  routes: [{ path: '/accounts', element: lazy(() => import('./AccountsPage')) }],
  nav: [
    {
      key: 'accounts',
      label: '账号与角色',
      icon: <UserSwitchOutlined />,
      path: '/accounts',
      order: 80,
      visible: (me) => me.user.adminRole === 'system_admin' || me.user.adminRole === 'security_admin',
    },
  ],
};
