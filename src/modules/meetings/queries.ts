import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { authorizeOrg, orgs } from '../../kernel/orgs/api';
import { type Actor, pathSql } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { pageOffset } from '../../platform/http';
import { enforce } from '../../platform/policy';
import type { ExportQuery, ListMeetingsQuery, MeetingDetail, MeetingList } from './contract';
import { decideListMeetings, memberPaths, recorderPaths, reviewerPaths } from './policy';
import {
  authorizeMeeting,
  loadMany,
  presentAttachment,
  presentDetail,
  presentGrades,
  presentItem,
} from './records';
import { cancellationOf } from './revisions';
import { classHoursOf } from './rules-settings';
import { loadSettings } from './settings';
import { meetingAttachments, meetings, reviewFollowUps } from './tables';

/** Reading meetings: the caller's lists (scoped in SQL by the policy's subtrees) and one meeting in full. */

/** SQL: meetings (alias m, branch alias b) the actor may read, drafts only for those who record them. */
export function readableWhere(actor: Actor): SQL {
  const recorder = recorderPaths(actor);
  const reviewer = reviewerPaths(actor);
  const member = memberPaths(actor);
  const parts: SQL[] = [];
  if (recorder.length) parts.push(pathSql(sql`b.path`, recorder));
  const shown = sql`(m.status <> 'draft' or m.held_on >= ${todayLocal()})`;
  if (reviewer.length) parts.push(sql`(${shown} and ${pathSql(sql`b.path`, reviewer)})`);
  if (member.length)
    parts.push(
      sql`(${shown} and b.path in (${sql.join(
        member.map((p) => sql`${p}`),
        sql`, `,
      )}))`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export interface ListFilter extends Partial<ExportQuery> {
  queue?: 'review';
  /** The ledger lists records, never cancelled plans. */
  withoutCancelled?: boolean;
}

/** `meetings m join orgs o (org) join orgs b (branch)`. */
export const meetingsFrom = sql`${meetings} m join ${orgs} o on o.id = m.org_id join ${orgs} b on b.id = m.branch_id`;

/** The scoped, filtered WHERE over `meetingsFrom`. */
export async function meetingsWhere(ctx: AppContext, actor: Actor, f: ListFilter) {
  enforce(decideListMeetings(actor));
  const parts: SQL[] = [sql`m.tenant_id = ${actor.tenantId}`, readableWhere(actor)];
  if (f.orgId) {
    const org = await authorizeOrg(ctx.db, actor, f.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (f.kind) parts.push(sql`m.kind = ${f.kind}`);
  // Cancelled plans are shown only when asked for by status.
  if (f.status) parts.push(sql`m.status = ${f.status}`);
  else parts.push(sql`m.status <> 'cancelled'`);
  if (f.from) parts.push(sql`m.held_on >= ${f.from}`);
  if (f.to) parts.push(sql`m.held_on <= ${f.to}`);
  if (f.late) parts.push(sql`m.late = ${f.late === 'true'}`);
  if (f.withoutCancelled) parts.push(sql`m.status <> 'cancelled'`);
  if (f.queue === 'review')
    parts.push(sql`m.status = 'submitted' and ${pathSql(sql`b.path`, reviewerPaths(actor))}`);
  return sql.join(parts, sql` and `);
}

export async function listMeetings(
  ctx: AppContext,
  actor: Actor,
  f: ListFilter & Pick<ListMeetingsQuery, 'page' | 'pageSize'>,
): Promise<MeetingList> {
  const where = await meetingsWhere(ctx, actor, f);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${meetingsFrom} where ${where}`,
  );
  const ids = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id from ${meetingsFrom} where ${where}
        order by ${f.queue === 'review' ? sql`m.submitted_at asc,` : sql``} m.held_at desc, m.id
        limit ${f.pageSize} offset ${pageOffset(f)}`,
  );
  const rows = await loadMany(
    ctx.db,
    actor.tenantId,
    ids.map((r) => r.id),
  );
  const settings = await loadSettings(ctx.db, actor.tenantId);
  return {
    items: rows.map((r) => presentItem(actor, r, settings)),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<MeetingDetail> {
  const row = await authorizeMeeting(ctx.db, actor, id, 'read');
  const files = await ctx.db
    .select()
    .from(meetingAttachments)
    .where(and(eq(meetingAttachments.meetingId, id), isNull(meetingAttachments.removedAt)))
    .orderBy(meetingAttachments.uploadedAt);
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const done = row.grades?.length
    ? await ctx.db
        .select({
          personId: reviewFollowUps.personId,
          doneOn: reviewFollowUps.doneOn,
          note: reviewFollowUps.note,
        })
        .from(reviewFollowUps)
        .where(eq(reviewFollowUps.meetingId, id))
    : [];
  return {
    ...presentDetail(actor, row, settings),
    cancellation: row.status === 'cancelled' ? await cancellationOf(ctx.db, id) : null,
    attachments: files.map(presentAttachment),
    classHours: classHoursOf(row, settings),
    grades: presentGrades(row, new Map(done.map((d) => [d.personId, d]))),
  };
}
