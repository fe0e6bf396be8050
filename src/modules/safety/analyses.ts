import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, manages } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { iso, isoOrNull, loadPersonBrief, managedScope, underOrg } from './common';
import type { Analysis, AnalysisInput, AnalysisListQuery, CloseAnalysisInput } from './contract';
import { canOnAnalysis, canWriteAnalysisFor, viewsManagerLists } from './policy';
import type { ANALYSIS_STATUSES, ANALYSIS_TRIGGERS } from './rules';
import { analysisEntity, safetyAnalyses } from './tables';

export async function createAnalysis(ctx: AppContext, actor: Actor, input: AnalysisInput) {
  return ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canWriteAnalysisFor(actor, org));
    const errors: Record<string, string> = {};
    if (input.periodTo < input.periodFrom) errors.periodTo = '截止日期不能早于起始日期';
    if (input.responsiblePersonId) {
      const p = await loadPersonBrief(tx, actor.tenantId, input.responsiblePersonId);
      if (!p || !manages(actor, p.org_path)) errors.responsiblePersonId = '责任人须在您的管理范围内';
    }
    if (Object.keys(errors).length) throw invalid(errors);
    const id = newId();
    await tx.insert(safetyAnalyses).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      trigger: input.trigger,
      rootCauses: input.rootCauses,
      measures: input.measures,
      responsiblePersonId: input.responsiblePersonId ?? null,
      dueOn: input.dueOn,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'safety_analysis.create',
      target: { entity: analysisEntity, id },
      details: { orgId: org.id, periodFrom: input.periodFrom, periodTo: input.periodTo },
    });
    return { id };
  });
}

type AnalysisRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  period_from: string;
  period_to: string;
  trigger: (typeof ANALYSIS_TRIGGERS)[number];
  root_causes: string;
  measures: string;
  responsible_person_id: string | null;
  responsible_name: string | null;
  due_on: string;
  status: (typeof ANALYSIS_STATUSES)[number];
  closing_comment: string | null;
  closed_on: string | null;
  closed_by_name: string | null;
  created_by_name: string;
  created_at: Date | string;
};

const SELECT_A = sql`a.*, o.name as org_name, o.path as org_path, rp.name as responsible_name`;
const FROM_A = sql`safety_analyses a join orgs o on o.id = a.org_id left join people rp on rp.id = a.responsible_person_id`;

function present(actor: Actor, r: AnalysisRow, today: string): Analysis {
  const resource = { tenantId: r.tenant_id, orgPath: r.org_path, status: r.status };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    trigger: r.trigger,
    rootCauses: r.root_causes,
    measures: r.measures,
    responsiblePersonId: r.responsible_person_id,
    responsibleName: r.responsible_name,
    dueOn: r.due_on,
    status: r.status,
    overdue: r.status === 'open' && r.due_on < today,
    closingComment: r.closing_comment,
    closedOn: isoOrNull(r.closed_on),
    closedByName: r.closed_by_name,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    actions: permitted((a) => canOnAnalysis(actor, a, resource), ['close'] as const),
  };
}

export async function listAnalyses(ctx: AppContext, actor: Actor, q: AnalysisListQuery) {
  enforce(viewsManagerLists(actor));
  const parts: SQL[] = [
    sql`a.tenant_id = ${actor.tenantId}`,
    managedScope(actor, sql`a.org_id`),
    ...(await underOrg(ctx.db, actor, q.orgId)),
  ];
  if (q.status) parts.push(sql`a.status = ${q.status}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_A} where ${where}`,
  );
  const rows = await queryRows<AnalysisRow>(
    ctx.db,
    sql`select ${SELECT_A} from ${FROM_A} where ${where} order by a.status desc, a.due_on, a.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const today = todayLocal();
  return { items: rows.map((r) => present(actor, r, today)), total, page: q.page, pageSize: q.pageSize };
}

async function loadAnalysis(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await queryRows<AnalysisRow>(
    ctx.db,
    sql`select ${SELECT_A} from ${FROM_A} where a.id = ${id} and a.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('剖析');
  enforce(
    canOnAnalysis(actor, 'read', { tenantId: row.tenant_id, orgPath: row.org_path, status: row.status }),
  );
  return row;
}

export async function getAnalysis(ctx: AppContext, actor: Actor, id: string): Promise<Analysis> {
  return present(actor, await loadAnalysis(ctx, actor, id), todayLocal());
}

export async function closeAnalysis(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CloseAnalysisInput,
  today = todayLocal(),
) {
  const row = await loadAnalysis(ctx, actor, id);
  enforce(
    canOnAnalysis(actor, 'close', { tenantId: row.tenant_id, orgPath: row.org_path, status: row.status }),
  );
  const closedOn = input.closedOn ?? today;
  if (closedOn > today) throw invalid({ closedOn: '闭环日期不能晚于今天' });
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update safety_analyses set status = 'closed', closed_on = ${closedOn}, closing_comment = ${input.comment},
          closed_by_name = ${actor.displayName} where id = ${id} and status = 'open'`,
    );
    await audit(tx, actor, {
      action: 'safety_analysis.close',
      target: { entity: analysisEntity, id },
    });
  });
}
