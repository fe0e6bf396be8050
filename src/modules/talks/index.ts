import { actions, defineModule } from '../../platform/manifest';
import { talksRoutes } from './routes';
import { obligationEntity, talkEntity } from './tables';

/** Talk demo data is written by the safety demo step, which knows the violations the talks follow. */
export const talksModule = defineModule({
  name: 'talks',
  label: '谈心谈话',
  dependsOn: ['orgs', 'people', 'accounts'],
  routes: talksRoutes,
  entities: [talkEntity, obligationEntity],
  actions: actions('谈话', {
    'talk.create': '记录谈话',
    'talk.read': '查看谈话内容',
    'talk.export': '导出谈话台账',
    'talk_obligation.open': '生成谈话任务',
    'talk_obligation.close': '完成谈话任务',
    'talk_obligation.export': '导出两违谈话任务台账',
  }),
  sealed: [{ entity: talkEntity, columns: ['summary_enc', 'follow_up_enc'] }],
  tests: { authz: () => import('./authz') },
});
