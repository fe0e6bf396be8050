import { sql } from 'drizzle-orm';
import { type AuditedEntity, type AuditInput, recordAudit } from '../../platform/audit';
import type { DemoState, DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { Rng } from '../../platform/random';
import { computeResults, type RoundSpec } from './compute';
import { addDays, type ItemKind, periodLabel, type Source, unitOf } from './rules';
import {
  assessmentResults,
  assessmentRounds,
  assessmentScores,
  assessmentTemplates,
  assessmentZones,
  resultEntity,
  roundEntity,
  type StoredItem,
  scoreEntity,
  templateEntity,
  zoneEntity,
} from './tables';

/**
 * The demo's assessment: the committee's quarterly branch sheet (computed items from every module, an
 * inspector-scored item, deductions, a bonus, and 党费 waiting for the dues module), a sheet for 岗区考核;
 * last quarter's round closed (frozen) and this quarter's open with some items scored; responsibility
 * zones and model posts in the demo general branch and a dozen other branches, the demo member
 * responsible for one; a member round of the demo general branch closed last quarter.
 */

type ItemSpec = [string, Source, number, ItemKind?, StoredItem['rule']?, string?];

const item = ([name, source, maxPoints, kind, rule, criteria]: ItemSpec): StoredItem => ({
  id: newId(),
  name,
  kind:
    kind ??
    (source === 'manual'
      ? 'score'
      : ['overdue_talks', 'member_violations', 'overdue_rectifications', 'overdue_tasks'].includes(source)
        ? 'deduction'
        : 'score'),
  maxPoints,
  source,
  rule: rule ?? null,
  criteria: criteria ?? null,
});

const BRANCH_ITEMS: ItemSpec[] = [
  ['“三会一课”落实', 'meeting_compliance', 30],
  ['组织生活出勤', 'meeting_attendance', 10, 'score', { fullAt: 0.9 }],
  ['谈心谈话', 'talk_coverage', 10],
  ['学习学时', 'study_hours', 10],
  ['支部建设检查', 'manual', 35, 'score', null, '支部台账规范、阵地建设、党员作用发挥（现场或网上检查）'],
  ['党费按时交纳', 'dues_paid', 5],
  ['两违谈话逾期', 'overdue_talks', 5, 'deduction', { perUnit: 1 }],
  ['党员违章违纪', 'member_violations', 10, 'deduction', { perUnit: 0.5 }],
  ['整改逾期', 'overdue_rectifications', 10, 'deduction', { perUnit: 2 }],
  ['督办逾期', 'overdue_tasks', 10, 'deduction', { perUnit: 1 }],
  ['先进表彰', 'manual', 5, 'bonus', null, '受到段级及以上表彰的，每次加 2–5 分'],
];

const MEMBER_ITEMS: ItemSpec[] = [
  ['责任区（示范岗）目标完成', 'manual', 60, 'score', null, '对照设立时的目标逐项检查'],
  ['组织生活出勤', 'meeting_attendance', 20],
  ['学习学时', 'study_hours', 20],
  ['本人违章违纪', 'member_violations', 10, 'deduction', { perUnit: 5 }],
];

const ZONES = [
  ['zone', '咽喉区安全责任区', '站场咽喉区道岔及防溜设备', '咽喉区作业零违章，防溜设备每班检查到位'],
  ['zone', '到发线作业责任区', '到发线接发列车作业', '接发列车标准化作业，“眼看、手指、口呼”全员达标'],
  ['model_post', '党员安全示范岗', '值班员岗位', '本岗位连续安全生产，带动班组无违章'],
  ['zone', '候车室服务责任区', '候车室及站台旅客服务', '旅客满意率不低于98%，无责任投诉'],
  ['model_post', '调车作业示范岗', '调车长岗位', '调车作业标准化示范，帮带新职工2名'],
  ['zone', '设备巡检责任区', '信号设备及联控用语', '设备巡检无漏项，联控用语标准化'],
] as const;

const REASONS = [
  '台账齐全规范，党员作用发挥好',
  '阵地建设完善，个别台账记录不够及时',
  '组织生活记录完整，党员示范作用明显',
  '检查发现会议记录内容较简单，已当场指出',
  '支部工作有序，学习记录需进一步规范',
];

const dayTime = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export const demoAssessment: DemoStep = async (ctx, state) => {
  const rng = new Rng(0x5a55e5);
  const { tenantId, today } = state;
  const system = state.system;
  const events: AuditInput[] = [];
  const ev = (action: string, entity: AuditedEntity, id: string) =>
    events.push({ tenantId, actor: system, action, target: { entity, id } });

  // ---- zones and model posts
  const branches = state.orgs.filter((o) => o.type === 'branch');
  const own = branches.filter((b) => b.parentId === state.demoGeneralId);
  const others = branches.filter((b) => b.parentId !== state.demoGeneralId && !b.name.includes('离退休'));
  const withZones = [...own, ...others.filter((_, i) => i % 8 === 0)];
  const membersOf = (orgId: string) =>
    state.people.filter(
      (p) => p.orgId === orgId && (p.partyStatus === 'full' || p.partyStatus === 'probationary'),
    );
  const zoneRows: (typeof assessmentZones.$inferInsert)[] = [];
  for (const b of withZones) {
    const members = rng.shuffle([...membersOf(b.id)]);
    if (members.length < 2) continue;
    const count = b.id === state.demoBranchId ? 3 : rng.int(1, 3);
    for (let k = 0; k < count && members.length; k++) {
      const [kind, name, area, goals] = ZONES[(k + rng.int(0, 5)) % ZONES.length];
      const people = members.splice(0, rng.int(1, Math.min(3, members.length)));
      if (
        b.id === state.demoBranchId &&
        k === 0 &&
        state.holders.member &&
        !people.some((p) => p.id === state.holders.member)
      )
        people[0] = { ...people[0], id: state.holders.member };
      const startedOn = addDays(today, -rng.int(200, 700));
      const createdAt = dayTime(startedOn < b.establishedOn ? b.establishedOn : startedOn, 9);
      zoneRows.push({
        id: newId(),
        tenantId,
        orgId: b.id,
        kind,
        name,
        area,
        goals,
        personIds: [...new Set(people.map((p) => p.id))],
        startedOn: startedOn < b.establishedOn ? b.establishedOn : startedOn,
        createdBy: null,
        createdByName: '支部书记',
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  if (zoneRows.length) await ctx.db.insert(assessmentZones).values(zoneRows);
  for (const z of zoneRows) ev('assessment_zone.create', zoneEntity, z.id!);

  // ---- templates
  const created = dayTime(addDays(today, -400), 10);
  const template = (
    orgId: string,
    name: string,
    target: 'branch' | 'member',
    specs: ItemSpec[],
    description: string,
  ) => ({
    id: newId(),
    tenantId,
    orgId,
    familyId: newId(),
    version: 1,
    name,
    target,
    periodKind: 'quarter',
    description,
    bonusCap: target === 'branch' ? 5 : null,
    deductionCap: target === 'branch' ? 30 : null,
    items: specs.map(item),
    status: 'active',
    createdBy: null,
    createdByName: '段党委组织部',
    createdAt: created,
  });
  const branchSheet = template(
    state.committeeId,
    '党支部季度工作考核',
    'branch',
    BRANCH_ITEMS,
    '能由系统记录计算的项目自动计算，支部无需另行报送；支部建设检查由党委、党总支在线评分并写明理由。',
  );
  const memberSheet = template(
    state.committeeId,
    '党员责任区和示范岗考核',
    'member',
    MEMBER_ITEMS,
    '岗区考核：对照责任区、示范岗设立时的目标评分，出勤、学时、违章由系统计算。',
  );
  await ctx.db.insert(assessmentTemplates).values([branchSheet, memberSheet]);
  ev('assessment_template.create', templateEntity, branchSheet.id);
  ev('assessment_template.create', templateEntity, memberSheet.id);

  // ---- rounds: last quarter closed, this quarter open
  const current = unitOf('quarter', today);
  const last = unitOf('quarter', addDays(current.from, -1));
  const demoGeneral = state.orgs.find((o) => o.id === state.demoGeneralId)!;
  const committee = state.orgs.find((o) => o.id === state.committeeId)!;
  const round = (
    sheet: typeof branchSheet,
    org: typeof committee,
    p: { from: string; to: string },
    createdOn: string,
  ) => ({
    id: newId(),
    tenantId,
    orgId: org.id,
    templateId: sheet.id,
    name: `${org.name}${periodLabel(p)}${sheet.name}`,
    periodStart: p.from,
    periodEnd: p.to,
    status: 'open',
    createdBy: null,
    createdByName: sheet.target === 'branch' ? '段党委组织部' : demoGeneral.name,
    createdAt: dayTime(createdOn, 9),
  });
  const closedOn = addDays(last.to, 15) < today ? addDays(last.to, 15) : today;
  const rounds = [
    {
      row: round(branchSheet, committee, last, addDays(last.to, 3)),
      sheet: branchSheet,
      org: committee,
      close: true,
    },
    {
      row: round(memberSheet, demoGeneral, last, addDays(last.to, 4)),
      sheet: memberSheet,
      org: demoGeneral,
      close: true,
    },
    {
      row: round(
        branchSheet,
        committee,
        current,
        addDays(current.from, 7) < today ? addDays(current.from, 7) : today,
      ),
      sheet: branchSheet,
      org: committee,
      close: false,
    },
  ];
  await ctx.db.insert(assessmentRounds).values(rounds.map((r) => r.row));
  for (const r of rounds) ev('assessment_round.create', roundEntity, r.row.id);

  for (const r of rounds) {
    const spec: RoundSpec = {
      id: r.row.id,
      tenantId,
      orgPath: r.org.path,
      target: r.sheet.target as 'branch' | 'member',
      period: { from: r.row.periodStart, to: r.row.periodEnd },
      items: r.sheet.items,
      bonusCap: r.sheet.bonusCap,
      deductionCap: r.sheet.deductionCap,
    };
    const scoredOn = r.close ? closedOn : today;
    const subjects = await computeResults(ctx.db, spec, scoredOn);
    await scoreDemo(ctx, state, rng, r.row.id, r.sheet.items, subjects, r.close ? 1 : 0.35, scoredOn, events);
    if (!r.close) continue;
    const frozen = await computeResults(ctx.db, spec, closedOn);
    const at = dayTime(closedOn, 16);
    const rows = frozen.map((res) => ({
      id: newId(),
      tenantId,
      roundId: r.row.id,
      subjectId: res.subjectId,
      orgId: res.orgId,
      personId: res.personId,
      applicable: res.applicable,
      total: res.total,
      maxTotal: res.maxTotal,
      percent: res.percent,
      snapshot: res,
      createdAt: at,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await ctx.db.insert(assessmentResults).values(rows.slice(i, i + 100));
    await ctx.db
      .update(assessmentRounds)
      .set({
        status: 'closed',
        closedAt: at,
        closedBy: null,
        closedByName: r.row.createdByName,
        frozenOn: closedOn,
      })
      .where(sql`id = ${r.row.id}`);
    ev('assessment_round.close', roundEntity, r.row.id);
    for (const x of rows) ev('assessment_result.freeze', resultEntity, x.id);
  }
  await recordAudit(ctx.db, events);
};

/** Inspectors' scores of the manual items: every subject of a closed round, a share of an open one's. */
async function scoreDemo(
  ctx: Parameters<DemoStep>[0],
  state: DemoState,
  rng: Rng,
  roundId: string,
  items: StoredItem[],
  subjects: { subjectId: string; orgId: string; applicable: boolean }[],
  share: number,
  on: string,
  events: AuditInput[],
) {
  const rows: (typeof assessmentScores.$inferInsert)[] = [];
  for (const s of subjects) {
    if (!s.applicable || !rng.chance(share)) continue;
    for (const i of items.filter((x) => x.source === 'manual')) {
      if (i.kind === 'bonus' && !rng.chance(0.15)) continue;
      const points =
        i.kind === 'bonus' ? rng.int(2, i.maxPoints) : Math.round(i.maxPoints * (0.65 + rng.next() * 0.35));
      rows.push({
        id: newId(),
        tenantId: state.tenantId,
        roundId,
        subjectId: s.subjectId,
        orgId: s.orgId,
        itemId: i.id,
        points,
        reason: i.kind === 'bonus' ? '获段党委“先进基层党组织”表彰' : rng.pick(REASONS),
        scoredBy: null,
        scoredByName: '段党委组织部',
        scoredAt: dayTime(addDays(on, -rng.int(0, 5)), 14),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await ctx.db.insert(assessmentScores).values(rows.slice(i, i + 200));
  for (const r of rows)
    events.push({
      tenantId: state.tenantId,
      actor: state.system,
      action: 'assessment_score.set',
      target: { entity: scoreEntity, id: r.id! },
    });
}
