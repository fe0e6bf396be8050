import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { dayjs, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { actionCatalog } from '../../platform/registry';
import type { AuditListQuery } from './contract';
import { canReadAuditLog } from './policy';

export async function listAuditEvents(ctx: AppContext, actor: Actor, q: AuditListQuery) {
  if (!canReadAuditLog(actor)) throw forbidden('只有审计管理员可以查看审计日志');
  const parts: SQL[] = [sql`tenant_id in (${actor.tenantId}, '00000000-0000-0000-0000-000000000000')`];
  if (q.entityId) parts.push(sql`entity_id = ${q.entityId}`);
  if (q.actorId) parts.push(sql`actor_id = ${q.actorId}`);
  if (q.action) parts.push(sql`action like ${`${q.action}%`}`);
  if (q.from) parts.push(sql`at >= ${dayjs.tz(q.from, ZONE).toISOString()}`);
  if (q.to) parts.push(sql`at < ${dayjs.tz(q.to, ZONE).add(1, 'day').toISOString()}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from audit_events where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
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
    sql`select id, tenant_id, seq, at, actor_id, actor_name, action, entity, entity_id, details, ip, hash
        from audit_events where ${where} order by at desc, seq desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const catalog = actionCatalog();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      actionLabel: catalog[r.action]?.label ?? r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
      ip: r.ip,
      hash: r.hash,
    })),
  };
}
