/**
 * The accounts kernel's public surface: sessions for the server, actors and password rules for the
 * command line, and the accounts an audit-log search names.
 */
export { accountsMatching } from './accounts';
export { hashPassword } from './passwords';
export { checkPasswordPolicy } from './rules';
export { loadActor, resolveSession } from './sessions';
