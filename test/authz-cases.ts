import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthzCase, AuthzCaseFactory } from './authz-types';
import { type Client, createAccountWithRole, demoFixtures, type TestEnv } from './harness';

const MODULES_DIR = join(import.meta.dirname, '..', 'src', 'modules');
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
  const fx = await demoFixtures(env.ctx);
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
  const cases: AuthzCase[] = [];
  for (const mod of readdirSync(MODULES_DIR)) {
    const file = join(MODULES_DIR, mod, 'authz.ts');
    if (!existsSync(file)) continue;
    const { authzCases } = (await import(file)) as { authzCases: AuthzCaseFactory };
    cases.push(...(await authzCases(env, fx)));
  }
  return { cases, clients };
}
