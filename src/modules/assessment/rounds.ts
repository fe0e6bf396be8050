import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide, permitted } from '../../platform/policy';
import type { RoundSpec } from './compute';
import type { Round, RoundBody } from './contract';
import {
  canOnRound,
  canOnTemplate,
  canStartRoundIn,
  type RoundAction,
  type RoundResource,
  runsAssessment,
  seesWholeRound,
  viewsAssessment,
} from './policy';
import { type PeriodKind, periodLabel, periodProblem, type Target } from './rules';
import { assessmentRounds, roundEntity, type StoredItem } from './tables';
import { itemsOf, readableTemplate, templateResource } from './templates';

/** 考核轮次: a template version applied to an organization's subtree for a period. */

export interface RoundRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  template_id: string;
  template_name: string;
  template_version: number;
  target: Target;
  items: StoredItem[] | string;
  bonus_cap: string | null;
  deduction_cap: string | null;
  name: string;
  period_start: string;
  period_end: string;
  status: 'open' | 'closed';
  created_by_name: string;
  created_at: Date | string;
  closed_at: Date | string | null;
  closed_by_name: string | null;
  frozen_on: string | null;
}

const SELECT = sql`select r.id, r.tenant_id, r.org_id, o.name as org_name, o.path as org_path, r.template_id,
    t.name as template_name, t.version as template_version, t.target, t.items, t.bonus_cap, t.deduction_cap, r.name,
    r.period_start, r.period_end, r.status, r.created_by_name, r.created_at, r.closed_at, r.closed_by_name, r.frozen_on
  from assessment_rounds r join orgs o on o.id = r.org_id join assessment_templates t on t.id = r.template_id`;

const iso = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

export const roundResource = (r: RoundRow): RoundResource => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  target: r.target,
  status: r.status,
});

export const roundSpec = (r: RoundRow): RoundSpec => ({
  id: r.id,
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  target: r.target,
  period: { from: r.period_start, to: r.period_end },
  items: itemsOf(r),
  bonusCap: r.bonus_cap === null ? null : Number(r.bonus_cap),
  deductionCap: r.deduction_cap === null ? null : Number(r.deduction_cap),
});

export function presentRound(actor: Actor, r: RoundRow, partial: boolean): Round {
  const res = roundResource(r);
  return {
    id: r.id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    templateId: r.template_id,
    templateName: r.template_name,
    templateVersion: r.template_version,
    target: r.target,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    periodLabel: periodLabel({ from: r.period_start, to: r.period_end }),
    status: r.status,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at) ?? '',
    closedAt: iso(r.closed_at),
    closedByName: r.closed_by_name,
    frozenOn: r.frozen_on,
    seesAll: seesWholeRound(actor, res),
    actions: permitted(
      (a: Exclude<RoundAction, 'read'>) =>
        (a === 'score' || a === 'close') && r.status === 'closed'
          ? hide()
          : canOnRound(actor, a, res, partial),
      ['score', 'close', 'export'] as const,
    ).filter((a) => a !== 'score' || itemsOf(r).some((i) => i.source === 'manual')),
  };
}

/** SQL: the caller is a member responsible for a zone within the round's organization (alias `o`). */
const zoneMemberSql = (actor: Actor): SQL =>
  actor.personId && actor.adminRole === null
    ? sql`exists (select 1 from assessment_zones z join orgs zo on zo.id = z.org_id
          where z.tenant_id = ${actor.tenantId} and z.person_ids @> ${JSON.stringify([actor.personId])}::jsonb
            and zo.path like o.path || '%')`
    : sql`false`;

/** SQL: rounds the caller may know: their side's, those over their subtree, member rounds assessing them. */
function visibleSql(actor: Actor): SQL {
  if (actor.adminRole) return sql`false`;
  const paths = managedPaths(actor);
  const above = paths.length
    ? sql.join(
        paths.map((p) => sql`${p} like o.path || '%'`),
        sql` or `,
      )
    : sql`false`;
  return sql`(${pathSql(sql`o.path`, paths)} or ${above} or (t.target = 'member' and ${zoneMemberSql(actor)}))`;
}

