import { sql } from 'drizzle-orm';
import { type AuditedEntity, recordAudit } from '../../platform/audit';
import { queryRows } from '../../platform/db';
import type { DemoState, DemoStep } from '../../platform/demo';
import { newId } from '../../platform/ids';
import { addDays, addMonths, DEFAULT_CATEGORIES, talkDueOn } from './rules';
import {
  analysisEntity,
  followupEntity,
  mentoringFollowups,
  milestoneEntity,
  noticeEntity,
  noticeReceiptEntity,
  noticeReceipts,
  notices,
  noticeViolations,
  obligationEntity,
  projectEntity,
  projectMilestones,
  projectUpdateEntity,
  projectUpdates,
  safetyAnalyses,
  tacklingProjects,
  talkObligations,
  violationEntity,
  violations,
  weakPersonEntity,
  weakPersons,
} from './tables';

const DESCRIPTIONS: Record<string, string[]> = {
  receiving_departing: [
    '接车时未按规定立岗接车',
    '发车前未确认出站信号即显示发车信号',
    '未执行“眼看、手指、口呼”确认制度',
  ],
  shunting: [
    '调车作业未执行要道还道制度',
    '连结员未按规定检查车辆防溜',
    '调车作业中手信号显示不规范',
    '推进作业未派人在前端引导',
  ],
  signal_operation: ['办理进路前未确认区段空闲', '信号员未按规定复诵调度命令', '非正常接发列车未按规定登记'],
  passenger: ['旅客乘降组织时站台立岗不到位', '客运员未按规定检查危险品', '站台安全白线外旅客未及时劝阻'],
  freight: ['货运检查员装载加固检查漏项', '货物装载偏载未及时发现', '货运票据交接未签认'],
  labor_safety: ['横越线路未执行“一站、二看、三通过”', '作业时未穿防护服', '在钢轨上坐卧休息'],
  standard_phrases: ['联控用语不标准', '交接班用语不规范'],
  duty_discipline: ['班中脱岗二十分钟', '夜班打盹睡岗', '班中玩手机'],
  alcohol: ['班前饮酒被酒精检测仪查出'],
  equipment: ['未按规定检查对讲机电量', '道岔钩锁器未按规定加锁'],
  fire_safety: ['值班室违规使用电暖器'],
  other: ['未按规定参加安全学习'],
};
const CATEGORY_WEIGHTS: [string, number][] = [
  ['shunting', 24],
  ['receiving_departing', 18],
  ['labor_safety', 16],
  ['signal_operation', 9],
  ['standard_phrases', 8],
  ['duty_discipline', 8],
  ['passenger', 6],
  ['freight', 6],
  ['equipment', 3],
  ['alcohol', 1],
  ['fire_safety', 1],
];
function weighted<T>(rng: DemoState['rng'], items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[0][0];
}

const risk = (name: string) =>
  name.includes('离退休') ? 0 : /机关|中心/.test(name) ? 0.25 : /调车|运转|车号/.test(name) ? 1.6 : 1;

/**
 * A year of safety records: violations with their talk obligations (all open here: the talks demo step,
 * which runs next, closes most of them with talks), weak workers with mentors, notices, analyses, projects.
 */
