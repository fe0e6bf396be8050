import { sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { type BranchRow, branchFacts, ruleFacts } from './compliance';
import type { MeetingItem, Todo, TodoDue } from './contract';
import { openFollowUps } from './grades';
import { decideListMeetings, recorderPaths } from './policy';
import { listMeetings, readableWhere } from './queries';
import { loadMany, presentItem } from './records';
import { onTodo, owedUnits } from './rules';
import { MEETING_KIND_LABELS, type MeetingStatus } from './rules-kinds';
import type { Period } from './rules-periods';
import { loadSettings } from './settings';
import { meetings } from './tables';

/** What the caller has to do in organization life: meetings due, drafts, returned records, the review queue, notices. */

/** Planned meetings (drafts not yet held) the caller is expected at: the in-app notice. */
export async function notices(ctx: AppContext, actor: Actor): Promise<{ items: MeetingItem[] }> {
  if (!actor.personId || !allowed(decideListMeetings(actor))) return { items: [] };
  const ids = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id from ${meetings} m join ${orgs} b on b.id = m.branch_id
        where m.tenant_id = ${actor.tenantId} and m.status = 'draft' and m.held_on >= ${todayLocal()}
          and m.attendance @> ${JSON.stringify([{ personId: actor.personId }])}::jsonb and ${readableWhere(actor)}
        order by m.held_at limit 20`,
  );
  const rows = await loadMany(
    ctx.db,
    actor.tenantId,
    ids.map((r) => r.id),
  );
  const settings = await loadSettings(ctx.db, actor.tenantId);
  return { items: rows.map((r) => presentItem(actor, r, settings)) };
}

/**
 * The secretary's branches and what each owes from last month to the end of the year and has not held:
 * the same units compliance counts (`owedUnits`), those on the to-do today (`onTodo`: overdue ones, running
 * ones, yearly ones in their last months). A branch dissolved or merged within the period stays while it
 * owes late records (补录) for the days it existed.
 */
async function dueByBranch(ctx: AppContext, actor: Actor, today: string): Promise<Todo['branches']> {
  const recorder = recorderPaths(actor);
  if (!recorder.length) return [];
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const from = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const period: Period = { from, to: `${year}-12-31` };
  const branches = await queryRows<BranchRow>(
    ctx.db,
    sql`select o.id, o.name, o.parent_id, null as parent_name, o.established_on, o.dissolved_on, o.has_committee
        from ${orgs} o where o.tenant_id = ${actor.tenantId} and o.type = 'branch'
          and (o.dissolved_on is null or o.dissolved_on > ${period.from}) and o.established_on <= ${period.to}
          and ${pathSql(sql`o.path`, recorder)} order by o.dissolved_on nulls first, o.code`,
  );
  if (!branches.length) return [];
  const facts = await branchFacts(
    ctx,
    actor.tenantId,
    branches.map((b) => b.id),
    period,
  );
  const names = new Map<string, string>([
    ...branches.map((b) => [b.id, b.name] as [string, string]),
    ...facts.groups.map((g) => [g.id, g.name] as [string, string]),
  ]);
  const out: Todo['branches'] = [];
  for (const b of branches) {
    const held = facts.held.filter((m) => m.branch_id === b.id);
    const due: TodoDue[] = owedUnits({ ...ruleFacts(b, { ...facts, held }), period, today, settings })
      .filter((u) => onTodo(u, today, settings))
      .map((u) => ({
        kind: u.kind,
        kindLabel: MEETING_KIND_LABELS[u.kind],
        orgId: u.holderId,
        orgName: names.get(u.holderId) ?? '',
        deadline: u.unit.to,
        overdue: u.past,
      }));
    // A dissolved branch is listed only while it owes something.
    if (b.dissolved_on && !due.length) continue;
    out.push({ orgId: b.id, name: b.name, hasCommittee: b.has_committee, dissolvedOn: b.dissolved_on, due });
  }
  return out;
}

/** The secretary's to-do of the meetings page: per branch what is due, their drafts and returned records. */
export async function todo(ctx: AppContext, actor: Actor, today = todayLocal()): Promise<Todo> {
  const recorder = recorderPaths(actor);
  const mine = (status: MeetingStatus) =>
    listMeetings(ctx, actor, { status, page: 1, pageSize: 50 }).then((r) =>
      r.items.filter((i) => i.actions.includes('update')),
    );
  const reviewQueue = allowed(decideListMeetings(actor))
    ? await listMeetings(ctx, actor, { queue: 'review', page: 1, pageSize: 1 })
    : { total: 0 };
  return {
    today,
    branches: await dueByBranch(ctx, actor, today),
    notices: (await notices(ctx, actor)).items,
    drafts: recorder.length ? await mine('draft') : [],
    returned: recorder.length ? await mine('returned') : [],
    followUps: await openFollowUps(ctx.db, actor),
    reviewQueueCount: reviewQueue.total,
  };
}

/** The meetings lines of the caller's to-do (`GET /api/v1/todo`). */
export async function todoItems(ctx: AppContext, actor: Actor): Promise<TodoItem[]> {
  const t = await todo(ctx, actor);
  const due = t.branches.flatMap((b) => b.due);
  return [
    {
      key: 'due',
      label: '应开展的组织生活',
      count: due.length,
      overdue: due.filter((d) => d.overdue).length,
      link: '/meetings',
    },
    { key: 'returned', label: '被退回待修改的记录', count: t.returned.length, link: '/meetings' },
    { key: 'drafts', label: '未提交的草稿', count: t.drafts.length, link: '/meetings' },
    { key: 'review', label: '待我审核的记录', count: t.reviewQueueCount, link: '/meetings/review' },
    {
      key: 'follow-ups',
      label: '民主评议后的谈话和处置（基本合格、不合格）',
      count: t.followUps.length,
      link: '/meetings',
    },
  ];
}
