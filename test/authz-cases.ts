import { installedModules } from '../src/platform/registry';
import type { AuthzCase } from './authz-types';
import { type Client, createAccountWithRole, netFixtures, type TestEnv } from './harness';

const DEMO = [
  'demo-committee',
  'demo-general',
  'demo-secretary',
  'demo-member',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
];

/**
 * Logs in every demo account plus the two outsiders the cases name, and collects the cases of every
 * module's authz.ts: the shared ground of the authorization and bad-input tests.
 */
export async function loadAuthzCases(
  env: TestEnv,
): Promise<{ cases: AuthzCase[]; clients: Map<string, Client> }> {
  const fx = await netFixtures(env);
  const clients = new Map<string, Client>();
  for (const u of DEMO) clients.set(u, await env.login(u));
  clients.set(
    'other-secretary',
    await createAccountWithRole(env, 'other-secretary', 'branch_secretary', fx.otherBranchId),
  );
  clients.set(
    'other-general',
    await createAccountWithRole(env, 'other-general', 'general_branch_admin', fx.otherGeneralId),
  );
  // The server's own composition routes; every signed-in user has a to-do (possibly empty).
  const cases: AuthzCase[] = [
    { route: 'GET /api/v1/todo', url: '/api/v1/todo', outsiders: [], insider: 'demo-secretary' },
  ];
  for (const mod of installedModules()) {
    if (!mod.tests?.authz) continue;
    const { authzCases } = await mod.tests.authz();
    cases.push(...(await authzCases(env, fx)));
  }
  return { cases, clients };
}
