import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { PLATFORM_CHAIN } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { dayjs, ZONE } from '../../platform/dates';
import { queryRows, textList } from '../../platform/db';
import { pageOffset } from '../../platform/http';
import { enforce } from '../../platform/policy';
import { actionCatalog, auditedEntities } from '../../platform/registry';
import { accountsMatching } from '../accounts/api';
import { actionsOfGroup } from './catalog';
import type { AuditList, AuditListQuery } from './contract';
import { decideReadAuditLog } from './policy';
import { detailsForAuditor } from './redact';
import { auditEvents } from './tables';

/** SQL conditions of the viewer's filters, within the caller's committee and the platform chain. */
function filters(actor: Actor, q: AuditListQuery): SQL {
  const parts: SQL[] = [sql`tenant_id in (${actor.tenantId}, ${PLATFORM_CHAIN})`];
  if (q.entityId) parts.push(sql`entity_id = ${q.entityId}`);
  if (q.actorId) parts.push(sql`actor_id = ${q.actorId}`);
  if (q.actor) {
    // The name as logged (the typed username for logins), or an account whose username or name matches.
    parts.push(sql`(position(lower(${q.actor}) in lower(coalesce(actor_name, ''))) > 0
      or actor_id in (${accountsMatching(actor.tenantId, q.actor)}))`);
  }
  if (q.action) parts.push(sql`action = ${q.action}`);
  if (q.group) {
    const actions = actionsOfGroup(q.group);
    parts.push(actions.length ? sql`action in (${textList(actions)})` : sql`false`);
  }
  if (q.from) parts.push(sql`at >= ${dayjs.tz(q.from, ZONE).toISOString()}`);
  if (q.to) parts.push(sql`at < ${dayjs.tz(q.to, ZONE).add(1, 'day').toISOString()}`);
  return sql.join(parts, sql` and `);
}

export async function listAuditEvents(ctx: AppContext, actor: Actor, q: AuditListQuery): Promise<AuditList> {
  enforce(decideReadAuditLog(actor));
  const where = filters(actor, q);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${auditEvents} where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    seq: number;
    at: Date;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    entity: string | null;
    entity_id: string | null;
    details: unknown;
    ip: string | null;
    hash: string;
  }>(
    ctx.db,
    sql`select id, seq, at, actor_id, actor_name, action, entity, entity_id, details, ip, hash
        from ${auditEvents} where ${where} order by at desc, seq desc limit ${q.pageSize} offset ${pageOffset(q)}`,
  );
  const actions = actionCatalog();
  // Member data never reaches the audit admin: values of member fields are hidden (redact.ts).
  const shown = (action: string, details: unknown) => {
    const d = detailsForAuditor(
      action,
      actions[action]?.module,
      typeof details === 'string' ? JSON.parse(details) : details,
    );
    return { details: d.details, detailsRedacted: d.redacted };
  };
  const entities = new Map(auditedEntities().map((e) => [e.entity, e.label]));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      actionLabel: actions[r.action]?.label ?? r.action,
      actionGroup: actions[r.action]?.group ?? null,
      entity: r.entity,
      entityLabel: r.entity ? (entities.get(r.entity) ?? null) : null,
      entityId: r.entity_id,
      ...shown(r.action, r.details),
      ip: r.ip,
      hash: r.hash,
    })),
  };
}
