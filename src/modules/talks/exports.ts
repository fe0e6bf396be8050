import type { Actor } from '../../platform/access';
import { recordAudit } from '../../platform/audit';
import { todayLocal } from '../../platform/dates';
import type { AppContext } from '../../server/context';
import { auditActor } from '../accounts/service';
import { ledger } from '../safety/exports';
import type { TalkListQuery } from './contract';
import { listTalks } from './service';

/** 谈心谈话台账: who, with whom, when, what kind; contents stay out of the file (they are read one by one). */
export async function exportTalks(
  ctx: AppContext,
  actor: Actor,
  q: Omit<TalkListQuery, 'page' | 'pageSize'>,
) {
  const { items } = await listTalks(ctx, actor, { ...q, page: 1, pageSize: 5000 });
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
  );
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: auditActor(actor),
      action: 'talk.export',
      details: { count: items.length, filter: q },
    }),
  );
  return { data, fileName: `谈心谈话台账_${todayLocal()}.xlsx` };
}
