import { AuditOutlined, CalendarOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { NAV_GROUPS, type WebModule } from '../../../web/registry';
import { reviewsFor } from './model';

export const web: WebModule = {
  name: 'meetings',
  routes: [
    { path: '/meetings', element: lazy(() => import('./MeetingsHome')) },
    { path: '/meetings/new', element: lazy(() => import('./RecordMeeting')) },
    { path: '/meetings/review', element: lazy(() => import('./ReviewQueue')) },
    { path: '/meetings/compliance', element: lazy(() => import('./ComplianceMatrix')) },
    { path: '/meetings/:id', element: lazy(() => import('./MeetingDetail')) },
    { path: '/meetings/:id/edit', element: lazy(() => import('./RecordMeeting')) },
  ],
  nav: [
    {
      key: 'meetings',
      label: '组织生活',
      icon: <CalendarOutlined />,
      path: '/meetings',
      group: NAV_GROUPS.life,
      order: 30,
      visible: (me) => me.scope.seesMemberData,
    },
    {
      key: 'meetings-review',
      label: '记录审核',
      icon: <AuditOutlined />,
      path: '/meetings/review',
      group: NAV_GROUPS.life,
      order: 31,
      visible: reviewsFor,
    },
    {
      key: 'meetings-compliance',
      label: '落实情况',
      icon: <TableOutlined />,
      path: '/meetings/compliance',
      group: NAV_GROUPS.life,
      order: 32,
      visible: (me) => me.scope.managesOrgs,
    },
  ],
};
