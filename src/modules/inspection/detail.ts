import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { enforce } from '../../platform/policy';
import { readableChecklist } from './checklists';
import type { Finding, InspectionDetail } from './contract';
import { filesOf, presentFile } from './files';
import { inspectionActions } from './inspections';
import { canOnInspection } from './policy';
import { iso, loadInspection } from './queries';
import {
  type ChecklistItem,
  countRect,
  INSPECTION_MODE_LABELS,
  INSPECTION_STATUS_LABELS,
  RECT_STATUS_LABELS,
  type RecordLink,
  rectStatus,
  type StoredRectStatus,
  VERDICT_LABELS,
  type Verdict,
} from './rules';

/** One inspection in full: its checklist's items with the findings against each, evidence and rectifications. */

export const recordLinkOf = (l: RecordLink) => ({
  ...l,
  link:
    l.kind === 'meeting'
      ? `/meetings/${l.id}`
      : l.kind === 'talk'
        ? `/talks/${l.id}`
        : `/safety/violations/${l.id}`,
});

export async function getInspection(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today = todayLocal(),
): Promise<InspectionDetail> {
  const ins = await loadInspection(ctx.db, actor.tenantId, id);
  enforce(canOnInspection(actor, 'read', ins));
  const row = ins.row;
  const checklist = row.checklist_id
    ? await readableChecklist(ctx.db, actor, row.checklist_id).catch(() => null)
    : null;
  const rows = await queryRows<{
    id: string;
    item_key: string | null;
    item: string;
    verdict: Verdict;
    finding: string;
    links: RecordLink[];
    created_by_name: string;
    created_at: Date | string;
    r_id: string | null;
    r_status: StoredRectStatus | null;
    r_by: string | null;
  }>(
    ctx.db,
    sql`select f.*, r.id as r_id, r.status as r_status, r.rectify_by as r_by
        from inspection_findings f left join rectifications r on r.finding_id = f.id
        where f.inspection_id = ${id} order by f.created_at, f.id`,
  );
  const files = await filesOf(ctx.db, id);
  const list = rows.map((f): Finding => {
    const st = f.r_id ? rectStatus({ status: f.r_status!, rectifyBy: f.r_by! }, today) : null;
    return {
      id: f.id,
      itemKey: f.item_key,
      item: f.item,
      verdict: f.verdict,
      verdictLabel: VERDICT_LABELS[f.verdict],
      finding: f.finding,
      links: (f.links ?? []).map(recordLinkOf),
      files: files.filter((x) => x.findingId === f.id).map(presentFile),
      createdByName: f.created_by_name,
      createdAt: iso(f.created_at)!,
      rectification:
        f.r_id && st
          ? { id: f.r_id, status: st, statusLabel: RECT_STATUS_LABELS[st], rectifyBy: f.r_by! }
          : null,
      rectificationId: f.r_id,
    };
  });
  const items: ChecklistItem[] = checklist?.items ?? [];
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    inspectorOrgId: row.inspector_org_id,
    inspectorOrgName: row.inspector_name,
    title: row.title,
    mode: row.mode,
    modeLabel: INSPECTION_MODE_LABELS[row.mode],
    periodFrom: row.period_from,
    periodTo: row.period_to,
    inspectedOn: row.inspected_on,
    status: row.status,
    statusLabel: INSPECTION_STATUS_LABELS[row.status],
    summary: row.summary,
    createdByName: row.created_by_name,
    createdAt: iso(row.created_at)!,
    completedAt: iso(row.completed_at),
    completedByName: row.completed_by_name,
    checklist: checklist ? { id: checklist.id, name: checklist.name, version: checklist.version } : null,
    items: items.map((i) => ({ ...i, findings: list.filter((f) => f.itemKey === i.key).map((f) => f.id) })),
    findings: list,
    rectifications: countRect(list.flatMap((f) => (f.rectification ? [f.rectification.status] : []))),
    actions: inspectionActions(actor, ins),
  };
}

/** A finding as the API answers `POST /inspections/:id/findings`. */
export async function getFinding(ctx: AppContext, actor: Actor, inspectionId: string, findingId: string) {
  const detail = await getInspection(ctx, actor, inspectionId);
  return detail.findings.find((f) => f.id === findingId)!;
}
