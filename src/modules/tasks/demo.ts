import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { queryRows } from '../../platform/db';
import type { DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { Rng } from '../../platform/random';
import { prefillFor } from './prefill';
import { addDays, buildFields, type FieldInput, type StoredStatus, type TargetEvent } from './rules';
import { taskEntity, tasks, taskTargetEntity, taskTargets } from './tables';

/**
 * Tasks in every state: sent by the committee to every branch and by general branches to theirs, some
 * due soon, some past; answers pending, submitted, accepted, returned (with a new deadline), late and
 * overdue. The demo secretary's branch has one of each: a task to answer (the phone test answers it),
 * one returned, one waiting for review, one accepted and one overdue.
 */

type Mix = [StoredStatus | 'late', number][];
interface Plan {
  sender: 'committee' | 'demo_general' | 'other_general';
  /** Which branches receive it: every branch, the sender's subtree, or two general branches' subtrees. */
  scope: 'all' | 'own' | 'two_generals';
  title: string;
  content: string;
  createdDaysAgo: number;
  dueInDays: number;
  fields: FieldInput[];
  mix: Mix;
  /** The status of the demo secretary's branch, if it receives the task. */
  demoBranch?: StoredStatus;
  returnComment?: string;
}

const PLANS: Plan[] = [
  {
    sender: 'committee',
    scope: 'all',
    title: '报送本月党员人数及本季度组织生活开展情况',
    content:
      '为掌握各党支部党员队伍和“三会一课”落实情况，请各党支部核对系统统计的本月1日党员人数和本季度组织生活次数，确认无误后提交；与实际不符的，请修改并在回复中说明原因。',
    createdDaysAgo: 6,
    dueInDays: 7,
    fields: [
      { label: '党员人数', type: 'number', prefill: 'party_members_on_month_start' },
      { label: '本季度支部党员大会', type: 'number', prefill: 'branch_general_meetings_quarter' },
      { label: '本季度党课', type: 'number', prefill: 'party_lectures_quarter' },
      { label: '党员信息是否已核对', type: 'choice', options: ['已核对', '正在核对'] },
    ],
    mix: [
      ['pending', 30],
      ['submitted', 40],
      ['accepted', 25],
      ['returned', 5],
    ],
    demoBranch: 'pending',
  },
  {
    sender: 'committee',
    scope: 'all',
    title: '开展“党员安全示范岗”专题组织生活并报送情况',
    content:
      '各党支部结合冬季运输安全，开展一次“党员安全示范岗”专题组织生活，报送开展日期、参加人数和主要做法，并附现场照片。',
    createdDaysAgo: 30,
    dueInDays: -8,
    fields: [
      { label: '开展日期', type: 'date' },
      { label: '参加人数', type: 'number', unit: '人' },
    ],
    mix: [
      ['accepted', 68],
      ['late', 8],
      ['submitted', 10],
      ['pending', 14],
    ],
    demoBranch: 'returned',
    returnComment: '未说明参加人数中党员和群众各多少，主要做法过于笼统，请补充后重新上报。',
  },
  {
    sender: 'demo_general',
    scope: 'own',
    title: '党支部书记抓基层党建工作述职材料报送',
    content: '请各党支部书记按照述职提纲撰写述职材料（2000字以内），在回复中提交，总支将汇总后报段党委。',
    createdDaysAgo: 10,
    dueInDays: 12,
    fields: [],
    mix: [
      ['pending', 40],
      ['submitted', 60],
    ],
    demoBranch: 'submitted',
  },
  {
    sender: 'demo_general',
    scope: 'own',
    title: '三季度党费收缴情况统计',
    content: '请各党支部统计三季度党费收缴情况，报送应缴人数、实缴人数和收缴金额。',
    createdDaysAgo: 50,
    dueInDays: -35,
    fields: [
      { label: '应缴人数', type: 'number', unit: '人', prefill: 'party_members_on_month_start' },
      { label: '实缴人数', type: 'number', unit: '人' },
      { label: '收缴金额', type: 'number', unit: '元' },
    ],
    mix: [
      ['accepted', 70],
      ['late', 20],
      ['pending', 10],
    ],
    demoBranch: 'accepted',
  },
  {
    sender: 'committee',
    scope: 'two_generals',
    title: '11月主题党日活动开展情况报送',
    content: '请相关党支部报送本月主题党日活动的主题、开展日期和参加人数。',
    createdDaysAgo: 12,
    dueInDays: -2,
    fields: [
      { label: '活动主题', type: 'text' },
      { label: '开展日期', type: 'date' },
      { label: '参加人数', type: 'number', unit: '人' },
    ],
    mix: [
      ['accepted', 45],
      ['submitted', 20],
      ['late', 10],
      ['pending', 25],
    ],
    demoBranch: 'pending',
  },
  {
    sender: 'other_general',
    scope: 'own',
    title: '冬季防寒过冬党员包保责任落实情况',
    content: '请各党支部报送党员包保防寒过冬重点岗位落实情况。',
    createdDaysAgo: 8,
    dueInDays: 5,
    fields: [{ label: '包保岗位数', type: 'number', unit: '个' }],
    mix: [
      ['pending', 50],
      ['submitted', 30],
      ['accepted', 20],
    ],
  },
];

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let r = rng.next() * items.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[0][0];
}

