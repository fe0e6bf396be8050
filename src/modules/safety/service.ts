import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/service';
import { tenantEntity } from '../../kernel/orgs/tables';
import {
  type Actor,
  managedPaths,
  manages,
  orgInPaths,
  pathsWithRole,
  personScope,
} from '../../platform/access';
import { actorRef, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows, uuidList } from '../../platform/db';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { openObligations } from '../talks/obligations';
import { obligationEntity } from '../talks/tables';
import {
  branchOnDate,
  isMemberOn,
  lastFollowupSql,
  loadPersonBrief,
  loadSafetySettings,
  managedRoot,
  requireMemberData,
} from './common';
import type { SettingsInput, ViolationInput, ViolationListQuery } from './contract';
import { weakCandidates } from './mentoring';
import { canEditSafetySettings, canOnViolation, canRecordViolationIn } from './policy';
import {
  addDays,
  analysisCovers,
  branchRates,
  elapsedMonths,
  nextFollowupDue,
  obligationStatus,
  periodOf,
  type SafetySettings,
  VIOLATION_KIND_LABELS,
  VIOLATION_SOURCE_LABELS,
  type ViolationKind,
  type ViolationSource,
} from './rules';
import { violationEntity, violations } from './tables';

export async function violationMeta(ctx: AppContext, actor: Actor) {
  requireMemberData(actor);
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  return {
    items: s.categories,
    severities: s.severities,
    kinds: Object.entries(VIOLATION_KIND_LABELS).map(([code, name]) => ({ code, name })),
    sources: Object.entries(VIOLATION_SOURCE_LABELS).map(([code, name]) => ({ code, name })),
  };
}

/** Records a violation in the worker's branch on that date and opens the secretary's talk obligation. */
export async function createViolation(
  ctx: AppContext,
  actor: Actor,
  input: ViolationInput,
  today = todayLocal(),
) {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPersonBrief(tx, actor.tenantId, input.personId);
    const branch = person ? await branchOnDate(tx, person.id, input.occurredOn) : null;
    if (
      !person ||
      actor.adminRole ||
      !(manages(actor, person.org_path) || (branch && manages(actor, branch.path)))
    )
      throw notFound('人员');
    if (input.occurredOn > today) throw invalid({ occurredOn: '发生日期不能晚于今天' });
    if (!branch)
      throw invalid({ occurredOn: '该日期此人不在任何党支部（早于入职或已离开），请核对发生日期' });
    if (!canRecordViolationIn(actor, branch))
      throw forbidden(`违章发生时此人属于${branch.name}，不在您的管理范围内，请由该支部或上级录入`);
    const settings = await loadSafetySettings(tx, actor.tenantId);
    const errors: Record<string, string> = {};
    if (!settings.categories.some((c) => c.code === input.category))
      errors.category = input.category
        ? `违章类别“${input.category}”不在本单位的类别列表中`
        : '请选择违章类别';
    const severity = input.severity ?? settings.severities[settings.severities.length - 1].code;
    if (!settings.severities.some((c) => c.code === severity))
      errors.severity = `严重程度“${severity}”不在本单位的分级中`;
    if (Object.keys(errors).length) throw invalid(errors);

    const id = newId();
    await tx.insert(violations).values({
      id,
      tenantId: actor.tenantId,
      orgId: branch.id,
      personId: person.id,
      kind: input.kind,
      occurredOn: input.occurredOn,
      place: input.place ?? null,
      post: input.post ?? person.post,
      category: input.category,
      severity,
      source: input.source ?? 'inspection',
      description: input.description,
      wasMember: isMemberOn(person, input.occurredOn),
      recordedBy: actor.accountId,
      recordedByName: actor.displayName,
      recordedAt: new Date(),
    });
    const [obligationId] = await openObligations(tx, [
      {
        tenantId: actor.tenantId,
        orgId: branch.id,
        personId: person.id,
        violationId: id,
        occurredOn: input.occurredOn,
        recordedOn: today,
        dueDays: settings.talkDueDays,
      },
    ]);
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'violation.create',
        target: { entity: violationEntity, id },
        details: { personId: person.id, orgId: branch.id, kind: input.kind, occurredOn: input.occurredOn },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'talk_obligation.open',
        target: { entity: obligationEntity, id: obligationId },
        details: { violationId: id },
      },
    ]);
    return { id };
  });
}

type ViolationRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  person_id: string;
  person_name: string;
  party_status: string;
  kind: ViolationKind;
  occurred_on: string;
  place: string | null;
  post: string | null;
  category: string;
  severity: string;
  source: ViolationSource;
  description: string;
  was_member: boolean;
  recorded_by_name: string;
  recorded_at: Date | string;
  obligation_id: string | null;
  due_on: string | null;
  done_on: string | null;
  talk_id: string | null;
};

const SELECT_V = sql`v.*, o.name as org_name, o.path as org_path, p.name as person_name, p.party_status,
  ob.id as obligation_id, ob.due_on, ob.done_on, ob.talk_id`;
const FROM_V = sql`violations v join orgs o on o.id = v.org_id join people p on p.id = v.person_id
  left join talk_obligations ob on ob.violation_id = v.id`;

function presentViolation(
  actor: Actor,
  r: ViolationRow,
  names: { categories: Map<string, string>; severities: Map<string, string> },
  today: string,
) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    personId: r.person_id,
    personName: r.person_name,
    wasMember: r.was_member,
    kind: r.kind,
    kindLabel: VIOLATION_KIND_LABELS[r.kind],
    occurredOn: r.occurred_on,
    place: r.place,
    post: r.post,
    category: r.category,
    categoryName: names.categories.get(r.category) ?? r.category,
    severity: r.severity,
    severityName: names.severities.get(r.severity) ?? r.severity,
    source: r.source,
    sourceLabel: VIOLATION_SOURCE_LABELS[r.source],
    description: r.description,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at instanceof Date ? r.recorded_at.toISOString() : String(r.recorded_at),
    talk: r.obligation_id
      ? {
          obligationId: r.obligation_id,
          dueOn: r.due_on!,
          status: obligationStatus(r.due_on!, r.done_on, today),
          talkId: r.talk_id,
        }
      : null,
    actions:
      manages(actor, r.org_path) && r.obligation_id && !r.talk_id
        ? (['record_talk'] as const)
        : ([] as const),
  };
}

async function nameMaps(ctx: AppContext, tenantId: string) {
  const s = await loadSafetySettings(ctx.db, tenantId);
  return {
    categories: new Map(s.categories.map((c) => [c.code, c.name])),
    severities: new Map(s.severities.map((c) => [c.code, c.name])),
  };
}

