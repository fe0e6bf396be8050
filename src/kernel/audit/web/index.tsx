import { AuditOutlined, SecurityScanOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'audit',
  routes: [
    { path: '/audit', element: lazy(() => import('./AuditLog')) },
    { path: '/security-log', element: lazy(() => import('./SecurityLog')) },
  ],
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
    {
      key: 'security-log',
      label: '安全日志',
      icon: <SecurityScanOutlined />,
      path: '/security-log',
      group: NAV_GROUPS.system,
      order: 92,
      visible: (me) => can(me, 'audit.security'),
    },
  ],
};
