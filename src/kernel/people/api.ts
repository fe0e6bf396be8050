/**
 * The people kernel's public surface: what other modules may use. Other modules import nothing else of
 * people, and read its tables only as exported here.
 */

export { type BranchOnDate, branchOnDate, isMemberOn, loadPersonBrief, type PersonBrief } from './briefs';
export { isPartyMember, PARTY_STATUS_LABELS, type PartyStatus } from './rules';
/** Readable tables: people and their branch memberships over time. */
export { people, personEntity, personMemberships } from './tables';
