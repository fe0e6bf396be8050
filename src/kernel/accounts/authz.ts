import type { AuthzCaseFactory, Fixtures, TestEnvLike } from '../../platform/testing';

/** The account the insiders change, with one role to revoke; made once per database. */
async function probeTarget(env: TestEnvLike, fx: Fixtures): Promise<{ target: string; roleId: string }> {
  const sys = await env.login('demo-sysadmin');
  const sec = await env.login('demo-secadmin');
  // 201, or 409 when the cases were gathered before in this database.
  await sys.post('/api/v1/accounts', {
    username: 'authz-target',
    displayName: '授权测试对象',
    password: 'Target#2026pw',
  });
  const find = async () =>
    (await sys.get('/api/v1/accounts?q=authz-target')).json().items[0] as {
      id: string;
      roles: { id: string; role: string; orgId: string }[];
    };
  const target = (await find()).id;
  await sec.post(`/api/v1/accounts/${target}/roles`, { role: 'member', orgId: fx.branchId });
  const role = (await find()).roles.find((r) => r.role === 'member' && r.orgId === fx.branchId);
  if (!role) throw new Error('authz-target: no role to revoke');
  return { target, roleId: role.id };
}

/**
 * 三员分立 on every route. The account the insiders change is one made here for the purpose, so that a
 * reset password or a disabled account never ends the session of a demo account other cases rely on.
 */
export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const { target, roleId } = await probeTarget(env, fx);
  const nonAdmins = ['demo-secretary', 'demo-member', 'demo-committee', 'demo-auditor', 'other-secretary'];
  return [
    // Logging out ends the insider's session: 'other-general' is no case's insider, and the insiders run
    // after every outsider.
    {
      route: 'POST /api/v1/auth/logout',
      url: '/api/v1/auth/logout',
      outsiders: [],
      insider: 'other-general',
    },
    { route: 'GET /api/v1/me', url: '/api/v1/me', outsiders: [], insider: 'demo-member' },
    {
      // The insider reaches the handler, which refuses the wrong old password (400) and changes nothing.
      route: 'POST /api/v1/auth/change-password',
      url: '/api/v1/auth/change-password',
      body: { oldPassword: 'x', newPassword: 'y' },
      outsiders: [],
      insider: 'demo-member',
    },
    {
      route: 'GET /api/v1/accounts',
      url: '/api/v1/accounts',
      outsiders: nonAdmins,
      insider: 'demo-sysadmin',
    },
    {
      route: 'POST /api/v1/accounts',
      url: '/api/v1/accounts',
      body: { username: 'authz-probe', displayName: '探测', password: 'Probe#2026pw' },
      outsiders: [...nonAdmins, 'demo-secadmin'],
      insider: 'demo-sysadmin',
    },
    {
      route: 'POST /api/v1/accounts/:id/reset-password',
      url: `/api/v1/accounts/${target}/reset-password`,
      body: { password: 'Reset#2026pw' },
      outsiders: [...nonAdmins, 'demo-secadmin'],
      insider: 'demo-sysadmin',
    },
    {
      route: 'POST /api/v1/accounts/:id/disable',
      url: `/api/v1/accounts/${target}/disable`,
      body: { disabled: true },
      outsiders: [...nonAdmins, 'demo-secadmin'],
      insider: 'demo-sysadmin',
    },
    {
      route: 'POST /api/v1/accounts/:id/roles',
      url: `/api/v1/accounts/${target}/roles`,
      body: { role: 'branch_secretary', orgId: fx.otherBranchId },
      outsiders: [...nonAdmins, 'demo-sysadmin'],
      insider: 'demo-secadmin',
    },
    {
      route: 'DELETE /api/v1/accounts/:id/roles/:roleId',
      url: `/api/v1/accounts/${target}/roles/${roleId}`,
      outsiders: [...nonAdmins, 'demo-sysadmin'],
      insider: 'demo-secadmin',
    },
  ];
};
