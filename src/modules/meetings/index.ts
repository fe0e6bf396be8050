import { actions, defineModule } from '../../platform/manifest';
import { attachmentVerifier } from './attachments';
import { demoMeetings } from './demo';
import { meetingAbilities } from './policy';
import { recordableOrgs } from './roster';
import { meetingsRoutes } from './routes';
import { meetingSettingsSpec } from './settings';
import {
  meetingAttachmentEntity,
  meetingEntity,
  meetingRevisionEntity,
  reviewFollowUpEntity,
} from './tables';
import { todoItems } from './todo';

export const meetingsModule = defineModule({
  name: 'meetings',
  label: '组织生活',
  dependsOn: ['orgs', 'people', 'accounts'],
  routes: meetingsRoutes,
  entities: [meetingEntity, meetingRevisionEntity, meetingAttachmentEntity, reviewFollowUpEntity],
  actions: actions('组织生活', {
    'meeting.create': '记录会议',
    'meeting.update': '修改会议记录（草稿）',
    'meeting.revise': '修订已提交的会议记录',
    'meeting.revision': '修订会议记录',
    'meeting.submit': '提交会议记录',
    'meeting.resubmit': '重新提交会议记录',
    'meeting.approve': '审核通过',
    'meeting.return': '退回会议记录',
    'meeting.cancel': '取消计划会议',
    'meeting.sign_in': '会议签到',
    'meeting.leave': '本人请假',
    'meeting.make_up': '本人登记补学',
    'meeting.make_up.confirm': '确认补学',
    'meeting.follow_up': '登记民主评议跟进',
    'meeting.grades.export': '导出民主评议等次台账',
    'meeting.compliance.export': '导出组织生活落实情况',
    'meeting.attachment.add': '上传会议附件',
    'meeting.attachment.remove': '删除会议附件',
    'meeting.export': '导出组织生活台账',
    'meeting.settings': '修改组织生活设置',
  }),
  settings: meetingSettingsSpec,
  verifiers: (ctx) => [attachmentVerifier(ctx)],
  todo: todoItems,
  abilities: async (ctx, actor) =>
    meetingAbilities(actor, (await recordableOrgs(ctx.db, actor)).items.length > 0),
  exports: [
    { key: 'ledger', label: '组织生活台账', path: '/meetings/export' },
    { key: 'grades', label: '民主评议党员等次台账', path: '/meetings/grades/export' },
    { key: 'compliance', label: '组织生活落实情况', path: '/compliance/export' },
  ],
  demo: demoMeetings,
  tests: { authz: () => import('./authz') },
});
