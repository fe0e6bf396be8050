import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/api';
import { type Actor, managedPaths, pathSql } from '../../platform/access';
import { audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, hide, permitted } from '../../platform/policy';
import type { Zone, ZoneBody, ZoneUpdateBody } from './contract';
import { canDefineZoneIn, canOnZone, viewsAssessment, type ZoneAction, type ZoneResource } from './policy';
import { ZONE_KIND_LABELS } from './subjects';
import { assessmentZones, zoneEntity } from './tables';

/**
 * 党员责任区 and 党员示范岗: defined per branch with the members responsible (party members of the
 * branch) and their goals, assessed in member rounds (岗区考核). Ending one keeps it in the record.
 */

interface ZoneRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  kind: 'zone' | 'model_post';
  name: string;
  area: string;
  goals: string;
  person_ids: string[] | string;
  people: { id: string; name: string }[] | string;
  started_on: string;
  ended_on: string | null;
  version: number;
}

const SELECT = sql`select z.id, z.tenant_id, z.org_id, o.name as org_name, o.path as org_path, z.kind, z.name, z.area, z.goals,
    z.person_ids, z.started_on, z.ended_on, z.version,
    (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) order by x.n), '[]')
       from jsonb_array_elements_text(z.person_ids) with ordinality x(pid, n) join people p on p.id = x.pid::uuid) as people
  from assessment_zones z join orgs o on o.id = z.org_id`;

const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const resource = (r: ZoneRow): ZoneResource => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  personIds: parse(r.person_ids),
  endedOn: r.ended_on,
});

export const presentZone = (actor: Actor, r: ZoneRow): Zone => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  kind: r.kind,
  kindLabel: ZONE_KIND_LABELS[r.kind],
  name: r.name,
  area: r.area,
  goals: r.goals,
  people: parse(r.people),
  startedOn: r.started_on,
  endedOn: r.ended_on,
  version: r.version,
  actions: permitted((a: Exclude<ZoneAction, 'read'>) => canOnZone(actor, a, resource(r)), [
    'edit',
    'end',
  ] as const),
});

/** SQL: zones the caller may read: in their subtrees, or their own. */
function zoneScope(actor: Actor): SQL {
  if (actor.adminRole) return sql`false`;
  const own = actor.personId ? sql`z.person_ids @> ${JSON.stringify([actor.personId])}::jsonb` : sql`false`;
  return sql`(${pathSql(sql`o.path`, managedPaths(actor))} or ${own})`;
}

