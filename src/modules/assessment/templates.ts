import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg, managedRoot } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide, permitted } from '../../platform/policy';
import type { ReviseBody, Template, TemplateBody } from './contract';
import {
  canCreateTemplateIn,
  canOnTemplate,
  runsAssessment,
  type TemplateAction,
  viewsAssessment,
} from './policy';
import {
  ITEM_KIND_LABELS,
  itemProblem,
  type PeriodKind,
  SOURCE_SPECS,
  TARGET_LABELS,
  type Target,
} from './rules';
import { sourceAvailable } from './sources';
import { assessmentTemplates, type StoredItem, templateEntity } from './tables';

/** 考核模板: versioned sheets. A revision is a new version; rounds keep the version they used. */

export interface TemplateRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  family_id: string;
  version: number;
  name: string;
  target: Target;
  period_kind: PeriodKind | null;
  description: string | null;
  bonus_cap: string | null;
  deduction_cap: string | null;
  items: StoredItem[] | string;
  status: 'active' | 'superseded' | 'retired';
  created_by_name: string;
  created_at: Date | string;
  rounds: number;
}

const SELECT = sql`select t.id, t.tenant_id, t.org_id, o.name as org_name, o.path as org_path, t.family_id, t.version, t.name,
    t.target, t.period_kind, t.description, t.bonus_cap, t.deduction_cap, t.items, t.status, t.created_by_name, t.created_at,
    (select count(*)::int from assessment_rounds r where r.template_id = t.id) as rounds
  from assessment_templates t join orgs o on o.id = t.org_id`;

export const itemsOf = (r: Pick<TemplateRow, 'items'>): StoredItem[] =>
  typeof r.items === 'string' ? (JSON.parse(r.items) as StoredItem[]) : r.items;
const num = (v: string | number | null) => (v === null ? null : Number(v));
const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export const templateResource = (r: TemplateRow) => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  target: r.target,
  status: r.status,
});

/** The rule of an item in words: its source's rule and the item's own numbers. */
export function ruleText(item: StoredItem): string {
  const spec = SOURCE_SPECS[item.source];
  if (spec.measure === 'count')
    return `${spec.rule}：每${item.source === 'member_violations' ? '单位' : '起（项）'} ${item.rule?.perUnit ?? spec.defaultPerUnit ?? 1} 分，最多 ${item.maxPoints} 分`;
  if (spec.measure === 'ratio' && item.rule?.fullAt && item.rule.fullAt < 1)
    return `${spec.rule}；达到 ${Math.round(item.rule.fullAt * 100)}% 即得满分`;
  return spec.rule;
}

export function presentTemplate(actor: Actor, r: TemplateRow): Template {
  const items = itemsOf(r);
  return {
    id: r.id,
    familyId: r.family_id,
    version: r.version,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    target: r.target,
    targetLabel: TARGET_LABELS[r.target],
    periodKind: r.period_kind,
    description: r.description,
    bonusCap: num(r.bonus_cap),
    deductionCap: num(r.deduction_cap),
    maxTotal:
      Math.round(items.filter((i) => i.kind === 'score').reduce((a, i) => a + i.maxPoints, 0) * 10) / 10,
    status: r.status,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    items: items.map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      kindLabel: ITEM_KIND_LABELS[i.kind],
      maxPoints: i.maxPoints,
      source: i.source,
      sourceLabel: SOURCE_SPECS[i.source].label,
      rule: i.rule,
      ruleText: ruleText(i),
      criteria: i.criteria,
      available: sourceAvailable(i.source),
    })),
    rounds: r.rounds,
    actions: permitted((a: Exclude<TemplateAction, 'read'>) => canOnTemplate(actor, a, templateResource(r)), [
      'revise',
      'retire',
      'start_round',
    ] as const),
  };
}

