import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, manages, orgInPaths, seesMemberData } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { allowed, enforce, permitted } from '../../platform/policy';
import { iso, underOrg } from './common';
import type {
  CompleteProjectInput,
  Project,
  ProjectDetail,
  ProjectInput,
  ProjectListQuery,
  ProjectUpdateInput,
} from './contract';
import { canOnAnalysis, canOnProject, canOnViolation, canStartProjectIn, seesSafetyData } from './policy';
import { type PROJECT_STATUSES, VIOLATION_KIND_LABELS, type ViolationKind } from './rules';
import { loadSafetySettings } from './settings';
import {
  milestoneEntity,
  projectEntity,
  projectMilestones,
  projectUpdateEntity,
  projectUpdates,
  tacklingProjects,
} from './tables';

/** Field errors of a new project: people, analysis and violations must be in the caller's reach. */
async function checkProject(tx: Executor, actor: Actor, input: ProjectInput, vids: string[]) {
  const errors: Record<string, string> = {};
  const personIds = [...new Set([input.leaderPersonId, ...input.memberPersonIds])];
  const found = await queryRows<{ id: string; path: string }>(
    tx,
    sql`select p.id, o.path from people p join orgs o on o.id = p.org_id
        where p.id in (${uuidList(personIds)}) and p.tenant_id = ${actor.tenantId} and p.ended_on is null`,
  );
  const ok = (id: string) => found.some((f) => f.id === id && manages(actor, f.path));
  if (!ok(input.leaderPersonId)) errors.leaderPersonId = '负责人须为您管理范围内的在册人员';
  if (input.memberPersonIds.some((m) => !ok(m))) errors.memberPersonIds = '成员须为您管理范围内的在册人员';
  if (input.dueOn && input.dueOn < input.startedOn) errors.dueOn = '完成期限不能早于开始日期';
  if (input.analysisId) {
    const [a] = await queryRows<{ path: string }>(
      tx,
      sql`select o.path from safety_analyses a join orgs o on o.id = a.org_id where a.id = ${input.analysisId}
          and a.tenant_id = ${actor.tenantId}`,
    );
    if (!a || !manages(actor, a.path)) errors.analysisId = '关联的剖析不存在或不在您的管理范围内';
  }
  if (vids.length) {
    const vs = await queryRows<{ path: string }>(
      tx,
      sql`select o.path from violations v join orgs o on o.id = v.org_id where v.id in (${uuidList(vids)})
          and v.tenant_id = ${actor.tenantId}`,
    );
    if (vs.length !== vids.length || vs.some((v) => !manages(actor, v.path)))
      errors.violationIds = '关联的违章违纪须在您的管理范围内';
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

export async function createProject(ctx: AppContext, actor: Actor, input: ProjectInput) {
  return ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canStartProjectIn(actor, org));
    const vids = [...new Set(input.violationIds)];
    await checkProject(tx, actor, input, vids);
    const id = newId();
    await tx.insert(tacklingProjects).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      title: input.title,
      problem: input.problem,
      target: input.target,
      leaderPersonId: input.leaderPersonId,
      memberPersonIds: input.memberPersonIds.filter((m) => m !== input.leaderPersonId),
      analysisId: input.analysisId ?? null,
      violationIds: vids,
      startedOn: input.startedOn,
      dueOn: input.dueOn ?? null,
      createdAt: new Date(),
    });
    const ms = input.milestones.map((m, i) => ({
      id: newId(),
      tenantId: actor.tenantId,
      projectId: id,
      title: m.title,
      dueOn: m.dueOn,
      sortOrder: i,
    }));
    if (ms.length) await tx.insert(projectMilestones).values(ms);
    await audit(tx, actor, [
      {
        action: 'tackling_project.create',
        target: { entity: projectEntity, id },
        details: { orgId: org.id, title: input.title },
      },
      ...ms.map((m) => ({
        action: 'tackling_milestone.create',
        target: { entity: milestoneEntity, id: m.id },
      })),
    ]);
    return { id };
  });
}

type ProjectRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  problem: string;
  target: string;
  leader_person_id: string;
  leader_name: string;
  member_person_ids: string[] | string;
  analysis_id: string | null;
  violation_ids: string[] | string;
  started_on: string;
  due_on: string | null;
  status: (typeof PROJECT_STATUSES)[number];
  result: string | null;
  evaluation: string | null;
  completed_on: string | null;
  milestones_total: number;
  milestones_done: number;
};

const arr = (v: string[] | string): string[] => (typeof v === 'string' ? JSON.parse(v) : v);
const SELECT_P = sql`t.*, o.name as org_name, o.path as org_path, lp.name as leader_name,
  (select count(*)::int from tackling_milestones m where m.project_id = t.id) as milestones_total,
  (select count(*)::int from tackling_milestones m where m.project_id = t.id and m.done_on is not null) as milestones_done`;
const FROM_P = sql`tackling_projects t join orgs o on o.id = t.org_id join people lp on lp.id = t.leader_person_id`;

function resourceOf(r: ProjectRow) {
  return {
    tenantId: r.tenant_id,
    orgPath: r.org_path,
    leaderPersonId: r.leader_person_id,
    memberPersonIds: arr(r.member_person_ids),
    status: r.status,
  };
}

/** The analyses and violations linked from these projects that the caller may read: ids of others never leave. */
async function readableLinks(db: Executor, actor: Actor, rows: ProjectRow[]): Promise<Set<string>> {
  const vids = [...new Set(rows.flatMap((r) => arr(r.violation_ids)))];
  const aids = [...new Set(rows.flatMap((r) => (r.analysis_id ? [r.analysis_id] : [])))];
  const readable = new Set<string>();
  if (vids.length) {
    const vs = await queryRows<{ id: string; tenant_id: string; org_path: string; person_id: string }>(
      db,
      sql`select v.id, v.tenant_id, o.path as org_path, v.person_id from violations v join orgs o on o.id = v.org_id
          where v.id in (${uuidList(vids)})`,
    );
    for (const v of vs)
      if (
        allowed(
          canOnViolation(actor, 'read', {
            tenantId: v.tenant_id,
            orgPath: v.org_path,
            personId: v.person_id,
          }),
        )
      )
        readable.add(v.id);
  }
  if (aids.length) {
    const as = await queryRows<{ id: string; tenant_id: string; org_path: string; status: string }>(
      db,
      sql`select a.id, a.tenant_id, o.path as org_path, a.status from safety_analyses a join orgs o on o.id = a.org_id
          where a.id in (${uuidList(aids)})`,
    );
    for (const a of as)
      if (
        allowed(
          canOnAnalysis(actor, 'read', { tenantId: a.tenant_id, orgPath: a.org_path, status: a.status }),
        )
      )
        readable.add(a.id);
  }
  return readable;
}

function present(actor: Actor, r: ProjectRow, today: string, readable: Set<string>): Project {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    problem: r.problem,
    target: r.target,
    leaderPersonId: r.leader_person_id,
    leaderName: r.leader_name,
    memberPersonIds: arr(r.member_person_ids),
    // A member on the project sees it, not the violations of other workers that started it.
    analysisId: r.analysis_id && readable.has(r.analysis_id) ? r.analysis_id : null,
    violationIds: arr(r.violation_ids).filter((v) => readable.has(v)),
    startedOn: r.started_on,
    dueOn: r.due_on,
    overdue: r.status === 'active' && !!r.due_on && r.due_on < today,
    status: r.status,
    result: r.result,
    evaluation: r.evaluation,
    completedOn: r.completed_on,
    milestones: { total: r.milestones_total, done: r.milestones_done },
    actions: permitted((a) => canOnProject(actor, a, resourceOf(r)), ['update', 'complete'] as const),
  };
}

