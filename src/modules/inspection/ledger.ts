import { sql } from 'drizzle-orm';
import { managedRoot } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { addLedgerSheet, MAX_EXPORT_ROWS, newWorkbook, workbookBuffer } from '../../platform/excel';
import { enforce } from '../../platform/policy';
import type { ExportQuery, LedgerQuery, RectificationLedger } from './contract';
import { viewsInspections } from './policy';
import { RECT_COLUMNS, RECT_FROM, type RectRow, rectStatusSql } from './queries';
import { presentItem, rectWhere } from './rectifications';
import { countRect, type RectCounts, type RectStatus } from './rules';

/**
 * The rectification ledger (整改台账) of a scope and period: open, answered, closed and overdue, per
 * branch and per check item; and its Excel file. The period is the day each item was found.
 */

function periodOf(q: LedgerQuery, today: string) {
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from) throw invalid({ to: '结束日期：不能早于开始日期' });
  return { from, to };
}

export async function rectificationLedger(
  ctx: AppContext,
  actor: Actor,
  q: LedgerQuery,
  today = todayLocal(),
): Promise<RectificationLedger> {
  enforce(viewsInspections(actor));
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const period = periodOf(q, today);
  const where = await rectWhere(ctx.db, actor, { orgId: root.id, ...period }, today);
  const rows = await queryRows<{
    org_id: string;
    org_name: string;
    parent_name: string | null;
    item: string;
    st: RectStatus;
  }>(
    ctx.db,
    sql`select r.org_id, o.name as org_name, p.name as parent_name, r.item, ${rectStatusSql(today)} as st
        from ${RECT_FROM} left join orgs p on p.id = o.parent_id where ${where}`,
  );
  const group = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, typeof rows>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const weakestFirst = (a: { counts: RectCounts }, b: { counts: RectCounts }) =>
    b.counts.overdue - a.counts.overdue || b.counts.open - a.counts.open || b.counts.total - a.counts.total;
  return {
    root: { id: root.id, name: root.name, type: root.type },
    period,
    today,
    totals: countRect(rows.map((r) => r.st)),
    byOrg: [...group((r) => r.org_id).values()]
      .map((list) => ({
        orgId: list[0].org_id,
        orgName: list[0].org_name,
        parentName: list[0].parent_name,
        counts: countRect(list.map((r) => r.st)),
      }))
      .sort(weakestFirst),
    byItem: [...group((r) => r.item).entries()]
      .map(([item, list]) => ({ item, counts: countRect(list.map((r) => r.st)) }))
      .sort(weakestFirst),
  };
}

const time = (v: string | null) => (v ? dayjs(v).tz(ZONE).format('YYYY-MM-DD HH:mm') : null);
const countCells = (c: RectCounts) => [c.total, c.open, c.overdue, c.answered, c.closed];
const COUNT_HEADERS = ['合计', '待整改', '已逾期', '待验收', '已销号'].map((header) => ({
  header,
  width: 9,
}));

/** The ledger as a workbook: every item, then the summary by check item and by branch. */
export async function exportRectifications(
  ctx: AppContext,
  actor: Actor,
  q: ExportQuery,
  today = todayLocal(),
) {
  const summary = await rectificationLedger(ctx, actor, q, today);
  const where = await rectWhere(
    ctx.db,
    actor,
    { orgId: summary.root.id, ...summary.period, status: q.status },
    today,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${RECT_FROM} where ${where}`,
  );
  const rows = await queryRows<RectRow & { finding: string }>(
    ctx.db,
    sql`select ${RECT_COLUMNS}, f.finding from ${RECT_FROM} join inspection_findings f on f.id = r.finding_id
        where ${where} order by o.path, r.found_on, r.id limit ${MAX_EXPORT_ROWS}`,
  );
  const wb = newWorkbook();
  const title = `${summary.root.name}整改台账（${summary.period.from} 至 ${summary.period.to}）`;
  addLedgerSheet(
    wb,
    '整改台账',
    [
      { header: '序号', width: 6 },
      { header: '党支部', width: 26 },
      { header: '检查', width: 24 },
      { header: '检查组织', width: 18 },
      { header: '检查项目', width: 20 },
      { header: '发现问题', width: 36 },
      { header: '整改要求', width: 30 },
      { header: '发现日期', width: 11 },
      { header: '整改期限', width: 11 },
      { header: '状态', width: 8 },
      { header: '整改情况', width: 36 },
      { header: '提交时间', width: 17 },
      { header: '逾期提交', width: 8 },
      { header: '销号时间', width: 17 },
      { header: '验收意见', width: 24 },
      { header: '退回次数', width: 8 },
    ],
    rows.map((r, i) => {
      const item = presentItem(r, today);
      return [
        i + 1,
        r.org_name,
        r.inspection_title,
        r.inspector_name,
        r.item,
        r.finding,
        r.requirement,
        r.found_on,
        r.rectify_by,
        item.statusLabel,
        r.answer,
        time(item.answeredAt),
        item.answeredAt ? (item.late ? '是' : '否') : r.due_on < today ? '是' : null,
        time(item.closedAt),
        r.close_comment,
        r.reopen_count,
      ];
    }),
    total,
  );
  addLedgerSheet(
    wb,
    '按检查项目',
    [{ header: '检查项目', width: 30 }, ...COUNT_HEADERS],
    summary.byItem.map((b) => [b.item, ...countCells(b.counts)]),
  );
  addLedgerSheet(
    wb,
    '按党支部',
    [{ header: '党支部', width: 30 }, { header: '上级组织', width: 22 }, ...COUNT_HEADERS],
    summary.byOrg.map((b) => [b.orgName, b.parentName, ...countCells(b.counts)]),
  );
  wb.getWorksheet('整改台账')!.getCell('A1').value = title;
  await ctx.db.transaction((tx) =>
    audit(tx, actor, {
      action: 'rectification.export',
      details: { ...summary.period, rootId: summary.root.id, rows: rows.length },
    }),
  );
  return { data: await workbookBuffer(wb), fileName: `整改台账_${summary.root.name}_${today}.xlsx` };
}
