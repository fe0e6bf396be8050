import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { conflict, forbidden, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { inspectorOrgs, readableChecklist } from './checklists';
import type {
  CreateInspectionBody,
  FindingBody,
  InspectionItem,
  InspectionList,
  ListInspectionsQuery,
} from './contract';
import { canInspect, canOnInspection, inspects, viewsInspections } from './policy';
import { loadInspection, rectStatusSql, visibleBranchSql } from './queries';
import { recordsOf } from './records';
import {
  type ChecklistItem,
  defaultPeriod,
  INSPECTION_MODE_LABELS,
  INSPECTION_STATUS_LABELS,
  type InspectionMode,
  type InspectionStatus,
  type RecordLink,
} from './rules';
import { loadInspectionSettings } from './settings';
import {
  findingEntity,
  findings,
  inspectionEntity,
  inspections,
  rectificationEntity,
  rectifications,
} from './tables';

/** Opening an inspection, recording findings (each may open a rectification), completing it, listing. */

export async function createInspection(
  ctx: AppContext,
  actor: Actor,
  input: CreateInspectionBody,
  today = todayLocal(),
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    enforce(inspects(actor));
    const branch = await authorizeOrg(tx, actor, input.orgId, 'read');
    const inspector = input.inspectorOrgId
      ? await authorizeOrg(tx, actor, input.inspectorOrgId, 'read')
      : (await inspectorOrgs(tx, actor))
          .filter((o) => branch.path.startsWith(o.path) && branch.path !== o.path)
          .map((o) => ({ ...o, tenantId: o.tenant_id }))
          .at(-1);
    if (!inspector) throw forbidden('检查由党委或党总支管理员对本组织下属的党支部开展');
    enforce(canInspect(actor, inspector, branch));
    const checklist = input.checklistId ? await readableChecklist(tx, actor, input.checklistId) : null;
    const settings = await loadInspectionSettings(tx, actor.tenantId);
    const period = defaultPeriod(today, settings.recordMonths);
    const periodFrom = input.periodFrom ?? period.from;
    const periodTo =
      input.periodTo ?? (input.periodFrom && input.periodFrom > today ? input.periodFrom : period.to);
    if (periodTo < periodFrom) throw invalid({ periodTo: '查阅记录截止日期：不能早于起始日期' });
    const inspectedOn = input.inspectedOn ?? today;
    if (inspectedOn > today) throw invalid({ inspectedOn: '检查日期：不能晚于今天' });
    const id = newId();
    await tx.insert(inspections).values({
      id,
      tenantId: actor.tenantId,
      orgId: branch.id,
      inspectorOrgId: inspector.id,
      checklistId: checklist?.id ?? null,
      title: input.title,
      mode: input.mode ?? 'online',
      periodFrom,
      periodTo,
      inspectedOn,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'inspection.create',
      target: { entity: inspectionEntity, id },
      details: { orgId: branch.id, inspectorOrgId: inspector.id, mode: input.mode ?? 'online' },
    });
    return { id };
  });
}

/** The item a finding is for: one of the checklist's (by key or title), or the words given. */
function resolveItem(items: readonly ChecklistItem[], item: string): { key: string | null; title: string } {
  const found = items.find((i) => i.key === item || i.title === item.trim());
  return found ? { key: found.key, title: found.title } : { key: null, title: item.trim() };
}

/** Links must name records of the inspected branch in the period the inspection reads (server-made labels). */
async function checkLinks(
  ctx: AppContext,
  inspection: Awaited<ReturnType<typeof loadInspection>>,
  links: NonNullable<FindingBody['links']>,
  today: string,
): Promise<RecordLink[]> {
  if (!links.length) return [];
  const rec = await recordsOf(ctx, inspection.row, today);
  const known = new Map<string, string>([
    ...rec.meetings.map((m) => [`meeting:${m.id}`, `${m.heldOn} ${m.kindLabel}：${m.topic}`] as const),
    ...rec.talks.map((t) => [`talk:${t.id}`, `${t.heldOn} ${t.kindLabel}（${t.personName}）`] as const),
    ...rec.violations.map(
      (v) => [`violation:${v.id}`, `${v.occurredOn} ${v.personName} ${v.categoryName}`] as const,
    ),
  ]);
  const out: RecordLink[] = [];
  for (const l of links) {
    const label = known.get(`${l.kind}:${l.id}`);
    if (!label) throw invalid({ links: '关联记录：须为被检查支部在查阅期间内的记录' });
    if (!out.some((o) => o.kind === l.kind && o.id === l.id)) out.push({ kind: l.kind, id: l.id, label });
  }
  return out;
}

