import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { demoInspection } from './demo';
import { inspectionFileVerifier } from './files';
import { inspects, rectifierPaths, viewsInspections } from './policy';
import { inspectionRoutesPlugin } from './routes';
import { canEditInspectionSettings, inspectionSettingsSpec } from './settings';
import {
  checklistEntity,
  findingEntity,
  inspectionEntity,
  inspectionFileEntity,
  rectificationEntity,
} from './tables';
import { inspectionTodo } from './todo';

/**
 * 网上检查 and 整改: the committee or a general branch inspects a branch against a versioned checklist,
 * online (reading the branch's records in place through meetings', talks' and safety's api.ts) or on
 * site; findings with evidence open rectifications the branch answers and the inspector closes or
 * reopens. Assessment and the overview read its api.ts.
 */
export const inspectionModule = defineModule({
  name: 'inspection',
  label: '网上检查',
  dependsOn: ['orgs', 'people', 'accounts', 'meetings', 'safety', 'talks'],
  routes: inspectionRoutesPlugin,
  entities: [checklistEntity, inspectionEntity, findingEntity, rectificationEntity, inspectionFileEntity],
  actions: {
    ...actions('网上检查', {
      'inspection_checklist.create': '制定检查清单',
      'inspection_checklist.revise': '修订检查清单（新版本）',
      'inspection_checklist.supersede': '检查清单旧版本停用',
      'inspection.create': '开展检查',
      'inspection.complete': '完成检查',
      'inspection_finding.create': '记录检查发现',
      'inspection.file.add': '上传检查附件',
      'inspection.file.remove': '删除检查附件',
      'inspection.settings': '修改检查设置',
    }),
    ...actions('整改', {
      'rectification.open': '下达整改事项',
      'rectification.answer': '填报整改情况',
      'rectification.reanswer': '重新填报整改情况',
      'rectification.close': '整改验收销号',
      'rectification.reopen': '退回重新整改',
      'rectification.export': '导出整改台账',
    }),
  },
  settings: inspectionSettingsSpec,
  verifiers: (ctx) => [inspectionFileVerifier(ctx)],
  todo: (ctx, actor) => inspectionTodo(ctx, actor),
  abilities: async (ctx, actor) => {
    const [committee] = await queryRows<{ path: string }>(
      ctx.db,
      sql`select path from orgs where tenant_id = ${actor.tenantId} and type = 'committee' and parent_id is null limit 1`,
    );
    return {
      /** 网上检查 and 整改台账: managers. */
      view: allowed(viewsInspections(actor)),
      inspect: allowed(inspects(actor)),
      rectify: rectifierPaths(actor).length > 0,
      settings: allowed(canEditInspectionSettings(actor, committee?.path)),
    };
  },
  exports: [{ key: 'rectifications', label: '整改台账', path: '/rectifications/export' }],
  demo: demoInspection,
  tests: { authz: () => import('./authz') },
});
