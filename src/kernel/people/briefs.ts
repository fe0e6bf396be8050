import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db';

/** What other modules need to know of a person: name, branch (with its path), status, post. */
export interface PersonBrief {
  id: string;
  tenant_id: string;
  name: string;
  org_id: string;
  org_path: string;
  org_name: string;
  party_status: string;
  joined_party_on: string | null;
  post: string | null;
  ended_on: string | null;
}

export async function loadPersonBrief(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<PersonBrief | undefined> {
  const [p] = await queryRows<PersonBrief>(
    db,
    sql`select p.id, p.tenant_id, p.name, p.org_id, o.path as org_path, o.name as org_name, p.party_status,
               p.joined_party_on, p.post, p.ended_on
        from people p join orgs o on o.id = p.org_id where p.id = ${id} and p.tenant_id = ${tenantId}`,
  );
  return p;
}

export interface BranchOnDate {
  id: string;
  name: string;
  path: string;
  type: string;
  tenantId: string;
}

/** The branch a person belonged to on a date (person_memberships; valid_to exclusive). */
export async function branchOnDate(
  db: Executor,
  personId: string,
  date: string,
): Promise<BranchOnDate | null> {
  const [m] = await queryRows<{ id: string; name: string; path: string; type: string; tenant_id: string }>(
    db,
    sql`select o.id, o.name, o.path, o.type, o.tenant_id from person_memberships m join orgs o on o.id = m.org_id
        where m.person_id = ${personId} and m.valid_from <= ${date} and (m.valid_to is null or m.valid_to > ${date})
        order by m.valid_from desc, m.created_at desc limit 1`,
  );
  return m ? { id: m.id, name: m.name, path: m.path, type: m.type, tenantId: m.tenant_id } : null;
}

/** A member (probationary or full) who had joined by that date. */
export const isMemberOn = (p: { party_status: string; joined_party_on: string | null }, date: string) =>
  (p.party_status === 'full' || p.party_status === 'probationary') &&
  (!p.joined_party_on || p.joined_party_on <= date);
