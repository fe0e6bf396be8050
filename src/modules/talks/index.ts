import { sql } from 'drizzle-orm';
import { provide } from '../../platform/hooks';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { followupDateSources } from '../safety/api';
import { demoTalks } from './demo';
import { talksTodo } from './obligations';
import { recordsTalks, viewsTalks } from './policy';
import { talksRoutes } from './routes';
import { talkEntity } from './tables';

/**
 * 谈心谈话. Builds on safety: a talk after a violation references it and closes the violation's talk
 * obligation (safety's, through its api.ts); a `mentoring` talk counts as a mentoring follow-up.
 */
export const talksModule = defineModule({
  name: 'talks',
  label: '谈心谈话',
  dependsOn: ['orgs', 'people', 'accounts', 'safety'],
  routes: talksRoutes,
  entities: [talkEntity],
  actions: actions('谈话', {
    'talk.create': '记录谈话',
    'talk.read': '查看谈话内容',
    'talk.export': '导出谈话台账',
  }),
  sealed: [{ entity: talkEntity, columns: ['summary_enc', 'follow_up_enc'] }],
  todo: talksTodo,
  abilities: (_ctx, actor) => ({
    /** 两违谈话 and 谈话覆盖率: managers. */
    view: allowed(viewsTalks(actor)),
    record: allowed(recordsTalks(actor)),
  }),
  exports: [
    { key: 'talks', label: '谈心谈话台账', path: '/talks/export' },
    { key: 'obligations', label: '两违谈话任务台账', path: '/talks/obligations/export' },
  ],
  hooks: [
    // A mentoring talk with a weak worker since mentoring began is a follow-up: entered once, as a talk.
    provide(
      followupDateSources,
      (w) =>
        sql`select t.held_on from talks t where t.person_id = ${w.personId} and t.kind = 'mentoring' and t.held_on >= ${w.startedOn}`,
    ),
  ],
  demo: demoTalks,
  tests: { authz: () => import('./authz') },
});
