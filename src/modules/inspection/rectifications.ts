import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { enforce } from '../../platform/policy';
import type {
  ListRectificationsQuery,
  RectificationDetail,
  RectificationItem,
  RectificationList,
  ReopenBody,
} from './contract';
import { recordLinkOf } from './detail';
import { filesOf, presentFile } from './files';
import { canOnRectification, rectificationActions, viewsInspections } from './policy';
import {
  iso,
  loadRectification,
  RECT_COLUMNS,
  RECT_FROM,
  type RectRow,
  rectStatusSql,
  visibleBranchSql,
} from './queries';
import {
  answeredLate,
  canAnswerIn,
  canCloseIn,
  canReopenIn,
  daysBetween,
  RECT_STATUS_LABELS,
  type RecordLink,
  type RectificationEvent,
  rectStatus,
  type StoredRectStatus,
} from './rules';
import { rectificationEntity } from './tables';

/**
 * 整改: the branch answers with what it did (and evidence files); the inspector closes it (销号) or reopens
 * it with a comment (and maybe a new deadline). Each step one transaction ending with its audit event;
 * the loop's history lives in the row, so the row hash covers it.
 */

const NOT_NOW: Record<StoredRectStatus, string> = {
  open: '整改情况尚未提交',
  answered: '整改情况已提交，等待检查组织验收',
  closed: '整改事项已销号',
};

const urgencyOf = (rectifyBy: string, status: string, today: string) =>
  status !== 'open'
    ? 'later'
    : rectifyBy < today
      ? 'overdue'
      : daysBetween(today, rectifyBy) <= 7
        ? 'soon'
        : 'later';

export function presentItem(r: RectRow, today: string): RectificationItem {
  const st = rectStatus({ status: r.status, rectifyBy: r.rectify_by }, today);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    status: st,
    statusLabel: RECT_STATUS_LABELS[st],
    item: r.item,
    requirement: r.requirement,
    foundOn: r.found_on,
    dueOn: r.due_on,
    rectifyBy: r.rectify_by,
    urgency: urgencyOf(r.rectify_by, r.status, today),
    late: answeredLate(r.first_answered_on, r.due_on),
    inspectionId: r.inspection_id,
    inspectionTitle: r.inspection_title,
    inspectorOrgName: r.inspector_name,
    answeredAt: iso(r.answered_at),
    closedAt: iso(r.closed_at),
    reopenCount: r.reopen_count,
  };
}

