/**
 * The audit kernel's public surface: the catalog of what the log names (the chain itself is
 * src/platform/audit.ts). A module that only needs an action's label reads `actionCatalog()` of
 * src/platform/registry.ts, which depends on nothing.
 */
export { auditCatalog } from './catalog';
export type { AuditCatalog } from './contract';
export { flushSecurityLog, recordRefusal } from './security-log';
