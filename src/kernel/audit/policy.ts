import type { Actor } from '../../platform/access';

/** Only the audit administrator reads the audit log (三员分立). */
export const canReadAuditLog = (actor: Actor): boolean => actor.adminRole === 'audit_admin';
