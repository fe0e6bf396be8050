import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async (env) => {
  const sys = await env.login('demo-sysadmin');
  const accounts = (await sys.get('/api/v1/accounts?pageSize=50')).json().items as {
    id: string;
    username: string;
    roles: { id: string }[];
  }[];
  const secretary = accounts.find((a) => a.username === 'demo-secretary')!;
  const nonAdmins = ['demo-secretary', 'demo-member', 'demo-committee', 'demo-auditor'];
  return [
    { route: 'POST /api/v1/auth/logout', url: '/api/v1/auth/logout', outsiders: [] },
    { route: 'GET /api/v1/me', url: '/api/v1/me', outsiders: [], insider: 'demo-member' },
    {
      route: 'POST /api/v1/auth/change-password',
      url: '/api/v1/auth/change-password',
      body: { oldPassword: 'x', newPassword: 'y' },
      outsiders: [],
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
    },
    {
      route: 'POST /api/v1/accounts/:id/reset-password',
      url: `/api/v1/accounts/${secretary.id}/reset-password`,
      body: { password: 'Reset#2026pw' },
      outsiders: [...nonAdmins, 'demo-secadmin'],
    },
    {
      route: 'POST /api/v1/accounts/:id/disable',
      url: `/api/v1/accounts/${secretary.id}/disable`,
      body: { disabled: true },
      outsiders: [...nonAdmins, 'demo-secadmin'],
    },
    {
      route: 'POST /api/v1/accounts/:id/roles',
      url: `/api/v1/accounts/${secretary.id}/roles`,
      body: { role: 'member', orgId: secretary.id },
      outsiders: [...nonAdmins, 'demo-sysadmin'],
    },
    {
      route: 'DELETE /api/v1/accounts/:id/roles/:roleId',
      url: `/api/v1/accounts/${secretary.id}/roles/${secretary.roles[0].id}`,
      outsiders: [...nonAdmins, 'demo-sysadmin'],
    },
  ];
};
