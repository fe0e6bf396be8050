import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../../web/registry';

export const auditWeb: WebModule = {
  routes: [{ path: '/audit', element: lazy(() => import('./AuditLog')) }],
  nav: [
    {
      key: 'audit',
      label: '审计日志',
      icon: <AuditOutlined />,
      path: '/audit',
      order: 90,
      visible: (me) => me.scope.seesAuditLog,
    },
  ],
};
