import { actions, defineModule } from '../../platform/manifest';
import { demoAccounts } from './demo';
import { decideOnAccounts } from './policy';
import { accountsRoutes } from './routes';
import { accountEntity, roleEntity } from './tables';

export const accountsModule = defineModule({
  name: 'accounts',
  label: '账号与角色',
  dependsOn: ['orgs', 'people'],
  routes: accountsRoutes,
  entities: [accountEntity, roleEntity],
  actions: {
    ...actions('登录', {
      'auth.login': '登录成功',
      'auth.login_failed': '登录失败',
      'auth.login_refused': '登录被拒（锁定）',
      'auth.logout': '退出登录',
    }),
    ...actions('账号', {
      'account.create': '创建账号',
      'account.password_changed': '修改密码',
      'account.reset_password': '重置密码',
      'account.disable': '停用账号',
      'account.enable': '启用账号',
    }),
    ...actions('角色', { 'role.grant': '授予角色', 'role.revoke': '收回角色' }),
  },
  // 三员分立: the system admin keeps accounts, the security admin grants roles; both see the list.
  abilities: (_ctx, actor) => ({
    list: decideOnAccounts(actor, 'list').ok,
    create: decideOnAccounts(actor, 'create').ok,
    grant: decideOnAccounts(actor, 'grant_role').ok,
  }),
  demo: demoAccounts,
  tests: { authz: () => import('./authz') },
});
