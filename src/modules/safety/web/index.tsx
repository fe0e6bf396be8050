import {
  AlertOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  FlagOutlined,
  NotificationOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../../web/registry';

export const safetyWeb: WebModule = {
  routes: [
    { path: '/safety', element: lazy(() => import('./SafetyBoard')) },
    { path: '/safety/violations', element: lazy(() => import('./ViolationList')) },
    { path: '/safety/violations/new', element: lazy(() => import('./RecordViolation')) },
    { path: '/safety/violations/:id', element: lazy(() => import('./ViolationDetail')) },
    { path: '/safety/mentoring', element: lazy(() => import('./Mentoring')) },
    { path: '/safety/projects', element: lazy(() => import('./Projects')) },
    { path: '/safety/notices', element: lazy(() => import('./Notices')) },
    { path: '/safety/analyses', element: lazy(() => import('./Analyses')) },
    { path: '/safety/analyses/:id', element: lazy(() => import('./AnalysisDetail')) },
    { path: '/safety/settings', element: lazy(() => import('./Settings')) },
  ],
  nav: [
    {
      key: 'safety',
      label: '安全分析',
      icon: <BarChartOutlined />,
      path: '/safety',
      order: 40,
      visible: (me) => me.scope.managesOrgs,
    },
    {
      key: 'safety-violations',
      label: '两违记录',
      icon: <AlertOutlined />,
      path: '/safety/violations',
      order: 41,
      visible: (me) => me.scope.seesMemberData,
    },
    {
      key: 'safety-notices',
      label: '两违通报',
      icon: <NotificationOutlined />,
      path: '/safety/notices',
      order: 43,
      visible: (me) => me.scope.managesOrgs,
    },
    {
      key: 'safety-analyses',
      label: '安全剖析',
      icon: <FileSearchOutlined />,
      path: '/safety/analyses',
      order: 43.5,
      visible: (me) => me.scope.managesOrgs,
    },
    {
      key: 'safety-mentoring',
      label: '薄弱人包保',
      icon: <TeamOutlined />,
      path: '/safety/mentoring',
      order: 44,
      visible: (me) => me.scope.seesMemberData,
    },
    {
      key: 'safety-projects',
      label: '重点攻关',
      icon: <FlagOutlined />,
      path: '/safety/projects',
      order: 45,
      visible: (me) => me.scope.seesMemberData,
    },
    {
      key: 'safety-settings',
      label: '安全设置',
      icon: <SettingOutlined />,
      path: '/safety/settings',
      order: 47,
      visible: (me) => me.roles.some((r) => r.role === 'committee_admin'),
    },
  ],
};
