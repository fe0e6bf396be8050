import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from './registry';

/** The landing page: statistics for managers, one's own record for members. */
export const homeWeb: WebModule = {
  routes: [{ path: '/', element: lazy(() => import('./pages/Home')) }],
  nav: [
    {
      key: 'home',
      label: '首页',
      icon: <HomeOutlined />,
      path: '/',
      order: 0,
      visible: (me) => me.scope.seesMemberData,
    },
  ],
};
