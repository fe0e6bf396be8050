import { actions, defineModule } from '../../platform/manifest';
import { demoAccounts } from './demo';
import { decideOnAccounts } from './policy';
import { accountsRoutes } from './routes';
import { accountSettings } from './settings';
import { accountEntity, mfaEntity, passwordResetEntity, roleEntity } from './tables';

export const accountsModule = defineModule({
  name: 'accounts',
  label: '账号与角色',
  dependsOn: ['orgs', 'people'],
  routes: accountsRoutes,
  entities: [accountEntity, roleEntity, mfaEntity, passwordResetEntity],
  actions: {
    ...actions('登录', {
      'auth.login': '登录成功',
      'auth.login_failed': '登录失败',
      'auth.login_refused': '登录被拒（锁定）',
      'auth.logout': '退出登录',
      'auth.mfa_challenge': '密码正确，等待两步验证码',
      'auth.mfa_failed': '两步验证码错误',
      'auth.mfa_recovery_used': '使用恢复码',
      'auth.unlock': '用两步验证码解除锁定',
      'auth.unlock_failed': '解除锁定失败',
      'auth.password_change_failed': '修改密码时原密码错误',
    }),
    ...actions('账号', {
      'account.create': '创建账号',
      'account.password_changed': '修改密码',
      'account.reset_password': '重置密码（生成临时密码）',
      'account.mfa_reset': '清除两步验证',
      'account.disable': '停用账号',
      'account.enable': '启用账号',
      'auth.mfa_enroll': '开始启用两步验证',
      'auth.mfa_confirm': '启用两步验证',
      'password_reset.request': '申请重置密码',
      'password_reset.approve': '批准重置密码',
      'password_reset.reject': '驳回重置密码',
      'password_reset.issue': '领取临时密码',
      'accounts.settings': '修改账号安全策略',
    }),
    ...actions('角色', { 'role.grant': '授予角色', 'role.revoke': '收回角色' }),
  },
  settings: accountSettings,
  // The TOTP secrets: `keys rotate` re-seals them under the current key.
  sealed: [{ entity: mfaEntity, columns: ['secret_enc'] }],
  // 三员分立: the system admin keeps accounts, the security admin grants roles, approves resets and
  // sets the security policy; both see the list and the resets.
  abilities: (_ctx, actor) => ({
    list: decideOnAccounts(actor, 'list').ok,
    create: decideOnAccounts(actor, 'create').ok,
    grant: decideOnAccounts(actor, 'grant_role').ok,
    approveResets: decideOnAccounts(actor, 'approve_reset').ok,
    settings: decideOnAccounts(actor, 'settings').ok,
  }),
  demo: demoAccounts,
  tests: { authz: () => import('./authz') },
});
