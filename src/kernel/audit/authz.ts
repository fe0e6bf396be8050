import type { AuthzCaseFactory } from '../../platform/testing';

/** Only the audit administrator reads the log and its catalog (三员分立). */
const OUTSIDERS = [
  'demo-committee',
  'demo-general',
  'demo-secretary',
  'demo-member',
  'demo-sysadmin',
  'demo-secadmin',
  'other-secretary',
];

export const authzCases: AuthzCaseFactory = async () => [
  { route: 'GET /api/v1/audit', url: '/api/v1/audit', outsiders: OUTSIDERS, insider: 'demo-auditor' },
  {
    route: 'GET /api/v1/audit/catalog',
    url: '/api/v1/audit/catalog',
    outsiders: OUTSIDERS,
    insider: 'demo-auditor',
  },
  {
    route: 'GET /api/v1/security-log',
    url: '/api/v1/security-log',
    outsiders: OUTSIDERS.filter((u) => u !== 'demo-secadmin').concat('demo-auditor'),
    insider: 'demo-secadmin',
  },
];
