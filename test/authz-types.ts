export type { AuthzCase, AuthzCaseFactory, Fixtures } from '../src/platform/testing';
