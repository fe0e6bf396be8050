import { sql } from 'drizzle-orm';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { TALK_KIND_LABELS, type TalkKind } from './rules';

/**
 * Reads for the supervision modules (a task's prefilled talk count; an online inspection reading a
 * branch's talks in place). Never the contents: those stay sealed and are opened in the talks module.
 */

/** Talks held from `from` to `to` (inclusive), per answerable organization. */
export async function talkCounts(
  db: Executor,
  tenantId: string,
  orgIds: string[],
  from: string,
  to: string,
): Promise<{ orgId: string; count: number }[]> {
  if (!orgIds.length) return [];
  const rows = await queryRows<{ org_id: string; n: number }>(
    db,
    sql`select t.org_id, count(*)::int as n from talks t
        where t.tenant_id = ${tenantId} and t.org_id in (${uuidList(orgIds)}) and t.held_on between ${from} and ${to}
        group by t.org_id`,
  );
  return rows.map((r) => ({ orgId: r.org_id, count: r.n }));
}

export interface TalkBrief {
  id: string;
  heldOn: string;
  kind: string;
  kindLabel: string;
  personName: string;
  talkerName: string;
  late: boolean;
  link: string;
}

/** A branch's talks held from `from` to `to`, newest first, without their contents. */
export async function branchTalks(
  db: Executor,
  tenantId: string,
  orgId: string,
  from: string,
  to: string,
  limit = 200,
): Promise<TalkBrief[]> {
  const rows = await queryRows<{
    id: string;
    held_on: string;
    kind: TalkKind;
    person_name: string;
    talker_name: string;
    late: boolean;
  }>(
    db,
    sql`select t.id, t.held_on, t.kind, p.name as person_name, t.talker_name, t.late
        from talks t join people p on p.id = t.person_id
        where t.tenant_id = ${tenantId} and t.org_id = ${orgId} and t.held_on between ${from} and ${to}
        order by t.held_on desc, t.id desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    kind: r.kind,
    kindLabel: TALK_KIND_LABELS[r.kind] ?? r.kind,
    personName: r.person_name,
    talkerName: r.talker_name,
    late: r.late,
    link: `/talks/${r.id}`,
  }));
}