/** Records a finding; with a deadline it opens a rectification for the branch, in the same transaction. */
export async function addFinding(
  ctx: AppContext,
  actor: Actor,
  inspectionId: string,
  body: FindingBody,
  today = todayLocal(),
): Promise<{ findingId: string; rectificationId: string | null }> {
  const outside = await loadInspection(ctx.db, actor.tenantId, inspectionId);
  enforce(canOnInspection(actor, 'record', outside));
  const links = await checkLinks(ctx, outside, body.links ?? [], today);
  return ctx.db.transaction(async (tx) => {
    const ins = await loadInspection(tx, actor.tenantId, inspectionId, true);
    enforce(canOnInspection(actor, 'record', ins));
    if (ins.row.status !== 'open') throw conflict('检查已完成，不能再记录检查发现');
    const verdict = body.verdict ?? 'problem';
    if (verdict === 'pass' && body.rectifyBy)
      throw invalid({ rectifyBy: '整改期限：结论为“符合要求”时不需要整改' });
    if (body.rectifyBy && body.rectifyBy < today) throw invalid({ rectifyBy: '整改期限：不能早于今天' });
    const checklistItems = ins.row.checklist_id
      ? (await readableChecklist(tx, actor, ins.row.checklist_id)).items
      : [];
    const item = resolveItem(checklistItems, body.item);
    const findingId = newId();
    const now = new Date();
    await tx.insert(findings).values({
      id: findingId,
      tenantId: actor.tenantId,
      inspectionId,
      itemKey: item.key,
      item: item.title,
      verdict,
      finding: body.finding,
      links,
      createdByName: actor.displayName,
      createdAt: now,
    });
    let rectificationId: string | null = null;
    if (body.rectifyBy) {
      rectificationId = newId();
      await tx.insert(rectifications).values({
        id: rectificationId,
        tenantId: actor.tenantId,
        orgId: ins.row.org_id,
        inspectionId,
        findingId,
        item: item.title,
        requirement: body.requirement?.trim() || body.finding,
        foundOn: today,
        dueOn: body.rectifyBy,
        rectifyBy: body.rectifyBy,
        createdAt: now,
      });
    }
    await audit(tx, actor, [
      {
        action: 'inspection_finding.create',
        target: { entity: findingEntity, id: findingId },
        details: { inspectionId, item: item.title, verdict },
      },
      ...(rectificationId
        ? [
            {
              action: 'rectification.open',
              target: { entity: rectificationEntity, id: rectificationId },
              details: { inspectionId, orgId: ins.row.org_id, rectifyBy: body.rectifyBy },
            },
          ]
        : []),
    ]);
    return { findingId, rectificationId };
  });
}

/** The inspector completes the inspection with a summary; its rectifications go on. */
export async function completeInspection(
  ctx: AppContext,
  actor: Actor,
  id: string,
  summary: string | undefined,
) {
  await ctx.db.transaction(async (tx) => {
    const ins = await loadInspection(tx, actor.tenantId, id, true);
    enforce(canOnInspection(actor, 'record', ins));
    if (ins.row.status !== 'open') throw conflict('检查已完成');
    await tx.execute(sql`update inspections set status = 'completed', summary = ${summary?.trim() || null},
        completed_at = now(), completed_by_name = ${actor.displayName} where id = ${id}`);
    await audit(tx, actor, { action: 'inspection.complete', target: { entity: inspectionEntity, id } });
  });
}

/** What the caller may do to an inspection: record findings and complete it while it is open. */
export const inspectionActions = (actor: Actor, ins: Awaited<ReturnType<typeof loadInspection>>) =>
  ins.row.status === 'open'
    ? permitted((a: 'record') => canOnInspection(actor, a, ins), ['record'] as const).flatMap((a) => [
        a,
        'complete' as const,
      ])
    : [];

export async function listInspections(
  ctx: AppContext,
  actor: Actor,
  q: ListInspectionsQuery,
  today = todayLocal(),
): Promise<InspectionList> {
  enforce(viewsInspections(actor));
  const parts: SQL[] = [sql`i.tenant_id = ${actor.tenantId}`, visibleBranchSql(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.status) parts.push(sql`i.status = ${q.status}`);
  const where = sql.join(parts, sql` and `);
  const from = sql`inspections i join orgs o on o.id = i.org_id join orgs io on io.id = i.inspector_org_id`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${from} where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    org_id: string;
    org_name: string;
    inspector_name: string;
    title: string;
    mode: InspectionMode;
    inspected_on: string;
    status: InspectionStatus;
    findings: number;
    problems: number;
    r_total: number;
    r_open: number;
    r_answered: number;
    r_closed: number;
    r_overdue: number;
  }>(
    ctx.db,
    sql`select i.id, i.org_id, o.name as org_name, io.name as inspector_name, i.title, i.mode, i.inspected_on, i.status,
          (select count(*)::int from inspection_findings f where f.inspection_id = i.id) as findings,
          (select count(*)::int from inspection_findings f where f.inspection_id = i.id and f.verdict = 'problem') as problems,
          rc.*
        from ${from}
        cross join lateral (
          select count(*)::int as r_total,
            count(*) filter (where x.st = 'open')::int as r_open,
            count(*) filter (where x.st = 'answered')::int as r_answered,
            count(*) filter (where x.st = 'closed')::int as r_closed,
            count(*) filter (where x.st = 'overdue')::int as r_overdue
          from (select ${rectStatusSql(today)} as st from rectifications r where r.inspection_id = i.id) x
        ) rc
        where ${where}
        order by i.status, i.inspected_on desc, i.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const inspectors = await inspectorOrgs(ctx.db, actor);
  return {
    items: rows.map(
      (r): InspectionItem => ({
        id: r.id,
        orgId: r.org_id,
        orgName: r.org_name,
        inspectorOrgName: r.inspector_name,
        title: r.title,
        mode: r.mode,
        modeLabel: INSPECTION_MODE_LABELS[r.mode],
        inspectedOn: r.inspected_on,
        status: r.status,
        statusLabel: INSPECTION_STATUS_LABELS[r.status],
        findings: r.findings,
        problems: r.problems,
        rectifications: {
          total: r.r_total,
          open: r.r_open,
          answered: r.r_answered,
          closed: r.r_closed,
          overdue: r.r_overdue,
        },
      }),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
    inspectors: inspectors.map((o) => ({ orgId: o.id, orgName: o.name })),
  };
}
