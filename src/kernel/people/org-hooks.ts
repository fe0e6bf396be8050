import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db';
import { conflict, invalid } from '../../platform/errors';
import type {
  DateBound,
  OrgDissolving,
  OrgEnding,
  OrgHeadcount,
  OrgHeadcountSource,
  PartyPostsRow,
  PartyPostsSource,
  PostHolderCheck,
  SecretaryAssigning,
} from '../orgs/api';
import { people } from './tables';

/** How people follows the tree: the handlers of the orgs hooks (the merge's transfer is in transfers.ts). */

/** No organization is dissolved while people are still on the roll in its subtree. */
export async function refuseDissolvingWithPeople(tx: Executor, { org }: OrgDissolving): Promise<void> {
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from people p join orgs o on o.id = p.org_id where o.path like ${`${org.path}%`} and p.ended_on is null`,
  );
  if (n > 0) throw conflict(`该组织下还有 ${n} 名在册人员，请先转出或合并后再撤销`);
}

/** Members who joined the subtree, or left it, after the day it would end. */
export async function membershipBounds(tx: Executor, { org, on }: OrgEnding): Promise<DateBound[]> {
  const members = await queryRows<{ name: string; valid_from: string; valid_to: string | null }>(
    tx,
    sql`select p.name, m.valid_from, m.valid_to from person_memberships m
          join orgs o on o.id = m.org_id join people p on p.id = m.person_id
        where o.path like ${`${org.path}%`} and (m.valid_to > ${on} or (m.valid_to is null and m.valid_from > ${on}))`,
  );
  return members.map((m) =>
    m.valid_to === null
      ? { what: '某成员加入本支部的日期', who: m.name, date: m.valid_from }
      : { what: '某人调离本组织的日期', who: m.name, date: m.valid_to },
  );
}

/** A secretary is a person of the same committee. */
export async function checkSecretary(tx: Executor, { actor, personId }: SecretaryAssigning): Promise<void> {
  const [p] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.tenantId, actor.tenantId)));
  if (!p) throw invalid({ secretaryPersonId: '书记不存在' });
}

/** Head counts of the tree: today from the roll, on a past date from the memberships of that day. */
export const headcounts: OrgHeadcountSource = {
  current: (db: Executor, orgWhere: SQL) =>
    queryRows<OrgHeadcount>(
      db,
      sql`select p.org_id,
            count(*) filter (where p.party_status = 'full')::int as full,
            count(*) filter (where p.party_status = 'probationary')::int as probationary,
            count(*)::int as employees
          from people p join orgs o on o.id = p.org_id
          where p.ended_on is null and ${orgWhere} group by p.org_id`,
    ),
  on: (db: Executor, on: string, orgWhere: SQL) =>
    queryRows<OrgHeadcount>(
      db,
      sql`select m.org_id,
            count(*) filter (where p.full_member_on <= ${on})::int as full,
            count(*) filter (where p.party_status in ('probationary', 'full') and p.joined_party_on <= ${on}
              and (p.full_member_on is null or p.full_member_on > ${on}))::int as probationary,
            count(*)::int as employees
          from person_memberships m join people p on p.id = m.person_id join orgs o on o.id = m.org_id
          where m.valid_from <= ${on} and (m.valid_to is null or m.valid_to > ${on}) and ${orgWhere}
          group by m.org_id`,
    ),
};

/**
 * Who may hold a committee post of an organization on a date: a full member (a probationary member has
 * no right to be elected) of that organization's subtree that day. Answers the name the post keeps.
 */
export async function checkPostHolder(tx: Executor, c: PostHolderCheck): Promise<{ name: string }> {
  const [p] = await queryRows<{
    name: string;
    full_member_on: string | null;
    ended_on: string | null;
    member: boolean;
  }>(
    tx,
    sql`select p.name, p.full_member_on, p.ended_on,
          exists (select 1 from person_memberships m join orgs o on o.id = m.org_id
                  where m.person_id = p.id and o.path like ${`${c.org.path}%`}
                    and m.valid_from <= ${c.on} and (m.valid_to is null or m.valid_to > ${c.on})) as member
        from people p where p.id = ${c.personId} and p.tenant_id = ${c.tenantId}`,
  );
  if (!p) throw invalid({ personId: '人员不存在' });
  if (!p.full_member_on || p.full_member_on > c.on)
    throw invalid({
      personId: `${p.name} 在 ${c.on} 不是正式党员（预备党员没有被选举权），不能担任委员会职务`,
    });
  if (!p.member || (p.ended_on && p.ended_on <= c.on))
    throw invalid({ personId: `${p.name} 在 ${c.on} 不是本组织的党员` });
  return { name: p.name };
}

/** The free-text party posts of the people of a subtree, for migrating them into committee posts. */
export const partyPosts: PartyPostsSource = {
  under: (db: Executor, tenantId: string, pathPrefix: string) =>
    queryRows<PartyPostsRow>(
      db,
      sql`select p.id as "personId", p.name, p.org_id as "orgId", p.party_posts as "partyPosts",
            coalesce((select max(m.valid_from) from person_memberships m where m.person_id = p.id and m.org_id = p.org_id),
                     p.joined_party_on, p.created_at::date)::text as since
          from people p join orgs o on o.id = p.org_id
          where p.tenant_id = ${tenantId} and o.path like ${`${pathPrefix}%`} and p.ended_on is null
            and p.party_posts is not null and p.party_posts <> ''
          order by since, p.employee_no nulls last`,
    ),
};
