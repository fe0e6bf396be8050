import type { AuthzCaseFactory } from '../../src/platform/testing';

export const authzCases: AuthzCaseFactory = async (_env, fx) => [
  {
    route: 'GET /api/v1/bulletins',
    url: '/api/v1/bulletins',
    outsiders: [],
    insider: 'demo-secretary',
  },
  {
    route: 'POST /api/v1/bulletins',
    url: '/api/v1/bulletins',
    body: { orgId: fx.branchId, title: '授权测试', body: '正文', expiresOn: '2099-01-01' },
    outsiders: ['other-secretary', 'demo-member', 'demo-sysadmin'],
    insider: 'demo-secretary',
  },
];
