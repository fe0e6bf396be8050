import type { AppContext } from './context';

/**
 * What a module's authz.ts receives and returns for the generated test nets
 * (test/authorization.test.ts, test/bad-input.test.ts). The harness implements these.
 */
export interface TestResponse {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the route answers
  json(): any;
}

export interface TestClient {
  username: string | null;
  get(url: string): Promise<TestResponse>;
  post(url: string, body?: unknown): Promise<TestResponse>;
  patch(url: string, body?: unknown): Promise<TestResponse>;
  put(url: string, body?: unknown): Promise<TestResponse>;
  delete(url: string): Promise<TestResponse>;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
}

export interface TestEnvLike {
  ctx: AppContext;
  login(username: string, password?: string): Promise<TestClient>;
}

/** Ids of the demo section that cases refer to (test/harness.ts `demoFixtures`). */
export interface Fixtures {
  committeeId: string;
  generalId: string;
  /** The demo secretary's branch. */
  branchId: string;
  secretaryPersonId: string;
  memberPersonId: string;
  /** Another branch of the demo general branch. */
  otherBranchId: string;
  otherGeneralId: string;
  branchInOtherGeneralId: string;
  /**
   * A person made for the case in an organization (test/harness.ts `newPerson`): a full member unless
   * `status` says otherwise, in the organization since 2020, with no posts, account or records.
   */
  newPerson(orgId: string, status?: PartyStatus): Promise<string>;
}

export type PartyStatus = 'masses' | 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full';

/**
 * One case of the generated authorization test. Every route under /api/v1 needs at least one.
 * - anonymous: always expected 401.
 * - outsiders: usernames that must get 403 or 404 ('other-secretary': secretary of another branch of the
 *   same general branch; 'other-general': admin of another general branch; and the demo accounts).
 * - insider: a username that must reach the handler (not 401/403/404, not 5xx); the bad-input fuzz calls
 *   the route as this user, so bodies reach validation and rules.
 * - outsiderSeesEmptyList: for list routes that answer outsiders 200: the answer must hold no item
 *   (`items`/`data` empty, `total` 0).
 */
export interface AuthzCase {
  /** Fastify's method and URL pattern, e.g. 'GET /api/v1/people/:id'. */
  route: string;
  /** The concrete URL to call. */
  url: string;
  body?: unknown;
  outsiders: string[];
  insider?: string;
  outsiderSeesEmptyList?: boolean;
}

export type AuthzCaseFactory = (env: TestEnvLike, fx: Fixtures) => Promise<AuthzCase[]>;

/** Extra values the bad-input fuzz mixes into a module's bodies and queries (codes, edge dates…). */
export interface FuzzInputs {
  values?: readonly unknown[];
}
