import { type SQL, sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { pathSql } from '../../platform/access';
import { type Executor, queryRows } from '../../platform/db';
import { counted } from './compliance';
import { MEETING_KINDS, type MeetingKind } from './rules';
import { loadSettings } from './settings';
import { meetings } from './tables';

/**
 * The 学时 organization life credits to members, for the study-hours ledger of training (issue 11 §5):
 * every member marked present (出席) at a record that counts as held (COUNTED_STATUSES: submitted,
 * approved, returned), once per meeting, with the meeting's class hours as the record now says them.
 * A revision (another day, another roll call, other hours) changes the answer; a draft, a cancelled plan
 * or a meeting with 0 hours gives nothing. Absent and on-leave members get nothing, and neither does a
 * member's 补学 (make-up study): the ledger counts concentrated study attended, and 补学 is reading the
 * material alone. A guest (列席) present is credited: they sat through it.
 */

export interface StudyHoursFilter {
  /** Days held, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Only these people (a member who moved branches gets the meetings of every branch they attended). */
  personIds?: readonly string[];
  /** Only meetings of branches under these org paths (where the meeting was held, not where the person is now). */
  orgPaths?: readonly string[];
}

export interface StudyHoursRow {
  personId: string;
  meetingId: string;
  heldOn: string;
  kind: MeetingKind;
  /** The meeting's topic. */
  title: string;
  /** The organization that held it (a branch or a party group), and the branch it counts for. */
  orgId: string;
  branchId: string;
  hours: number;
}

/** The WHERE and the hours expression shared by the rows and the totals. */
async function hoursScope(db: Executor, tenantId: string, f: StudyHoursFilter) {
  const { classHoursByKind } = await loadSettings(db, tenantId);
  // Records older than the class_hours column take their kind's default of the settings.
  const byKind = sql.join(
    MEETING_KINDS.map((k) => sql`when ${k} then ${classHoursByKind[k]}::numeric`),
    sql` `,
  );
  const hours = sql`coalesce(m.class_hours, case m.kind ${byKind} else 0 end)`;
  const parts: SQL[] = [
    sql`m.tenant_id = ${tenantId}`,
    counted('m'),
    sql`m.held_on between ${f.from} and ${f.to}`,
    sql`${hours} > 0`,
  ];
  if (f.personIds) {
    if (f.personIds.length === 0) return null;
    parts.push(
      sql`lines.person_id in (${sql.join(
        f.personIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  if (f.orgPaths) {
    if (f.orgPaths.length === 0) return null;
    parts.push(pathSql(sql`b.path`, [...f.orgPaths]));
  }
  // The branch only when the scope asks for it; the jsonpath picks the present lines in one call per
  // meeting (cheaper than unnesting every line and testing its status), one line per person per meeting.
  const from = sql`${meetings} m ${f.orgPaths ? sql`join ${orgs} b on b.id = m.branch_id` : sql``}
    cross join lateral (select distinct x->>'personId' as person_id
                        from jsonb_path_query(m.attendance, '$[*] ? (@.status == "present")') x) lines`;
  return { from, where: sql.join(parts, sql` and `), hours };
}

/** One row per member present per counted meeting with class hours, in the period and scope given. */
export async function meetingStudyHours(
  db: Executor,
  tenantId: string,
  f: StudyHoursFilter,
): Promise<StudyHoursRow[]> {
  const scope = await hoursScope(db, tenantId, f);
  if (!scope) return [];
  // One JSON value instead of thousands of rows: PGlite hands over rows slowly, JSON.parse is fast.
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(lines.person_id, m.id, m.held_on, m.kind, m.topic, m.org_id,
          m.branch_id, ${scope.hours}) order by m.held_on, m.id, lines.person_id)::text, '[]') as j
        from ${scope.from} where ${scope.where}`,
  );
  return (
    JSON.parse(packed.j) as [string, string, string, MeetingKind, string, string, string, number][]
  ).map(([personId, meetingId, heldOn, kind, title, orgId, branchId, hours]) => ({
    personId,
    meetingId,
    heldOn,
    kind,
    title,
    orgId,
    branchId,
    hours: Number(hours),
  }));
}

export interface StudyHoursTotal {
  personId: string;
  hours: number;
  meetings: number;
}

/** The same hours summed per person: what a ledger of a whole section needs, without the rows. */
export async function meetingStudyHoursTotals(
  db: Executor,
  tenantId: string,
  f: StudyHoursFilter,
): Promise<StudyHoursTotal[]> {
  const scope = await hoursScope(db, tenantId, f);
  if (!scope) return [];
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(person_id, hours, n))::text, '[]') as j from (
          select lines.person_id, sum(${scope.hours}) as hours, count(*)::int as n
          from ${scope.from} where ${scope.where} group by lines.person_id) t`,
  );
  return (JSON.parse(packed.j) as [string, number, number][]).map(([personId, hours, n]) => ({
    personId,
    hours: Number(hours),
    meetings: n,
  }));
}
