/**
 * @deprecated Compatibility for callers not yet moved to `api.ts` (other modules) or to the use-case
 * files (tests, bench): remove once nothing imports it.
 */
export { isUnder } from '../../platform/access';
export { authorizeOrg, getOrgRow, type OrgRow } from './authorize';
export { createOrg, updateOrg } from './orgs';
export { orgScope } from './policy';
export { dissolveOrg, mergeOrg, moveOrg } from './reorganize';
export { getOrg, listOrgs, listOrgsOn } from './tree';
