import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../../web/registry';

export const orgsWeb: WebModule = {
  routes: [{ path: '/orgs', element: lazy(() => import('./OrgsPage')) }],
  nav: [
    {
      key: 'orgs',
      label: '组织',
      icon: <ApartmentOutlined />,
      path: '/orgs',
      order: 10,
      visible: (me) =>
        me.scope.managesOrgs ||
        me.user.adminRole === 'system_admin' ||
        me.user.adminRole === 'security_admin',
    },
  ],
};
