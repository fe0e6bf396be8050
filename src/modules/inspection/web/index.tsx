import { AuditOutlined, FileSearchOutlined, ProfileOutlined, ToolOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';
import { ABILITY } from './model';

export const web: WebModule = {
  name: 'inspection',
  routes: [
    { path: '/inspections', element: lazy(() => import('./InspectionList')) },
    { path: '/inspections/new', title: '开展检查', element: lazy(() => import('./NewInspection')) },
    { path: '/inspections/checklists', element: lazy(() => import('./Checklists')) },
    { path: '/inspections/:id', element: lazy(() => import('./InspectionDetail')) },
    { path: '/rectifications', element: lazy(() => import('./Rectifications')) },
    { path: '/rectifications/:id', element: lazy(() => import('./RectificationDetail')) },
  ],
  nav: [
    {
      key: 'inspections',
      label: '网上检查',
      icon: <FileSearchOutlined />,
      path: '/inspections',
      group: NAV_GROUPS.supervision,
      order: 20,
      visible: (me) => can(me, ABILITY.view),
    },
    {
      key: 'rectifications',
      label: '整改台账',
      icon: <ToolOutlined />,
      path: '/rectifications',
      group: NAV_GROUPS.supervision,
      order: 21,
      visible: (me) => can(me, ABILITY.view),
    },
    {
      key: 'inspection-checklists',
      label: '检查清单',
      icon: <ProfileOutlined />,
      path: '/inspections/checklists',
      group: NAV_GROUPS.supervision,
      order: 22,
      visible: (me) => can(me, ABILITY.inspect),
    },
  ],
  quickActions: [
    {
      key: 'inspection-rectify',
      label: '填报整改',
      icon: <ToolOutlined />,
      path: '/rectifications?status=open',
      order: 32,
      visible: (me) => can(me, ABILITY.rectify),
    },
    {
      key: 'inspection-new',
      label: '开展检查',
      icon: <AuditOutlined />,
      path: '/inspections/new',
      order: 33,
      visible: (me) => can(me, ABILITY.inspect),
    },
  ],
  homeCards: [
    {
      key: 'rectifications',
      order: 21,
      element: lazy(() => import('./RectHomeCard')),
      visible: (me) => can(me, ABILITY.view),
    },
  ],
};
