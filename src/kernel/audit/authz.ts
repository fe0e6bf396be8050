import type { AuthzCaseFactory } from '../../platform/testing';

export const authzCases: AuthzCaseFactory = async () => [
  {
    route: 'GET /api/v1/audit',
    url: '/api/v1/audit',
    outsiders: ['demo-committee', 'demo-secretary', 'demo-member', 'demo-sysadmin', 'demo-secadmin'],
    insider: 'demo-auditor',
  },
];
