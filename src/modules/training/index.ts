import { type Actor, managedPaths, pathsWithRole } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { actions, defineModule } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { demoTraining } from './demo';
import { trainingFileVerifier } from './files';
import { trainingTodo } from './mine';
import { canEditSettings, hasPerson, managesSomewhere, seesTraining } from './policy';
import { trainingRoutes } from './routes';
import { committeePath, trainingSettings } from './settings';
import {
  attemptEntity,
  classEntity,
  completionEntity,
  contentEntity,
  courseEntity,
  fileEntity,
  importEntity,
  importRowEntity,
  participantEntity,
  questionEntity,
  quizEntity,
  surveyAnswerEntity,
  surveyEntity,
} from './tables';

/** What the caller may do in training, for the web's menus and buttons (`GET /me`). */
async function trainingAbilities(ctx: AppContext, actor: Actor): Promise<Record<string, boolean>> {
  const manager = allowed(managesSomewhere(actor));
  const issuers = actor.adminRole ? [] : pathsWithRole(actor, ['committee_admin', 'general_branch_admin']);
  return {
    /** 网上学习, 在线测试, 培训班次: everyone who sees member data. */
    study: allowed(seesTraining(actor)),
    /** 我的学习: an account linked to a person. */
    mine: allowed(hasPerson(actor)),
    /** 培训统计, 学时台账, 课程, 题库, 导入: managers. */
    stats: manager,
    ledger: manager,
    organize: manager,
    bank: manager,
    import: manager,
    /** 需求调查: issued by the committee or a general branch; branches answer them. */
    surveys:
      issuers.length > 0 || (!actor.adminRole && managedPaths(actor).length > 0) || allowed(hasPerson(actor)),
    issueSurvey: issuers.length > 0,
    settings: allowed(canEditSettings(actor, await committeePath(ctx.db, actor.tenantId))),
  };
}

export const trainingModule = defineModule({
  name: 'training',
  label: '素质培训',
  dependsOn: ['orgs', 'people', 'accounts', 'meetings'],
  routes: trainingRoutes,
  entities: [
    surveyEntity,
    surveyAnswerEntity,
    courseEntity,
    classEntity,
    participantEntity,
    contentEntity,
    completionEntity,
    questionEntity,
    quizEntity,
    attemptEntity,
    importEntity,
    importRowEntity,
    fileEntity,
  ],
  actions: {
    ...actions('培训班次与课程', {
      'training_course.create': '新建培训课程',
      'training_course.update': '修改培训课程',
      'training_class.create': '举办培训班',
      'training_participant.enroll': '指定培训学员',
      'training_participant.signup': '报名培训班',
      'training_participant.withdraw': '取消培训报名',
      'training_participant.attendance': '记录培训考勤',
      'training_file.add': '上传培训资料',
      'training_survey.create': '发起培训需求调查',
      'training_survey.answer': '填写培训需求调查',
    }),
    ...actions('网上学习与测试', {
      'training_content.publish': '发布学习内容',
      'training_content.finish': '完成网上学习',
      'training_question.create': '新增试题',
      'training_quiz.publish': '发布在线测试',
      'training_attempt.start': '开始答题',
      'training_attempt.submit': '交卷',
      'training_attempt.expire': '答题超时',
    }),
    ...actions('学时台账', {
      'training_import.create': '导入外部学习统计',
      'training_import.row': '导入学时（逐人）',
      'training_hours.export': '导出学时台账',
      'training.settings': '修改培训设置',
    }),
  },
  settings: trainingSettings,
  verifiers: (ctx) => [trainingFileVerifier(ctx)],
  todo: trainingTodo,
  abilities: trainingAbilities,
  exports: [{ key: 'hours', label: '党员学习学时台账', path: '/training/hours/export' }],
  demo: demoTraining,
  tests: { authz: () => import('./authz') },
});
