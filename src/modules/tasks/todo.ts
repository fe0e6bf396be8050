import { sql } from 'drizzle-orm';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows, textList } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { responderPaths, reviewerPaths } from './policy';
import { deadlineSql } from './queries';

/**
 * The tasks module's lines of the caller's to-do: tasks their organization still owes an answer to
 * (returned ones included; overdue ones counted red), answers waiting for their review, and — for the
 * sender — the targets past their deadline without an answer (red).
 */
export async function tasksTodo(ctx: AppContext, actor: Actor, today = todayLocal()): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  const mine = responderPaths(actor);
  if (mine.length) {
    const [c] = await queryRows<{ n: number; overdue: number; returned: number }>(
      ctx.db,
      sql`select count(*)::int as n, count(*) filter (where ${deadlineSql} < ${today})::int as overdue,
            count(*) filter (where t.status = 'returned')::int as returned
          from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id
          where t.tenant_id = ${actor.tenantId} and t.status in ('pending', 'returned') and o.path in (${textList(mine)})`,
    );
    items.push({
      key: 'answer',
      label: c.returned ? `督办任务待回复（${c.returned} 项被退回）` : '督办任务待回复',
      count: c.n,
      overdue: c.overdue,
      link: '/tasks?box=received',
      order: 25,
    });
  }
  const reviews = reviewerPaths(actor);
  if (reviews.length) {
    const [c] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from task_targets t join tasks k on k.id = t.task_id join orgs so on so.id = k.org_id
          where t.tenant_id = ${actor.tenantId} and t.status = 'submitted' and ${pathSql(sql`so.path`, reviews)}`,
    );
    items.push({
      key: 'review',
      label: '督办回复待审核',
      count: c.n,
      link: '/tasks?box=sent&status=submitted',
      order: 26,
    });
    // Overdue is red on the sender's side too: the targets of its tasks still owing an answer past the deadline.
    const [o] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from task_targets t join tasks k on k.id = t.task_id join orgs so on so.id = k.org_id
          where t.tenant_id = ${actor.tenantId} and t.status in ('pending', 'returned') and ${deadlineSql} < ${today}
            and ${pathSql(sql`so.path`, reviews)}`,
    );
    items.push({
      key: 'overdue',
      label: '督办任务逾期未回复',
      count: o.n,
      overdue: o.n,
      link: '/tasks?box=sent&status=overdue',
      order: 26,
    });
  }
  return items;
}
