import { SafetyCertificateOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'accounts',
  routes: [
    { path: '/accounts', element: lazy(() => import('./AccountsPage')) },
    { path: '/security-policy', element: lazy(() => import('./SecurityPolicy')) },
  ],
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
    {
      key: 'security-policy',
      label: '安全策略',
      icon: <SafetyCertificateOutlined />,
      path: '/security-policy',
      group: NAV_GROUPS.system,
      order: 85,
      visible: (me) => can(me, 'accounts.list'),
    },
  ],
};