export async function listViolations(ctx: AppContext, actor: Actor, q: ViolationListQuery) {
  requireMemberData(actor);
  const parts: SQL[] = [
    sql`v.tenant_id = ${actor.tenantId}`,
    personScope(actor, sql`v.org_id`, sql`v.person_id`),
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.personId) parts.push(sql`v.person_id = ${q.personId}`);
  if (q.from) parts.push(sql`v.occurred_on >= ${q.from}`);
  if (q.to) parts.push(sql`v.occurred_on <= ${q.to}`);
  if (q.kind) parts.push(sql`v.kind = ${q.kind}`);
  if (q.category) parts.push(sql`v.category = ${q.category}`);
  if (q.membersOnly === 'true') parts.push(sql`v.was_member`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_V} where ${where}`,
  );
  const rows = await queryRows<ViolationRow>(
    ctx.db,
    sql`select ${SELECT_V} from ${FROM_V} where ${where}
        order by v.occurred_on desc, v.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const names = await nameMaps(ctx, actor.tenantId);
  const today = todayLocal();
  return {
    items: rows.map((r) => presentViolation(actor, r, names, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getViolation(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await queryRows<ViolationRow>(
    ctx.db,
    sql`select ${SELECT_V} from ${FROM_V} where v.id = ${id} and v.tenant_id = ${actor.tenantId}`,
  );
  if (
    !row ||
    !canOnViolation(actor, 'read', {
      tenantId: row.tenant_id,
      orgPath: row.org_path,
      personId: row.person_id,
    })
  )
    throw notFound('违章违纪记录');
  return presentViolation(actor, row, await nameMaps(ctx, actor.tenantId), todayLocal());
}

// ---- analysis ----

interface BranchAgg {
  id: string;
  name: string;
  parent_name: string | null;
  employees: number;
  members: number;
  violations: number;
  member_violations: number;
}

type Period = { from: string; to: string; months: number };

/**
 * Per branch counts of a period with rates, the threshold flag and the analysis that answers it, for the
 * branches whose path matches `branchPaths` (an SQL condition over `o.path`).
 */
async function branchFigures(
  db: AppContext['db'],
  tenantId: string,
  branchPaths: SQL,
  period: Period,
  today: string,
  settings: SafetySettings,
) {
  const ref = period.to < today ? period.to : today;
  const months = elapsedMonths(period, today);
  const branches = await queryRows<BranchAgg>(
    db,
    sql`with b as (
          select o.id, o.name, par.name as parent_name, o.path, o.sort_order, par.sort_order as parent_sort
          from orgs o left join orgs par on par.id = o.parent_id
          where o.tenant_id = ${tenantId} and o.type = 'branch' and ${branchPaths}
            and o.established_on <= ${period.to} and (o.dissolved_on is null or o.dissolved_on >= ${period.from})
        ),
        staff as (
          select m.org_id, count(*)::int as employees,
                 count(*) filter (where p.party_status in ('probationary','full')
                                  and (p.joined_party_on is null or p.joined_party_on <= ${ref}))::int as members
          from person_memberships m join people p on p.id = m.person_id
          where m.org_id in (select id from b) and m.valid_from <= ${ref} and (m.valid_to is null or m.valid_to > ${ref})
          group by m.org_id
        ),
        vio as (
          select v.org_id, count(*)::int as violations, count(*) filter (where v.was_member)::int as member_violations
          from violations v
          where v.tenant_id = ${tenantId} and v.org_id in (select id from b)
            and v.occurred_on between ${period.from} and ${period.to}
          group by v.org_id
        )
        select b.id, b.name, b.parent_name, coalesce(s.employees, 0) as employees, coalesce(s.members, 0) as members,
               coalesce(v.violations, 0) as violations, coalesce(v.member_violations, 0) as member_violations
        from b left join staff s on s.org_id = b.id left join vio v on v.org_id = b.id
        order by b.parent_sort nulls first, b.sort_order, b.name`,
  );
  const ids = branches.map((b) => b.id);
  const analyses = ids.length
    ? await queryRows<{ id: string; org_id: string; period_from: string; period_to: string; status: string }>(
        db,
        sql`select a.id, a.org_id, a.period_from, a.period_to, a.status from safety_analyses a
            where a.tenant_id = ${tenantId} and a.org_id in (${uuidList(ids)}) and a.period_to >= ${period.from}
            order by a.created_at desc, a.id desc`,
      )
    : [];
  return {
    months,
    items: branches.map((b) => {
      const counts = {
        employees: b.employees,
        members: b.members,
        violations: b.violations,
        memberViolations: b.member_violations,
      };
      const answer = analyses.find(
        (a) =>
          a.org_id === b.id && analysisCovers({ periodFrom: a.period_from, periodTo: a.period_to }, period),
      );
      return {
        orgId: b.id,
        orgName: b.name,
        parentName: b.parent_name,
        ...counts,
        nonMemberViolations: b.violations - b.member_violations,
        ...branchRates(counts, months, settings.memberRateThreshold, settings.flagMinViolations),
        analysis: answer ? { id: answer.id, status: answer.status } : null,
      };
    }),
  };
}

/** Per branch counts and rates for a year or a month, with the members' threshold flag. */
export async function safetyAnalysis(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; year?: number; month?: number },
  today = todayLocal(),
) {
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const year = q.year ?? Number(today.slice(0, 4));
  const period = periodOf(year, q.month);
  const like = `${root.path}%`;
  const { items, months } = await branchFigures(
    ctx.db,
    actor.tenantId,
    sql`o.path like ${like}`,
    period,
    today,
    settings,
  );
  const inScope = sql`v.tenant_id = ${actor.tenantId} and v.org_id in (select id from orgs where path like ${like})`;
  const byCat = await queryRows<{ org_id: string; category: string; severity: string; n: number; m: number }>(
    ctx.db,
    sql`select v.org_id, v.category, v.severity, count(*)::int as n, count(*) filter (where v.was_member)::int as m
        from violations v where ${inScope} and v.occurred_on between ${period.from} and ${period.to}
        group by v.org_id, v.category, v.severity`,
  );
  const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]));
  const branchCategories = new Map<string, Map<string, { count: number; memberCount: number }>>();
  for (const r of byCat) {
    const cats = branchCategories.get(r.org_id) ?? new Map();
    const e = cats.get(r.category) ?? { count: 0, memberCount: 0 };
    e.count += r.n;
    e.memberCount += r.m;
    cats.set(r.category, e);
    branchCategories.set(r.org_id, cats);
  }
  const trend = await queryRows<{ month: string; n: number; m: number }>(
    ctx.db,
    sql`select to_char(v.occurred_on, 'YYYY-MM') as month, count(*)::int as n,
               count(*) filter (where v.was_member)::int as m
        from violations v where ${inScope} and v.occurred_on between ${`${year}-01-01`} and ${`${year}-12-31`}
        group by 1 order by 1`,
  );

  const totalCounts = items.reduce(
    (acc, i) => ({
      employees: acc.employees + i.employees,
      members: acc.members + i.members,
      violations: acc.violations + i.violations,
      memberViolations: acc.memberViolations + i.memberViolations,
    }),
    { employees: 0, members: 0, violations: 0, memberViolations: 0 },
  );
  const { flagged: _f, ...totalRates } = branchRates(totalCounts, months, settings.memberRateThreshold);
  const sum = (key: 'category' | 'severity', list: { code: string; name: string }[]) => {
    const map = new Map<string, { count: number; memberCount: number }>();
    for (const r of byCat) {
      const e = map.get(r[key]) ?? { count: 0, memberCount: 0 };
      e.count += r.n;
      e.memberCount += r.m;
      map.set(r[key], e);
    }
    const known = list.map((c) => ({
      code: c.code,
      name: c.name,
      ...(map.get(c.code) ?? { count: 0, memberCount: 0 }),
    }));
    const unknown = [...map].filter(([code]) => !list.some((c) => c.code === code));
    return [...known, ...unknown.map(([code, e]) => ({ code, name: code, ...e }))];
  };
  const monthList = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return {
    org: { id: root.id, name: root.name, type: root.type },
    period: {
      year,
      month: q.month ?? null,
      from: period.from,
      to: period.to,
      elapsedMonths: Math.round(months * 100) / 100,
    },
    threshold: settings.memberRateThreshold,
    flagMinViolations: settings.flagMinViolations,
    items: items.map((i) => ({
      ...i,
      byCategory: [...(branchCategories.get(i.orgId) ?? [])]
        .map(([code, e]) => ({ code, name: categoryName.get(code) ?? code, ...e }))
        .sort((a, b) => b.count - a.count),
    })),
    totals: { ...totalCounts, ...totalRates },
    flagged: items.filter((i) => i.flagged).map((i) => i.orgId),
    flaggedWithoutAnalysis: items.filter((i) => i.flagged && !i.analysis).map((i) => i.orgId),
    byCategory: sum('category', settings.categories),
    bySeverity: sum('severity', settings.severities),
    trend: monthList.map((m) => {
      const t = trend.find((r) => r.month === m);
      return { month: m, violations: t?.n ?? 0, memberViolations: t?.m ?? 0 };
    }),
  };
}

