import type { demoFixtures, TestEnv } from './harness';

export type Fixtures = Awaited<ReturnType<typeof demoFixtures>>;

/**
 * One case of the generated authorization test (test/authorization.test.ts). Every route under /api/v1
 * must be covered by at least one case, or that test fails.
 * - anonymous: always expected 401.
 * - outsiders: usernames that must get 403 or 404 (available: 'other-secretary' — secretary of another
 *   branch of the same general branch; 'other-general' — admin of another general branch; 'demo-member';
 *   'demo-sysadmin'; 'demo-auditor'; and the demo accounts).
 * - insider: a username that must NOT get 401/403/404 (proves the case reaches the handler).
 */
export interface AuthzCase {
  /** Fastify's method and URL pattern, e.g. 'GET /api/v1/people/:id'. */
  route: string;
  /** The concrete URL to call. */
  url: string;
  body?: unknown;
  outsiders: string[];
  insider?: string;
  /** Outside routes with no object (e.g. list endpoints) the outsider gets 200 with nothing of the insider's: say so. */
  outsiderSeesEmptyList?: boolean;
}

/** Each module exports `authzCases` of this type from `src/modules/<module>/authz.ts`. */
export type AuthzCaseFactory = (env: TestEnv, fx: Fixtures) => Promise<AuthzCase[]>;
