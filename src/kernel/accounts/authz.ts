import type { AuthzCase, AuthzCaseFactory, Fixtures, TestEnvLike } from '../../platform/testing';

/** The account the insiders change, with one role to revoke; made once per database. */
async function probeTarget(
  env: TestEnvLike,
  fx: Fixtures,
): Promise<{ target: string; roleId: string; resetId: string; issueId: string }> {
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
  // Resets waiting for a decision: one for the approve/reject cases, one approved for the issue case.
  const pending = async (username: string) => {
    await sys.post('/api/v1/accounts', { username, displayName: username, password: 'Target#2026pw' });
    const id = (await sys.get(`/api/v1/accounts?q=${username}`)).json().items[0].id as string;
    const asked = await sys.post(`/api/v1/accounts/${id}/reset-password`, {
      reason: '授权测试',
      resetMfa: true,
    });
    if (asked.statusCode !== 200) throw new Error(`reset ${username}: ${asked.statusCode} ${asked.body}`);
    return asked.json().reset.id as string;
  };
  const resetId = await pending('authz-reset');
  const issueId = await pending('authz-issue');
  const approved = await sec.post(`/api/v1/password-resets/${issueId}/approve`, {});
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  return { target, roleId: role.id, resetId, issueId };
}

/**
 * 三员分立 on every route. The account the insiders change is one made here for the purpose, so that a
 * reset password or a disabled account never ends the session of a demo account other cases rely on.
 */
export const authzCases: AuthzCaseFactory = async (env, fx) => {
  const { target, roleId, resetId, issueId } = await probeTarget(env, fx);
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
      body: { reason: '授权测试' },
      outsiders: [...nonAdmins, 'demo-secadmin'],
      insider: 'demo-sysadmin',
    },
    ...resetCases(resetId, issueId, nonAdmins),
    ...selfCases(),
    {
      route: 'GET /api/v1/accounts/settings',
      url: '/api/v1/accounts/settings',
      outsiders: nonAdmins,
      insider: 'demo-secadmin',
    },
    {
      // An empty change: the insider reaches the handler and changes nothing.
      route: 'PUT /api/v1/accounts/settings',
      url: '/api/v1/accounts/settings',
      body: {},
      outsiders: [...nonAdmins, 'demo-sysadmin'],
      insider: 'demo-secadmin',
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

/**
 * The resets: the security admin decides (never the system admin, nor anyone else); the system admin who
 * asked collects. The reject case runs its insider after the approve case's (a 409 still reaches the
 * handler).
 */
function resetCases(resetId: string, issueId: string, nonAdmins: string[]): AuthzCase[] {
  return [
    {
      route: 'GET /api/v1/password-resets',
      url: '/api/v1/password-resets',
      outsiders: nonAdmins,
      insider: 'demo-secadmin',
    },
    {
      route: 'POST /api/v1/password-resets/:id/approve',
      url: `/api/v1/password-resets/${resetId}/approve`,
      body: {},
      outsiders: [...nonAdmins, 'demo-sysadmin'],
      insider: 'demo-secadmin',
    },
    {
      route: 'POST /api/v1/password-resets/:id/reject',
      url: `/api/v1/password-resets/${resetId}/reject`,
      body: { note: '授权测试' },
      outsiders: [...nonAdmins, 'demo-sysadmin'],
      insider: 'demo-secadmin',
    },
    {
      route: 'POST /api/v1/password-resets/:id/issue',
      url: `/api/v1/password-resets/${issueId}/issue`,
      outsiders: [...nonAdmins, 'demo-secadmin'],
      insider: 'demo-sysadmin',
    },
  ];
}

/**
 * The caller's own second factor: every signed-in user may enrol (the insider starts an enrolment it
 * never confirms, so its later logins stay one step; a wrong code reaches the handler as a 400).
 */
function selfCases(): AuthzCase[] {
  return [
    {
      route: 'POST /api/v1/auth/mfa/enroll',
      url: '/api/v1/auth/mfa/enroll',
      outsiders: [],
      insider: 'demo-general',
    },
    {
      route: 'POST /api/v1/auth/mfa/confirm',
      url: '/api/v1/auth/mfa/confirm',
      body: { code: '000000' },
      outsiders: [],
      insider: 'demo-general',
    },
  ];
}
