import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../platform/access';
import { actorRef, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { listAnalyses } from './analyses';
import type { ViolationListQuery } from './contract';
import { listWeakPersons } from './mentoring';
import { getNotice, listNotices } from './notices';
import { listProjects } from './projects';
import { listViolations } from './service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 5000;

export function sendXlsx(reply: FastifyReply, data: Buffer, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(data);
}

export const MAX_EXPORT_ROWS = MAX_ROWS;

/** The last row of a ledger cut at the row cap, so nobody takes a partial file for the whole. */
export const truncationNote = (shown: number, total: number): string | null =>
  total > shown
    ? `注意：仅导出前 ${shown} 条，共 ${total} 条；请缩小范围（组织、日期、状态）后分批导出。`
    : null;

/**
 * One sheet: a title row, a bold header and the rows; printable on A4 landscape. With `total` above the
 * rows given, a final row says the file was cut.
 */
export async function ledger(
  title: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
  total = rows.length,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Branchline 支部在线';
  const sheet = wb.addWorksheet(title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) sheet.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  const note = truncationNote(rows.length, total);
  if (note) {
    const last = sheet.addRow([note]);
    last.font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.mergeCells(last.number, 1, last.number, columns.length);
  }
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function audited(
  ctx: AppContext,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, { tenantId: actor.tenantId, actor: actorRef(actor), action, details }),
  );
}

export async function exportViolations(
  ctx: AppContext,
  actor: Actor,
  q: Omit<ViolationListQuery, 'page' | 'pageSize'>,
) {
  const { items, total } = await listViolations(ctx, actor, { ...q, page: 1, pageSize: MAX_ROWS });
  const data = await ledger(
    `违章违纪台账（${q.from ?? '—'} 至 ${q.to ?? todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '发生日期', width: 12 },
      { header: '姓名', width: 10 },
      { header: '政治面貌', width: 10 },
      { header: '所在党支部', width: 26 },
      { header: '岗位', width: 12 },
      { header: '类型', width: 8 },
      { header: '类别', width: 18 },
      { header: '严重程度', width: 12 },
      { header: '来源', width: 10 },
      { header: '地点', width: 16 },
      { header: '情况描述', width: 40 },
      { header: '谈话期限', width: 12 },
      { header: '谈话状态', width: 10 },
      { header: '录入人', width: 12 },
    ],
    items.map((v, i) => [
      i + 1,
      v.occurredOn,
      v.personName,
      v.wasMember ? '党员' : '非党员',
      v.orgName,
      v.post,
      v.kindLabel,
      v.categoryName,
      v.severityName,
      v.sourceLabel,
      v.place,
      v.description,
      v.talk?.dueOn ?? null,
      v.talk ? { open: '待谈话', overdue: '已逾期', done: '已谈话' }[v.talk.status] : null,
      v.recordedByName,
    ]),
    total,
  );
  await audited(ctx, actor, 'violation.export', { count: items.length, total, filter: q });
  return { data, fileName: `违章违纪台账_${todayLocal()}.xlsx` };
}

export async function exportNotice(ctx: AppContext, actor: Actor, id: string) {
  const n = await getNotice(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('通报');
  s1.columns = [{ width: 14 }, { width: 12 }, { width: 26 }, { width: 10 }, { width: 16 }, { width: 40 }];
  s1.addRow([n.title]).font = { bold: true, size: 14 };
  s1.mergeCells(1, 1, 1, 6);
  s1.addRow([`${n.orgName}　${n.issuedOn}`]);
  s1.addRow([n.body]);
  s1.mergeCells(3, 1, 3, 6);
  s1.getRow(3).alignment = { wrapText: true };
  s1.addRow([]);
  s1.addRow(['日期', '姓名', '党支部', '政治面貌', '类别', '情况']).font = { bold: true };
  for (const v of n.violations)
    s1.addRow([
      v.occurredOn,
      v.personName,
      v.orgName,
      v.wasMember ? '党员' : '非党员',
      v.categoryName,
      v.description,
    ]);
  const s2 = wb.addWorksheet('阅读回执');
  s2.columns = [{ width: 30 }, { width: 10 }, { width: 22 }, { width: 12 }];
  s2.addRow(['党支部', '状态', '阅读时间', '确认人']).font = { bold: true };
  for (const r of n.receipts) s2.addRow([r.orgName, r.readAt ? '已阅' : '未阅', r.readAt, r.readByName]);
  await audited(ctx, actor, 'notice.export', { noticeId: id });
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${n.title}.xlsx` };
}