/** A moment `days` before now (a day earlier than `today` at the same clock time). */
const daysAgo = (now: Date, days: number, hour = 0) =>
  new Date(now.getTime() - days * 86_400_000 + hour * 3_600_000);

export const demoTasks: DemoStep = async (ctx, state) => {
  const rng = new Rng(20_261_118);
  const { tenantId, today, now } = state;
  const branches = state.orgs.filter((o) => o.type === 'branch');
  const generals = state.orgs.filter((o) => o.type === 'general_branch');
  const otherGeneral = generals.find(
    (g) => g.id !== state.demoGeneralId && branches.some((b) => b.parentId === g.id),
  )!;
  const secretaries = new Map(
    (
      await queryRows<{ id: string; name: string }>(
        ctx.db,
        sql`select o.id, p.name from orgs o join people p on p.id = o.secretary_person_id where o.tenant_id = ${tenantId}`,
      )
    ).map((r) => [r.id, r.name]),
  );
  const senderOf = (p: Plan) =>
    p.sender === 'committee'
      ? state.orgs.find((o) => o.id === state.committeeId)!
      : p.sender === 'demo_general'
        ? generals.find((g) => g.id === state.demoGeneralId)!
        : otherGeneral;
  const receivers = (p: Plan, senderId: string) =>
    p.scope === 'all'
      ? branches
      : p.scope === 'own'
        ? branches.filter((b) => b.parentId === senderId)
        : branches.filter((b) => b.parentId === state.demoGeneralId || b.parentId === otherGeneral.id);

  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const targetRows: (typeof taskTargets.$inferInsert)[] = [];
  for (const plan of PLANS) {
    const sender = senderOf(plan);
    const reviewer = sender.type === 'committee' ? '段党委组织部' : sender.name;
    const { fields } = buildFields(plan.fields);
    const asOf = addDays(today, -plan.createdDaysAgo);
    const dueOn = addDays(today, plan.dueInDays);
    const id = newId();
    const createdAt = daysAgo(now, plan.createdDaysAgo, -1);
    taskRows.push({
      id,
      tenantId,
      orgId: sender.id,
      title: plan.title,
      content: plan.content,
      dueOn,
      remindDays: 3,
      requireFiles: false,
      fields,
      asOf,
      createdBy: null,
      createdByName: reviewer,
      createdAt,
    });
    const orgs = receivers(plan, sender.id);
    const prefill = await prefillFor(
      ctx.db,
      tenantId,
      fields,
      asOf,
      orgs.map((o) => o.id),
    );
    const sinceCreated = Math.max(1, plan.createdDaysAgo - 1);
    for (const org of orgs) {
      const drawn =
        org.id === state.demoBranchId && plan.demoBranch ? plan.demoBranch : weighted(rng, plan.mix);
      const late = drawn === 'late';
      const status: StoredStatus = late ? 'accepted' : drawn;
      const secretary = secretaries.get(org.id) ?? '支部书记';
      const values = answerValues(rng, fields, prefill.get(org.id) ?? {}, asOf);
      // Submitted within the window: on time before the deadline, or after it when late.
      const submitDaysAgo =
        late && plan.dueInDays < 0
          ? rng.int(0, Math.max(0, -plan.dueInDays - 1))
          : rng.int(Math.max(0, -plan.dueInDays) + (plan.dueInDays < 0 ? 1 : 0), sinceCreated);
      const submittedAt = daysAgo(now, Math.min(sinceCreated, submitDaysAgo), -rng.int(0, 5));
      const history: TargetEvent[] = [];
      const row: typeof taskTargets.$inferInsert = {
        id: newId(),
        tenantId,
        taskId: id,
        orgId: org.id,
        status,
        history,
      };
      if (status !== 'pending') {
        const content = `已按要求落实。${plan.fields.length ? '填报数据已核对。' : '述职材料如下：本年度支部围绕安全生产中心任务，落实“三会一课”，开展党员示范岗创建……'}`;
        history.push({
          kind: 'submit',
          at: submittedAt.toISOString(),
          actorName: secretary,
          content,
          values,
        });
        Object.assign(row, {
          content,
          values: fields.length ? values : null,
          prefilled: prefill.get(org.id) ?? null,
          firstSubmittedAt: submittedAt,
          submittedAt,
          submittedByName: secretary,
          submissions: 1,
        });
      }
      if (status === 'accepted' || status === 'returned') {
        const reviewedAt = new Date(
          Math.min(submittedAt.getTime() + rng.int(4, 40) * 3_600_000, now.getTime()),
        );
        const comment =
          status === 'returned' ? (plan.returnComment ?? '内容不完整，请补充后重新上报。') : null;
        const redoBy = status === 'returned' ? addDays(today, 4) : null;
        history.push({
          kind: status === 'accepted' ? 'accept' : 'return',
          at: reviewedAt.toISOString(),
          actorName: reviewer,
          comment,
          redoBy,
        });
        Object.assign(row, { reviewedAt, reviewerName: reviewer, reviewComment: comment, redoBy });
      }
      if (status === 'pending' && dueOn < today && rng.chance(0.6)) {
        const at = daysAgo(now, 1, -2);
        history.push({ kind: 'remind', at: at.toISOString(), actorName: reviewer, comment: '请抓紧报送' });
        row.remindedAt = at;
      }
      targetRows.push(row);
    }
  }
  await ctx.db.insert(tasks).values(taskRows);
  for (let i = 0; i < targetRows.length; i += 400)
    await ctx.db.insert(taskTargets).values(targetRows.slice(i, i + 400));
  const actor = state.system;
  await recordAudit(ctx.db, [
    ...taskRows.map((t) => ({
      tenantId,
      actor,
      action: 'task.create',
      target: { entity: taskEntity, id: t.id },
    })),
    ...targetRows.map((t) => ({
      tenantId,
      actor,
      action:
        t.status === 'pending'
          ? 'task.target'
          : t.status === 'accepted'
            ? 'task.accept'
            : t.status === 'returned'
              ? 'task.return'
              : 'task.submit',
      target: { entity: taskTargetEntity, id: t.id },
    })),
  ]);
};

/** What a branch fills in: the records' figure (now and then corrected by one), a date, a choice, words. */
function answerValues(
  rng: Rng,
  fields: ReturnType<typeof buildFields>['fields'],
  prefill: Record<string, number | null>,
  asOf: string,
): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const f of fields) {
    if (f.prefill) out[f.key] = (prefill[f.key] ?? 0) + (rng.chance(0.1) ? 1 : 0);
    else if (f.type === 'number') out[f.key] = f.unit === '元' ? rng.int(300, 2400) : rng.int(8, 30);
    else if (f.type === 'date') out[f.key] = addDays(asOf, rng.int(0, 5));
    else if (f.type === 'choice') out[f.key] = rng.chance(0.85) ? f.options![0] : f.options![1];
    else out[f.key] = rng.pick(['冬季安全生产我先行', '学习贯彻全会精神', '党员示范岗亮身份']);
  }
  return out;
}