/** The safety board of a level: the year's analysis plus what is overdue underneath. */
export async function safetyBoard(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; year?: number; month?: number },
) {
  const today = todayLocal();
  const analysis = await safetyAnalysis(ctx, actor, q, today);
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const like = `${root.path}%`;
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const under = (col: SQL) =>
    sql`${col} in (select id from orgs where path like ${like} and tenant_id = ${actor.tenantId})`;
  const [counts] = await queryRows<{
    open_talks: number;
    overdue_talks: number;
    weak_active: number;
    weak_overdue: number;
    analyses_open: number;
    projects_active: number;
    weak_improved: number;
    weak_not_improved: number;
  }>(
    ctx.db,
    sql`select
      (select count(*)::int from talk_obligations ob where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on >= ${today}) as open_talks,
      (select count(*)::int from talk_obligations ob where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on < ${today}) as overdue_talks,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.ended_on is null) as weak_active,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.ended_on is null
         and (coalesce(${lastFollowupSql}, w.started_on)
              + make_interval(months => ${settings.followupEveryMonths}))::date < ${today}) as weak_overdue,
      (select count(*)::int from safety_analyses a where ${under(sql`a.org_id`)} and a.status = 'open') as analyses_open,
      (select count(*)::int from tackling_projects t where ${under(sql`t.org_id`)} and t.status = 'active') as projects_active,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.outcome = 'improved'
         and w.ended_on between ${analysis.period.from} and ${analysis.period.to}) as weak_improved,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.outcome = 'not_improved'
         and w.ended_on between ${analysis.period.from} and ${analysis.period.to}) as weak_not_improved`,
  );
  const overdueTalks = await queryRows<{
    id: string;
    person_name: string;
    org_name: string;
    due_on: string;
    violation_id: string;
  }>(
    ctx.db,
    sql`select ob.id, p.name as person_name, o.name as org_name, ob.due_on, ob.violation_id
        from talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
        where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on < ${today}
        order by ob.due_on limit 20`,
  );
  const candidates = await weakCandidates(ctx, actor, { orgId: q.orgId, asOf: today });
  return {
    ...analysis,
    today,
    counts: {
      weakUncovered: candidates.items.length,
      openTalks: counts.open_talks,
      overdueTalks: counts.overdue_talks,
      weakActive: counts.weak_active,
      weakFollowupsOverdue: counts.weak_overdue,
      analysesOpen: counts.analyses_open,
      projectsActive: counts.projects_active,
      weakImproved: counts.weak_improved,
      weakNotImproved: counts.weak_not_improved,
    },
    overdueTalks: overdueTalks.map((o) => ({
      obligationId: o.id,
      personName: o.person_name,
      orgName: o.org_name,
      dueOn: o.due_on,
      violationId: o.violation_id,
    })),
  };
}

