import { sql } from 'drizzle-orm';
import { type Actor, managedPaths, orgInPaths } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { enforce } from '../../platform/policy';
import { branchFigures } from './board';
import { lastFollowupSql } from './common';
import type { SafetyTodo } from './contract';
import { owedTalkCounts } from './obligations';
import { analysisTodoBranches, seesSafetyData } from './policy';
import { addDays, nextFollowupDue, obligationStatus, periodOf, type SafetySettings } from './rules';
import { loadSafetySettings } from './settings';

export const ANALYSIS_TODO_LABEL = '本支部违章率超出阈值，需开展安全剖析';

/** The first talks owed in the caller's subtrees, soonest due first. */
async function owedTalks(db: Executor, actor: Actor, paths: string[], today: string) {
  if (!paths.length) return [];
  const rows = await queryRows<{
    id: string;
    person_id: string;
    person_name: string;
    org_name: string;
    violation_id: string;
    due_on: string;
  }>(
    db,
    sql`select ob.id, ob.person_id, p.name as person_name, o.name as org_name, ob.violation_id, ob.due_on
        from talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
        where ob.tenant_id = ${actor.tenantId} and ob.talk_id is null and ${orgInPaths(sql`ob.org_id`, paths)}
        order by ob.due_on, ob.id limit 50`,
  );
  return rows.map((t) => ({
    obligationId: t.id,
    personId: t.person_id,
    personName: t.person_name,
    orgName: t.org_name,
    violationId: t.violation_id,
    dueOn: t.due_on,
    status: obligationStatus(t.due_on, null, today),
  }));
}

/** Mentoring follow-ups due within a week: of the cases the caller manages or mentors. */
async function followupsDue(db: Executor, actor: Actor, settings: SafetySettings, today: string) {
  const scope = [orgInPaths(sql`w.org_id`, managedPaths(actor))];
  if (actor.personId) scope.push(sql`w.mentor_person_id = ${actor.personId}`);
  const cases = await queryRows<{
    id: string;
    person_name: string;
    mentor_name: string;
    started_on: string;
    last: string | null;
  }>(
    db,
    sql`select w.id, p.name as person_name, m.name as mentor_name, w.started_on, ${lastFollowupSql()} as last
        from weak_persons w join people p on p.id = w.person_id join people m on m.id = w.mentor_person_id
        where w.tenant_id = ${actor.tenantId} and w.ended_on is null and (${sql.join(scope, sql` or `)})`,
  );
  const soon = addDays(today, 7);
  return cases
    .map((c) => ({ ...c, due: nextFollowupDue(c.started_on, c.last, settings.followupEveryMonths) }))
    .filter((c) => c.due <= soon)
    .sort((a, b) => (a.due < b.due ? -1 : 1))
    .map((f) => ({
      weakPersonId: f.id,
      personName: f.person_name,
      mentorName: f.mentor_name,
      dueOn: f.due,
      overdue: f.due < today,
    }));
}

/** The branches the caller is secretary of that are flagged this year and have no analysis answering it. */
async function analysesOwed(db: Executor, actor: Actor, settings: SafetySettings, today: string) {
  const ownBranches = analysisTodoBranches(actor);
  if (!ownBranches.length) return [];
  const period = periodOf(Number(today.slice(0, 4)));
  const { items } = await branchFigures(
    db,
    actor.tenantId,
    sql`o.path in (${sql.join(
      ownBranches.map((p) => sql`${p}`),
      sql`, `,
    )})`,
    period,
    today,
    settings,
  );
  return items
    .filter((b) => b.flagged && !b.analysis)
    .map((b) => ({
      orgId: b.orgId,
      orgName: b.orgName,
      label: ANALYSIS_TODO_LABEL,
      periodFrom: period.from,
      periodTo: today,
      memberViolations: b.memberViolations,
      memberRateYearly: b.memberRateYearly,
      threshold: settings.memberRateThreshold,
      link: `/safety/analyses?orgId=${b.orgId}`,
    }));
}

/**
 * What the caller owes soon (`GET /safety/todo`): talks after violations (overdue first), mentoring
 * follow-ups due within a week, and an analysis (剖析) for each branch they are secretary of that is
 * flagged this year and has none. `counts` are counted in SQL; the lists show the first rows only.
 */
export async function safetyTodo(ctx: AppContext, actor: Actor, today = todayLocal()): Promise<SafetyTodo> {
  enforce(seesSafetyData(actor));
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const paths = managedPaths(actor);
  const talkCounts = await owedTalkCounts(ctx.db, actor.tenantId, paths, today);
  const followups = await followupsDue(ctx.db, actor, settings, today);
  const analyses = await analysesOwed(ctx.db, actor, settings, today);
  return {
    today,
    counts: {
      talks: talkCounts.total,
      talksOverdue: talkCounts.overdue,
      followups: followups.length,
      followupsOverdue: followups.filter((f) => f.overdue).length,
      analyses: analyses.length,
    },
    talks: await owedTalks(ctx.db, actor, paths, today),
    followups,
    analyses,
  };
}

/**
 * Safety's lines of the caller's to-do (`GET /todo`): follow-ups due and each flagged branch's analysis.
 * The talks owed after violations are the talks module's line.
 */
export async function safetyTodoItems(ctx: AppContext, actor: Actor): Promise<TodoItem[]> {
  if (!seesSafetyData(actor).ok) return [];
  const today = todayLocal();
  const settings = await loadSafetySettings(ctx.db, actor.tenantId);
  const followups = await followupsDue(ctx.db, actor, settings, today);
  const analyses = await analysesOwed(ctx.db, actor, settings, today);
  return [
    {
      key: 'followups',
      label: '薄弱人员待回访',
      count: followups.length,
      overdue: followups.filter((f) => f.overdue).length,
      link: '/safety/mentoring',
      order: 51,
    },
    ...analyses.map((a) => ({
      key: `analysis-${a.orgId}`,
      label: a.label,
      count: 1,
      link: a.link,
      order: 52,
    })),
  ];
}
