/**
 * The accounts kernel's public surface: sessions and their gate for the server, actors and password rules
 * for the command line, and the accounts an audit-log search names.
 */
export { accountsMatching } from './accounts';
export { checkPasswordPolicy } from './password-policy';
export { hashPassword } from './passwords';
export { loadActor, resolveSession, sessionGate } from './sessions';