export async function exportWeakPersons(ctx: AppContext, actor: Actor, q: { orgId?: string }) {
  const { items, total } = await listWeakPersons(ctx, actor, {
    orgId: q.orgId,
    page: 1,
    pageSize: MAX_ROWS,
  });
  const data = await ledger(
    '薄弱人包保台账',
    [
      { header: '序号', width: 6 },
      { header: '薄弱人', width: 10 },
      { header: '党支部', width: 26 },
      { header: '包保党员', width: 10 },
      { header: '原因', width: 30 },
      { header: '目标', width: 30 },
      { header: '开始日期', width: 12 },
      { header: '帮教次数', width: 10 },
      { header: '最近帮教', width: 12 },
      { header: '状态', width: 12 },
      { header: '结束日期', width: 12 },
    ],
    items.map((w, i) => [
      i + 1,
      w.personName,
      w.orgName,
      w.mentorName,
      w.reason,
      w.goals,
      w.startedOn,
      w.followupCount,
      w.lastFollowupOn,
      w.endedOn ? (w.outcomeLabel ?? '') : w.followupOverdue ? '帮教逾期' : '包保中',
      w.endedOn,
    ]),
    total,
  );
  await audited(ctx, actor, 'weak_person.export', { count: items.length, total });
  return { data, fileName: `薄弱人包保台账_${todayLocal()}.xlsx` };
}

const STATUS_NAME: Record<string, string> = {
  open: '整改中',
  closed: '已闭环',
  active: '进行中',
  completed: '已结项',
};

/** 安全剖析台账: the caller's subtree, optionally one organization's and one status. */
export async function exportAnalyses(ctx: AppContext, actor: Actor, q: { orgId?: string; status?: string }) {
  const { items, total } = await listAnalyses(ctx, actor, { ...q, page: 1, pageSize: MAX_ROWS });
  const data = await ledger(
    `安全剖析台账（${todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '党支部', width: 26 },
      { header: '剖析期间', width: 24 },
      { header: '起因', width: 12 },
      { header: '原因剖析', width: 40 },
      { header: '整改措施', width: 40 },
      { header: '责任人', width: 10 },
      { header: '整改期限', width: 12 },
      { header: '状态', width: 10 },
      { header: '闭环日期', width: 12 },
      { header: '闭环意见', width: 30 },
      { header: '填写人', width: 12 },
    ],
    items.map((a, i) => [
      i + 1,
      a.orgName,
      `${a.periodFrom} 至 ${a.periodTo}`,
      a.trigger === 'threshold' ? '超过阈值' : '自行剖析',
      a.rootCauses,
      a.measures,
      a.responsibleName,
      a.dueOn,
      a.overdue ? '整改逾期' : STATUS_NAME[a.status],
      a.closedOn,
      a.closingComment,
      a.createdByName,
    ]),
    total,
  );
  await audited(ctx, actor, 'safety_analysis.export', { count: items.length, total, filter: q });
  return { data, fileName: `安全剖析台账_${todayLocal()}.xlsx` };
}

/** 重点攻关台账: the projects the caller sees (their subtree, or the ones they lead or work on). */
export async function exportProjects(ctx: AppContext, actor: Actor, q: { orgId?: string; status?: string }) {
  const { items, total } = await listProjects(ctx, actor, { ...q, page: 1, pageSize: MAX_ROWS });
  const data = await ledger(
    `重点攻关台账（${todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '项目名称', width: 24 },
      { header: '牵头组织', width: 24 },
      { header: '负责人', width: 10 },
      { header: '存在问题', width: 36 },
      { header: '攻关目标', width: 30 },
      { header: '开始日期', width: 12 },
      { header: '完成期限', width: 12 },
      { header: '节点完成', width: 10 },
      { header: '状态', width: 10 },
      { header: '关联违章违纪', width: 12 },
      { header: '攻关成果', width: 30 },
      { header: '评价', width: 24 },
    ],
    items.map((p, i) => [
      i + 1,
      p.title,
      p.orgName,
      p.leaderName,
      p.problem,
      p.target,
      p.startedOn,
      p.dueOn,
      `${p.milestones.done}/${p.milestones.total}`,
      p.overdue ? '逾期' : STATUS_NAME[p.status],
      p.violationIds.length,
      p.result,
      p.evaluation,
    ]),
    total,
  );
  await audited(ctx, actor, 'tackling_project.export', { count: items.length, total, filter: q });
  return { data, fileName: `重点攻关台账_${todayLocal()}.xlsx` };
}

/** 两违通报台账: the notices the caller issued or received, with read receipts of their subtree. */
export async function exportNotices(ctx: AppContext, actor: Actor, q: { orgId?: string }) {
  const { items, total } = await listNotices(ctx, actor, { ...q, page: 1, pageSize: MAX_ROWS });
  const data = await ledger(
    `两违通报台账（${todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '通报日期', width: 12 },
      { header: '标题', width: 40 },
      { header: '发布组织', width: 24 },
      { header: '发布人', width: 12 },
      { header: '通报违章违纪（件）', width: 14 },
      { header: '已阅支部', width: 10 },
      { header: '应阅支部', width: 10 },
    ],
    items.map((n, i) => [
      i + 1,
      n.issuedOn,
      n.title,
      n.orgName,
      n.issuedByName,
      n.violationCount,
      n.receipts.read,
      n.receipts.total,
    ]),
    total,
  );
  await audited(ctx, actor, 'notice.list_export', { count: items.length, total, filter: q });
  return { data, fileName: `两违通报台账_${todayLocal()}.xlsx` };
}
