import { TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { can, NAV_GROUPS, type WebModule } from '../../../web/registry';

export const web: WebModule = {
  name: 'people',
  routes: [
    { path: '/people', element: lazy(() => import('./PeopleList')) },
    { path: '/people/new', element: lazy(() => import('./PersonForm')), title: '新增人员' },
    { path: '/people/import', element: lazy(() => import('./ImportWizard')) },
    { path: '/people/:id', element: lazy(() => import('./PersonDetail')) },
    { path: '/people/:id/edit', element: lazy(() => import('./PersonEdit')), title: '编辑人员' },
  ],
  nav: [
    {
      key: 'people',
      label: '人员',
      icon: <TeamOutlined />,
      path: '/people',
      group: NAV_GROUPS.org,
      order: 20,
      visible: (me) => can(me, 'people.view'),
    },
    {
      key: 'people-import',
      label: '名册导入',
      icon: <UploadOutlined />,
      path: '/people/import',
      group: NAV_GROUPS.org,
      order: 25,
      visible: (me) => can(me, 'people.import'),
    },
  ],
};
