import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { demoTasks } from './demo';
import { taskFileVerifier } from './files';
import { answersTasks, sendsTasks, viewsTasks } from './policy';
import { tasksRoutes } from './routes';
import { canEditTasksSettings, tasksSettingsSpec } from './settings';
import { taskEntity, taskFileEntity, taskTargetEntity } from './tables';
import { tasksTodo } from './todo';

/**
 * 督办: work sent straight from the committee or a general branch to branches, answered (with a small
 * form prefilled from the records), reviewed, reminded and overdue in red. Builds on meetings, talks
 * and safety for the prefilled figures (their api.ts); assessment and the overview read its api.ts.
 */
export const tasksModule = defineModule({
  name: 'tasks',
  label: '督办',
  dependsOn: ['orgs', 'people', 'accounts', 'meetings', 'safety', 'talks'],
  routes: tasksRoutes,
  entities: [taskEntity, taskTargetEntity, taskFileEntity],
  actions: actions('督办', {
    'task.create': '发布督办任务',
    'task.target': '下发督办任务到组织',
    'task.submit': '回复督办任务',
    'task.resubmit': '重新提交督办回复',
    'task.accept': '督办回复审核通过',
    'task.return': '退回督办回复',
    'task.remind': '催办',
    'task.file.add': '上传督办附件',
    'task.file.remove': '删除督办附件',
    'task.export': '导出督办回复汇总',
    'task.settings': '修改督办设置',
  }),
  settings: tasksSettingsSpec,
  verifiers: (ctx) => [taskFileVerifier(ctx)],
  todo: (ctx, actor) => tasksTodo(ctx, actor),
  abilities: async (ctx, actor) => {
    const [committee] = await queryRows<{ path: string }>(
      ctx.db,
      sql`select path from orgs where tenant_id = ${actor.tenantId} and type = 'committee' and parent_id is null limit 1`,
    );
    return {
      /** 督办任务 and 督办进度: managers. */
      view: allowed(viewsTasks(actor)),
      send: allowed(sendsTasks(actor)),
      answer: answersTasks(actor),
      settings: allowed(canEditTasksSettings(actor, committee?.path)),
    };
  },
  demo: demoTasks,
  tests: { authz: () => import('./authz') },
});
