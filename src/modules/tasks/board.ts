import { sql } from 'drizzle-orm';
import { managedRoot } from '../../kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { enforce } from '../../platform/policy';
import type { TaskBoard } from './contract';
import { viewsTasks } from './policy';
import { statusSql, targetVisibleSql, taskVisibleSql } from './queries';
import { addDays, countStatuses, type StatusCounts, type TargetStatus } from './rules';

/**
 * The sender's progress board: the tasks in flight with targets under an organization (how many
 * answered, accepted, overdue), and the same figures per child organization to drill down the tree.
 * A task is in flight while some target's answer is not accepted, and for 30 days after its deadline.
 */

const withAnswered = (c: StatusCounts) => ({ ...c, answered: c.submitted + c.accepted });

export async function taskBoard(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string },
  today = todayLocal(),
): Promise<TaskBoard> {
  enforce(viewsTasks(actor));
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const rows = await queryRows<{
    task_id: string;
    title: string;
    org_name: string;
    due_on: string;
    sender_side: boolean;
    path: string;
    st: TargetStatus;
  }>(
    ctx.db,
    sql`select k.id as task_id, k.title, so.name as org_name, k.due_on,
          ${orgInPaths(sql`k.org_id`, managedPaths(actor))} as sender_side, o.path, ${statusSql(today)} as st
        from task_targets t join tasks k on k.id = t.task_id join orgs o on o.id = t.org_id join orgs so on so.id = k.org_id
        where k.tenant_id = ${actor.tenantId} and ${taskVisibleSql(actor)} and ${targetVisibleSql(actor)}
          and o.path like ${`${root.path}%`}
          and (k.due_on >= ${addDays(today, -30)}
               or exists (select 1 from task_targets a where a.task_id = k.id and a.status <> 'accepted'))
        order by k.due_on, k.id`,
  );
  const units = await queryRows<{
    id: string;
    name: string;
    type: string;
    path: string;
    has_children: boolean;
  }>(
    ctx.db,
    sql`select o.id, o.name, o.type, o.path, exists (select 1 from orgs c where c.parent_id = o.id
          and c.type in ('general_branch', 'branch') and c.dissolved_on is null) as has_children
        from orgs o where o.parent_id = ${root.id} and o.type in ('general_branch', 'branch') and o.dissolved_on is null
        order by o.sort_order, o.path`,
  );
  const byTask = new Map<string, typeof rows>();
  for (const r of rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);
  const tasks = [...byTask.values()].map((list) => ({
    id: list[0].task_id,
    title: list[0].title,
    orgName: list[0].org_name,
    dueOn: list[0].due_on,
    side: list[0].sender_side ? ('sender' as const) : ('receiver' as const),
    counts: withAnswered(countStatuses(list.map((r) => r.st))),
  }));
  tasks.sort((a, b) => b.counts.overdue - a.counts.overdue || (a.dueOn < b.dueOn ? -1 : 1));
  return {
    today,
    root: { id: root.id, name: root.name, type: root.type },
    totals: { ...withAnswered(countStatuses(rows.map((r) => r.st))), tasks: tasks.length },
    tasks,
    units: units.map((u) => ({
      orgId: u.id,
      orgName: u.name,
      type: u.type,
      hasChildren: u.has_children,
      counts: withAnswered(countStatuses(rows.filter((r) => r.path.startsWith(u.path)).map((r) => r.st))),
    })),
  };
}
