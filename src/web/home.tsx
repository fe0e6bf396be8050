import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { NAV_GROUPS, type WebModule } from './registry';

/**
 * The shell's own pages: the landing page (statistics for managers, one's own record for members) and
 * the phone's tabs 待办 / 记录 / 我的 (reachable on a desktop too, from the home page and the user menu).
 */
export const homeWeb: WebModule = {
  name: 'home',
  routes: [
    { path: '/', element: lazy(() => import('./pages/Home')) },
    { path: '/todo', title: '待办', element: lazy(() => import('./pages/Todo')) },
    { path: '/record', title: '记录', element: lazy(() => import('./pages/Record')) },
    { path: '/mine', title: '我的', element: lazy(() => import('./pages/Mine')) },
  ],
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
