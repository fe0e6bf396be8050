import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async (_env, fx) => {
  const strangers = ['other-secretary', 'other-general', 'demo-auditor'];
  const writers = [...strangers, 'demo-member', 'demo-sysadmin', 'demo-secadmin'];
  return [
    {
      route: 'GET /api/v1/orgs',
      url: '/api/v1/orgs',
      outsiders: ['demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/orgs',
      url: '/api/v1/orgs?on=2025-01-01',
      outsiders: ['demo-auditor'],
      insider: 'demo-secretary',
    },
    {
      route: 'GET /api/v1/orgs/:id',
      url: `/api/v1/orgs/${fx.branchId}`,
      outsiders: strangers,
      insider: 'demo-secretary',
    },
    {
      route: 'POST /api/v1/orgs',
      url: '/api/v1/orgs',
      body: { parentId: fx.branchId, type: 'party_group', name: '探测党小组', establishedOn: '2024-01-01' },
      outsiders: writers,
    },
    {
      route: 'PATCH /api/v1/orgs/:id',
      url: `/api/v1/orgs/${fx.branchId}`,
      body: { name: '改名探测' },
      outsiders: [...writers, 'demo-secretary'],
    },
    {
      route: 'POST /api/v1/orgs/:id/move',
      url: `/api/v1/orgs/${fx.branchId}/move`,
      body: { parentId: fx.otherGeneralId, on: '2025-01-01' },
      outsiders: [...writers, 'demo-secretary'],
    },
    {
      route: 'POST /api/v1/orgs/:id/merge',
      url: `/api/v1/orgs/${fx.branchId}/merge`,
      body: { targetId: fx.otherBranchId, on: '2025-01-01' },
      outsiders: [...writers, 'demo-secretary'],
    },
    {
      route: 'POST /api/v1/orgs/:id/dissolve',
      url: `/api/v1/orgs/${fx.branchId}/dissolve`,
      body: { on: '2025-01-01' },
      outsiders: [...writers, 'demo-secretary'],
    },
  ];
};