/** The items as stored: kinds and per-unit points made explicit, each checked against the target. */
function storedItems(items: TemplateBody['items'], target: Target): StoredItem[] {
  const errors: string[] = [];
  const names = new Set<string>();
  const out = items.map((i, n) => {
    const spec = SOURCE_SPECS[i.source];
    const kind = i.kind ?? spec.defaultKind;
    const problem = itemProblem({ source: i.source, kind }, target);
    if (problem) errors.push(`第 ${n + 1} 项“${i.name}”：${problem}`);
    if (names.has(i.name)) errors.push(`第 ${n + 1} 项“${i.name}”：项目名称重复`);
    names.add(i.name);
    if (spec.measure !== 'count' && i.rule?.perUnit !== undefined)
      errors.push(`第 ${n + 1} 项“${i.name}”：按比例或人工评分的项目不设每起分值`);
    if (spec.measure !== 'ratio' && i.rule?.fullAt !== undefined)
      errors.push(`第 ${n + 1} 项“${i.name}”：只有按比例得分的项目可设满分比例`);
    const perUnit =
      i.rule?.perUnit ??
      (spec.measure === 'count' ? (target === 'member' ? 2 : spec.defaultPerUnit) : undefined);
    const rule =
      perUnit !== undefined || i.rule?.fullAt !== undefined ? { perUnit, fullAt: i.rule?.fullAt } : null;
    return {
      id: newId(),
      name: i.name,
      kind,
      maxPoints: i.maxPoints,
      source: i.source,
      rule: rule && JSON.parse(JSON.stringify(rule)),
      criteria: i.criteria || null,
    };
  });
  if (errors.length) throw invalid({ items: `考核项目：${errors.join('；')}` });
  if (!out.some((i) => i.kind === 'score'))
    throw invalid({ items: '考核项目：至少需要一个得分项（加分、扣分项在得分之上增减）' });
  return out;
}

async function loadTemplate(
  db: Executor,
  tenantId: string,
  id: string,
  lock = false,
): Promise<TemplateRow | undefined> {
  const [row] = await queryRows<TemplateRow>(
    db,
    sql`${SELECT} where t.id = ${id} and t.tenant_id = ${tenantId}${lock ? sql` for update of t` : sql``}`,
  );
  return row;
}

/** A template the caller may read, or 404. */
export async function readableTemplate(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<TemplateRow> {
  const row = await loadTemplate(db, actor.tenantId, id, lock);
  enforce(row ? canOnTemplate(actor, 'read', templateResource(row)) : hide('考核模板'));
  return row as TemplateRow;
}

const rowValues = (
  actor: Actor,
  input: ReviseBody,
  orgId: string,
  target: Target,
  familyId: string,
  version: number,
) => ({
  id: newId(),
  tenantId: actor.tenantId,
  orgId,
  familyId,
  version,
  name: input.name,
  target,
  periodKind: input.periodKind ?? null,
  description: input.description || null,
  bonusCap: input.bonusCap ?? null,
  deductionCap: input.deductionCap ?? null,
  items: storedItems(input.items, target),
  status: 'active',
  createdBy: actor.accountId,
  createdByName: actor.displayName,
  createdAt: new Date(),
});

export async function createTemplate(ctx: AppContext, actor: Actor, input: TemplateBody): Promise<Template> {
  enforce(runsAssessment(actor));
  const id = await ctx.db.transaction(async (tx) => {
    const org = input.orgId
      ? await authorizeOrg(tx, actor, input.orgId, 'read')
      : await managedRoot(tx, actor).then((o) => authorizeOrg(tx, actor, o.id, 'read'));
    enforce(canCreateTemplateIn(actor, org, input.target));
    const row = rowValues(actor, input, org.id, input.target, newId(), 1);
    await tx.insert(assessmentTemplates).values(row);
    await audit(tx, actor, {
      action: 'assessment_template.create',
      target: { entity: templateEntity, id: row.id },
      details: { name: row.name, target: row.target, orgId: org.id, items: row.items.length },
    });
    return row.id;
  });
  return presentTemplate(actor, (await loadTemplate(ctx.db, actor.tenantId, id))!);
}

/** A new version of the sheet; the old version stays with the rounds that used it. */
export async function reviseTemplate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReviseBody,
): Promise<Template> {
  const newIdValue = await ctx.db.transaction(async (tx) => {
    const old = await readableTemplate(tx, actor, id, true);
    enforce(canOnTemplate(actor, 'revise', templateResource(old)));
    const row = rowValues(actor, input, old.org_id, old.target, old.family_id, old.version + 1);
    await tx.update(assessmentTemplates).set({ status: 'superseded' }).where(sql`id = ${old.id}`);
    await tx.insert(assessmentTemplates).values(row);
    await audit(tx, actor, [
      {
        action: 'assessment_template.supersede',
        target: { entity: templateEntity, id: old.id },
        details: { by: row.id },
      },
      {
        action: 'assessment_template.revise',
        target: { entity: templateEntity, id: row.id },
        details: { from: old.id, version: row.version, items: row.items.length },
      },
    ]);
    return row.id;
  });
  return presentTemplate(actor, (await loadTemplate(ctx.db, actor.tenantId, newIdValue))!);
}

