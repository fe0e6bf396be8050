import { recordAudit } from '../../platform/audit';
import type { DemoState, DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { branchMeetings } from '../meetings/api';
import { branchTalks } from '../talks/api';
import {
  addDays,
  buildItems,
  defaultPeriod,
  type RecordLink,
  type RectificationEvent,
  STANDARD_ITEMS,
} from './rules';
import {
  checklistEntity,
  checklists,
  findingEntity,
  findings,
  inspectionEntity,
  inspections,
  rectificationEntity,
  rectifications,
} from './tables';

/**
 * The committee's checklist in two versions, and four inspections: the demo general branch's online
 * inspection of the demo branch (one rectification closed, one open, one overdue — the phone test
 * answers the open one), the committee's on-site inspection in another general branch (one closed, one
 * waiting for acceptance), its online inspection of a neighbour branch (one reopened, one closed), and
 * an inspection still in progress.
 */

type Rect = {
  item: string;
  finding: string;
  requirement: string;
  dueIn: number;
  /** Days ago answered, closed; a reopening (days ago, new deadline in days). */
  answered?: number;
  closed?: number;
  reopened?: { ago: number; dueIn: number; comment: string };
};
interface Plan {
  inspector: 'committee' | 'general';
  branch: (s: DemoState) => string;
  title: string;
  mode: 'online' | 'on_site';
  ago: number;
  completed: boolean;
  passes: [string, string][];
  rects: Rect[];
  links?: boolean;
}

const ITEMS = buildItems(STANDARD_ITEMS).items;
const title = (n: number) => ITEMS[n].title;
const key = (t: string) => ITEMS.find((i) => i.title === t)?.key ?? null;

const inGeneral = (s: DemoState, generalId: string, nth: number) =>
  s.orgs.filter((o) => o.type === 'branch' && o.parentId === generalId)[nth]?.id;
const otherGeneral = (s: DemoState) =>
  s.orgs.find((o) => o.type === 'general_branch' && o.id !== s.demoGeneralId && inGeneral(s, o.id, 0))!.id;
const neighbour = (s: DemoState, nth: number) =>
  s.orgs.filter((o) => o.type === 'branch' && o.parentId === s.demoGeneralId && o.id !== s.demoBranchId)[nth]
    .id;

const PLANS: Plan[] = [
  {
    inspector: 'general',
    branch: (s) => s.demoBranchId,
    title: '四季度党支部标准化建设网上检查',
    mode: 'online',
    ago: 13,
    completed: true,
    links: true,
    passes: [[title(0), '“三会一课”按要求开展，会议记录完整，签到与照片齐全。']],
    rects: [
      {
        item: title(3),
        finding: '两名党员的年度谈心谈话未开展。',
        requirement: '本月内完成与两名党员的谈心谈话并录入系统。',
        dueIn: -3,
        answered: 6,
        closed: 4,
      },
      {
        item: title(4),
        finding: '党员违章后的帮教措施只有谈话，未明确包保人和帮教周期。',
        requirement: '为违章党员明确包保人，制定帮教计划，每月回访一次。',
        dueIn: 12,
      },
      {
        item: title(7),
        finding: '10月主题党日记录无活动照片，参加人数与签到不符。',
        requirement: '补充活动照片，核对并更正参加人数（补录须如实标注）。',
        dueIn: -2,
      },
    ],
  },
  {
    inspector: 'committee',
    branch: (s) => inGeneral(s, otherGeneral(s), 0),
    title: '段党委现场检查：党员作用发挥和台账资料',
    mode: 'on_site',
    ago: 40,
    completed: true,
    passes: [[title(5), '党员学习培训学时台账完整。']],
    rects: [
      {
        item: title(7),
        finding: '组织生活台账存在集中补记现象。',
        requirement: '按实际开展时间如实记录，补录的须标注补录。',
        dueIn: -20,
        answered: 25,
        closed: 18,
      },
      {
        item: title(4),
        finding: '党员安全示范岗未明确责任区域和目标。',
        requirement: '明确每个示范岗的责任区域、目标和包保人，上墙公示。',
        dueIn: 5,
        answered: 2,
      },
    ],
  },
  {
    inspector: 'committee',
    branch: (s) => neighbour(s, 0),
    title: '组织生活会和民主评议准备情况网上检查',
    mode: 'online',
    ago: 25,
    completed: true,
    passes: [],
    rects: [
      {
        item: title(2),
        finding: '民主评议党员方案未经支委会研究。',
        requirement: '召开支委会研究民主评议方案并记录。',
        dueIn: -10,
        answered: 12,
        reopened: { ago: 8, dueIn: 5, comment: '会议记录未体现对评议方案的讨论和决定，请补充。' },
      },
      {
        item: title(0),
        finding: '三季度支部党员大会只开了一次，议题单一。',
        requirement: '四季度按要求召开支部党员大会，议题结合安全生产。',
        dueIn: -5,
        answered: 9,
        closed: 6,
      },
    ],
  },
  {
    inspector: 'general',
    branch: (s) => neighbour(s, 1),
    title: '党员教育培训落实情况网上检查',
    mode: 'online',
    ago: 2,
    completed: false,
    passes: [[title(5), '本年党员集中学习平均 26 学时，进度正常。']],
    rects: [],
  },
];

const at = (now: Date, daysAgo: number, hours = 0) =>
  new Date(now.getTime() - daysAgo * 86_400_000 + hours * 3_600_000);

export const demoInspection: DemoStep = async (ctx, state) => {
  const { tenantId, today, now } = state;
  const actor = state.system;
  const v1 = newId();
  const v2 = newId();
  const checklistRows: (typeof checklists.$inferInsert)[] = [
    {
      id: v1,
      tenantId,
      orgId: state.committeeId,
      familyId: v1,
      version: 1,
      name: '党支部标准化建设检查清单',
      items: ITEMS.slice(0, 7),
      status: 'superseded',
      createdByName: '段党委组织部',
      createdAt: at(now, 200),
    },
    {
      id: v2,
      tenantId,
      orgId: state.committeeId,
      familyId: v1,
      version: 2,
      name: '党支部标准化建设检查清单',
      items: ITEMS,
      status: 'active',
      createdByName: '段党委组织部',
      createdAt: at(now, 60),
    },
  ];
  const insRows: (typeof inspections.$inferInsert)[] = [];
  const findRows: (typeof findings.$inferInsert)[] = [];
  const rectRows: (typeof rectifications.$inferInsert)[] = [];
  for (const p of PLANS) {
    const branchId = p.branch(state);
    const inspectorId = p.inspector === 'committee' ? state.committeeId : state.demoGeneralId;
    const by = p.inspector === 'committee' ? '段党委组织部' : '海拉尔站党总支';
    const on = addDays(today, -p.ago);
    const period = defaultPeriod(on, 3);
    const id = newId();
    insRows.push({
      id,
      tenantId,
      orgId: branchId,
      inspectorOrgId: inspectorId,
      checklistId: v2,
      title: p.title,
      mode: p.mode,
      periodFrom: period.from,
      periodTo: period.to,
      inspectedOn: on,
      status: p.completed ? 'completed' : 'open',
      summary: p.completed ? '支部基础工作总体规范，存在问题已下达整改，限期整改到位。' : null,
      createdByName: by,
      createdAt: at(now, p.ago, -1),
      completedAt: p.completed ? at(now, p.ago, 1) : null,
      completedByName: p.completed ? by : null,
    });
    let links: RecordLink[] = [];
    if (p.links) {
      const met = await branchMeetings(ctx.db, tenantId, branchId, period.from, period.to, 2);
      const talked = await branchTalks(ctx.db, tenantId, branchId, period.from, period.to, 1);
      links = [
        ...met.map((m) => ({
          kind: 'meeting' as const,
          id: m.id,
          label: `${m.heldOn} ${m.kindLabel}：${m.topic}`,
        })),
        ...talked.map((t) => ({
          kind: 'talk' as const,
          id: t.id,
          label: `${t.heldOn} ${t.kindLabel}（${t.personName}）`,
        })),
      ];
    }
    for (const [item, text] of p.passes) {
      findRows.push({
        id: newId(),
        tenantId,
        inspectionId: id,
        itemKey: key(item),
        item,
        verdict: 'pass',
        finding: text,
        links: links.filter((l) => l.kind === 'meeting'),
        createdByName: by,
        createdAt: at(now, p.ago),
      });
    }
    for (const r of p.rects) {
      const findingId = newId();
      findRows.push({
        id: findingId,
        tenantId,
        inspectionId: id,
        itemKey: key(r.item),
        item: r.item,
        verdict: 'problem',
        finding: r.finding,
        links: links.filter((l) => l.kind === 'talk' && r.item === title(3)),
        createdByName: by,
        createdAt: at(now, p.ago),
      });
      rectRows.push(
        rectRow(state, { id: newId(), findingId, inspectionId: id, branchId, by, ago: p.ago }, r),
      );
    }
  }
  await ctx.db.insert(checklists).values(checklistRows);
  await ctx.db.insert(inspections).values(insRows);
  await ctx.db.insert(findings).values(findRows);
  await ctx.db.insert(rectifications).values(rectRows);
  const ev = (action: string, entity: typeof checklistEntity, ids: string[]) =>
    ids.map((id) => ({ tenantId, actor, action, target: { entity, id } }));
  await recordAudit(ctx.db, [
    ...ev('inspection_checklist.create', checklistEntity, [v1, v2]),
    ...ev(
      'inspection.create',
      inspectionEntity,
      insRows.map((r) => r.id!),
    ),
    ...ev(
      'inspection_finding.create',
      findingEntity,
      findRows.map((r) => r.id!),
    ),
    ...ev(
      'rectification.open',
      rectificationEntity,
      rectRows.map((r) => r.id!),
    ),
  ]);
};

/** A rectification row with its loop so far: answered, maybe reopened, maybe closed. */
function rectRow(
  state: DemoState,
  ids: { id: string; findingId: string; inspectionId: string; branchId: string; by: string; ago: number },
  r: Rect,
): typeof rectifications.$inferInsert {
  const { today, now } = state;
  const found = addDays(today, -ids.ago);
  const secretary = '支部书记';
  const history: RectificationEvent[] = [];
  const dueOn = addDays(today, r.dueIn);
  const row: typeof rectifications.$inferInsert = {
    id: ids.id,
    tenantId: state.tenantId,
    orgId: ids.branchId,
    inspectionId: ids.inspectionId,
    findingId: ids.findingId,
    item: r.item,
    requirement: r.requirement,
    foundOn: found,
    dueOn,
    rectifyBy: dueOn,
    status: 'open',
    history,
    createdAt: at(now, ids.ago),
  };
  if (r.answered !== undefined) {
    const answeredAt = at(now, r.answered, -2);
    const answer = '已按要求整改：召开支委会专题研究，明确责任人，相关记录已补充录入系统并附照片。';
    history.push({ kind: 'answer', at: answeredAt.toISOString(), actorName: secretary, content: answer });
    Object.assign(row, {
      status: 'answered',
      answer,
      firstAnsweredAt: answeredAt,
      answeredAt,
      answeredByName: secretary,
    });
  }
  if (r.reopened) {
    const reopenedAt = at(now, r.reopened.ago);
    const rectifyBy = addDays(today, r.reopened.dueIn);
    history.push({
      kind: 'reopen',
      at: reopenedAt.toISOString(),
      actorName: ids.by,
      comment: r.reopened.comment,
      rectifyBy,
    });
    Object.assign(row, { status: 'open', reopenCount: 1, rectifyBy });
  }
  if (r.closed !== undefined) {
    const closedAt = at(now, r.closed);
    history.push({
      kind: 'close',
      at: closedAt.toISOString(),
      actorName: ids.by,
      comment: '整改到位，予以销号。',
    });
    Object.assign(row, {
      status: 'closed',
      closedAt,
      closedByName: ids.by,
      closeComment: '整改到位，予以销号。',
    });
  }
  return row;
}
