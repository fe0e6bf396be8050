import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'audit',
  routes: [{ path: '/audit', element: lazy(() => import('./AuditLog')) }],
  nav: [
    {
      key: 'audit',
      label: '审计日志',
      icon: <AuditOutlined />,
      path: '/audit',
      group: NAV_GROUPS.system,
      order: 90,
      visible: (me) => can(me, 'audit.read'),
    },
  ],
};
