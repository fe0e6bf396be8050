import { z } from 'zod';
import { zDate, zPage, zPageSize, zText, zUuid } from '../../platform/i18n';
import { label } from '../../platform/labels';

/**
 * Requests and answers of the audit log viewer. The names of actions and entities are no list here:
 * every module declares its own in its manifest, and `GET /audit/catalog` gathers them.
 */

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────

export const auditListQuery = z.object({
  entityId: label(zUuid.optional(), '对象ID'),
  actorId: label(zUuid.optional(), '操作人ID'),
  /** Part of the actor's name (as logged) or of their account's username. */
  actor: label(zText(64).optional(), '操作人'),
  /** One action, exactly (`auth.login_failed`). */
  action: label(
    z
      .string()
      .trim()
      .max(64, '不能超过 64 个字符')
      .regex(/^[a-z_.]*$/, '操作名只能包含小写字母、下划线和点')
      .optional(),
    '操作',
  ),
  /** Every action of one filter group (the catalog's `groups[].key`). */
  group: label(zText(64).optional(), '操作类别'),
  from: label(zDate.optional(), '开始日期'),
  to: label(zDate.optional(), '结束日期'),
  page: zPage,
  pageSize: zPageSize,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────────

export const auditEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  /** The action's name from the catalog; the action itself when no module declares it. */
  actionLabel: z.string(),
  actionGroup: z.string().nullable(),
  entity: z.string().nullable(),
  /** The entity's name from the catalog; null when no module declares it. */
  entityLabel: z.string().nullable(),
  entityId: z.string().nullable(),
  /** For actions on member data, field names and ids only: values are hidden (redact.ts). */
  details: z.unknown(),
  detailsRedacted: z.boolean(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditList = z.object({
  items: z.array(auditEvent),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditList = z.infer<typeof auditList>;

/** Every audited entity and every audit action of the installed modules, with their filter groups. */
export const auditCatalogResponse = z.object({
  entities: z.array(z.object({ entity: z.string(), label: z.string() })),
  actions: z.array(
    z.object({ action: z.string(), label: z.string(), group: z.string(), module: z.string() }),
  ),
  /** Filter groups in module order; `key` is what `?group=` takes. */
  groups: z.array(z.object({ key: z.string(), label: z.string(), actions: z.array(z.string()) })),
});
export type AuditCatalog = z.infer<typeof auditCatalogResponse>;

// ── The security log (security admin) ───────────────────────────────────────────────────────────────

export const securityLogQuery = z.object({
  accountId: label(zUuid.optional(), '账号ID'),
  code: label(
    z
      .string()
      .trim()
      .max(64, '不能超过 64 个字符')
      .regex(/^[a-z_]*$/, '只能包含小写字母和下划线')
      .optional(),
    '拒绝原因',
  ),
  from: label(zDate.optional(), '开始日期'),
  to: label(zDate.optional(), '结束日期'),
  page: zPage,
  pageSize: zPageSize,
});
export type SecurityLogQuery = z.infer<typeof securityLogQuery>;

export const securityEvent = z.object({
  id: z.string(),
  at: z.string(),
  accountId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  method: z.string(),
  route: z.string(),
  path: z.string(),
  status: z.number().int(),
  /** forbidden, not_found, csrf…, or `suppressed` for the count of refusals past the per-minute limit. */
  code: z.string(),
  suppressed: z.number().int(),
});
export type SecurityEvent = z.infer<typeof securityEvent>;

export const securityLog = z.object({
  items: z.array(securityEvent),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SecurityLog = z.infer<typeof securityLog>;