// ---- settings ----

export async function getSettings(ctx: AppContext, actor: Actor) {
  const root = await managedRoot(ctx.db, actor);
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  const [committee] = await queryRows<{ path: string }>(
    ctx.db,
    sql`select path from orgs where tenant_id = ${actor.tenantId} and type = 'committee' and parent_id is null limit 1`,
  );
  return { ...s, editable: !!committee && canEditSafetySettings(actor, committee.path), scope: root.name };
}

export async function updateSettings(ctx: AppContext, actor: Actor, input: SettingsInput) {
  await ctx.db.transaction(async (tx) => {
    const [committee] = await queryRows<{ path: string }>(
      tx,
      sql`select path from orgs where tenant_id = ${actor.tenantId} and type = 'committee' and parent_id is null limit 1`,
    );
    if (!committee || !canEditSafetySettings(actor, committee.path))
      throw forbidden('只有党委管理员可以修改安全设置');
    for (const key of ['categories', 'severities'] as const) {
      const list = input[key];
      if (list && new Set(list.map((c) => c.code)).size !== list.length)
        throw invalid({ [key]: '代码不能重复' });
    }
    const current = await loadSafetySettings(tx, actor.tenantId);
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    await tx.execute(
      sql`update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{safety}', ${JSON.stringify(next)}::jsonb)
          where id = ${actor.tenantId}`,
    );
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'safety.settings',
      target: { entity: tenantEntity, id: actor.tenantId },
      details: { changed: Object.keys(input).filter((k) => input[k as keyof SettingsInput] !== undefined) },
    });
  });
  return getSettings(ctx, actor);
}

