import { sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, manages } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import type { TodoItem } from '../../platform/manifest';
import { allowed, deny, enforce, when } from '../../platform/policy';
import type { BranchPage } from './contract';
import { canDefineZoneIn, runsAssessment, viewsAssessment } from './policy';
import { periodLabel, starsOf, type Target } from './rules';
import { loadAssessmentSettings } from './settings';
import { listZones } from './zones';

/**
 * The branch's page in assessment: its zones and model posts, the closed rounds that assessed it and its
 * zone members, and the rounds still open over it. Linked from the overview and the home card.
 */

interface BriefRow {
  round_id: string;
  round_name: string;
  period_start: string;
  period_end: string;
  status: 'open' | 'closed';
  subject_id: string;
  person_name: string | null;
  applicable: boolean;
  total: string | null;
  max_total: string | null;
  percent: string | null;
}

const n = (v: string | null) => (v === null ? null : Number(v));

async function briefs(
  db: Executor,
  orgId: string,
  target: Target,
  stars: (p: number | null) => number | null,
) {
  const rows = await queryRows<BriefRow>(
    db,
    sql`select r.id as round_id, r.name as round_name, r.period_start, r.period_end, r.status, res.subject_id,
          p.name as person_name, res.applicable, res.total, res.max_total, res.percent
        from assessment_results res join assessment_rounds r on r.id = res.round_id
          join assessment_templates t on t.id = r.template_id left join people p on p.id = res.person_id
        where t.target = ${target} and ${target === 'branch' ? sql`res.subject_id = ${orgId}` : sql`res.org_id = ${orgId}`}
        order by r.period_end desc, r.closed_at desc, p.name limit 60`,
  );
  return rows.map((r) => ({
    roundId: r.round_id,
    roundName: r.round_name,
    periodLabel: periodLabel({ from: r.period_start, to: r.period_end }),
    periodEnd: r.period_end,
    status: r.status,
    subjectId: r.subject_id,
    personName: r.person_name,
    applicable: r.applicable,
    total: r.applicable ? n(r.total) : null,
    maxTotal: r.applicable ? n(r.max_total) : null,
    percent: r.applicable ? n(r.percent) : null,
    stars: r.applicable ? stars(n(r.percent)) : null,
  }));
}

export async function branchPage(ctx: AppContext, actor: Actor, orgId: string): Promise<BranchPage> {
  enforce(viewsAssessment(actor));
  const org = await authorizeOrg(ctx.db, actor, orgId, 'read');
  enforce(when(org.type === 'branch', deny('岗区与考核按党支部查看')));
  enforce(when(manages(actor, org.path), deny('由党支部书记及上级组织查看')));
  const settings = await loadAssessmentSettings(ctx.db, actor.tenantId);
  const stars = (p: number | null) => (settings.stars ? starsOf(p, settings.starLevels) : null);
  const [parent] = org.parentId
    ? await queryRows<{ name: string }>(ctx.db, sql`select name from orgs where id = ${org.parentId}`)
    : [];
  const open = await queryRows<{
    id: string;
    name: string;
    period_start: string;
    period_end: string;
    target: Target;
  }>(
    ctx.db,
    sql`select r.id, r.name, r.period_start, r.period_end, t.target from assessment_rounds r join orgs o on o.id = r.org_id
          join assessment_templates t on t.id = r.template_id
        where r.tenant_id = ${actor.tenantId} and r.status = 'open' and ${org.path} like o.path || '%'
        order by r.period_end desc limit 20`,
  );
  return {
    org: { id: org.id, name: org.name, type: org.type, parentName: parent?.name ?? null },
    zones: (await listZones(ctx.db, actor, { orgId: org.id })).items,
    results: await briefs(ctx.db, org.id, 'branch', stars),
    memberResults: await briefs(ctx.db, org.id, 'member', stars),
    openRounds: open.map((r) => ({
      id: r.id,
      name: r.name,
      periodLabel: periodLabel({ from: r.period_start, to: r.period_end }),
      target: r.target,
    })),
    canEditZones: allowed(canDefineZoneIn(actor, org)),
  };
}

/** The runners' to-do: open rounds of theirs with manual items still to score. */
export async function assessmentTodo(ctx: AppContext, actor: Actor): Promise<TodoItem[]> {
  if (!allowed(runsAssessment(actor))) return [];
  const paths = managedPaths(actor);
  const rows = await queryRows<{ id: string; path: string; target: Target; items: string }>(
    ctx.db,
    sql`select r.id, o.path, t.target, t.items::text as items
        from assessment_rounds r join orgs o on o.id = r.org_id join assessment_templates t on t.id = r.template_id
        where r.tenant_id = ${actor.tenantId} and r.status = 'open'
          and (${sql.join(
            paths.map((p) => sql`o.path like ${`${p}%`}`),
            sql` or `,
          )})`,
  );
  const pending = rows.filter(
    (r) =>
      manages(
        actor,
        r.path,
        r.target === 'branch' ? ['committee_admin', 'general_branch_admin'] : undefined,
      ) && (JSON.parse(r.items) as { source: string }[]).some((i) => i.source === 'manual'),
  );
  return [
    {
      key: 'rounds',
      label: '进行中的考核（含待评分项目）',
      count: pending.length,
      link: '/assessment/rounds?status=open',
      order: 80,
    },
  ];
}
