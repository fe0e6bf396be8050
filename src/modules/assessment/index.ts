import type { Actor } from '../../platform/access';
import { managedPaths, pathsWithRole } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { assessmentTodo } from './branch';
import { demoAssessment } from './demo';
import { canEditSettings, runsAssessment, viewsAssessment, viewsOverview } from './policy';
import { assessmentRoutes } from './routes';
import { assessmentSettings, committeePath } from './settings';
import { resultEntity, roundEntity, scoreEntity, templateEntity, zoneEntity } from './tables';

/** What the caller may do in assessment, for the web's menus and buttons (`GET /me`). */
async function assessmentAbilities(ctx: AppContext, actor: Actor): Promise<Record<string, boolean>> {
  const managers = actor.adminRole === null && managedPaths(actor).length > 0;
  return {
    /** 考核结果: managers (their own branch's results) and members (their own 岗区 results). */
    view: allowed(viewsAssessment(actor)),
    /** 考核模板 and 发起考核: the committee, general branches, and branches for their own 岗区考核. */
    run: allowed(runsAssessment(actor)),
    /** 党支部考核 (branch templates and rounds): committee and general branch administrators. */
    assessBranches:
      actor.adminRole === null &&
      pathsWithRole(actor, ['committee_admin', 'general_branch_admin']).length > 0,
    /** 党员责任区和示范岗: branch secretaries and above keep them. */
    zones: managers,
    /** 党建工作总览. */
    overview: allowed(viewsOverview(actor)),
    settings: allowed(canEditSettings(actor, await committeePath(ctx.db, actor.tenantId))),
  };
}

/**
 * 考核评比 and 岗区考核: templates of items computed from the records (organization life, talks, safety,
 * tasks, inspection, training) or scored online with a reason; rounds over a subtree and period whose
 * results are frozen when closed; responsibility zones and model posts assessed with member templates;
 * the committee's overview. Rankings and star levels exist but are off by default.
 */
export const assessmentModule = defineModule({
  name: 'assessment',
  label: '考核评比',
  dependsOn: ['orgs', 'people', 'accounts', 'meetings', 'talks', 'safety', 'tasks', 'inspection', 'training'],
  routes: assessmentRoutes,
  entities: [templateEntity, roundEntity, scoreEntity, resultEntity, zoneEntity],
  actions: actions('考核评比', {
    'assessment_template.create': '制定考核模板',
    'assessment_template.revise': '修订考核模板',
    'assessment_template.supersede': '考核模板被新版本替代',
    'assessment_template.retire': '停用考核模板',
    'assessment_round.create': '发起考核',
    'assessment_round.close': '结束考核（冻结结果）',
    'assessment_round.export': '导出考核结果',
    'assessment_result.freeze': '冻结考核结果',
    'assessment_score.set': '考核评分',
    'assessment_zone.create': '设立责任区或示范岗',
    'assessment_zone.update': '修改责任区或示范岗',
    'assessment_zone.end': '撤销责任区或示范岗',
    'assessment_overview.export': '导出党建工作总览',
    'assessment.settings': '修改考核设置',
  }),
  settings: assessmentSettings,
  todo: assessmentTodo,
  abilities: assessmentAbilities,
  exports: [{ key: 'overview', label: '党建工作总览', path: '/assessment/overview/export' }],
  demo: demoAssessment,
  tests: { authz: () => import('./authz') },
});
