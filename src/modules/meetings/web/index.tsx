import { AuditOutlined, CalendarOutlined, EditOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';
import { ABILITY } from './model';

export const web: WebModule = {
  name: 'meetings',
  routes: [
    { path: '/meetings', element: lazy(() => import('./MeetingsHome')) },
    { path: '/meetings/new', element: lazy(() => import('./RecordMeeting')) },
    { path: '/meetings/review', element: lazy(() => import('./ReviewQueue')) },
    { path: '/meetings/compliance', element: lazy(() => import('./ComplianceMatrix')) },
    {
      path: '/meetings/members/:personId',
      element: lazy(() => import('./MemberRecordPage')),
      title: '组织生活档案',
    },
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
      visible: (me) => can(me, ABILITY.read),
    },
    {
      key: 'meetings-review',
      label: '记录审核',
      icon: <AuditOutlined />,
      path: '/meetings/review',
      group: NAV_GROUPS.life,
      order: 31,
      visible: (me) => can(me, ABILITY.review),
    },
    {
      key: 'meetings-compliance',
      label: '落实情况',
      icon: <TableOutlined />,
      path: '/meetings/compliance',
      group: NAV_GROUPS.life,
      order: 32,
      visible: (me) => can(me, ABILITY.compliance),
    },
  ],
  quickActions: [
    {
      key: 'meetings-record',
      label: '记录会议',
      icon: <EditOutlined />,
      path: '/meetings/new',
      order: 10,
      visible: (me) => can(me, ABILITY.record),
    },
  ],
  homeCards: [{ key: 'meetings-notices', order: 10, element: lazy(() => import('./MeetingNotices')) }],
};