export const demoSafety: DemoStep = async (ctx, state) => {
  const { rng, tenantId, today } = state;
  const actor = state.system;
  const yearAgo = addDays(today, -364);
  const branches = state.orgs.filter((o) => o.type === 'branch');
  const orgById = new Map(state.orgs.map((o) => [o.id, o]));
  const byBranch = new Map<string, DemoState['people']>();
  for (const p of state.people) {
    const list = byBranch.get(p.orgId) ?? [];
    list.push(p);
    byBranch.set(p.orgId, list);
  }
  const secretaryOf = new Map<string, DemoState['people'][number]>();
  for (const p of state.people)
    if (p.partyStatus === 'full' && !secretaryOf.has(p.orgId)) secretaryOf.set(p.orgId, p);
  const protectedIds = new Set(Object.values(state.holders));
  const isMember = (s: string) => s === 'full' || s === 'probationary';
  const now = state.now;
  const catName = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c.name]));
  const postOf = new Map(
    (
      await queryRows<{ id: string; post: string | null }>(
        ctx.db,
        sql`select id, post from people where tenant_id = ${tenantId}`,
      )
    ).map((p) => [p.id, p.post]),
  );

  type V = typeof violations.$inferInsert;
  const vRows: V[] = [];
  const addViolation = (
    personId: string,
    orgId: string,
    occurredOn: string,
    member: boolean,
    category?: string,
  ) => {
    const cat = category ?? weighted(rng, CATEGORY_WEIGHTS);
    const breach = cat === 'duty_discipline' || cat === 'alcohol' ? 'discipline_breach' : 'rule_breach';
    const row: V = {
      id: newId(),
      tenantId,
      orgId,
      personId,
      kind: breach,
      occurredOn,
      place: `${orgById.get(orgId)?.station ?? ''}站`,
      post: postOf.get(personId) ?? null,
      category: cat,
      severity: weighted(rng, [
        ['c', 62],
        ['b', 30],
        ['a', 8],
      ] as [string, number][]),
      source: weighted(rng, [
        ['inspection', 50],
        ['video', 35],
        ['self_report', 10],
        ['other', 5],
      ] as [string, number][]),
      description: rng.pick(DESCRIPTIONS[cat] ?? DESCRIPTIONS.other),
      wasMember: member,
      recordedBy: null,
      recordedByName: rng.pick(['段安全科', '车间安全员', '视频监控分析室']),
      // Recorded on the day (18:00 in Shanghai), which is what the talk deadlines below assume.
      recordedAt: new Date(Math.min(Date.parse(`${occurredOn}T10:00:00Z`), now.getTime())),
    };
    vRows.push(row);
    return row;
  };

  // About 4 violations per 100 employees a year; members break rules about half as often.
  const weights = branches.map(
    (b) => (byBranch.get(b.id)?.length ?? 0) * risk(b.name) * (0.6 + rng.next() * 0.8),
  );
  const totalStaff = state.people.filter((p) => risk(orgById.get(p.orgId)?.name ?? '') > 0).length;
  const target = Math.round(totalStaff * 0.042);
  const sumW = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < target; k++) {
    let r = rng.next() * sumW;
    let bi = 0;
    while (r >= weights[bi] && bi < weights.length - 1) r -= weights[bi++];
    const branch = branches[bi];
    const staff = (byBranch.get(branch.id) ?? []).filter((p) => !protectedIds.has(p.id));
    if (!staff.length) continue;
    let person = rng.pick(staff);
    if (isMember(person.partyStatus) && rng.chance(0.5)) person = rng.pick(staff);
    addViolation(person.id, branch.id, rng.date(yearAgo, today), isMember(person.partyStatus));
  }
  // Repeat offenders, so the weak-worker rule has someone to propose.
  const repeaters = rng.shuffle([...vRows]).slice(0, 14);
  for (const v of repeaters) {
    const second = addDays(v.occurredOn, rng.int(12, 80));
    if (second <= today) addViolation(v.personId, v.orgId, second, v.wasMember);
  }
  // The demo branch: one talk due tomorrow-ish and one overdue (the talks step leaves the last week's open).
  const demoStaff = (byBranch.get(state.demoBranchId) ?? []).filter(
    (p) => !protectedIds.has(p.id) && !isMember(p.partyStatus),
  );
  addViolation(demoStaff[0].id, state.demoBranchId, addDays(today, -1), false, 'shunting');
  addViolation(demoStaff[1].id, state.demoBranchId, addDays(today, -6), false, 'labor_safety');
  addViolation(demoStaff[2].id, state.demoBranchId, addDays(today, -40), false, 'receiving_departing');
  addViolation(demoStaff[2].id, state.demoBranchId, addDays(today, -75), false, 'shunting');
  vRows.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : 1));

  // Talk obligations, due three days after the violation (recorded on the day).
  const oRows: (typeof talkObligations.$inferInsert)[] = vRows.map((v) => ({
    id: newId(),
    tenantId,
    orgId: v.orgId,
    personId: v.personId,
    violationId: v.id!,
    dueOn: talkDueOn(v.occurredOn, v.occurredOn, 3),
    talkId: null,
    doneOn: null,
    createdAt: now,
  }));

  // Weak workers: the repeaters, each with a full member of the same branch as mentor.
  const wRows: (typeof weakPersons.$inferInsert)[] = [];
  const fRows: (typeof mentoringFollowups.$inferInsert)[] = [];
  const counts = new Map<string, V[]>();
  for (const v of vRows) counts.set(v.personId, [...(counts.get(v.personId) ?? []), v]);
  const weakOnes = [...counts.values()].filter((list) => list.length >= 2);
  weakOnes.forEach((list, i) => {
    if (i % 4 === 3) return; // left for the rule to propose
    const last = list[list.length - 1];
    const mentors = (byBranch.get(last.orgId) ?? []).filter(
      (p) => p.partyStatus === 'full' && p.id !== last.personId && !protectedIds.has(p.id),
    );
    if (!mentors.length) return;
    const startedOn =
      addDays(last.occurredOn, rng.int(2, 10)) > today ? today : addDays(last.occurredOn, rng.int(2, 10));
    const ended = addMonths(startedOn, 6) <= today && rng.chance(0.7);
    const endedOn = ended ? addMonths(startedOn, 6) : null;
    const id = newId();
    wRows.push({
      id,
      tenantId,
      orgId: last.orgId,
      personId: last.personId,
      mentorPersonId: rng.pick(mentors).id,
      source: 'rule',
      reason: `${list.length}次违章违纪（${list.map((v) => catName.get(v.category)).join('、')}）`,
      goals: '半年内不发生违章违纪，作业标准化达标',
      startedOn,
      endedOn,
      outcome: ended ? (rng.chance(0.8) ? 'improved' : 'not_improved') : null,
      outcomeNote: ended ? '包保期满，经班组评议' : null,
      createdAt: now,
    });
    for (let m = 1; ; m++) {
      const heldOn = addDays(addMonths(startedOn, m), -rng.int(0, 5));
      if (heldOn > (endedOn ?? today) || (!endedOn && rng.chance(0.12))) break;
      fRows.push({
        id: newId(),
        tenantId,
        weakPersonId: id,
        heldOn,
        note: rng.pick([
          '谈心一次，情绪稳定',
          '跟班作业检查，标准执行到位',
          '组织学习《技规》相关条款',
          '家访一次，了解家庭情况',
        ]),
        recordedByName: '包保党员',
        recordedAt: now,
      });
    }
  });

  // Members' rate per branch: the flagged ones write an analysis.
  const aRows: (typeof safetyAnalyses.$inferInsert)[] = [];
  const memberV = new Map<string, number>();
  for (const v of vRows) if (v.wasMember) memberV.set(v.orgId, (memberV.get(v.orgId) ?? 0) + 1);
  const flagged = [...memberV]
    .map(([orgId, n]) => ({
      orgId,
      rate:
        (n / Math.max(1, (byBranch.get(orgId) ?? []).filter((p) => isMember(p.partyStatus)).length)) * 100,
    }))
    .filter((x) => x.rate > 5)
    .sort((a, b) => b.rate - a.rate)
    .slice(0, 4);
  flagged.forEach((f, i) => {
    const closed = i % 2 === 0;
    const createdOn = addDays(today, -rng.int(20, 120));
    aRows.push({
      id: newId(),
      tenantId,
      orgId: f.orgId,
      periodFrom: addDays(createdOn, -90),
      periodTo: createdOn,
      trigger: 'threshold',
      rootCauses: '部分党员安全意识淡化，班中盯控不到位；新职工业务不熟，老职工存在经验主义。',
      measures: '开展党员身边无违章活动；每周一次安全讲评；党员与新职工结对。',
      responsiblePersonId: secretaryOf.get(f.orgId)?.id ?? null,
      dueOn: addDays(createdOn, 60),
      status: closed ? 'closed' : 'open',
      closingComment: closed ? '整改措施落实，连续两月党员无违章，同意闭环' : null,
      closedOn: closed ? addDays(createdOn, rng.int(20, 50)) : null,
      closedByName: closed ? '党总支书记' : null,
      createdByName: secretaryOf.get(f.orgId)?.name ?? '支部书记',
      createdAt: now,
    });
  });
  for (const a of aRows) if (a.closedOn && a.closedOn > today) a.closedOn = today;

  // Key tackling projects at general-branch level.
  const generals = state.orgs.filter((o) => o.type === 'general_branch');
  const PROJECTS = [
    ['调车作业防溜攻关', '调车作业防溜措施落实不到位，全年防溜类违章占调车违章三成', '防溜类违章下降50%'],
    ['接发列车标准化攻关', '接发列车“眼看手指口呼”执行不彻底', '接发列车违章年内降为零'],
    ['冬季劳动安全攻关', '冬季线路作业横越线路违章多发', '冬季劳动安全违章下降40%'],
    ['视频监控问题整改攻关', '视频监控发现的作业不规范问题重复发生', '重复问题发生率下降60%'],
  ];
  const pRows: (typeof tacklingProjects.$inferInsert)[] = [];
  const mRows: (typeof projectMilestones.$inferInsert)[] = [];
  const uRows: (typeof projectUpdates.$inferInsert)[] = [];
  PROJECTS.forEach(([title, problem, goal], i) => {
    // Two projects grow out of the demo analyses: under the analysed branch's general branch.
    const source = i === 1 || i === 2 ? aRows[i - 1] : undefined;
    const g = source
      ? orgById.get(orgById.get(source.orgId)?.parentId ?? '')!
      : i === 0
        ? orgById.get(state.demoGeneralId)!
        : generals[(i * 5 + 2) % generals.length];
    const branchIds = branches.filter((b) => b.parentId === g.id).map((b) => b.id);
    const staff = branchIds.flatMap((id) => (byBranch.get(id) ?? []).filter((p) => p.partyStatus === 'full'));
    if (!staff.length) return;
    const drawn = addDays(today, -rng.int(60, 300));
    const afterAnalysis = source ? addDays(source.periodTo!, 7) : drawn;
    const startedOn = afterAnalysis > drawn ? (afterAnalysis > today ? today : afterAnalysis) : drawn;
    const completed = i === 3;
    const id = newId();
    const linked = vRows
      .filter(
        (v) => (source ? v.orgId === source.orgId : branchIds.includes(v.orgId)) && v.occurredOn <= startedOn,
      )
      .slice(-3);
    pRows.push({
      id,
      tenantId,
      orgId: g.id,
      title,
      problem,
      target: goal,
      leaderPersonId: staff[0].id,
      memberPersonIds: staff.slice(1, 5).map((p) => p.id),
      analysisId: source?.id ?? null,
      violationIds: linked.map((v) => v.id!),
      startedOn,
      dueOn: addMonths(startedOn, 9),
      status: completed ? 'completed' : 'active',
      result: completed ? '重复问题发生率下降65%，形成《视频监控问题闭环管理办法》' : null,
      evaluation: completed ? '达到攻关目标，评为段优秀攻关项目' : null,
      completedOn: completed ? today : null,
      createdAt: now,
    });
    ['调研分析', '制定措施', '组织实施', '总结评估'].forEach((m, k) => {
      const dueOn = addMonths(startedOn, (k + 1) * 2);
      mRows.push({
        id: newId(),
        tenantId,
        projectId: id,
        title: m,
        dueOn,
        doneOn: dueOn <= today && (completed || k < 2) ? dueOn : null,
        sortOrder: k,
      });
      if (dueOn <= today)
        uRows.push({
          id: newId(),
          tenantId,
          projectId: id,
          on: dueOn,
          note: `${m}阶段：${rng.pick(['召开攻关小组会议', '现场跟班写实', '组织专题培训', '对比分析违章数据'])}`,
          recordedByName: staff[0].name,
          recordedAt: now,
        });
    });
  });

  // Monthly notices of members' violations from the committee, read by most branches.
  const nRows: (typeof notices.$inferInsert)[] = [];
  const nvRows: (typeof noticeViolations.$inferInsert)[] = [];
  const rRows: (typeof noticeReceipts.$inferInsert)[] = [];
  for (let m = 3; m >= 1; m--) {
    const monthStart = `${addMonths(today, -m).slice(0, 7)}-01`;
    const monthEnd = addDays(addMonths(monthStart, 1), -1);
    const listed = vRows.filter((v) => v.wasMember && v.occurredOn >= monthStart && v.occurredOn <= monthEnd);
    // Issued five days after the month, never in the future (last month's notice may not be out yet).
    const issuedOn = addDays(monthEnd, 5) > today ? today : addDays(monthEnd, 5);
    const id = newId();
    nRows.push({
      id,
      tenantId,
      orgId: state.committeeId,
      title: `关于${Number(monthStart.slice(5, 7))}月份党员违章违纪情况的通报`,
      body: `${Number(monthStart.slice(5, 7))}月份全段共发生党员违章违纪${listed.length}件。各党支部要组织党员认真学习，举一反三，深刻吸取教训，发挥党员在安全生产中的先锋模范作用。`,
      issuedOn,
      issuedBy: null,
      issuedByName: '段党委',
      createdAt: now,
    });
    for (const v of listed) nvRows.push({ noticeId: id, violationId: v.id! });
    for (const b of branches)
      rRows.push({
        id: newId(),
        tenantId,
        noticeId: id,
        orgId: b.id,
        readAt: rng.chance(m === 1 ? 0.6 : 0.92)
          ? new Date(Math.min(Date.parse(issuedOn) + rng.int(1, 96) * 3_600_000, now.getTime()))
          : null,
        readBy: null,
        readByName: rng.chance(0.5) ? '支部书记' : null,
      });
  }

  const chunks = async <R>(rows: R[], insert: (part: R[]) => Promise<unknown>, size = 400) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  const db = ctx.db;
  await chunks(vRows, (part) => db.insert(violations).values(part));
  await chunks(oRows, (part) => db.insert(talkObligations).values(part));
  await chunks(wRows, (part) => db.insert(weakPersons).values(part));
  await chunks(fRows, (part) => db.insert(mentoringFollowups).values(part));
  await chunks(aRows, (part) => db.insert(safetyAnalyses).values(part));
  await chunks(pRows, (part) => db.insert(tacklingProjects).values(part));
  await chunks(mRows, (part) => db.insert(projectMilestones).values(part));
  await chunks(uRows, (part) => db.insert(projectUpdates).values(part));
  await chunks(nRows, (part) => db.insert(notices).values(part));
  await chunks(nvRows, (part) => db.insert(noticeViolations).values(part));
  await chunks(rRows, (part) => db.insert(noticeReceipts).values(part));

  const ev = (action: string, entity: AuditedEntity, ids: string[]) =>
    ids.map((id) => ({ tenantId, actor, action, target: { entity, id } }));
  await recordAudit(db, [
    ...ev(
      'violation.create',
      violationEntity,
      vRows.map((r) => r.id!),
    ),
    ...ev(
      'talk_obligation.open',
      obligationEntity,
      oRows.map((r) => r.id!),
    ),
    ...ev(
      'weak_person.create',
      weakPersonEntity,
      wRows.map((r) => r.id!),
    ),
    ...ev(
      'mentoring_followup.create',
      followupEntity,
      fRows.map((r) => r.id!),
    ),
    ...ev(
      'safety_analysis.create',
      analysisEntity,
      aRows.map((r) => r.id!),
    ),
    ...ev(
      'tackling_project.create',
      projectEntity,
      pRows.map((r) => r.id!),
    ),
    ...ev(
      'tackling_milestone.create',
      milestoneEntity,
      mRows.map((r) => r.id!),
    ),
    ...ev(
      'tackling_update.create',
      projectUpdateEntity,
      uRows.map((r) => r.id!),
    ),
    ...ev(
      'notice.create',
      noticeEntity,
      nRows.map((r) => r.id!),
    ),
    ...ev(
      'notice.receipt',
      noticeReceiptEntity,
      rRows.map((r) => r.id!),
    ),
  ]);
};