/** The list's conditions: what the caller sees, then the filters (status as shown on `today`). */
export async function rectWhere(
  db: Executor,
  actor: Actor,
  q: Pick<ListRectificationsQuery, 'orgId' | 'status' | 'inspectionId' | 'from' | 'to'>,
  today: string,
): Promise<SQL> {
  const parts: SQL[] = [sql`r.tenant_id = ${actor.tenantId}`, visibleBranchSql(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.status) parts.push(sql`${rectStatusSql(today)} = ${q.status}`);
  if (q.inspectionId) parts.push(sql`r.inspection_id = ${q.inspectionId}`);
  if (q.from) parts.push(sql`r.found_on >= ${q.from}`);
  if (q.to) parts.push(sql`r.found_on <= ${q.to}`);
  return sql.join(parts, sql` and `);
}

/** Open ones first (overdue, then the nearest deadline), then answered, then closed. */
export async function listRectifications(
  ctx: AppContext,
  actor: Actor,
  q: ListRectificationsQuery,
  today = todayLocal(),
): Promise<RectificationList> {
  enforce(viewsInspections(actor));
  const where = await rectWhere(ctx.db, actor, q, today);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${RECT_FROM} where ${where}`,
  );
  const rows = await queryRows<RectRow>(
    ctx.db,
    sql`select ${RECT_COLUMNS} from ${RECT_FROM} where ${where}
        order by array_position(array['open','answered','closed'], r.status::text), r.rectify_by, r.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items: rows.map((r) => presentItem(r, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function getRectification(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today = todayLocal(),
): Promise<RectificationDetail> {
  const res = await loadRectification(ctx.db, actor.tenantId, id);
  enforce(canOnRectification(actor, 'read', res));
  const r = res.row;
  const [f] = await queryRows<{ finding: string; links: RecordLink[] }>(
    ctx.db,
    sql`select finding, links from inspection_findings where id = ${r.finding_id}`,
  );
  const files = await filesOf(ctx.db, r.inspection_id);
  return {
    ...presentItem(r, today),
    storedStatus: r.status,
    finding: f.finding,
    links: (f.links ?? []).map(recordLinkOf),
    findingFiles: files.filter((x) => x.findingId === r.finding_id).map(presentFile),
    answer: r.answer,
    answeredByName: r.answered_by_name,
    closedByName: r.closed_by_name,
    closeComment: r.close_comment,
    history: ((r.history ?? []) as RectificationEvent[]).map((e) => ({
      kind: e.kind,
      at: e.at,
      actorName: e.actorName,
      content: e.content ?? null,
      comment: e.comment ?? null,
      rectifyBy: e.rectifyBy ?? null,
    })),
    files: files.filter((x) => x.rectificationId === r.id).map(presentFile),
    actions: rectificationActions(actor, res),
  };
}

const appendEvent = (e: RectificationEvent) => sql`history = history || ${JSON.stringify([e])}::jsonb`;

/** The branch's secretary answers with what was done (again after a reopening). */
export async function answerRectification(ctx: AppContext, actor: Actor, id: string, content: string) {
  await ctx.db.transaction(async (tx) => {
    const res = await loadRectification(tx, actor.tenantId, id, true);
    enforce(canOnRectification(actor, 'answer', res));
    if (!canAnswerIn(res.status)) throw conflict(NOT_NOW[res.status]);
    const now = new Date().toISOString();
    const event: RectificationEvent = { kind: 'answer', at: now, actorName: actor.displayName, content };
    await tx.execute(sql`update rectifications set status = 'answered', answer = ${content},
        first_answered_at = coalesce(first_answered_at, ${now}::timestamptz), answered_at = ${now}::timestamptz,
        answered_by_name = ${actor.displayName}, ${appendEvent(event)} where id = ${id}`);
    await audit(tx, actor, {
      action: res.row.reopen_count > 0 ? 'rectification.reanswer' : 'rectification.answer',
      target: { entity: rectificationEntity, id },
      details: { orgId: res.row.org_id },
    });
  });
}

/** The inspector accepts the answer: 销号. */
export async function closeRectification(
  ctx: AppContext,
  actor: Actor,
  id: string,
  comment: string | undefined,
) {
  await ctx.db.transaction(async (tx) => {
    const res = await loadRectification(tx, actor.tenantId, id, true);
    enforce(canOnRectification(actor, 'close', res));
    if (!canCloseIn(res.status)) throw conflict(NOT_NOW[res.status]);
    const now = new Date().toISOString();
    const text = comment?.trim() || null;
    const event: RectificationEvent = { kind: 'close', at: now, actorName: actor.displayName, comment: text };
    await tx.execute(sql`update rectifications set status = 'closed', closed_at = ${now}::timestamptz,
        closed_by_name = ${actor.displayName}, close_comment = ${text}, ${appendEvent(event)} where id = ${id}`);
    await audit(tx, actor, {
      action: 'rectification.close',
      target: { entity: rectificationEntity, id },
      details: { orgId: res.row.org_id, comment: text },
    });
  });
}

/** The inspector sends it back: not done well enough (or no longer true), with why and maybe a new deadline. */
export async function reopenRectification(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: ReopenBody,
  today = todayLocal(),
) {
  await ctx.db.transaction(async (tx) => {
    const res = await loadRectification(tx, actor.tenantId, id, true);
    enforce(canOnRectification(actor, 'reopen', res));
    if (!canReopenIn(res.status)) throw conflict(NOT_NOW[res.status]);
    if (body.rectifyBy && body.rectifyBy < today) throw invalid({ rectifyBy: '新的整改期限：不能早于今天' });
    const now = new Date().toISOString();
    const event: RectificationEvent = {
      kind: 'reopen',
      at: now,
      actorName: actor.displayName,
      comment: body.comment,
      rectifyBy: body.rectifyBy ?? null,
    };
    await tx.execute(sql`update rectifications set status = 'open', closed_at = null, closed_by_name = null,
        close_comment = null, reopen_count = reopen_count + 1,
        rectify_by = ${body.rectifyBy ?? res.row.rectify_by}::date, ${appendEvent(event)} where id = ${id}`);
    await audit(tx, actor, {
      action: 'rectification.reopen',
      target: { entity: rectificationEntity, id },
      details: { orgId: res.row.org_id, comment: body.comment, rectifyBy: body.rectifyBy ?? null },
    });
  });
}
