import { CommentOutlined, PieChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { NAV_GROUPS, type WebModule } from '../../../web/registry';

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
      label: '谈心谈话',
      icon: <CommentOutlined />,
      path: '/talks',
      group: NAV_GROUPS.life,
      order: 42,
      visible: (me) => me.scope.managesOrgs,
    },
    {
      key: 'talks-coverage',
      label: '谈话覆盖率',
      icon: <PieChartOutlined />,
      path: '/talks/coverage',
      group: NAV_GROUPS.life,
      order: 46,
      visible: (me) => me.scope.managesOrgs,
    },
  ],
};