export async function listProjects(ctx: AppContext, actor: Actor, q: ProjectListQuery) {
  enforce(seesSafetyData(actor));
  const scope: SQL[] = seesMemberData(actor) ? [orgInPaths(sql`t.org_id`, managedPaths(actor))] : [];
  if (seesMemberData(actor) && actor.personId)
    scope.push(
      sql`t.leader_person_id = ${actor.personId}`,
      sql`t.member_person_ids @> ${JSON.stringify([actor.personId])}::jsonb`,
    );
  const parts: SQL[] = [
    sql`t.tenant_id = ${actor.tenantId}`,
    scope.length ? sql`(${sql.join(scope, sql` or `)})` : sql`false`,
    ...(await underOrg(ctx.db, actor, q.orgId)),
  ];
  if (q.status) parts.push(sql`t.status = ${q.status}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_P} where ${where}`,
  );
  const rows = await queryRows<ProjectRow>(
    ctx.db,
    sql`select ${SELECT_P} from ${FROM_P} where ${where} order by t.status, t.started_on desc, t.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const today = todayLocal();
  const readable = await readableLinks(ctx.db, actor, rows);
  return {
    items: rows.map((r) => present(actor, r, today, readable)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadProject(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await queryRows<ProjectRow>(
    ctx.db,
    sql`select ${SELECT_P} from ${FROM_P} where t.id = ${id} and t.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('攻关项目');
  enforce(canOnProject(actor, 'read', resourceOf(row)));
  return row;
}

/** The analysis that started the project, if the caller may read it. */
async function linkedAnalyses(db: Executor, actor: Actor, analysisId: string | null) {
  if (!analysisId) return [];
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
    org_name: string;
    org_path: string;
    period_from: string;
    period_to: string;
    status: string;
    root_causes: string;
  }>(
    db,
    sql`select a.id, a.tenant_id, o.name as org_name, o.path as org_path, a.period_from, a.period_to,
               a.status, a.root_causes
        from safety_analyses a join orgs o on o.id = a.org_id where a.id = ${analysisId}`,
  );
  return rows
    .filter((a) =>
      allowed(canOnAnalysis(actor, 'read', { tenantId: a.tenant_id, orgPath: a.org_path, status: a.status })),
    )
    .map((a) => ({
      id: a.id,
      orgName: a.org_name,
      periodFrom: a.period_from,
      periodTo: a.period_to,
      status: a.status,
      rootCauses: a.root_causes,
    }));
}

/** The violations that started the project, as far as the caller may read them. */
async function linkedViolations(db: Executor, actor: Actor, vids: string[]) {
  if (!vids.length) return [];
  const settings = await loadSafetySettings(db, actor.tenantId);
  const catName = new Map(settings.categories.map((c) => [c.code, c.name]));
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
    org_name: string;
    org_path: string;
    person_id: string;
    person_name: string;
    occurred_on: string;
    kind: ViolationKind;
    category: string;
    was_member: boolean;
  }>(
    db,
    sql`select v.id, v.tenant_id, o.name as org_name, o.path as org_path, v.person_id, p.name as person_name,
               v.occurred_on, v.kind, v.category, v.was_member
        from violations v join orgs o on o.id = v.org_id join people p on p.id = v.person_id
        where v.id in (${uuidList(vids)}) order by v.occurred_on desc, v.id`,
  );
  return rows
    .filter((v) =>
      allowed(
        canOnViolation(actor, 'read', { tenantId: v.tenant_id, orgPath: v.org_path, personId: v.person_id }),
      ),
    )
    .map((v) => ({
      id: v.id,
      occurredOn: v.occurred_on,
      personName: v.person_name,
      orgName: v.org_name,
      kindLabel: VIOLATION_KIND_LABELS[v.kind],
      categoryName: catName.get(v.category) ?? v.category,
      wasMember: v.was_member,
    }));
}

