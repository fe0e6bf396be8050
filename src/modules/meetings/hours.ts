import { type SQL, sql } from 'drizzle-orm';
import { orgs } from '../../kernel/orgs/api';
import { pathSql } from '../../platform/access';
import { VersionedCache } from '../../platform/data-versions';
import { type Executor, queryRows, textList } from '../../platform/db';
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

/** Above this many people the meetings are not pre-filtered by id in SQL: the scan is cheaper than the test. */
const PREFILTER_UP_TO = 20;

/**
 * The counted meetings with class hours and someone present, in the period and scope, each with its
 * hours and its present people (`present_person_ids`, kept by the database from the roll call).
 */
async function hoursScope(db: Executor, tenantId: string, f: StudyHoursFilter) {
  if (f.personIds?.length === 0 || f.orgPaths?.length === 0) return null;
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
    sql`m.present_person_ids is not null`,
    sql`${hours} > 0`,
  ];
  if (f.personIds && f.personIds.length <= PREFILTER_UP_TO)
    parts.push(
      sql`(${sql.join(
        f.personIds.map((id) => sql`strpos(m.present_person_ids, ${id}) > 0`),
        sql` or `,
      )})`,
    );
  if (f.orgPaths) parts.push(pathSql(sql`b.path`, [...f.orgPaths]));
  const from = sql`${meetings} m ${f.orgPaths ? sql`join ${orgs} b on b.id = m.branch_id` : sql``}`;
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
    sql`select coalesce(json_agg(json_build_array(m.id, m.held_on, m.kind, m.topic, m.org_id, m.branch_id,
          ${scope.hours}, m.present_person_ids) order by m.held_on, m.id)::text, '[]') as j
        from ${scope.from} where ${scope.where}`,
  );
  const wanted = f.personIds ? new Set(f.personIds) : null;
  const meetingRows = JSON.parse(packed.j) as [
    string,
    string,
    MeetingKind,
    string,
    string,
    string,
    number,
    string,
  ][];
  return meetingRows.flatMap(([meetingId, heldOn, kind, title, orgId, branchId, hours, ids]) =>
    (wanted ? ids.split(',').filter((id) => wanted.has(id)) : ids.split(',')).map((personId) => ({
      personId,
      meetingId,
      heldOn,
      kind,
      title,
      orgId,
      branchId,
      hours: Number(hours),
    })),
  );
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
): Promise<readonly StudyHoursTotal[]> {
  const scope = await hoursScope(db, tenantId, f);
  if (!scope) return [];
  // Summed by the database: one line per person comes back, however many meetings.
  const compute = async () => {
    const only = f.personIds ? sql`and p.person_id in (${textList(f.personIds)})` : sql``;
    const [packed] = await queryRows<{ s: string | null }>(
      db,
      sql`select string_agg(person_id || ';' || h || ';' || n, ',') as s from (
            select p.person_id, sum(${scope.hours}) as h, count(*) as n
            from ${scope.from} cross join lateral unnest(string_to_array(m.present_person_ids, ',')) p(person_id)
            where ${scope.where} ${only} group by p.person_id) t`,
    );
    return (packed.s ? packed.s.split(',') : []).map((line) => {
      const [personId, h, n] = line.split(';');
      return { personId, hours: Number(h), meetings: Number(n) };
    });
  };
  // The settings' default hours need no place in the key: a change of settings raises the counter too.
  if (f.personIds || f.orgPaths) return compute();
  return wholeTenantTotals.get(db, tenantId, `${f.from}|${f.to}`, compute);
}

/** A whole section's year, kept while no meeting of the tenant changes (a ledger read again and again). */
const wholeTenantTotals = new VersionedCache<readonly StudyHoursTotal[]>('meetings');
