import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async (_env, fx) => {
  const person = await fx.personIn(fx.branchId, 'masses');
  const strangers = ['other-secretary', 'other-general', 'demo-sysadmin', 'demo-auditor'];
  const notSelf = [...strangers, 'demo-member'];
  const p = `/api/v1/people/${person}`;
  return [
    {
      route: 'GET /api/v1/people',
      url: `/api/v1/people?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/people/stats',
      url: `/api/v1/people/stats?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-general',
    },
    { route: 'GET /api/v1/people/:id', url: p, outsiders: notSelf, insider: 'demo-secretary' },
    {
      route: 'POST /api/v1/people',
      url: '/api/v1/people',
      body: { name: '探测', gender: 'male', orgId: fx.branchId, partyStatus: 'masses' },
      outsiders: notSelf,
    },
    { route: 'PATCH /api/v1/people/:id', url: p, body: { post: '探测' }, outsiders: notSelf },
    {
      route: 'POST /api/v1/people/:id/reveal',
      url: `${p}/reveal`,
      body: { field: 'mobile' },
      outsiders: notSelf,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/people/:id/end',
      url: `${p}/end`,
      body: { endedOn: '2025-01-01', endReason: 'left_unit' },
      outsiders: notSelf,
    },
    {
      route: 'POST /api/v1/people/:id/transfer',
      url: `${p}/transfer`,
      body: { orgId: fx.otherBranchId, on: '2025-01-01' },
      outsiders: notSelf,
    },
    {
      route: 'GET /api/v1/people/:id/branch-on',
      url: `${p}/branch-on?date=2025-01-01`,
      outsiders: notSelf,
      insider: 'demo-general',
    },
    {
      route: 'GET /api/v1/people/:id/history',
      url: `${p}/history`,
      outsiders: notSelf,
      insider: 'demo-committee',
    },
    {
      route: 'GET /api/v1/people/import/template',
      url: '/api/v1/people/import/template',
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/people/import',
      url: '/api/v1/people/import',
      body: {},
      outsiders: ['demo-member', 'demo-sysadmin', 'demo-auditor'],
    },
    {
      route: 'GET /api/v1/people/import/:jobId',
      url: '/api/v1/people/import/0190a000-0000-7000-8000-00000000abcd',
      outsiders: ['other-secretary', 'demo-member', 'demo-auditor'],
    },
    {
      route: 'GET /api/v1/people/export',
      url: `/api/v1/people/export?orgId=${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
  ];
};
