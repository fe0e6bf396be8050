import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db';
import { TALK_KIND_LABELS, type TalkKind } from './rules';

/**
 * Reads for assessment (考核): the talks held with given people in a period, never their contents.
 * Coverage follows the person (a talk counts wherever it was held). Authorization is the caller's.
 */

export interface TalkOfPerson {
  id: string;
  personId: string;
  heldOn: string;
  kind: string;
  kindLabel: string;
  late: boolean;
  link: string;
}

/** Talks with these people held from `from` to `to` (inclusive), oldest first (the ids go as one array parameter). */
export async function talksOfPeople(
  db: Executor,
  tenantId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<TalkOfPerson[]> {
  if (!personIds.length) return [];
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(t.id, t.person_id, t.held_on, t.kind, t.late)
          order by t.held_on, t.id)::text, '[]') as j
        from talks t
        where t.tenant_id = ${tenantId} and t.person_id = any(${`{${personIds.join(',')}}`}::uuid[])
          and t.held_on between ${from} and ${to}`,
  );
  return (JSON.parse(packed.j) as [string, string, string, TalkKind, boolean][]).map((r) => ({
    id: r[0],
    personId: r[1],
    heldOn: r[2],
    kind: r[3],
    kindLabel: TALK_KIND_LABELS[r[3]] ?? r[3],
    late: r[4],
    link: `/talks/${r[0]}`,
  }));
}
