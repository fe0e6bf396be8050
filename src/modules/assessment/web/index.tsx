import {
  DashboardOutlined,
  FileTextOutlined,
  FlagOutlined,
  SettingOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';
import { ABILITY } from './model';

export const web: WebModule = {
  name: 'assessment',
  routes: [
    { path: '/assessment/overview', element: lazy(() => import('./Overview')) },
    {
      path: '/assessment/overview/evidence',
      element: lazy(() => import('./OverviewEvidence')),
      title: '计分依据',
    },
    { path: '/assessment/rounds', element: lazy(() => import('./Rounds')) },
    { path: '/assessment/rounds/:id', element: lazy(() => import('./RoundResults')), title: '考核结果' },
    {
      path: '/assessment/rounds/:id/subjects/:subjectId',
      element: lazy(() => import('./SubjectResult')),
      title: '考核结果详情',
    },
    { path: '/assessment/templates', element: lazy(() => import('./Templates')) },
    {
      path: '/assessment/templates/new',
      element: lazy(() => import('./TemplateEditor')),
      title: '编辑考核模板',
    },
    { path: '/assessment/templates/:id', element: lazy(() => import('./TemplateDetail')), title: '考核模板' },
    { path: '/assessment/zones', element: lazy(() => import('./Zones')) },
    { path: '/assessment/branches/:orgId', element: lazy(() => import('./BranchPage')), title: '岗区与考核' },
    { path: '/assessment/settings', element: lazy(() => import('./Settings')) },
  ],
  nav: [
    {
      key: 'assessment-overview',
      label: '党建工作总览',
      icon: <DashboardOutlined />,
      path: '/assessment/overview',
      group: NAV_GROUPS.supervision,
      order: 10,
      visible: (me) => can(me, ABILITY.overview),
    },
    {
      key: 'assessment-rounds',
      label: '考核评比',
      icon: <TrophyOutlined />,
      path: '/assessment/rounds',
      group: NAV_GROUPS.supervision,
      order: 40,
      visible: (me) => can(me, ABILITY.view) && me.scope.managesOrgs,
    },
    {
      key: 'assessment-templates',
      label: '考核模板',
      icon: <FileTextOutlined />,
      path: '/assessment/templates',
      group: NAV_GROUPS.supervision,
      order: 41,
      visible: (me) => can(me, ABILITY.run),
    },
    {
      key: 'assessment-zones',
      label: '岗区管理',
      icon: <FlagOutlined />,
      path: '/assessment/zones',
      group: NAV_GROUPS.supervision,
      order: 42,
      visible: (me) => can(me, ABILITY.zones),
    },
    {
      key: 'assessment-settings',
      label: '考核设置',
      icon: <SettingOutlined />,
      path: '/assessment/settings',
      group: NAV_GROUPS.supervision,
      order: 49,
      visible: (me) => can(me, ABILITY.settings),
    },
  ],
  homeCards: [
    {
      key: 'assessment-branch',
      order: 60,
      element: lazy(() => import('./HomeCard')),
      visible: (me) => can(me, ABILITY.zones) && me.roles.some((r) => r.role === 'branch_secretary'),
    },
  ],
};
