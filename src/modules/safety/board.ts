import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { lastFollowupSql, managedRoot } from './common';
import type { AnalysisQuery, BranchStat, SafetyAnalysis, SafetyBoard } from './contract';
import { weakCandidates } from './mentoring';
import {
  analysisCovers,
  branchRates,
  type CodeName,
  elapsedMonths,
  periodOf,
  type SafetySettings,
} from './rules';
import { loadSafetySettings } from './settings';

interface BranchAgg {
  id: string;
  name: string;
  parent_name: string | null;
  employees: number;
  members: number;
  violations: number;
  member_violations: number;
}

export type Period = { from: string; to: string; months: number };

/** Per branch: the staff and members on the reference date and the violations of the period. */
function branchCounts(db: Executor, tenantId: string, branchPaths: SQL, period: Period, ref: string) {
  return queryRows<BranchAgg>(
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
}

/** The analyses of these branches that could answer a flag of the period (newest first). */
function analysesSince(db: Executor, tenantId: string, ids: string[], period: Period) {
  if (!ids.length) return Promise.resolve([]);
  return queryRows<{ id: string; org_id: string; period_from: string; period_to: string; status: string }>(
    db,
    sql`select a.id, a.org_id, a.period_from, a.period_to, a.status from safety_analyses a
        where a.tenant_id = ${tenantId} and a.org_id in (${uuidList(ids)}) and a.period_to >= ${period.from}
        order by a.created_at desc, a.id desc`,
  );
}

/**
 * Per branch counts of a period with rates, the threshold flag and the analysis that answers it, for the
 * branches whose path matches `branchPaths` (an SQL condition over `o.path`).
 */
export async function branchFigures(
  db: Executor,
  tenantId: string,
  branchPaths: SQL,
  period: Period,
  today: string,
  settings: SafetySettings,
): Promise<{ months: number; items: Omit<BranchStat, 'byCategory'>[] }> {
  const ref = period.to < today ? period.to : today;
  const months = elapsedMonths(period, today);
  const branches = await branchCounts(db, tenantId, branchPaths, period, ref);
  const analyses = await analysesSince(
    db,
    tenantId,
    branches.map((b) => b.id),
    period,
  );
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

type CategoryRow = { org_id: string; category: string; severity: string; n: number; m: number };
type Count = { count: number; memberCount: number };

const add = (map: Map<string, Count>, key: string, r: CategoryRow) => {
  const e = map.get(key) ?? { count: 0, memberCount: 0 };
  e.count += r.n;
  e.memberCount += r.m;
  map.set(key, e);
};

/** Totals per code of the tenant's list (in its order, zeros included), then codes no longer listed. */
function sumBy(rows: CategoryRow[], key: 'category' | 'severity', list: CodeName[]) {
  const map = new Map<string, Count>();
  for (const r of rows) add(map, r[key], r);
  const known = list.map((c) => ({
    code: c.code,
    name: c.name,
    ...(map.get(c.code) ?? { count: 0, memberCount: 0 }),
  }));
  const unknown = [...map].filter(([code]) => !list.some((c) => c.code === code));
  return [...known, ...unknown.map(([code, e]) => ({ code, name: code, ...e }))];
}

/** Per branch: its categories with a violation in the period, most first. */
function categoriesPerBranch(rows: CategoryRow[], categories: CodeName[]) {
  const name = new Map(categories.map((c) => [c.code, c.name]));
  const perBranch = new Map<string, Map<string, Count>>();
  for (const r of rows) {
    const cats = perBranch.get(r.org_id) ?? new Map<string, Count>();
    add(cats, r.category, r);
    perBranch.set(r.org_id, cats);
  }
  return (orgId: string) =>
    [...(perBranch.get(orgId) ?? [])]
      .map(([code, e]) => ({ code, name: name.get(code) ?? code, ...e }))
      .sort((a, b) => b.count - a.count);
}

async function monthlyTrend(db: Executor, inScope: SQL, year: number) {
  const rows = await queryRows<{ month: string; n: number; m: number }>(
    db,
    sql`select to_char(v.occurred_on, 'YYYY-MM') as month, count(*)::int as n,
               count(*) filter (where v.was_member)::int as m
        from violations v where ${inScope} and v.occurred_on between ${`${year}-01-01`} and ${`${year}-12-31`}
        group by 1 order by 1`,
  );
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((m) => {
    const t = rows.find((r) => r.month === m);
    return { month: m, violations: t?.n ?? 0, memberViolations: t?.m ?? 0 };
  });
}

/** Per branch counts and rates for a year or a month, with the members' threshold flag. */
export async function safetyAnalysis(
  ctx: AppContext,
  actor: Actor,
  q: AnalysisQuery,
  today = todayLocal(),
): Promise<SafetyAnalysis> {
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const year = q.year ?? Number(today.slice(0, 4));
  const period = periodOf(year, q.month);
  const like = `${root.path}%`;
  const figures = await branchFigures(
    ctx.db,
    actor.tenantId,
    sql`o.path like ${like}`,
    period,
    today,
    settings,
  );
  const { items, months } = figures;
  const inScope = sql`v.tenant_id = ${actor.tenantId} and v.org_id in (select id from orgs where path like ${like})`;
  const byCat = await queryRows<CategoryRow>(
    ctx.db,
    sql`select v.org_id, v.category, v.severity, count(*)::int as n, count(*) filter (where v.was_member)::int as m
        from violations v where ${inScope} and v.occurred_on between ${period.from} and ${period.to}
        group by v.org_id, v.category, v.severity`,
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
  const categoriesOf = categoriesPerBranch(byCat, settings.categories);
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
    items: items.map((i) => ({ ...i, byCategory: categoriesOf(i.orgId) })),
    totals: { ...totalCounts, ...totalRates },
    flagged: items.filter((i) => i.flagged).map((i) => i.orgId),
    flaggedWithoutAnalysis: items.filter((i) => i.flagged && !i.analysis).map((i) => i.orgId),
    byCategory: sumBy(byCat, 'category', settings.categories),
    bySeverity: sumBy(byCat, 'severity', settings.severities),
    trend: await monthlyTrend(ctx.db, inScope, year),
  };
}

/** What is open or overdue under a subtree: talks owed, mentoring, analyses, projects, outcomes. */
async function openWork(
  db: Executor,
  tenantId: string,
  like: string,
  period: { from: string; to: string },
  today: string,
  followupEveryMonths: number,
) {
  const under = (col: SQL) =>
    sql`${col} in (select id from orgs where path like ${like} and tenant_id = ${tenantId})`;
  const weakEnded = (outcome: string) =>
    sql`(select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.outcome = ${outcome}
         and w.ended_on between ${period.from} and ${period.to})`;
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
    db,
    sql`select
      (select count(*)::int from talk_obligations ob where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on >= ${today}) as open_talks,
      (select count(*)::int from talk_obligations ob where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on < ${today}) as overdue_talks,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.ended_on is null) as weak_active,
      (select count(*)::int from weak_persons w where ${under(sql`w.org_id`)} and w.ended_on is null
         and (coalesce(${lastFollowupSql()}, w.started_on)
              + make_interval(months => ${followupEveryMonths}))::date < ${today}) as weak_overdue,
      (select count(*)::int from safety_analyses a where ${under(sql`a.org_id`)} and a.status = 'open') as analyses_open,
      (select count(*)::int from tackling_projects t where ${under(sql`t.org_id`)} and t.status = 'active') as projects_active,
      ${weakEnded('improved')} as weak_improved,
      ${weakEnded('not_improved')} as weak_not_improved`,
  );
  const overdueTalks = await queryRows<{
    id: string;
    person_name: string;
    org_name: string;
    due_on: string;
    violation_id: string;
  }>(
    db,
    sql`select ob.id, p.name as person_name, o.name as org_name, ob.due_on, ob.violation_id
        from talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
        where ${under(sql`ob.org_id`)} and ob.talk_id is null and ob.due_on < ${today}
        order by ob.due_on limit 20`,
  );
  return { counts, overdueTalks };
}

/** The safety board of a level: the year's analysis plus what is overdue underneath. */
export async function safetyBoard(ctx: AppContext, actor: Actor, q: AnalysisQuery): Promise<SafetyBoard> {
  const today = todayLocal();
  const analysis = await safetyAnalysis(ctx, actor, q, today);
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const { counts, overdueTalks } = await openWork(
    ctx.db,
    actor.tenantId,
    `${root.path}%`,
    analysis.period,
    today,
    settings.followupEveryMonths,
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
