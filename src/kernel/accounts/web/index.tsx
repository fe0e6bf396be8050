import { UserSwitchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'accounts',
  routes: [{ path: '/accounts', element: lazy(() => import('./AccountsPage')) }],
  nav: [
    {
      key: 'accounts',
      label: '账号与角色',
      icon: <UserSwitchOutlined />,
      path: '/accounts',
      group: NAV_GROUPS.system,
      order: 80,
      visible: (me) => can(me, 'accounts.list'),
    },
  ],
};
