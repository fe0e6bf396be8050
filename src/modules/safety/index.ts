import { actions, defineModule } from '../../platform/manifest';
import { demoSafety } from './demo';
import { safetyRoutes } from './routes';
import {
  analysisEntity,
  followupEntity,
  milestoneEntity,
  noticeEntity,
  noticeReceiptEntity,
  projectEntity,
  projectUpdateEntity,
  violationEntity,
  weakPersonEntity,
} from './tables';

export const safetyModule = defineModule({
  name: 'safety',
  label: '安全生产',
  dependsOn: ['orgs', 'people', 'accounts'],
  routes: safetyRoutes,
  entities: [
    violationEntity,
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
  demo: demoSafety,
  tests: { authz: () => import('./authz') },
});
