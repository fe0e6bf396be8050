import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { addLedgerSheet, type LedgerCell, newWorkbook, workbookBuffer } from '../../platform/excel';
import { compliance, complianceMatrix } from './compliance';
import type { ComplianceQuery } from './contract-compliance';
import { MEETING_KIND_LABELS, type MeetingKind } from './rules-kinds';

/**
 * The compliance view as a workbook, whole: every branch in scope by kind (held of owed, 补录, missing,
 * 未达到规定人数), the month grid of the year, and the legend with the rules and their articles. What the
 * page shows, for the 台账 and for print.
 */

const STATUS_WORDS: Record<string, string> = {
  green: '按期落实',
  yellow: '有缺项或补录',
  red: '未落实',
  pending: '本期未到期',
};

const pct = (v: number | null) => (v == null ? '' : `${Math.round(v * 100)}%`);

export async function exportCompliance(ctx: AppContext, actor: Actor, q: ComplianceQuery) {
  const today = todayLocal();
  const c = await compliance(ctx, actor, q, today);
  const kinds = c.requirements.map((r) => r.kind);
  const byBranch = new Map<string, Map<string, (typeof c.items)[number]>>();
  for (const i of c.items) {
    const m = byBranch.get(i.orgId) ?? new Map();
    m.set(i.kind, i);
    byBranch.set(i.orgId, m);
  }
  const cell = (i: (typeof c.items)[number] | undefined): LedgerCell => {
    if (!i || i.expected === 0) return '—';
    const notes = [
      i.late ? `补录${i.late}` : '',
      i.missing ? `缺${i.missing}` : '',
      i.invalid ? `未达人数${i.invalid}` : '',
    ].filter(Boolean);
    return `${i.held}/${i.expected}${notes.length ? `（${notes.join('，')}）` : ''}`;
  };
  const columns = [
    { header: '序号', width: 6 },
    { header: '党总支', width: 16 },
    { header: '党支部', width: 24 },
    ...kinds.map((k) => ({ header: MEETING_KIND_LABELS[k as MeetingKind], width: 14 })),
    { header: '完成率', width: 8 },
    { header: '状态', width: 12 },
    { header: '最近一次', width: 12 },
    { header: '静默', width: 6 },
    { header: '出勤率', width: 8 },
    { header: '换届', width: 16 },
  ];
  const rows = c.branches.map((b, i): LedgerCell[] => [
    i + 1,
    b.parentName ?? '',
    b.dissolvedOn ? `${b.name}（${b.dissolvedOn} 撤销）` : b.name,
    ...kinds.map((k) => cell(byBranch.get(b.orgId)?.get(k))),
    pct(b.completion),
    STATUS_WORDS[b.status],
    b.lastHeldOn ?? '',
    b.silent ? '静默' : '',
    pct(b.attendanceRate),
    b.term ? `${b.term.statusLabel}（至 ${b.term.endsOn}）` : '',
  ]);
  const period = `${c.period.from} 至 ${c.period.to}`;
  const wb = newWorkbook();
  addLedgerSheet(wb, `组织生活落实情况（${period}，统计至 ${today}）`, columns, rows).name = '落实情况';

  const matrix = await complianceMatrix(ctx, actor, { orgId: q.orgId, year: q.year }, today);
  const monthColumns = [
    { header: '党总支', width: 16 },
    { header: '党支部', width: 24 },
    ...matrix.months.map((m) => ({ header: `${Number(m.slice(5))}月`, width: 9 })),
  ];
  const monthRows = matrix.rows.map((r): LedgerCell[] => [
    r.parentName ?? '',
    r.name,
    ...r.cells.map((x) =>
      x.expected === 0
        ? '—'
        : `${x.held}/${x.expected}${x.status === 'pending' ? '' : ` ${STATUS_WORDS[x.status]}`}`,
    ),
  ]);
  addLedgerSheet(
    wb,
    `按月开展的组织生活（支委会、党小组会、主题党日）${q.year}年`,
    monthColumns,
    monthRows,
  ).name = '月度矩阵';

  const legend: LedgerCell[][] = [
    ...Object.entries(STATUS_WORDS).map(([k, v]) => [
      '图例',
      k === 'pending' ? '灰' : { green: '绿', yellow: '黄', red: '红' }[k]!,
      v,
    ]),
    ['图例', '3/4', '应开展 4 次，已开展 3 次（补录、缺项、未达到规定人数另注）'],
    ...c.requirements.map((r) => ['依据', r.kindLabel, r.basis]),
    ...c.rulesets.map((r) => ['规章', `《${r.name}》`, `${r.version}（${r.effectiveFrom} 起施行）`]),
  ];
  addLedgerSheet(
    wb,
    '图例与依据',
    [
      { header: '类别', width: 8 },
      { header: '项目', width: 24 },
      { header: '说明', width: 80 },
    ],
    legend,
  ).name = '图例与依据';
  const data = await workbookBuffer(wb);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, { action: 'meeting.compliance.export', details: { ...q, branches: rows.length } }),
  );
  return { data, fileName: `组织生活落实情况_${q.year}${q.quarter ? `Q${q.quarter}` : ''}.xlsx` };
}
