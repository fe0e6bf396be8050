/**
 * The people kernel's public surface: what other modules may use. Other modules import nothing else of
 * people, and read its tables only as exported here.
 */

export { type BranchOnDate, branchOnDate, isMemberOn, loadPersonBrief, type PersonBrief } from './briefs';
export { canOnPerson, decideOnPerson, type PersonAction } from './policy';
/** The roster for the command line (`npm run cli -- roster`), acting as a named account. */
export { type ExportFilter, exportRoster } from './roster-export';
export { startImport, type UploadedFile } from './roster-import';
export { getImportJob, type ImportJobView } from './roster-jobs';
export { isPartyMember, PARTY_STATUS_LABELS, type PartyStatus } from './rules';
export { byName, nameSortKey } from './sort-key';
/** Readable tables: people and their branch memberships over time. */
export { membershipEntity, people, personEntity, personMemberships } from './tables';
/** Transfers of people between branches, inside the caller's transaction, and their audit events. */
export { membershipEvents, transferPeople } from './transfers';
