import { sql } from 'drizzle-orm';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows, textList } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { inspectorPaths, rectifierPaths } from './policy';

/**
 * The inspection module's lines of the caller's to-do: rectifications their branch owes (overdue ones
 * red), and — as inspector — answers waiting for acceptance and rectifications past their deadline (red).
 */
export async function inspectionTodo(
  ctx: AppContext,
  actor: Actor,
  today = todayLocal(),
): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  const mine = rectifierPaths(actor);
  if (mine.length) {
    const [c] = await queryRows<{ n: number; overdue: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(*) filter (where r.rectify_by < ${today})::int as overdue
          from rectifications r join orgs o on o.id = r.org_id
          where r.tenant_id = ${actor.tenantId} and r.status = 'open' and o.path in (${textList(mine)})`,
    );
    items.push({
      key: 'rectify',
      label: '整改事项待落实',
      count: c.n,
      overdue: c.overdue,
      link: '/rectifications?mine=1',
      order: 27,
    });
  }
  const inspecting = inspectorPaths(actor);
  if (inspecting.length) {
    const [c] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from rectifications r join inspections i on i.id = r.inspection_id
          join orgs io on io.id = i.inspector_org_id
          where r.tenant_id = ${actor.tenantId} and r.status = 'answered' and ${pathSql(sql`io.path`, inspecting)}`,
    );
    items.push({
      key: 'verify',
      label: '整改情况待验收',
      count: c.n,
      link: '/rectifications?status=answered',
      order: 28,
    });
    // Overdue is red on the inspector's side too: its rectifications still open past their deadline.
    const [o] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from rectifications r join inspections i on i.id = r.inspection_id
          join orgs io on io.id = i.inspector_org_id
          where r.tenant_id = ${actor.tenantId} and r.status = 'open' and r.rectify_by < ${today}
            and ${pathSql(sql`io.path`, inspecting)}`,
    );
    items.push({
      key: 'overdue',
      label: '整改事项逾期未落实',
      count: o.n,
      overdue: o.n,
      link: '/rectifications?status=overdue',
      order: 28,
    });
  }
  return items;
}
