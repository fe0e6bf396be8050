import { type SQL, sql } from 'drizzle-orm';
import { type Actor, personScope } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { blindIndex, maskIdNumber } from '../../platform/crypto';
import { type Executor, queryRows } from '../../platform/db';
import { enforce, hide } from '../../platform/policy';
import { authorizeOrg } from '../orgs/api';
import type { PersonDetail, PersonListItem } from './contract';
import { decideMemberData, decideOnPerson, type PersonAction, personActions } from './policy';
import { PARTY_STATUS_LABELS, type PartyStatus } from './rules';

/** How people are read: one joined row (person, branch, party group), scoped and presented. */

export const SELECT_PERSON = sql`p.*, o.name as org_name, o.path as org_path, g.name as group_name`;
export const FROM_PERSON = sql`people p join orgs o on o.id = p.org_id left join orgs g on g.id = p.party_group_id`;

/** A `people` row as the database names its columns, with its branch's name and path. */
export type JoinedRow = Record<string, unknown> & {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  ended_on: string | null;
};

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const text = (v: unknown) => (v == null ? null : String(v));

/** The whitelist of what a client sees of a person in a list; sensitive values only masked. */
export function presentItem(actor: Actor, r: JoinedRow): PersonListItem {
  return {
    id: r.id,
    name: r.name as string,
    gender: r.gender as PersonListItem['gender'],
    orgId: r.org_id,
    orgName: r.org_name,
    partyGroupId: text(r.party_group_id),
    partyGroupName: text(r.group_name),
    partyStatus: r.party_status as PartyStatus,
    partyStatusLabel: PARTY_STATUS_LABELS[r.party_status as PartyStatus],
    birthDate: text(r.birth_date),
    employeeNo: text(r.employee_no),
    post: text(r.post),
    jobPost: text(r.job_post),
    workplace: text(r.workplace),
    joinedPartyOn: text(r.joined_party_on),
    fullMemberOn: text(r.full_member_on),
    standing: r.standing as PersonListItem['standing'],
    lostContact: r.lost_contact as boolean,
    floating: r.floating as boolean,
    mobile: text(r.mobile_masked),
    endedOn: r.ended_on,
    endReason: (r.end_reason ?? null) as PersonListItem['endReason'],
    actions: personActions(actor, {
      id: r.id,
      tenantId: r.tenant_id,
      orgPath: r.org_path,
      endedOn: r.ended_on,
    }),
  };
}

/** The whole record: the list's fields and the rest, sensitive values still masked. */
export function presentDetail(
  actor: Actor,
  r: JoinedRow,
  memberships: PersonDetail['memberships'],
): PersonDetail {
  return {
    ...presentItem(actor, r),
    ethnicity: text(r.ethnicity),
    // Re-masked as read: a copy masked under the older rule still shows only its last four.
    idNumber: r.id_number_masked ? maskIdNumber(String(r.id_number_masked)) : null,
    education: text(r.education),
    category: text(r.category),
    landline: text(r.landline_masked),
    address: text(r.address_masked),
    lostContactOn: text(r.lost_contact_on),
    suspendedOn: text(r.suspended_on),
    floatingTo: text(r.floating_to),
    startedWorkOn: text(r.started_work_on),
    partyPosts: text(r.party_posts),
    exempt: r.exempt as boolean,
    remarks: text(r.remarks),
    version: r.version as number,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    memberships,
  };
}

export interface PeopleFilter {
  orgId?: string;
  partyStatus?: PartyStatus[];
  q?: string;
  includeEnded?: boolean;
  page: number;
  pageSize: number;
}

/** The WHERE clause of a scoped people query: the caller's scope first, then the filters. */
export async function peopleWhere(
  ctx: AppContext,
  actor: Actor,
  f: Omit<PeopleFilter, 'page' | 'pageSize'>,
): Promise<SQL> {
  enforce(decideMemberData(actor));
  const parts: SQL[] = [sql`p.tenant_id = ${actor.tenantId}`, personScope(actor, sql`p.org_id`, sql`p.id`)];
  if (f.orgId) {
    const org = await authorizeOrg(ctx.db, actor, f.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (f.partyStatus?.length)
    parts.push(
      sql`p.party_status in (${sql.join(
        f.partyStatus.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (!f.includeEnded) parts.push(sql`p.ended_on is null`);
  const q = f.q?.trim();
  if (q) {
    const alternatives = [sql`p.name like ${`%${q}%`}`, sql`p.employee_no = ${q}`];
    if (/^\d{17}[\dXx]$/.test(q)) alternatives.push(sql`p.id_number_index = ${blindIndex(ctx.keys, q)}`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return sql.join(parts, sql` and `);
}

async function loadPerson(db: Executor, actor: Actor, id: string): Promise<JoinedRow | undefined> {
  const [row] = await queryRows<JoinedRow>(
    db,
    sql`select ${SELECT_PERSON} from ${FROM_PERSON} where p.id = ${id} and p.tenant_id = ${actor.tenantId}`,
  );
  return row;
}

/** Loads a person and checks the action: outside the caller's sight is 404, visible but not allowed is 403. */
export async function authorizePerson(
  db: Executor,
  actor: Actor,
  id: string,
  action: PersonAction,
): Promise<JoinedRow> {
  const row = await loadPerson(db, actor, id);
  enforce(
    row
      ? decideOnPerson(actor, action, {
          id: row.id,
          tenantId: row.tenant_id,
          orgPath: row.org_path,
          endedOn: row.ended_on,
        })
      : hide('人员'),
  );
  return row as JoinedRow;
}
