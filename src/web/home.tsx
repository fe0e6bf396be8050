import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { NAV_GROUPS, type WebModule } from './registry';

/** The landing page: statistics for managers, one's own record for members. */
export const homeWeb: WebModule = {
  name: 'home',
  routes: [{ path: '/', element: lazy(() => import('./pages/Home')) }],
  nav: [
    {
      key: 'home',
      label: '首页',
      icon: <HomeOutlined />,
      path: '/',
      group: NAV_GROUPS.home,
      order: 0,
      visible: (me) => me.scope.seesMemberData,
    },
  ],
};
