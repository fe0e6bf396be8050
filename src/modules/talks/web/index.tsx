import { CommentOutlined, MessageOutlined, PieChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';
import { ABILITY } from './model';

export const web: WebModule = {
  name: 'talks',
  routes: [
    { path: '/talks', element: lazy(() => import('./Obligations')) },
    { path: '/talks/new', element: lazy(() => import('./RecordTalk')) },
    { path: '/talks/coverage', element: lazy(() => import('./Coverage')) },
    { path: '/talks/:id', element: lazy(() => import('./TalkDetail')) },
  ],
  nav: [
    {
      key: 'talks',
      label: '两违谈话',
      icon: <CommentOutlined />,
      path: '/talks',
      group: NAV_GROUPS.life,
      order: 42,
      visible: (me) => can(me, ABILITY.view),
    },
    {
      key: 'talks-coverage',
      label: '谈话覆盖率',
      icon: <PieChartOutlined />,
      path: '/talks/coverage',
      group: NAV_GROUPS.life,
      order: 46,
      visible: (me) => can(me, ABILITY.view),
    },
  ],
  quickActions: [
    {
      key: 'talks-record',
      label: '记录谈话',
      icon: <MessageOutlined />,
      path: '/talks/new',
      order: 21,
      visible: (me) => can(me, ABILITY.record),
    },
  ],
};
