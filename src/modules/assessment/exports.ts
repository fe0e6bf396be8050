import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { addLedgerSheet, type LedgerCell, newWorkbook, workbookBuffer } from '../../platform/excel';
import type { OverviewQuery } from './contract';
import { overview } from './overview';
import { resultsForExport } from './results';
import { roundEntity } from './tables';

/** Excel: a round's results (one sheet of totals, one of every item with its reading and evidence), the overview. */

const pctText = (v: number | null) => (v === null ? '' : `${v}%`);
const STATUS_TEXT: Record<string, string> = { green: '正常', yellow: '有缺项或补录', red: '缺项较多' };

export async function exportRound(ctx: AppContext, actor: Actor, id: string, today = todayLocal()) {
  const a = await resultsForExport(ctx, actor, id, today);
  const items = a.items[0]?.items ?? [];
  const member = a.round.target === 'member';
  const wb = newWorkbook();
  const head = [
    { header: member ? '党员' : '党支部', width: 22 },
    { header: member ? '党支部' : '所属组织', width: 20 },
    ...items.map((i) => ({
      header: `${i.name}（${i.kind === 'deduction' ? '扣' : i.kind === 'bonus' ? '加' : ''}${i.max}分）`,
      width: 14,
    })),
    { header: '得分', width: 10 },
    { header: '满分', width: 10 },
    { header: '得分率', width: 10 },
    ...(a.ranking ? [{ header: '排名', width: 8 }] : []),
    ...(a.stars ? [{ header: '星级', width: 8 }] : []),
    { header: '说明', width: 30 },
  ];
  const rows: LedgerCell[][] = a.items.map((r) => [
    member ? (r.personName ?? '') : r.orgName,
    member ? r.orgName : '',
    ...r.items.map((i) =>
      i.points === null ? (i.available ? (i.computed ? '不适用' : '待评分') : '未启用') : i.points,
    ),
    r.total,
    r.maxTotal,
    pctText(r.percent),
    ...(a.ranking ? [r.rank] : []),
    ...(a.stars ? [r.stars === null ? '' : '★'.repeat(r.stars)] : []),
    r.note ?? '',
  ]);
  addLedgerSheet(
    wb,
    `${a.round.name}（${a.round.status === 'closed' ? `${a.asOf} 冻结` : `截至 ${a.asOf}`}）`,
    head,
    rows,
  );
  const detail: LedgerCell[][] = a.items.flatMap((r) =>
    r.items.map((i) => [
      member ? (r.personName ?? '') : r.orgName,
      i.name,
      i.sourceLabel,
      i.points,
      i.max,
      i.valueText,
      i.reason ?? i.evidence.summary,
      i.evidence.records
        .slice(0, 50)
        .map((x) => `${x.date ? `${x.date} ` : ''}${x.title}${x.note ? `（${x.note}）` : ''}`)
        .join('\n'),
    ]),
  );
  addLedgerSheet(
    wb,
    '计分依据',
    [
      { header: member ? '党员' : '党支部', width: 20 },
      { header: '考核项目', width: 18 },
      { header: '数据来源', width: 14 },
      { header: '得分', width: 8 },
      { header: '分值', width: 8 },
      { header: '情况', width: 40 },
      { header: '依据说明', width: 40 },
      { header: '记录（前50条）', width: 60 },
    ],
    detail,
  );
  await ctx.db.transaction((tx) =>
    audit(tx, actor, {
      action: 'assessment_round.export',
      target: { entity: roundEntity, id },
      details: { subjects: a.items.length },
    }),
  );
  return { data: await workbookBuffer(wb), fileName: `${a.round.name}.xlsx` };
}

export async function exportOverview(ctx: AppContext, actor: Actor, q: OverviewQuery, today = todayLocal()) {
  const o = await overview(ctx, actor, q, today);
  const wb = newWorkbook();
  const sheet = addLedgerSheet(
    wb,
    `${o.org.name}党建工作总览（${o.period.label}，${o.today}）`,
    [
      { header: '党支部', width: 22 },
      { header: '党总支', width: 18 },
      { header: '党员', width: 6 },
      { header: '督办待回复', width: 10 },
      { header: '督办逾期', width: 9 },
      { header: '督办待审核', width: 10 },
      { header: '整改未完成', width: 10 },
      { header: '整改逾期', width: 9 },
      { header: '组织生活（应开/已开/未开）', width: 16 },
      { header: '组织生活状态', width: 12 },
      { header: '安全预警', width: 9 },
      { header: '党员违章（本年）', width: 10 },
      { header: '两违谈话逾期', width: 10 },
      { header: '最近考核', width: 26 },
      { header: '得分率', width: 9 },
      { header: '需关注', width: 40 },
    ],
    o.rows.map((r) => [
      r.orgName,
      r.parentName ?? '',
      r.members,
      r.tasks.available ? r.tasks.owed : '未启用',
      r.tasks.available ? r.tasks.overdue : '',
      r.tasks.available ? r.tasks.awaitingReview : '',
      r.rectifications.available ? r.rectifications.open : '未启用',
      r.rectifications.available ? r.rectifications.overdue : '',
      `${r.orgLife.due}/${r.orgLife.held}/${r.orgLife.missing}`,
      r.orgLife.status ? STATUS_TEXT[r.orgLife.status] : '尚无到期',
      r.safety.flagged ? '超预警线' : '',
      r.safety.memberViolations,
      r.safety.overdueTalks,
      r.assessment ? `${r.assessment.roundName}` : '',
      r.assessment ? pctText(r.assessment.percent) : '',
      r.concerns.join('；'),
    ]),
  );
  const note = sheet.addRow([o.orderNote]);
  sheet.mergeCells(note.number, 1, note.number, 16);
  note.alignment = { wrapText: true };
  await ctx.db.transaction((tx) =>
    audit(tx, actor, {
      action: 'assessment_overview.export',
      entityId: o.org.id,
      details: { orgId: o.org.id, period: o.period.label, rows: o.rows.length },
    }),
  );
  return { data: await workbookBuffer(wb), fileName: `${o.org.name}党建工作总览（${o.period.label}）.xlsx` };
}
