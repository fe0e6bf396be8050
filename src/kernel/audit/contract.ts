import { z } from 'zod';
import { zDate, zPage, zPageSize, zUuid } from '../../platform/i18n';

export const auditListQuery = z.object({
  entityId: zUuid.optional(),
  actorId: zUuid.optional(),
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, '操作名只能包含小写字母、下划线和点')
    .optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  page: zPage,
  pageSize: zPageSize,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.login_refused': '登录被拒（锁定）',
  'auth.logout': '退出登录',
  'account.create': '创建账号',
  'account.password_changed': '修改密码',
  'account.reset_password': '重置密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'role.grant': '授予角色',
  'role.revoke': '收回角色',
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.move': '调整隶属',
  'org.merge': '合并支部',
  'org.dissolve': '撤销组织',
  'org.parent_history': '隶属历史',
  'person.create': '新增人员',
  'person.update': '修改人员',
  'person.transfer': '调整支部',
  'person.end': '终止在册',
  'person.reveal': '查看敏感信息',
  'person.import': '导入人员',
  'membership.write': '支部归属记录',
  'person.export': '导出名册',
  'tenant.create': '创建党委',
  'demo.load': '载入演示数据',
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
  'keys.rotate': '密钥轮换（重新加密）',
  'audit.reseal': '表结构变更后重新登记',
};

/** What each audited entity is called in the log viewer. */
export const ENTITY_LABELS: Record<string, string> = {
  person: '人员',
  membership: '支部归属',
  org: '组织',
  org_parent_history: '隶属历史',
  account: '账号',
  role: '角色',
  role_assignment: '角色',
  tenant: '党委',
  meeting: '会议',
  meeting_revision: '会议修订',
  meeting_attachment: '会议附件',
  violation: '两违记录',
  safety_notice: '两违通报',
  safety_notice_receipt: '通报签收',
  safety_analysis: '安全剖析',
  weak_person: '薄弱人员',
  mentoring_followup: '帮教回访',
  tackling_project: '攻关项目',
  tackling_milestone: '攻关节点',
  tackling_update: '攻关进展',
  talk: '谈心谈话',
  talk_obligation: '谈话任务',
};
