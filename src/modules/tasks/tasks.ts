import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, orgInPaths, pathSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, textList, uuidList } from '../../platform/db';
import { forbidden, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { allowed, enforce } from '../../platform/policy';
import type { CreateTaskBody, ListTasksQuery, TaskItem, TaskList, TaskOptions } from './contract';
import { canSendFrom, responderPaths, sendsTasks, targetProblem, viewsTasks } from './policy';
import { deadlineSql, iso, statusSql, targetVisibleSql, taskVisibleSql } from './queries';
import {
  buildFields,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  PREFILL_SOURCES,
  PREFILL_SPECS,
  type TargetStatus,
  urgency,
} from './rules';
import { loadTasksSettings } from './settings';
import { taskEntity, tasks, taskTargetEntity, taskTargets } from './tables';

/** Sending a task and listing the caller's tasks. One task in full is `detail.ts`; its answers `responses.ts`. */

const MAX_TARGETS = 2000;

interface OrgBrief {
  id: string;
  tenant_id: string;
  name: string;
  path: string;
  type: string;
  dissolved_on: string | null;
}
const asOrg = (o: OrgBrief) => ({
  tenantId: o.tenant_id,
  path: o.path,
  type: o.type,
  dissolvedOn: o.dissolved_on,
  name: o.name,
});

/** The organizations the caller may send tasks from, widest first. */
export async function senderOrgs(db: Executor, actor: Actor): Promise<OrgBrief[]> {
  const ids = [...new Set(actor.roles.map((r) => r.orgId))];
  if (!ids.length || actor.adminRole) return [];
  const rows = await queryRows<OrgBrief>(
    db,
    sql`select id, tenant_id, name, path, type, dissolved_on from orgs where id in (${uuidList(ids)}) order by length(path), path`,
  );
  return rows.filter((o) => allowed(canSendFrom(actor, asOrg(o))));
}

async function loadOrgs(db: Executor, tenantId: string, ids: string[]): Promise<OrgBrief[]> {
  if (!ids.length) return [];
  return queryRows<OrgBrief>(
    db,
    sql`select id, tenant_id, name, path, type, dissolved_on from orgs where tenant_id = ${tenantId} and id in (${uuidList(ids)})`,
  );
}

/** The targets: the picked organizations plus every active branch of the picked subtrees, all under the sender. */
async function resolveTargets(db: Executor, actor: Actor, sender: { path: string }, input: CreateTaskBody) {
  const picked = [...new Set(input.targetOrgIds)];
  const roots = [...new Set(input.subtreeOrgIds ?? [])];
  const pickedOrgs = await loadOrgs(db, actor.tenantId, picked);
  if (pickedOrgs.length !== picked.length)
    throw invalid({ targetOrgIds: '接收组织：有组织不存在或不在发布组织的范围内' });
  for (const o of pickedOrgs) {
    const problem = targetProblem(sender, asOrg(o));
    if (problem) throw invalid({ targetOrgIds: `接收组织：${problem}` });
  }
  const rootOrgs = await loadOrgs(db, actor.tenantId, roots);
  if (rootOrgs.length !== roots.length || rootOrgs.some((o) => !o.path.startsWith(sender.path)))
    throw invalid({ subtreeOrgIds: '整体下发：有组织不存在或不在发布组织的范围内' });
  const expanded = rootOrgs.length
    ? await queryRows<{ id: string }>(
        db,
        sql`select id from orgs where tenant_id = ${actor.tenantId} and type = 'branch' and dissolved_on is null
            and ${pathSql(
              sql`path`,
              rootOrgs.map((o) => o.path),
            )} and path <> ${sender.path}`,
      )
    : [];
  const all = [...new Set([...picked, ...expanded.map((e) => e.id)])];
  if (!all.length)
    throw invalid({ targetOrgIds: '接收组织：请至少选择一个接收组织（所选范围内没有党支部）' });
  if (all.length > MAX_TARGETS)
    throw invalid({ targetOrgIds: `接收组织：一次最多下发 ${MAX_TARGETS} 个组织` });
  return all;
}

/** Sends a task: the task, one target row per receiving organization, an audit event for each, at once. */
export async function createTask(
  ctx: AppContext,
  actor: Actor,
  input: CreateTaskBody,
  today = todayLocal(),
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    enforce(sendsTasks(actor));
    const sender = input.orgId
      ? await authorizeOrg(tx, actor, input.orgId, 'read')
      : (await senderOrgs(tx, actor)).map((o) => ({ ...asOrg(o), id: o.id }))[0];
    if (!sender) throw forbidden('督办任务由党委或党总支管理员以本组织名义发布');
    enforce(canSendFrom(actor, sender));
    if (input.dueOn < today) throw invalid({ dueOn: '截止日期：不能早于今天' });
    const { fields, errors } = buildFields(input.fields ?? []);
    if (Object.keys(errors).length) throw invalid(errors);
    const targetIds = await resolveTargets(tx, actor, sender, input);
    const settings = await loadTasksSettings(tx, actor.tenantId);
    const id = newId();
    await tx.insert(tasks).values({
      id,
      tenantId: actor.tenantId,
      orgId: sender.id,
      title: input.title,
      content: input.content,
      dueOn: input.dueOn,
      remindDays: input.remindDays ?? settings.remindDays,
      requireFiles: input.requireFiles ?? false,
      fields,
      asOf: today,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    const rows = targetIds.map((orgId) => ({ id: newId(), tenantId: actor.tenantId, taskId: id, orgId }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(taskTargets).values(rows.slice(i, i + 500));
    await audit(tx, actor, [
      {
        action: 'task.create',
        target: { entity: taskEntity, id },
        details: { orgId: sender.id, title: input.title, dueOn: input.dueOn, targets: rows.length },
      },
      ...rows.map((r) => ({
        action: 'task.target',
        target: { entity: taskTargetEntity, id: r.id },
        details: { taskId: id, orgId: r.orgId },
      })),
    ]);
    return { id };
  });
}

/** What the new-task form offers: the sender organizations, the prefill sources, the defaults. */
export async function taskOptions(ctx: AppContext, actor: Actor): Promise<TaskOptions> {
  enforce(sendsTasks(actor));
  const settings = await loadTasksSettings(ctx.db, actor.tenantId);
  return {
    senders: (await senderOrgs(ctx.db, actor)).map((o) => ({ orgId: o.id, orgName: o.name, type: o.type })),
    prefillSources: PREFILL_SOURCES.map((key) => ({
      key,
      label: PREFILL_SPECS[key].label,
      unit: PREFILL_SPECS[key].unit,
    })),
    fieldTypes: FIELD_TYPES.map((key) => ({ key, label: FIELD_TYPE_LABELS[key] })),
    remindDays: settings.remindDays,
    dueDays: settings.dueDays,
  };
}

const OPEN: TargetStatus[] = ['pending', 'returned', 'overdue'];

/** The list's conditions beyond what the caller sees: the box, a status of a visible target, an organization, words. */
async function listWhere(
  db: Executor,
  actor: Actor,
  q: Omit<ListTasksQuery, 'page' | 'pageSize'>,
  today: string,
) {
  const paths = managedPaths(actor);
  const parts: SQL[] = [sql`k.tenant_id = ${actor.tenantId}`, taskVisibleSql(actor)];
  if (q.box === 'sent') parts.push(orgInPaths(sql`k.org_id`, paths));
  if (q.box === 'received') parts.push(sql`not ${orgInPaths(sql`k.org_id`, paths)}`);
  if (q.status)
    parts.push(sql`exists (select 1 from task_targets t join orgs o on o.id = t.org_id
      where t.task_id = k.id and ${targetVisibleSql(actor)} and ${statusSql(today)} = ${q.status})`);
  if (q.orgId) {
    const org = await authorizeOrg(db, actor, q.orgId, 'read');
    parts.push(sql`(so.path like ${`${org.path}%`} or exists (select 1 from task_targets t join orgs o on o.id = t.org_id
      where t.task_id = k.id and o.path like ${`${org.path}%`}))`);
  }
  if (q.q) parts.push(sql`k.title ilike ${`%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(parts, sql` and `);
}

/** Tasks sent by or to the caller's scope: the ones the caller still owes first, then the newest. */
export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  q: ListTasksQuery,
  today = todayLocal(),
): Promise<TaskList> {
  enforce(viewsTasks(actor));
  const where = await listWhere(ctx.db, actor, q, today);
  const mine = responderPaths(actor);
  const minePaths = mine.length ? sql`o.path in (${textList(mine)})` : sql`false`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from tasks k join orgs so on so.id = k.org_id where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    title: string;
    org_id: string;
    org_name: string;
    due_on: string;
    created_at: Date | string;
    remind_days: number;
    sender_side: boolean;
    total: number;
    pending: number;
    submitted: number;
    accepted: number;
    returned: number;
    overdue: number;
    my_status: TargetStatus | null;
    my_deadline: string | null;
  }>(
    ctx.db,
    sql`select k.id, k.title, k.org_id, so.name as org_name, k.due_on, k.created_at, k.remind_days,
          ${orgInPaths(sql`k.org_id`, managedPaths(actor))} as sender_side, c.*, m.my_status, m.my_deadline
        from tasks k join orgs so on so.id = k.org_id
        cross join lateral (
          select count(*)::int as total,
            count(*) filter (where x.st = 'pending')::int as pending,
            count(*) filter (where x.st = 'submitted')::int as submitted,
            count(*) filter (where x.st = 'accepted')::int as accepted,
            count(*) filter (where x.st = 'returned')::int as returned,
            count(*) filter (where x.st = 'overdue')::int as overdue
          from (select ${statusSql(today)} as st from task_targets t join orgs o on o.id = t.org_id
                where t.task_id = k.id and ${targetVisibleSql(actor)}) x
        ) c
        left join lateral (
          select ${statusSql(today)} as my_status, ${deadlineSql} as my_deadline
          from task_targets t join orgs o on o.id = t.org_id where t.task_id = k.id and ${minePaths}
          order by array_position(array['overdue','returned','pending','submitted','accepted'], ${statusSql(today)}::text)
          limit 1
        ) m on true
        where ${where}
        order by (m.my_status in ('overdue','returned','pending')) desc nulls last,
          case when m.my_status in ('overdue','returned','pending') then m.my_deadline end asc,
          k.created_at desc, k.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r): TaskItem => {
      const owes = r.my_status !== null && OPEN.includes(r.my_status);
      return {
        id: r.id,
        title: r.title,
        orgId: r.org_id,
        orgName: r.org_name,
        dueOn: r.due_on,
        createdAt: iso(r.created_at)!,
        side: r.sender_side ? 'sender' : 'receiver',
        counts: {
          total: r.total,
          pending: r.pending,
          submitted: r.submitted,
          accepted: r.accepted,
          returned: r.returned,
          overdue: r.overdue,
        },
        myStatus: r.my_status,
        myDeadline: r.my_deadline,
        urgency: owes ? urgency(r.my_deadline!, today, r.remind_days) : r.overdue > 0 ? 'overdue' : 'later',
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
