import { BarChartOutlined, CarryOutOutlined, SendOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';
import { ABILITY } from './model';

export const web: WebModule = {
  name: 'tasks',
  routes: [
    { path: '/tasks', element: lazy(() => import('./TaskList')) },
    { path: '/tasks/new', title: '发布督办任务', element: lazy(() => import('./NewTask')) },
    { path: '/tasks/board', element: lazy(() => import('./TaskBoard')) },
    { path: '/tasks/:id', element: lazy(() => import('./TaskDetail')) },
  ],
  nav: [
    {
      key: 'tasks',
      label: '督办任务',
      icon: <CarryOutOutlined />,
      path: '/tasks',
      group: NAV_GROUPS.supervision,
      order: 10,
      visible: (me) => can(me, ABILITY.view),
    },
    {
      key: 'tasks-board',
      label: '督办进度',
      icon: <BarChartOutlined />,
      path: '/tasks/board',
      group: NAV_GROUPS.supervision,
      order: 11,
      visible: (me) => can(me, ABILITY.send),
    },
  ],
  quickActions: [
    {
      key: 'tasks-answer',
      label: '回复督办',
      icon: <CarryOutOutlined />,
      path: '/tasks?box=received',
      order: 30,
      visible: (me) => can(me, ABILITY.answer) && !can(me, ABILITY.send),
    },
    {
      key: 'tasks-new',
      label: '发布督办任务',
      icon: <SendOutlined />,
      path: '/tasks/new',
      order: 31,
      visible: (me) => can(me, ABILITY.send),
    },
  ],
  homeCards: [
    {
      key: 'tasks',
      order: 20,
      element: lazy(() => import('./TaskHomeCard')),
      visible: (me) => can(me, ABILITY.view),
    },
  ],
};
