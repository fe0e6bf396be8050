import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg, type OrgRow } from '../../kernel/orgs/api';
import { type Actor, manages, pathSql, pathsWithRole } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { enforce, hide } from '../../platform/policy';
import { openRectificationCounts } from '../inspection/api';
import { type BranchOrgLife, orgLifeForAssessment } from '../meetings/api';
import { type BranchSafetyFlag, branchSafetyFlags } from '../safety/api';
import { tasksInFlightCounts } from '../tasks/api';
import type { Overview, OverviewQuery, OverviewRow } from './contract';
import { ASSESSOR_ROLES, canSeeOverviewOf, viewsOverview } from './policy';
import { concern, type Period, periodLabel, starsOf, unitOf } from './rules';
import { loadAssessmentSettings } from './settings';
import { sourceAvailable } from './sources';

/**
 * The committee's overview (党建工作总览): for the committee or a general branch, one row per branch with
 * tasks in flight, open rectifications, organization life of the quarter, the safety flag and the latest
 * closed assessment, the branches that need follow-up first (CONCERN_WEIGHTS, in words on the page), each
 * figure a link to the records behind it. No rank numbers: the order is for follow-up, not a league table.
 */

export const ORDER_NOTE =
  '按需关注程度排列（便于跟进，不是排名）：督办逾期、整改逾期每项 3 分，整改未完成每项 1 分，组织生活缺项较多 4 分、有缺项或补录 2 分，' +
  '党员违章率超过预警线 3 分，两违谈话逾期每起 2 分，最近一次考核低于60% 4 分、低于80% 2 分；同等程度按组织顺序。';

export interface OverviewScope {
  org: OrgRow;
  period: Period & { year: number; quarter: number; label: string };
}

