import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { demoSafety } from './demo';
import {
  canEditSafetySettings,
  issuesNotices,
  managesSomewhere,
  seesSafetyData,
  viewsManagerLists,
} from './policy';
import { safetyRoutes } from './routes';
import { committeePath, safetySettings } from './settings';
import {
  analysisEntity,
  followupEntity,
  milestoneEntity,
  noticeEntity,
  noticeReceiptEntity,
  obligationEntity,
  projectEntity,
  projectUpdateEntity,
  violationEntity,
  weakPersonEntity,
} from './tables';
import { safetyTodoItems } from './todo';

/** What the caller may do in safety work, for the web's menus and buttons (`GET /me`). */
async function safetyAbilities(ctx: AppContext, actor: Actor): Promise<Record<string, boolean>> {
  const data = allowed(seesSafetyData(actor));
  const manager = allowed(viewsManagerLists(actor));
  return {
    /** 两违记录, 薄弱人包保, 重点攻关: everyone who sees member data (their own records at least). */
    violations: data,
    mentoring: data,
    projects: data,
    /** 安全分析看板, 两违通报, 安全剖析: managers. */
    board: manager,
    notices: manager,
    analyses: manager,
    recordViolation: allowed(managesSomewhere(actor)),
    issueNotice: allowed(issuesNotices(actor)),
    writeAnalysis: manager,
    mentor: manager,
    startProject: allowed(managesSomewhere(actor)),
    settings: allowed(canEditSafetySettings(actor, await committeePath(ctx.db, actor.tenantId))),
  };
}

export const safetyModule = defineModule({
  name: 'safety',
  label: '安全生产',
  dependsOn: ['orgs', 'people', 'accounts'],
  routes: safetyRoutes,
  entities: [
    violationEntity,
    obligationEntity,
    noticeEntity,
    noticeReceiptEntity,
    analysisEntity,
    weakPersonEntity,
    followupEntity,
    projectEntity,
    milestoneEntity,
    projectUpdateEntity,
  ],
  actions: {
    ...actions('两违', {
      'violation.create': '录入违章违纪',
      'violation.export': '导出违章违纪台账',
      'notice.create': '发布两违通报',
      'notice.receipt': '通报送达支部',
      'notice.read': '确认阅读通报',
      'notice.export': '导出通报',
      'notice.list_export': '导出通报列表',
    }),
    ...actions('谈话', {
      'talk_obligation.open': '生成谈话任务',
      'talk_obligation.close': '完成谈话任务',
      'talk_obligation.export': '导出两违谈话任务台账',
    }),
    ...actions('安全剖析与攻关', {
      'safety_analysis.create': '提交安全剖析',
      'safety_analysis.close': '剖析闭环',
      'safety_analysis.export': '导出安全剖析台账',
      'tackling_project.create': '攻关立项',
      'tackling_project.complete': '攻关结项',
      'tackling_project.export': '导出重点攻关台账',
      'tackling_milestone.create': '攻关节点',
      'tackling_milestone.done': '完成攻关节点',
      'tackling_update.create': '记录攻关进展',
      'safety.settings': '修改安全设置',
    }),
    ...actions('薄弱人包保', {
      'weak_person.create': '确定薄弱人',
      'weak_person.end': '结束包保',
      'weak_person.export': '导出包保台账',
      'mentoring_followup.create': '记录帮教',
    }),
  },
  settings: safetySettings,
  todo: safetyTodoItems,
  abilities: safetyAbilities,
  exports: [
    { key: 'violations', label: '违章违纪台账', path: '/violations/export' },
    { key: 'notices', label: '两违通报台账', path: '/safety/notices/export' },
    { key: 'analyses', label: '安全剖析台账', path: '/safety/analyses/export' },
    { key: 'weak-persons', label: '薄弱人包保台账', path: '/safety/weak-persons/export' },
    { key: 'projects', label: '重点攻关台账', path: '/safety/projects/export' },
  ],
  demo: demoSafety,
  tests: { authz: () => import('./authz') },
});
