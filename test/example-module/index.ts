import { z } from 'zod';
import { managedPaths } from '../../src/platform/access';
import { actions, defineModule } from '../../src/platform/manifest';
import { defineSettings } from '../../src/platform/settings';
import { bulletinRoutes } from './routes';
import { bulletinEntity } from './tables';

export const bulletinSettings = defineSettings(
  'example',
  '公告',
  z.object({ maxDays: z.number().int().min(1).max(365).default(30).meta({ title: '最长展示天数' }) }),
);

/** The walkthrough's example (docs/architecture.md): a module is this folder plus one line of registration. */
export const exampleModule = defineModule({
  name: 'example',
  label: '公告（示例模块）',
  dependsOn: ['orgs'],
  routes: bulletinRoutes,
  entities: [bulletinEntity],
  actions: actions('公告', { 'example_bulletin.post': '发布公告' }),
  settings: bulletinSettings,
  abilities: (_ctx, actor) => ({ post: actor.adminRole === null && managedPaths(actor).length > 0 }),
  todo: async (_ctx, actor) =>
    managedPaths(actor).length ? [{ key: 'read', label: '阅读新公告', count: 1, link: '/bulletins' }] : [],
  tests: { authz: () => import('./authz') },
});
