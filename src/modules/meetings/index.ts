import { actions, defineModule } from '../../platform/manifest';
import { attachmentVerifier } from './attachments';
import { demoMeetings } from './demo';
import { meetingsRoutes } from './routes';
import { meetingAttachmentEntity, meetingEntity, meetingRevisionEntity } from './tables';

export const meetingsModule = defineModule({
  name: 'meetings',
  label: '组织生活',
  dependsOn: ['orgs', 'people', 'accounts'],
  routes: meetingsRoutes,
  entities: [meetingEntity, meetingRevisionEntity, meetingAttachmentEntity],
  actions: actions('组织生活', {
    'meeting.create': '记录会议',
    'meeting.revision': '修订会议记录',
    'meeting.submit': '提交会议记录',
    'meeting.resubmit': '重新提交会议记录',
    'meeting.approve': '审核通过',
    'meeting.return': '退回会议记录',
    'meeting.cancel': '取消计划会议',
    'meeting.sign_in': '会议签到',
    'meeting.export': '导出组织生活台账',
    'meeting.settings': '修改组织生活设置',
  }),
  verifiers: (ctx) => [attachmentVerifier(ctx)],
  demo: demoMeetings,
  tests: { authz: () => import('./authz') },
});