export async function loadRound(
  db: Executor,
  tenantId: string,
  id: string,
  lock = false,
): Promise<RoundRow | undefined> {
  const [row] = await queryRows<RoundRow>(
    db,
    sql`${SELECT} where r.id = ${id} and r.tenant_id = ${tenantId}${lock ? sql` for update of r` : sql``}`,
  );
  return row;
}

/** A round the caller may know (404 otherwise), and whether they see only part of it. */
export async function readableRound(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ row: RoundRow; partial: boolean }> {
  const row = await loadRound(db, actor.tenantId, id, lock);
  if (!row || actor.adminRole) {
    enforce(hide('考核'));
    throw new Error('unreachable');
  }
  const [{ visible }] = await queryRows<{ visible: boolean }>(
    db,
    sql`select exists (select 1 from assessment_rounds r join orgs o on o.id = r.org_id
          join assessment_templates t on t.id = r.template_id where r.id = ${id} and ${visibleSql(actor)}) as visible`,
  );
  const whole = seesWholeRound(actor, roundResource(row));
  enforce(canOnRound(actor, 'read', roundResource(row), visible && !whole));
  return { row, partial: !whole };
}

export async function createRound(
  ctx: AppContext,
  actor: Actor,
  input: RoundBody,
  today = todayLocal(),
): Promise<Round> {
  enforce(runsAssessment(actor));
  const id = await ctx.db.transaction(async (tx) => {
    const template = await readableTemplate(tx, actor, input.templateId);
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canStartRoundIn(actor, org, template.target));
    enforce(canOnTemplate(actor, 'start_round', templateResource(template)));
    if (!org.path.startsWith(template.org_path))
      throw invalid({ orgId: `考核范围：应在模板所属组织（${template.org_name}）之内` });
    const period = { from: input.periodStart, to: input.periodEnd };
    const problem = periodProblem(period, template.period_kind as PeriodKind | null, today);
    if (problem) throw invalid(problem);
    if (org.dissolvedOn && org.dissolvedOn <= period.from)
      throw invalid({ orgId: '考核范围：该组织在考核期开始前已撤销' });
    const row = {
      id: newId(),
      tenantId: actor.tenantId,
      orgId: org.id,
      templateId: template.id,
      name: input.name || `${org.name}${periodLabel(period)}${template.name}`,
      periodStart: period.from,
      periodEnd: period.to,
      status: 'open',
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: new Date(),
    };
    await tx.insert(assessmentRounds).values(row);
    await audit(tx, actor, {
      action: 'assessment_round.create',
      target: { entity: roundEntity, id: row.id },
      details: { templateId: template.id, orgId: org.id, periodStart: period.from, periodEnd: period.to },
    });
    return row.id;
  });
  return presentRound(actor, (await loadRound(ctx.db, actor.tenantId, id))!, false);
}

export async function listRounds(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; status?: 'open' | 'closed' },
): Promise<{ items: Round[] }> {
  enforce(viewsAssessment(actor));
  const parts: SQL[] = [sql`r.tenant_id = ${actor.tenantId}`, visibleSql(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    // Rounds over the organization, its subtree, or above it (which assess it).
    parts.push(sql`(o.path like ${`${org.path}%`} or ${org.path} like o.path || '%')`);
  }
  if (q.status) parts.push(sql`r.status = ${q.status}`);
  const rows = await queryRows<RoundRow>(
    ctx.db,
    sql`${SELECT} where ${sql.join(parts, sql` and `)} order by r.status desc, r.period_end desc, r.created_at desc limit 200`,
  );
  return { items: rows.map((r) => presentRound(actor, r, !seesWholeRound(actor, roundResource(r)))) };
}

export async function getRound(ctx: AppContext, actor: Actor, id: string): Promise<Round> {
  enforce(viewsAssessment(actor));
  const { row, partial } = await readableRound(ctx.db, actor, id);
  return presentRound(actor, row, partial);
}