async function projectParts(db: Executor, id: string, members: string[]) {
  const milestones = await queryRows<{ id: string; title: string; due_on: string; done_on: string | null }>(
    db,
    sql`select id, title, due_on, done_on from tackling_milestones where project_id = ${id} order by sort_order, due_on`,
  );
  const updates = await queryRows<{
    id: string;
    on: string;
    note: string;
    recorded_by_name: string;
    recorded_at: Date;
  }>(
    db,
    sql`select id, "on", note, recorded_by_name, recorded_at from tackling_updates where project_id = ${id}
        order by "on" desc, recorded_at desc`,
  );
  const names = members.length
    ? await queryRows<{ id: string; name: string }>(
        db,
        sql`select id, name from people where id in (${uuidList(members)})`,
      )
    : [];
  return { milestones, updates, names };
}

export async function getProject(ctx: AppContext, actor: Actor, id: string): Promise<ProjectDetail> {
  const row = await loadProject(ctx, actor, id);
  const members = arr(row.member_person_ids);
  const { milestones, updates, names } = await projectParts(ctx.db, id, members);
  const today = todayLocal();
  const vids = arr(row.violation_ids);
  // What started the project, shown only as far as the caller may read it (a member on the project
  // doesn't see other workers' violations).
  const linked = await linkedViolations(ctx.db, actor, vids);
  return {
    ...present(actor, row, today, await readableLinks(ctx.db, actor, [row])),
    linkedAnalyses: await linkedAnalyses(ctx.db, actor, row.analysis_id),
    linkedViolations: linked,
    hiddenViolations: vids.length - linked.length,
    members: members.map((m) => ({ personId: m, name: names.find((n) => n.id === m)?.name ?? '' })),
    milestoneList: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      doneOn: m.done_on,
      overdue: !m.done_on && m.due_on < today,
    })),
    updates: updates.map((u) => ({
      id: u.id,
      on: u.on,
      note: u.note,
      recordedByName: u.recorded_by_name,
      recordedAt: iso(u.recorded_at),
    })),
  };
}

export async function addProjectUpdate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ProjectUpdateInput,
  today = todayLocal(),
) {
  const row = await loadProject(ctx, actor, id);
  enforce(canOnProject(actor, 'update', resourceOf(row)));
  if (input.on > today) throw invalid({ on: '进展日期不能晚于今天' });
  await ctx.db.transaction(async (tx) => {
    const uid = newId();
    await tx.insert(projectUpdates).values({
      id: uid,
      tenantId: actor.tenantId,
      projectId: id,
      on: input.on,
      note: input.note,
      recordedByName: actor.displayName,
      recordedAt: new Date(),
    });
    const events = [{ action: 'tackling_update.create', target: { entity: projectUpdateEntity, id: uid } }];
    if (input.milestoneId) {
      const done = await queryRows<{ id: string }>(
        tx,
        sql`update tackling_milestones set done_on = ${input.on} where id = ${input.milestoneId} and project_id = ${id}
            and done_on is null returning id`,
      );
      if (!done.length) throw invalid({ milestoneId: '节点不属于该项目或已完成' });
      events.push({
        action: 'tackling_milestone.done',
        target: { entity: milestoneEntity, id: input.milestoneId },
      });
    }
    await audit(tx, actor, events);
  });
}

export async function completeProject(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CompleteProjectInput,
  today = todayLocal(),
) {
  const row = await loadProject(ctx, actor, id);
  enforce(canOnProject(actor, 'complete', resourceOf(row)));
  const completedOn = input.completedOn ?? today;
  if (completedOn > today) throw invalid({ completedOn: '结项日期不能晚于今天' });
  if (completedOn < row.started_on) throw invalid({ completedOn: '结项日期不能早于开始日期' });
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update tackling_projects set status = 'completed', completed_on = ${completedOn}, result = ${input.result},
          evaluation = ${input.evaluation} where id = ${id} and status = 'active'`,
    );
    await audit(tx, actor, {
      action: 'tackling_project.complete',
      target: { entity: projectEntity, id },
    });
  });
}
