/**
 * The orgs kernel's public surface: what other modules may use. Other modules import nothing else of
 * orgs, and read its tables only as exported here.
 */
export { canOnOrg, type OrgAction } from './policy';
export { childPath, existsOn, ORG_TYPE_LABELS, type OrgType } from './rules';
export { managedRoot, type ScopeOrg } from './scope';
export { authorizeOrg, getOrgRow, type OrgRow, orgScope } from './service';
/** Readable tables: the tree (orgs) and the tenants (committees). */
export { orgs, tenantEntity, tenants } from './tables';