/** The committee or general branch the caller looks at: the asked one, or the widest they administer. */
export async function overviewScope(
  db: Executor,
  actor: Actor,
  q: OverviewQuery,
  today: string,
): Promise<OverviewScope> {
  enforce(viewsOverview(actor));
  let orgId = q.orgId;
  if (!orgId) {
    const widest = [...pathsWithRole(actor, ASSESSOR_ROLES)].sort((a, b) => a.length - b.length)[0];
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select id from orgs where path = ${widest} and tenant_id = ${actor.tenantId}`,
    );
    if (!row) enforce(hide('组织'));
    orgId = row.id;
  }
  const org = await authorizeOrg(db, actor, orgId, 'read');
  enforce(canSeeOverviewOf(actor, org));
  const year = q.year ?? Number(today.slice(0, 4));
  const quarter = q.quarter ?? (q.year ? 4 : Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const unit = unitOf('quarter', `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
  return { org, period: { ...unit, year, quarter, label: periodLabel(unit) } };
}

interface BranchRow {
  id: string;
  name: string;
  path: string;
  parent_name: string | null;
}

async function branchesUnder(db: Executor, tenantId: string, path: string): Promise<BranchRow[]> {
  return queryRows<BranchRow>(
    db,
    sql`select o.id, o.name, o.path, par.name as parent_name from orgs o left join orgs par on par.id = o.parent_id
        where o.tenant_id = ${tenantId} and o.type = 'branch' and o.dissolved_on is null and o.path like ${`${path}%`}
        order by par.sort_order nulls first, par.code nulls first, o.sort_order, o.code`,
  );
}

/** The latest closed branch assessment of each branch. */
interface LatestRow {
  subject_id: string;
  round_id: string;
  name: string;
  period_start: string;
  period_end: string;
  applicable: boolean;
  total: string | null;
  max_total: string | null;
  percent: string | null;
}

async function latestResults(db: Executor, branchIds: string[]): Promise<Map<string, LatestRow>> {
  if (!branchIds.length) return new Map();
  const rows = await queryRows<LatestRow>(
    db,
    sql`select distinct on (res.subject_id) res.subject_id, res.round_id, r.name, r.period_start, r.period_end, res.applicable,
          res.total, res.max_total, res.percent
        from assessment_results res join assessment_rounds r on r.id = res.round_id
          join assessment_templates t on t.id = r.template_id
        where t.target = 'branch' and res.subject_id in (${uuidList(branchIds)})
        order by res.subject_id, r.period_end desc, r.closed_at desc`,
  );
  return new Map(rows.map((r) => [r.subject_id, r]));
}

const n = (v: string | null) => (v === null ? null : Number(v));

export async function overview(
  ctx: AppContext,
  actor: Actor,
  q: OverviewQuery,
  today = todayLocal(),
): Promise<Overview> {
  const db = ctx.db;
  const { org, period } = await overviewScope(db, actor, q, today);
  const settings = await loadAssessmentSettings(db, actor.tenantId);
  const branches = await branchesUnder(db, actor.tenantId, org.path);
  const ids = branches.map((b) => b.id);
  const has = {
    tasks: sourceAvailable('overdue_tasks'),
    inspection: sourceAvailable('overdue_rectifications'),
  };
  const [tasks, rects, life, safety, latest] = [
    has.tasks ? await tasksInFlightCounts(db, actor.tenantId, { orgPaths: [org.path], today }) : [],
    has.inspection ? await openRectificationCounts(db, actor.tenantId, { orgPaths: [org.path], today }) : [],
    await orgLifeForAssessment(db, actor.tenantId, ids, period, today),
    await branchSafetyFlags(
      db,
      actor.tenantId,
      ids,
      { from: `${period.year}-01-01`, to: `${period.year}-12-31` },
      today,
    ),
    await latestResults(db, ids),
  ];
  const taskOf = new Map(tasks.map((t) => [t.orgId, t]));
  const rectOf = new Map(rects.map((r) => [r.orgId, r]));
  const lifeOf = new Map<string, BranchOrgLife>(life.map((l) => [l.branchId, l]));
  const safetyOf = new Map<string, BranchSafetyFlag>(safety.items.map((s) => [s.orgId, s]));
  const qs = `year=${period.year}&quarter=${period.quarter}`;
  const evidence = (orgId: string, kind: string) =>
    `/assessment/overview/evidence?orgId=${orgId}&kind=${kind}&${qs}`;
  const rows = branches.map((b, order) => {
    const figures: BranchFigures = {
      t: taskOf.get(b.id) ?? { owed: 0, overdue: 0, awaitingReview: 0 },
      r: rectOf.get(b.id) ?? { open: 0, overdue: 0, awaitingAcceptance: 0 },
      l: lifeOf.get(b.id),
      s: safetyOf.get(b.id),
      a: latest.get(b.id),
    };
    return { ...branchRow(b, figures, has, settings, evidence), order };
  });
  rows.sort((x, y) => y.weight - x.weight || x.order - y.order);
  const list = rows.map((r) => r.row);
  return {
    org: { id: org.id, name: org.name, type: org.type },
    choices: await overviewChoices(db, actor),
    period: {
      year: period.year,
      quarter: period.quarter,
      from: period.from,
      to: period.to,
      label: period.label,
    },
    today,
    orderNote: ORDER_NOTE,
    safetyThreshold: safety.threshold,
    stars: settings.stars,
    totals: {
      branches: list.length,
      tasksOwed: list.reduce((a, r) => a + r.tasks.owed, 0),
      tasksOverdue: list.reduce((a, r) => a + r.tasks.overdue, 0),
      rectificationsOpen: list.reduce((a, r) => a + r.rectifications.open, 0),
      rectificationsOverdue: list.reduce((a, r) => a + r.rectifications.overdue, 0),
      orgLifeRed: list.filter((r) => r.orgLife.status === 'red').length,
      safetyFlagged: list.filter((r) => r.safety.flagged).length,
      needFollowUp: rows.filter((r) => r.weight > 0).length,
    },
    rows: list,
  };
}

interface BranchFigures {
  t: { owed: number; overdue: number; awaitingReview: number };
  r: { open: number; overdue: number; awaitingAcceptance: number };
  l: BranchOrgLife | undefined;
  s: BranchSafetyFlag | undefined;
  a: LatestRow | undefined;
}

/** One branch's overview row and its follow-up weight. */
function branchRow(
  b: BranchRow,
  { t, r, l, s, a }: BranchFigures,
  has: { tasks: boolean; inspection: boolean },
  settings: Awaited<ReturnType<typeof loadAssessmentSettings>>,
  evidence: (orgId: string, kind: string) => string,
): { row: OverviewRow; weight: number } {
  const percent = a?.applicable ? n(a.percent) : null;
  const c = concern({
    overdueTasks: t.overdue,
    overdueRectifications: r.overdue,
    openRectifications: Math.max(0, r.open - r.overdue),
    orgLife: l && l.due > 0 ? l.status : null,
    safetyFlagged: s?.flagged ?? false,
    overdueTalks: s?.overdueTalks ?? 0,
    assessmentPercent: percent,
  });
  const row: OverviewRow = {
    orgId: b.id,
    orgName: b.name,
    parentName: b.parent_name,
    members: s?.members ?? 0,
    tasks: {
      available: has.tasks,
      link: evidence(b.id, 'tasks'),
      owed: t.owed,
      overdue: t.overdue,
      awaitingReview: t.awaitingReview,
    },
    rectifications: {
      available: has.inspection,
      link: evidence(b.id, 'rectifications'),
      open: r.open,
      overdue: r.overdue,
      awaitingAcceptance: r.awaitingAcceptance,
    },
    orgLife: {
      available: true,
      link: evidence(b.id, 'org_life'),
      status: l && l.due > 0 ? l.status : null,
      due: l?.due ?? 0,
      held: l?.held ?? 0,
      missing: l?.missing ?? 0,
      late: l?.late ?? 0,
    },
    safety: {
      available: true,
      link: evidence(b.id, 'safety'),
      flagged: s?.flagged ?? false,
      memberViolations: s?.memberViolations ?? 0,
      memberRateYearly: s?.memberRateYearly ?? null,
      overdueTalks: s?.overdueTalks ?? 0,
    },
    assessment: a
      ? {
          roundId: a.round_id,
          roundName: a.name,
          periodLabel: periodLabel({ from: a.period_start, to: a.period_end }),
          total: a.applicable ? n(a.total) : null,
          maxTotal: a.applicable ? n(a.max_total) : null,
          percent,
          stars: settings.stars ? starsOf(percent, settings.starLevels) : null,
          link: `/assessment/rounds/${a.round_id}/subjects/${b.id}`,
        }
      : null,
    concerns: c.reasons,
    branchLink: `/assessment/branches/${b.id}`,
  };
  return { row, weight: c.weight };
}

/** The committee and general branches the caller may open the overview of. */
async function overviewChoices(db: Executor, actor: Actor) {
  const paths = pathsWithRole(actor, ASSESSOR_ROLES);
  const where: SQL = sql`o.tenant_id = ${actor.tenantId} and o.type in ('committee', 'general_branch') and o.dissolved_on is null and ${pathSql(sql`o.path`, paths)}`;
  const rows = await queryRows<{ id: string; name: string; type: string; path: string }>(
    db,
    sql`select o.id, o.name, o.type, o.path from orgs o where ${where} order by o.depth, o.sort_order, o.code`,
  );
  return rows.filter((r) => manages(actor, r.path, ASSESSOR_ROLES)).map(({ path: _, ...r }) => r);
}