export async function retireTemplate(ctx: AppContext, actor: Actor, id: string): Promise<Template> {
  await ctx.db.transaction(async (tx) => {
    const row = await readableTemplate(tx, actor, id, true);
    if (row.status === 'retired') throw conflict('该模板已停用');
    enforce(canOnTemplate(actor, 'retire', templateResource(row)));
    await tx.update(assessmentTemplates).set({ status: 'retired' }).where(sql`id = ${row.id}`);
    await audit(tx, actor, {
      action: 'assessment_template.retire',
      target: { entity: templateEntity, id: row.id },
    });
  });
  return presentTemplate(actor, (await loadTemplate(ctx.db, actor.tenantId, id))!);
}

/** SQL over `o.path`: the template's organization is above or within the caller's subtrees. */
export function templateScope(actor: Actor): SQL {
  const paths = managedPaths(actor);
  if (!paths.length || actor.adminRole) return sql`false`;
  const above = sql.join(
    paths.map((p) => sql`${p} like o.path || '%'`),
    sql` or `,
  );
  return sql`(${pathSql(sql`o.path`, paths)} or ${above})`;
}

export async function listTemplates(
  ctx: AppContext,
  actor: Actor,
  q: { target?: Target; all?: 'true' | 'false' },
): Promise<{ items: Template[] }> {
  enforce(viewsAssessment(actor));
  const parts: SQL[] = [sql`t.tenant_id = ${actor.tenantId}`, templateScope(actor)];
  if (q.target) parts.push(sql`t.target = ${q.target}`);
  if (q.all !== 'true') parts.push(sql`t.status = 'active'`);
  const rows = await queryRows<TemplateRow>(
    ctx.db,
    sql`${SELECT} where ${sql.join(parts, sql` and `)} order by o.path, t.status, t.name, t.version desc`,
  );
  return { items: rows.map((r) => presentTemplate(actor, r)) };
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: string): Promise<Template> {
  enforce(viewsAssessment(actor));
  return presentTemplate(actor, await readableTemplate(ctx.db, actor, id));
}

/** The sources a template item may read, with their rules and whether their module is installed. */
export function sourceCatalog(actor: Actor) {
  enforce(viewsAssessment(actor));
  return {
    items: (Object.keys(SOURCE_SPECS) as (keyof typeof SOURCE_SPECS)[]).map((source) => {
      const s = SOURCE_SPECS[source];
      return {
        source,
        label: s.label,
        targets: [...s.targets],
        measure: s.measure,
        defaultKind: s.defaultKind,
        defaultPerUnit: s.defaultPerUnit ?? null,
        rule: s.rule,
        available: sourceAvailable(source),
      };
    }),
  };
}
