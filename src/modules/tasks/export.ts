import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { dayjs, todayLocal, ZONE } from '../../platform/dates';
import { type LedgerCell, ledger } from '../../platform/excel';
import { getTask } from './detail';

/**
 * All answers of a task as one sheet: one row per target the caller sees, the form's fields as columns
 * (with what the records said beside each prefilled one), the text, the files, the review. Every
 * download is an audit event.
 */

const time = (v: string | null) => (v ? dayjs(v).tz(ZONE).format('YYYY-MM-DD HH:mm') : null);

export async function exportTask(ctx: AppContext, actor: Actor, id: string, today = todayLocal()) {
  const t = await getTask(ctx, actor, id, today);
  const fieldColumns = t.fields.flatMap((f) => [
    { header: f.unit ? `${f.label}（${f.unit}）` : f.label, width: 14 },
    ...(f.prefill ? [{ header: `${f.label}·系统统计`, width: 12 }] : []),
  ]);
  const columns = [
    { header: '序号', width: 6 },
    { header: '组织', width: 28 },
    { header: '上级组织', width: 22 },
    { header: '状态', width: 8 },
    { header: '办理期限', width: 12 },
    { header: '提交时间', width: 17 },
    { header: '逾期提交', width: 8 },
    ...fieldColumns,
    { header: '回复内容', width: 48 },
    { header: '附件', width: 24 },
    { header: '审核人', width: 10 },
    { header: '审核意见', width: 30 },
  ];
  const rows: LedgerCell[][] = t.targets.map((r, i) => [
    i + 1,
    r.orgName,
    r.parentName,
    r.statusLabel,
    r.deadline,
    time(r.submittedAt),
    r.submittedAt ? (r.late ? '是' : '否') : null,
    ...t.fields.flatMap((f) => [
      r.values?.[f.key] ?? null,
      ...(f.prefill ? [r.prefilled?.[f.key] ?? null] : []),
    ]),
    r.content,
    r.files.map((f) => f.fileName).join('、') || null,
    r.reviewerName,
    r.reviewComment,
  ]);
  const data = await ledger(`${t.title}（${t.orgName}，截止 ${t.dueOn}）`, columns, rows);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, { action: 'task.export', entityId: id, details: { taskId: id, rows: rows.length } }),
  );
  return { data, fileName: `督办回复汇总_${t.title.slice(0, 40)}_${today}.xlsx` };
}
