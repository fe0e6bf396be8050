import { NotificationOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../src/web/registry';

/** The example's web part; a real module's `web/index.tsx` is found by the shell without registration. */
export const web: WebModule = {
  name: 'example',
  routes: [{ path: '/bulletins', element: lazy(() => import('./Bulletins')) }],
  nav: [
    {
      key: 'bulletins',
      label: '公告',
      icon: <NotificationOutlined />,
      path: '/bulletins',
      group: NAV_GROUPS.life,
      order: 90,
      visible: (me) => can(me, 'example.post'),
    },
  ],
};
