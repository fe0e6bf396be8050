import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { addLedgerSheet, ledger, MAX_EXPORT_ROWS, newWorkbook, workbookBuffer } from '../../platform/excel';
import { listAnalyses } from './analyses';
import type {
  AnalysisListQuery,
  NoticeListQuery,
  ProjectListQuery,
  ViolationListQuery,
  WeakListQuery,
} from './contract';
import { listWeakPersons } from './mentoring';
import { getNotice, listNotices } from './notices';
import { listProjects } from './projects';
import { OBLIGATION_STATUS_LABELS } from './rules';
import { listViolations } from './violations';

/**
 * The module's Excel ledgers: each is the caller's list, scoped like it, capped at MAX_EXPORT_ROWS (a cut
 * file says so in its last row), and every download is an audit event.
 */

type Query<Q> = Omit<Q, 'page' | 'pageSize'>;
const MAX_ROWS = MAX_EXPORT_ROWS;

/** Records a download in the caller's audit chain (nothing changed, so no target). */
const exported = (ctx: AppContext, actor: Actor, action: string, details: Record<string, unknown>) =>
  ctx.db.transaction((tx) => audit(tx, actor, { action, details }));

export async function exportViolations(ctx: AppContext, actor: Actor, q: Query<ViolationListQuery>) {
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
      v.talk ? OBLIGATION_STATUS_LABELS[v.talk.status] : null,
      v.recordedByName,
    ]),
    total,
  );
  await exported(ctx, actor, 'violation.export', { count: items.length, total, filter: q });
  return { data, fileName: `违章违纪台账_${todayLocal()}.xlsx` };
}

/** One notice as a workbook: the notice with its violations, and the read receipts of the caller's view. */
export async function exportNotice(ctx: AppContext, actor: Actor, id: string) {
  const n = await getNotice(ctx, actor, id);
  const wb = newWorkbook();
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
  addLedgerSheet(
    wb,
    '阅读回执',
    [
      { header: '党支部', width: 30 },
      { header: '状态', width: 10 },
      { header: '阅读时间', width: 22 },
      { header: '确认人', width: 12 },
    ],
    n.receipts.map((r) => [r.orgName, r.readAt ? '已阅' : '未阅', r.readAt, r.readByName]),
  );
  await exported(ctx, actor, 'notice.export', { noticeId: id });
  return { data: await workbookBuffer(wb), fileName: `${n.title}.xlsx` };
}

export async function exportWeakPersons(ctx: AppContext, actor: Actor, q: Pick<WeakListQuery, 'orgId'>) {
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
  await exported(ctx, actor, 'weak_person.export', { count: items.length, total });
  return { data, fileName: `薄弱人包保台账_${todayLocal()}.xlsx` };
}

const STATUS_NAME: Record<string, string> = {
  open: '整改中',
  closed: '已闭环',
  active: '进行中',
  completed: '已结项',
};

/** 安全剖析台账: the caller's subtree, optionally one organization's and one status. */
export async function exportAnalyses(ctx: AppContext, actor: Actor, q: Query<AnalysisListQuery>) {
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
  await exported(ctx, actor, 'safety_analysis.export', { count: items.length, total, filter: q });
  return { data, fileName: `安全剖析台账_${todayLocal()}.xlsx` };
}

/** 重点攻关台账: the projects the caller sees (their subtree, or the ones they lead or work on). */
export async function exportProjects(ctx: AppContext, actor: Actor, q: Query<ProjectListQuery>) {
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
  await exported(ctx, actor, 'tackling_project.export', { count: items.length, total, filter: q });
  return { data, fileName: `重点攻关台账_${todayLocal()}.xlsx` };
}

/** 两违通报台账: the notices the caller issued or received, with read receipts of their subtree. */
export async function exportNotices(ctx: AppContext, actor: Actor, q: Query<NoticeListQuery>) {
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
  await exported(ctx, actor, 'notice.list_export', { count: items.length, total, filter: q });
  return { data, fileName: `两违通报台账_${todayLocal()}.xlsx` };
}
