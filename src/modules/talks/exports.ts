import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { ledger, MAX_EXPORT_ROWS } from '../../platform/excel';
import type { ObligationQuery, TalkListQuery } from './contract';
import { listObligations } from './obligations';
import { listTalks } from './talks';

/** Records a download in the caller's audit chain (nothing changed, so no target). */
const exported = (ctx: AppContext, actor: Actor, action: string, details: Record<string, unknown>) =>
  ctx.db.transaction((tx) => audit(tx, actor, { action, details }));

/** 谈心谈话台账: who, with whom, when, what kind; contents stay out of the file (they are read one by one). */
export async function exportTalks(
  ctx: AppContext,
  actor: Actor,
  q: Omit<TalkListQuery, 'page' | 'pageSize'>,
) {
  const { items, total } = await listTalks(ctx, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS });
  const data = await ledger(
    `谈心谈话台账（${q.from ?? '—'} 至 ${q.to ?? todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '谈话日期', width: 12 },
      { header: '谈话对象', width: 10 },
      { header: '党支部', width: 26 },
      { header: '类型', width: 14 },
      { header: '谈话人', width: 12 },
      { header: '记录人', width: 12 },
      { header: '补录', width: 6 },
    ],
    items.map((t, i) => [
      i + 1,
      t.heldOn,
      t.personName,
      t.orgName,
      t.kindLabel,
      t.talkerName,
      t.recordedByName,
      t.late ? '是' : '',
    ]),
    total,
  );
  await exported(ctx, actor, 'talk.export', { count: items.length, total, filter: q });
  return { data, fileName: `谈心谈话台账_${todayLocal()}.xlsx` };
}

/** 两违谈话任务台账: who is owed a talk after which violation, by when, and whether it happened. */
export async function exportObligations(
  ctx: AppContext,
  actor: Actor,
  q: Omit<ObligationQuery, 'page' | 'pageSize'>,
) {
  const { items, total } = await listObligations(ctx, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS });
  const data = await ledger(
    `两违谈话任务台账（${todayLocal()}）`,
    [
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '党支部', width: 26 },
      { header: '违章日期', width: 12 },
      { header: '违章情况', width: 40 },
      { header: '谈话期限', width: 12 },
      { header: '状态', width: 10 },
      { header: '谈话日期', width: 12 },
    ],
    items.map((o, i) => [
      i + 1,
      o.personName,
      o.orgName,
      o.violation.occurredOn,
      o.violation.description,
      o.dueOn,
      o.statusLabel,
      o.doneOn,
    ]),
    total,
  );
  await exported(ctx, actor, 'talk_obligation.export', { count: items.length, total, filter: q });
  return { data, fileName: `两违谈话任务台账_${todayLocal()}.xlsx` };
}
