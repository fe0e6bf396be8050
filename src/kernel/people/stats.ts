import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import type { PeopleStats } from './contract';
import { FROM_PERSON, peopleWhere } from './read';
import {
  AGE_BANDS,
  ageBand,
  isPartyMember,
  PARTY_AGE_BANDS,
  PARTY_STATUS_LABELS,
  type PartyStatus,
  partyAgeBand,
} from './rules';

interface Group {
  party_status: PartyStatus;
  birth_date: string | null;
  full_member_on: string | null;
  gb: string | null;
  gb_name: string | null;
  n: number;
}

/** People grouped by what the figures need, in one JSON value (PGlite hands over rows slowly). */
async function groups(ctx: AppContext, actor: Actor, orgId?: string): Promise<Group[]> {
  const where = await peopleWhere(ctx, actor, { orgId });
  const [packed] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(x.party_status, x.birth_date, x.full_member_on, x.gb, x.gb_name, x.n))::text, '[]') as j
        from (select p.party_status, p.birth_date, p.full_member_on, gb.id as gb, gb.name as gb_name, count(*)::int as n
          from ${FROM_PERSON}
          left join orgs gb on gb.id = nullif(split_part(o.path, '/', 3), '')::uuid and gb.type = 'general_branch'
          where ${where}
          group by p.party_status, p.birth_date, p.full_member_on, gb.id, gb.name) x`,
  );
  return (
    JSON.parse(packed.j) as [
      PartyStatus,
      string | null,
      string | null,
      string | null,
      string | null,
      number,
    ][]
  ).map(([party_status, birth_date, full_member_on, gb, gb_name, n]) => ({
    party_status,
    birth_date,
    full_member_on,
    gb,
    gb_name,
    n,
  }));
}

/** Basic statistics of the caller's scope for the home dashboard. */
export async function peopleStats(ctx: AppContext, actor: Actor, orgId?: string): Promise<PeopleStats> {
  const rows = await groups(ctx, actor, orgId);
  const today = todayLocal();
  const byStatus = Object.fromEntries(Object.keys(PARTY_STATUS_LABELS).map((k) => [k, 0])) as Record<
    PartyStatus,
    number
  >;
  const byAge = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<string, number>;
  const byPartyAge = Object.fromEntries(PARTY_AGE_BANDS.map((b) => [b, 0])) as Record<string, number>;
  const byGeneral = new Map<string, { orgId: string; name: string; members: number; employees: number }>();
  let employees = 0;
  let members = 0;
  for (const r of rows) {
    employees += r.n;
    byStatus[r.party_status] += r.n;
    const member = isPartyMember(r.party_status);
    if (member) {
      members += r.n;
      if (r.birth_date) byAge[ageBand(r.birth_date, today)] += r.n;
      byPartyAge[partyAgeBand(r.full_member_on, today)] += r.n;
    }
    if (r.gb) {
      const g = byGeneral.get(r.gb) ?? { orgId: r.gb, name: r.gb_name!, members: 0, employees: 0 };
      g.employees += r.n;
      if (member) g.members += r.n;
      byGeneral.set(r.gb, g);
    }
  }
  return {
    employees,
    members,
    byStatus: Object.entries(byStatus).map(([status, count]) => ({
      status: status as PartyStatus,
      label: PARTY_STATUS_LABELS[status as PartyStatus],
      count,
    })),
    byAgeBand: Object.entries(byAge).map(([band, count]) => ({ band, count })),
    byPartyAge: Object.entries(byPartyAge).map(([band, count]) => ({ band, count })),
    byGeneralBranch: [...byGeneral.values()].sort((a, b) => b.members - a.members),
  };
}
