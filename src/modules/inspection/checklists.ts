import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { allowed, enforce, permitted } from '../../platform/policy';
import type { ChecklistDetail, ChecklistList, CreateChecklistBody, ReviseChecklistBody } from './contract';
import { canOnChecklist, inspects, viewsInspections } from './policy';
import { iso } from './queries';
import { buildItems, type ChecklistItem } from './rules';
import { checklistEntity, checklists } from './tables';

/** 检查清单: versioned templates of check items, kept by the committee or a general branch. */

interface ChecklistRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  family_id: string;
  version: number;
  name: string;
  items: ChecklistItem[];
  status: 'active' | 'superseded';
  created_by_name: string;
  created_at: Date | string;
}

/** SQL (owner alias `o`): the owner is above or below a subtree the caller manages. */
function relatedSql(actor: Actor): SQL {
  const paths = actor.adminRole ? [] : managedPaths(actor);
  if (!paths.length) return sql`false`;
  return sql`(${pathSql(sql`o.path`, paths)} or ${sql.join(
    paths.map((p) => sql`${p} like o.path || '%'`),
    sql` or `,
  )})`;
}

const brief = (r: ChecklistRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  familyId: r.family_id,
  name: r.name,
  version: r.version,
  status: r.status,
  itemCount: r.items.length,
  createdAt: iso(r.created_at)!,
  createdByName: r.created_by_name,
});

/** The organizations the caller keeps checklists and inspects for: committees and general branches they administer. */
export async function inspectorOrgs(db: Executor, actor: Actor) {
  const ids = [...new Set(actor.roles.map((r) => r.orgId))];
  if (!ids.length || actor.adminRole) return [];
  const rows = await queryRows<{ id: string; tenant_id: string; name: string; path: string; type: string }>(
    db,
    sql`select id, tenant_id, name, path, type from orgs where id in (${uuidList(ids)})
        and type in ('committee', 'general_branch') and dissolved_on is null order by length(path), path`,
  );
  return rows.filter((o) =>
    allowed(canOnChecklist(actor, 'revise', { tenantId: o.tenant_id, orgPath: o.path })),
  );
}

/** The current version of every checklist the caller may use or see. */
export async function listChecklists(ctx: AppContext, actor: Actor): Promise<ChecklistList> {
  enforce(viewsInspections(actor));
  const rows = await queryRows<ChecklistRow>(
    ctx.db,
    sql`select c.*, o.name as org_name, o.path as org_path from inspection_checklists c join orgs o on o.id = c.org_id
        where c.tenant_id = ${actor.tenantId} and c.status = 'active' and ${relatedSql(actor)}
        order by length(o.path), c.name, c.id`,
  );
  const owners = await inspectorOrgs(ctx.db, actor);
  return { items: rows.map(brief), owners: owners.map((o) => ({ orgId: o.id, orgName: o.name })) };
}

async function loadChecklist(db: Executor, tenantId: string, id: string): Promise<ChecklistRow> {
  const [row] = await queryRows<ChecklistRow>(
    db,
    sql`select c.*, o.name as org_name, o.path as org_path from inspection_checklists c join orgs o on o.id = c.org_id
        where c.id = ${id} and c.tenant_id = ${tenantId}`,
  );
  if (!row) throw notFound('检查清单');
  return row;
}

/** A checklist the caller may see (any version), for an inspection to use. */
export async function readableChecklist(db: Executor, actor: Actor, id: string): Promise<ChecklistRow> {
  const row = await loadChecklist(db, actor.tenantId, id);
  enforce(canOnChecklist(actor, 'read', { tenantId: row.tenant_id, orgPath: row.org_path }));
  return row;
}

export async function getChecklist(ctx: AppContext, actor: Actor, id: string): Promise<ChecklistDetail> {
  const row = await readableChecklist(ctx.db, actor, id);
  const versions = await queryRows<{
    id: string;
    version: number;
    status: string;
    created_at: Date | string;
  }>(
    ctx.db,
    sql`select id, version, status, created_at from inspection_checklists where family_id = ${row.family_id} order by version desc`,
  );
  const resource = { tenantId: row.tenant_id, orgPath: row.org_path };
  return {
    ...brief(row),
    items: row.items,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      createdAt: iso(v.created_at)!,
    })),
    actions:
      row.status === 'active'
        ? permitted((a: 'revise') => canOnChecklist(actor, a, resource), ['revise'])
        : [],
  };
}

export async function createChecklist(ctx: AppContext, actor: Actor, input: CreateChecklistBody) {
  return ctx.db.transaction(async (tx) => {
    enforce(inspects(actor));
    const owner = input.orgId
      ? await authorizeOrg(tx, actor, input.orgId, 'read')
      : (await inspectorOrgs(tx, actor)).map((o) => ({ ...o, tenantId: o.tenant_id }))[0];
    if (!owner) throw forbidden('检查清单由党委或党总支管理员制定');
    enforce(canOnChecklist(actor, 'revise', { tenantId: owner.tenantId, orgPath: owner.path }));
    if (owner.type !== 'committee' && owner.type !== 'general_branch')
      throw invalid({ orgId: '所属组织：检查清单属于党委或党总支' });
    const { items, errors } = buildItems(input.items);
    if (Object.keys(errors).length) throw invalid(errors);
    const id = newId();
    await tx.insert(checklists).values({
      id,
      tenantId: actor.tenantId,
      orgId: owner.id,
      familyId: id,
      version: 1,
      name: input.name,
      items,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'inspection_checklist.create',
      target: { entity: checklistEntity, id },
      details: { name: input.name, items: items.length },
    });
    return { id };
  });
}

/** A new version: the old one is superseded (inspections that used it keep it), item keys carry over. */
export async function reviseChecklist(ctx: AppContext, actor: Actor, id: string, input: ReviseChecklistBody) {
  return ctx.db.transaction(async (tx) => {
    const old = await readableChecklist(tx, actor, id);
    enforce(canOnChecklist(actor, 'revise', { tenantId: old.tenant_id, orgPath: old.org_path }));
    if (old.status !== 'active') throw conflict('该版本已被新版本替代，请在最新版本上修订');
    const { items, errors } = buildItems(input.items, old.items);
    if (Object.keys(errors).length) throw invalid(errors);
    const newIdValue = newId();
    await tx.execute(sql`update inspection_checklists set status = 'superseded' where id = ${id}`);
    await tx.insert(checklists).values({
      id: newIdValue,
      tenantId: actor.tenantId,
      orgId: old.org_id,
      familyId: old.family_id,
      version: old.version + 1,
      name: input.name ?? old.name,
      items,
      createdByName: actor.displayName,
      createdAt: new Date(),
    });
    await audit(tx, actor, [
      { action: 'inspection_checklist.supersede', target: { entity: checklistEntity, id } },
      {
        action: 'inspection_checklist.revise',
        target: { entity: checklistEntity, id: newIdValue },
        details: { previous: id, version: old.version + 1, items: items.length },
      },
    ]);
    return { id: newIdValue };
  });
}
