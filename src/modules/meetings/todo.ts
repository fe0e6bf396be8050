import { sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { allowed } from '../../platform/policy';
import { type BranchRow, counted } from './compliance';
import type { MeetingItem, Todo, TodoDue } from './contract';
import { decideListMeetings, recorderPaths } from './policy';
import { listMeetings, readableWhere } from './queries';
import { loadMany, presentItem } from './records';
import {
  MEETING_KIND_LABELS,
  type MeetingSettings,
  type MeetingStatus,
  type Period,
  requirements,
  unitsOf,
} from './rules';
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
  return { items: rows.map((r) => presentItem(actor, r)) };
}

type Holder = { id: string; name: string; established_on: string };

/** The meetings of one branch (and its groups) due from last month to today and not yet held. */
async function dueOf(
  ctx: AppContext,
  b: BranchRow,
  settings: MeetingSettings,
  period: Period,
  today: string,
): Promise<TodoDue[]> {
  const groups = await queryRows<Holder>(
    ctx.db,
    sql`select id, name, established_on from ${orgs} where parent_id = ${b.id} and type = 'party_group' and dissolved_on is null order by sort_order`,
  );
  const held = await queryRows<{ org_id: string; kind: string; held_on: string }>(
    ctx.db,
    sql`select org_id, kind, held_on from ${meetings} where branch_id = ${b.id} and ${counted()}
          and held_on between ${period.from} and ${period.to}`,
  );
  const month = Number(today.slice(5, 7));
  const due: TodoDue[] = [];
  for (const req of requirements(settings)) {
    const holders: Holder[] =
      req.holder === 'group' ? groups : req.holder === 'committee' && !b.has_committee ? [] : [b];
    for (const h of holders) {
      for (const u of unitsOf(req.frequency, period).filter((u) => u.from <= today && u.to >= period.from)) {
        const covered = held.some(
          (m) =>
            m.kind === req.kind &&
            (req.holder !== 'group' || m.org_id === h.id) &&
            m.held_on >= u.from &&
            m.held_on <= u.to,
        );
        if (covered || h.established_on > u.to) continue;
        const overdue = u.to < today;
        // Yearly items show from the last quarter on, so the list is what is due, not a year-long nag.
        if (!overdue && req.frequency === 'year' && month < 10) continue;
        const kind = req.kind;
        due.push({
          kind,
          kindLabel: MEETING_KIND_LABELS[kind],
          orgId: h.id,
          orgName: h.name,
          deadline: u.to,
          overdue,
        });
      }
    }
  }
  return due;
}

/** The secretary's to-do of the meetings page: per branch what is due, their drafts and returned records. */
export async function todo(ctx: AppContext, actor: Actor, today = todayLocal()): Promise<Todo> {
  const recorder = recorderPaths(actor);
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // The current units and the ones just ended: a period from last month to the end of this year.
  const from = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const period = { from, to: `${year}-12-31` };
  const branches = recorder.length
    ? await queryRows<BranchRow>(
        ctx.db,
        sql`select o.id, o.name, o.parent_id, null as parent_name, o.established_on, o.dissolved_on, o.has_committee
            from ${orgs} o where o.tenant_id = ${actor.tenantId} and o.type = 'branch' and o.dissolved_on is null
              and ${pathSql(sql`o.path`, recorder)} order by o.code`,
      )
    : [];
  const out: Todo['branches'] = [];
  for (const b of branches)
    out.push({
      orgId: b.id,
      name: b.name,
      hasCommittee: b.has_committee,
      due: await dueOf(ctx, b, settings, period, today),
    });
  const mine = (status: MeetingStatus) =>
    listMeetings(ctx, actor, { status, page: 1, pageSize: 50 }).then((r) =>
      r.items.filter((i) => i.actions.includes('update')),
    );
  const reviewQueue = allowed(decideListMeetings(actor))
    ? await listMeetings(ctx, actor, { queue: 'review', page: 1, pageSize: 1 })
    : { total: 0 };
  return {
    today,
    branches: out,
    notices: (await notices(ctx, actor)).items,
    drafts: recorder.length ? await mine('draft') : [],
    returned: recorder.length ? await mine('returned') : [],
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
  ];
}
