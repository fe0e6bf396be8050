import { sql } from 'drizzle-orm';
import { groupBy } from '../../platform/collections';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import type { Period, Target } from './rules';

/**
 * Who a round assesses. Branch rounds: the branches under the round's organization that existed during
 * the period (a dissolution day is not a day of existence), each with its party members on the reference
 * day (the membership history says who was where). Member rounds (岗区考核): the members responsible for
 * a zone or model post under the organization that was in force during the period.
 */

export interface Person {
  id: string;
  name: string;
}

export interface Subject {
  /** The branch (branch rounds) or the person (member rounds). */
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  parentName: string | null;
  personId: string | null;
  personName: string | null;
  establishedOn: string;
  dissolvedOn: string | null;
  /** Branch rounds: the party members of the branch on the reference day; member rounds: the person. */
  members: Person[];
  zones: { id: string; name: string; kindLabel: string }[];
}

export const ZONE_KIND_LABELS: Record<string, string> = { zone: '党员责任区', model_post: '党员示范岗' };

/** Party members (probationary and full, already admitted on the day) placed in each branch on `day`. */
export async function membersOn(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  day: string,
): Promise<Map<string, Person[]>> {
  if (!branchIds.length) return new Map();
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(m.org_id, p.id, p.name) order by p.name_sort nulls last, p.name, p.id)::text, '[]') as j
        from person_memberships m join people p on p.id = m.person_id
        where m.tenant_id = ${tenantId} and m.org_id in (${uuidList(branchIds)})
          and m.valid_from <= ${day} and (m.valid_to is null or m.valid_to > ${day})
          and p.party_status in ('probationary', 'full') and (p.joined_party_on is null or p.joined_party_on <= ${day})`,
  );
  const rows = JSON.parse(packed.j) as [string, string, string][];
  const out = new Map<string, Person[]>();
  for (const [orgId, id, name] of rows) out.set(orgId, [...(out.get(orgId) ?? []), { id, name }]);
  return out;
}

interface BranchRow {
  id: string;
  name: string;
  path: string;
  parent_name: string | null;
  established_on: string;
  dissolved_on: string | null;
}

const branchSql = (tenantId: string, scopePath: string, p: Period) =>
  sql`select o.id, o.name, o.path, par.name as parent_name, o.established_on, o.dissolved_on
      from orgs o left join orgs par on par.id = o.parent_id
      where o.tenant_id = ${tenantId} and o.type = 'branch' and o.path like ${`${scopePath}%`}
        and o.established_on <= ${p.to} and (o.dissolved_on is null or o.dissolved_on > ${p.from})
      order by par.sort_order nulls first, par.code nulls first, o.sort_order, o.code`;

/** The subjects of a round, optionally only some of them (by subject id). */
export async function loadSubjects(
  db: Executor,
  tenantId: string,
  round: { orgPath: string; target: Target; period: Period },
  ref: string,
  only?: string[],
): Promise<Subject[]> {
  if (round.target === 'branch') {
    let branches = await queryRows<BranchRow>(db, branchSql(tenantId, round.orgPath, round.period));
    if (only) branches = branches.filter((b) => only.includes(b.id));
    const members = await membersOn(
      db,
      tenantId,
      branches.map((b) => b.id),
      ref,
    );
    return branches.map((b) => ({
      id: b.id,
      orgId: b.id,
      orgName: b.name,
      orgPath: b.path,
      parentName: b.parent_name,
      personId: null,
      personName: null,
      establishedOn: b.established_on,
      dissolvedOn: b.dissolved_on,
      members: members.get(b.id) ?? [],
      zones: [],
    }));
  }
  return zoneSubjects(db, tenantId, round, only);
}

async function zoneSubjects(
  db: Executor,
  tenantId: string,
  round: { orgPath: string; period: Period },
  only?: string[],
): Promise<Subject[]> {
  const rows = await queryRows<{
    zone_id: string;
    zone_name: string;
    kind: string;
    person_id: string;
    person_name: string;
    org_id: string;
    org_name: string;
    org_path: string;
    parent_name: string | null;
    established_on: string;
    dissolved_on: string | null;
  }>(
    db,
    sql`select z.id as zone_id, z.name as zone_name, z.kind, p.id as person_id, p.name as person_name,
          o.id as org_id, o.name as org_name, o.path as org_path, par.name as parent_name, o.established_on, o.dissolved_on
        from assessment_zones z cross join lateral jsonb_array_elements_text(z.person_ids) pid
        join people p on p.id = pid::uuid join orgs o on o.id = z.org_id left join orgs par on par.id = o.parent_id
        where z.tenant_id = ${tenantId} and o.path like ${`${round.orgPath}%`}
          and z.started_on <= ${round.period.to} and (z.ended_on is null or z.ended_on >= ${round.period.from})
          ${only?.length ? sql`and p.id in (${uuidList(only)})` : sql``}
        order by par.sort_order nulls first, o.sort_order, o.code, p.name_sort nulls last, p.name, z.started_on, z.id`,
  );
  const out: Subject[] = [];
  for (const [personId, list] of groupBy(rows, (r) => r.person_id)) {
    const r = list[0];
    out.push({
      id: personId,
      orgId: r.org_id,
      orgName: r.org_name,
      orgPath: r.org_path,
      parentName: r.parent_name,
      personId,
      personName: r.person_name,
      establishedOn: r.established_on,
      dissolvedOn: r.dissolved_on,
      members: [{ id: personId, name: r.person_name }],
      zones: list.map((z) => ({
        id: z.zone_id,
        name: z.zone_name,
        kindLabel: ZONE_KIND_LABELS[z.kind] ?? z.kind,
      })),
    });
  }
  return out;
}