export async function listZones(
  db: Executor,
  actor: Actor,
  q: { orgId?: string; kind?: 'zone' | 'model_post'; ended?: 'true' | 'false' },
): Promise<{ items: Zone[] }> {
  enforce(viewsAssessment(actor));
  const parts: SQL[] = [sql`z.tenant_id = ${actor.tenantId}`, zoneScope(actor)];
  if (q.orgId) {
    const org = await authorizeOrg(db, actor, q.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (q.kind) parts.push(sql`z.kind = ${q.kind}`);
  if (q.ended !== 'true') parts.push(sql`z.ended_on is null`);
  const rows = await queryRows<ZoneRow>(
    db,
    sql`${SELECT} where ${sql.join(parts, sql` and `)} order by o.path, z.kind desc, z.started_on, z.name limit 500`,
  );
  return { items: rows.map((r) => presentZone(actor, r)) };
}

async function loadZone(db: Executor, actor: Actor, id: string, lock = false): Promise<ZoneRow> {
  const [row] = await queryRows<ZoneRow>(
    db,
    sql`${SELECT} where z.id = ${id} and z.tenant_id = ${actor.tenantId}${lock ? sql` for update of z` : sql``}`,
  );
  enforce(row ? canOnZone(actor, 'read', resource(row)) : hide('责任区或示范岗'));
  return row;
}

/** The members responsible must be party members of the branch today, named once each. */
async function checkPeople(
  db: Executor,
  tenantId: string,
  orgId: string,
  personIds: string[],
): Promise<void> {
  if (new Set(personIds).size !== personIds.length) throw invalid({ personIds: '责任党员：不能重复' });
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from people where tenant_id = ${tenantId} and id in (${uuidList(personIds)}) and org_id = ${orgId}
          and ended_on is null and party_status in ('probationary', 'full')`,
  );
  if (rows.length !== personIds.length)
    throw invalid({ personIds: '责任党员：应为本支部的党员（含预备党员）' });
}

export async function createZone(
  ctx: AppContext,
  actor: Actor,
  input: ZoneBody,
  today = todayLocal(),
): Promise<Zone> {
  enforce(viewsAssessment(actor));
  const id = await ctx.db.transaction(async (tx) => {
    const org = await authorizeOrg(tx, actor, input.orgId, 'read');
    enforce(canDefineZoneIn(actor, org));
    if (input.startedOn > today) throw invalid({ startedOn: '设立日期：不能晚于今天' });
    if (input.startedOn < org.establishedOn) throw invalid({ startedOn: '设立日期：不能早于党支部成立日期' });
    await checkPeople(tx, actor.tenantId, org.id, input.personIds);
    const now = new Date();
    const row = {
      id: newId(),
      tenantId: actor.tenantId,
      orgId: org.id,
      kind: input.kind,
      name: input.name,
      area: input.area,
      goals: input.goals,
      personIds: input.personIds,
      startedOn: input.startedOn,
      createdBy: actor.accountId,
      createdByName: actor.displayName,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(assessmentZones).values(row);
    await audit(tx, actor, {
      action: 'assessment_zone.create',
      target: { entity: zoneEntity, id: row.id },
      details: { orgId: org.id, kind: row.kind, name: row.name, personIds: row.personIds },
    });
    return row.id;
  });
  return presentZone(actor, await loadZone(ctx.db, actor, id));
}

export async function updateZone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ZoneUpdateBody,
): Promise<Zone> {
  enforce(viewsAssessment(actor));
  await ctx.db.transaction(async (tx) => {
    const row = await loadZone(tx, actor, id, true);
    enforce(canOnZone(actor, 'edit', resource(row)));
    if (row.version !== input.version) throw conflict('该记录已被他人修改，请刷新后重试');
    await checkPeople(tx, actor.tenantId, row.org_id, input.personIds);
    const before = { name: row.name, area: row.area, goals: row.goals, personIds: parse(row.person_ids) };
    const after = { name: input.name, area: input.area, goals: input.goals, personIds: input.personIds };
    await tx
      .update(assessmentZones)
      .set({ ...after, updatedAt: new Date(), version: row.version + 1 })
      .where(sql`id = ${row.id}`);
    await audit(tx, actor, {
      action: 'assessment_zone.update',
      target: { entity: zoneEntity, id: row.id },
      details: { changes: diffFields(before, after) },
    });
  });
  return presentZone(actor, await loadZone(ctx.db, actor, id));
}

export async function endZone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  endedOn: string,
  today = todayLocal(),
): Promise<Zone> {
  enforce(viewsAssessment(actor));
  await ctx.db.transaction(async (tx) => {
    const row = await loadZone(tx, actor, id, true);
    enforce(canOnZone(actor, 'end', resource(row)));
    if (endedOn > today) throw invalid({ endedOn: '撤销日期：不能晚于今天' });
    if (endedOn < row.started_on) throw invalid({ endedOn: '撤销日期：不能早于设立日期' });
    await tx
      .update(assessmentZones)
      .set({ endedOn, updatedAt: new Date(), version: row.version + 1 })
      .where(sql`id = ${row.id}`);
    await audit(tx, actor, {
      action: 'assessment_zone.end',
      target: { entity: zoneEntity, id: row.id },
      details: { endedOn },
    });
  });
  return presentZone(actor, await loadZone(ctx.db, actor, id));
}
