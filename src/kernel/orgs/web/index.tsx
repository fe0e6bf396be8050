import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'orgs',
  routes: [
    { path: '/orgs', element: lazy(() => import('./OrgsPage')) },
    { path: '/orgs/terms', element: lazy(() => import('./TermsPage')), title: '委员会换届' },
  ],
  nav: [
    {
      key: 'orgs',
      label: '组织',
      icon: <ApartmentOutlined />,
      path: '/orgs',
      group: NAV_GROUPS.org,
      order: 10,
      visible: (me) => can(me, 'orgs.view'),
    },
  ],
};
