import type { Actor } from '../../platform/access';
import { type Decision, deny, when } from '../../platform/policy';

/** Only the audit administrator reads the audit log and its catalog (三员分立). */
export const decideReadAuditLog = (actor: Actor): Decision =>
  when(actor.adminRole === 'audit_admin', deny('只有审计管理员可以查看审计日志'));

/** The security log of refused requests is the security administrator's to watch. */
export const decideReadSecurityLog = (actor: Actor): Decision =>
  when(actor.adminRole === 'security_admin', deny('只有安全管理员可以查看安全日志'));
