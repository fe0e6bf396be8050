import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { todayLocal } from '../../platform/dates';
import type { AppContext } from '../../server/context';
import { auditActor } from '../accounts/service';
import type { ViolationListQuery } from './contract';
import { listWeakPersons } from './mentoring';
import { getNotice } from './notices';
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

/** One sheet: a title row, a bold header and the rows; printable on A4 landscape. */
export async function ledger(
  title: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
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
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function audited(ctx: AppContext, actor: Actor, action: string, details: Record<string, unknown>) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, { tenantId: actor.tenantId, actor: auditActor(actor), action, details }),
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
  const { items } = await listWeakPersons(ctx, actor, { orgId: q.orgId, page: 1, pageSize: MAX_ROWS });
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
  );
  await audited(ctx, actor, 'weak_person.export', { count: items.length });
  return { data, fileName: `薄弱人包保台账_${todayLocal()}.xlsx` };
}