export const ANALYSIS_TODO_LABEL = '本支部违章率超出阈值，需开展安全剖析';

/**
 * What the caller owes soon, for the home page's to-do: talks after violations (overdue first), mentoring
 * follow-ups due within a week, and an analysis (剖析) for each branch they are secretary of that is
 * flagged this year and has none. `counts` are counted in SQL; the lists show the first rows only.
 */
export async function safetyTodo(ctx: AppContext, actor: Actor, today = todayLocal()) {
  requireMemberData(actor);
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const paths = managedPaths(actor);
  const soon = addDays(today, 7);
  const owed = sql`ob.tenant_id = ${actor.tenantId} and ob.talk_id is null and ${orgInPaths(sql`ob.org_id`, paths)}`;
  const [talkCounts] = paths.length
    ? await queryRows<{ total: number; overdue: number }>(
        ctx.db,
        sql`select count(*)::int as total, count(*) filter (where ob.due_on < ${today})::int as overdue
            from talk_obligations ob where ${owed}`,
      )
    : [{ total: 0, overdue: 0 }];
  const talks = paths.length
    ? await queryRows<{
        id: string;
        person_id: string;
        person_name: string;
        org_name: string;
        violation_id: string;
        due_on: string;
      }>(
        ctx.db,
        sql`select ob.id, ob.person_id, p.name as person_name, o.name as org_name, ob.violation_id, ob.due_on
            from talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
            where ${owed} order by ob.due_on, ob.id limit 50`,
      )
    : [];
  const scope = [orgInPaths(sql`w.org_id`, paths)];
  if (actor.personId) scope.push(sql`w.mentor_person_id = ${actor.personId}`);
  const cases = await queryRows<{
    id: string;
    person_name: string;
    mentor_name: string;
    started_on: string;
    last: string | null;
  }>(
    ctx.db,
    sql`select w.id, p.name as person_name, m.name as mentor_name, w.started_on,
               ${lastFollowupSql} as last
        from weak_persons w join people p on p.id = w.person_id join people m on m.id = w.mentor_person_id
        where w.tenant_id = ${actor.tenantId} and w.ended_on is null and (${sql.join(scope, sql` or `)})`,
  );
  const followups = cases
    .map((c) => ({ ...c, due: nextFollowupDue(c.started_on, c.last, settings.followupEveryMonths) }))
    .filter((c) => c.due <= soon)
    .sort((a, b) => (a.due < b.due ? -1 : 1));
  const ownBranches = pathsWithRole(actor, ['branch_secretary']);
  const period = periodOf(Number(today.slice(0, 4)));
  const analyses = ownBranches.length
    ? (
        await branchFigures(
          ctx.db,
          actor.tenantId,
          sql`o.path in (${sql.join(
            ownBranches.map((p) => sql`${p}`),
            sql`, `,
          )})`,
          period,
          today,
          settings,
        )
      ).items.filter((b) => b.flagged && !b.analysis)
    : [];
  return {
    today,
    counts: {
      talks: talkCounts.total,
      talksOverdue: talkCounts.overdue,
      followups: followups.length,
      followupsOverdue: followups.filter((f) => f.due < today).length,
      analyses: analyses.length,
    },
    talks: talks.map((t) => ({
      obligationId: t.id,
      personId: t.person_id,
      personName: t.person_name,
      orgName: t.org_name,
      violationId: t.violation_id,
      dueOn: t.due_on,
      status: obligationStatus(t.due_on, null, today),
    })),
    followups: followups.map((f) => ({
      weakPersonId: f.id,
      personName: f.person_name,
      mentorName: f.mentor_name,
      dueOn: f.due,
      overdue: f.due < today,
    })),
    analyses: analyses.map((b) => ({
      orgId: b.orgId,
      orgName: b.orgName,
      label: ANALYSIS_TODO_LABEL,
      periodFrom: period.from,
      periodTo: today,
      memberViolations: b.memberViolations,
      memberRateYearly: b.memberRateYearly,
      threshold: settings.memberRateThreshold,
      link: `/safety/analyses?orgId=${b.orgId}`,
    })),
  };
}
