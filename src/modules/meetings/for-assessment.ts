import { sql } from 'drizzle-orm';
import { groupBy } from '../../platform/collections';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import {
  COUNTED_STATUSES,
  type ComplianceStatus,
  complianceStatus,
  MEETING_KIND_LABELS,
  type MeetingKind,
  owedUnits,
  type Period,
  requirements,
} from './rules';
import { loadSettings } from './settings';

/**
 * Reads for assessment (考核) and the committee's overview: what each branch owed in a period and what
 * covered it, with the records behind every figure. The rule is meetings' own (`owedUnits`): a unit is
 * owed when the holder existed for the `owedIfActive` share of it, a committee while one existed, a party
 * group per group. Authorization is the caller's: these take ids the caller has already authorized.
 */

const countedList = COUNTED_STATUSES.map((s) => `'${s}'`).join(', ');
const counted = sql.raw(`m.status in (${countedList})`);
/**
 * The same test as an expression no index answers: without statistics (PGlite) the planner would walk
 * the (tenant, status) index over every meeting of the tenant instead of (tenant, branch, held_on).
 */
const countedNoIndex = sql.raw(`(m.status || '') in (${countedList})`);

export interface OwedUnitBrief {
  kind: string;
  kindLabel: string;
  /** The branch or party group that owes it. */
  holderId: string;
  holderName: string;
  from: string;
  to: string;
  /** The unit has ended before `today`. */
  due: boolean;
  held: boolean;
  /** Covered only by late records (补录). */
  late: boolean;
}

export interface CountedMeeting {
  id: string;
  kind: string;
  kindLabel: string;
  topic: string;
  heldOn: string;
  late: boolean;
  expected: number;
  present: number;
  link: string;
}

export interface BranchOrgLife {
  branchId: string;
  /**
   * The units owed that lie wholly inside the period (a quarter's months and the quarter itself; a yearly
   * meeting is judged in a yearly period), in the order of the requirements.
   */
  units: OwedUnitBrief[];
  /** Counted meetings (submitted, returned, approved) held in the period, oldest first. */
  meetings: CountedMeeting[];
  /** Units due (ended), held among them, missed, held only by 补录. */
  due: number;
  held: number;
  missing: number;
  late: number;
  /** The worst status of the kinds, by meetings' thresholds (red, yellow, green). */
  status: ComplianceStatus;
  /** 应到 and 实到 summed over the counted meetings. */
  attendanceExpected: number;
  attendancePresent: number;
}

/** Per branch: owed units, the meetings of the period and their attendance, on `today`. */
export async function orgLifeForAssessment(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  period: Period,
  today: string,
): Promise<BranchOrgLife[]> {
  if (!branchIds.length) return [];
  const settings = await loadSettings(db, tenantId);
  const ids = uuidList(branchIds);
  const orgRows = await queryRows<{
    id: string;
    name: string;
    type: string;
    parent_id: string | null;
    established_on: string;
    dissolved_on: string | null;
    has_committee: boolean;
  }>(
    db,
    sql`select id, name, type, parent_id, established_on, dissolved_on, has_committee from orgs
        where tenant_id = ${tenantId} and (id in (${ids}) or (type = 'party_group' and parent_id in (${ids})))`,
  );
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(m.id, m.org_id, m.branch_id, m.kind, m.topic, m.held_on, m.late,
          m.expected_count, m.present_count) order by m.held_on, m.id)::text, '[]') as j
        from meetings m
        where m.tenant_id = ${tenantId} and ${countedNoIndex} and m.branch_id in (${ids})
          and m.held_on between ${period.from} and ${period.to}`,
  );
  type Row = [string, string, string, string, string, string, boolean, number, number];
  const held = (JSON.parse(packed.j) as Row[]).map((r) => ({
    id: r[0],
    orgId: r[1],
    branchId: r[2],
    kind: r[3],
    topic: r[4],
    heldOn: r[5],
    late: r[6],
    expected: r[7],
    present: r[8],
  }));
  const heldOf = groupBy(held, (m) => m.branchId);
  const groupsOf = groupBy(
    orgRows.filter((o) => o.type === 'party_group'),
    (g) => g.parent_id,
  );
  const names = new Map(orgRows.map((o) => [o.id, o.name]));
  const freq = new Map(requirements(settings).map((r) => [r.kind, r.frequency]));
  return orgRows
    .filter((o) => o.type !== 'party_group' && branchIds.includes(o.id))
    .map((b) => {
      const list = heldOf.get(b.id) ?? [];
      const owed = owedUnits({
        branch: {
          id: b.id,
          establishedOn: b.established_on,
          dissolvedOn: b.dissolved_on,
          hasCommittee: b.has_committee,
        },
        groups: (groupsOf.get(b.id) ?? []).map((g) => ({
          id: g.id,
          establishedOn: g.established_on,
          dissolvedOn: g.dissolved_on,
        })),
        meetings: list.map((m) => ({ orgId: m.orgId, kind: m.kind, heldOn: m.heldOn, late: m.late })),
        period,
        today,
        settings,
      }).filter((u) => u.unit.from >= period.from && u.unit.to <= period.to);
      const units: OwedUnitBrief[] = owed.map((u) => ({
        kind: u.kind,
        kindLabel: MEETING_KIND_LABELS[u.kind],
        holderId: u.holderId,
        holderName: names.get(u.holderId) ?? '',
        from: u.unit.from,
        to: u.unit.to,
        due: u.past,
        held: u.held,
        late: u.late,
      }));
      let status: ComplianceStatus = 'green';
      for (const [kind, ofKind] of groupBy(owed, (u) => u.kind)) {
        const missing = ofKind.filter((u) => u.past && !u.held).length;
        const late = ofKind.filter((u) => u.late).length;
        const s = complianceStatus(freq.get(kind) ?? 'month', missing, late, settings);
        if (s === 'red' || (s === 'yellow' && status === 'green')) status = s;
      }
      const due = units.filter((u) => u.due);
      return {
        branchId: b.id,
        units,
        meetings: list.map((m) => ({
          id: m.id,
          kind: m.kind,
          kindLabel: MEETING_KIND_LABELS[m.kind as MeetingKind] ?? m.kind,
          topic: m.topic,
          heldOn: m.heldOn,
          late: m.late,
          expected: m.expected,
          present: m.present,
          link: `/meetings/${m.id}`,
        })),
        due: due.length,
        held: due.filter((u) => u.held).length,
        missing: due.filter((u) => !u.held).length,
        late: due.filter((u) => u.late).length,
        status,
        attendanceExpected: list.reduce((a, m) => a + m.expected, 0),
        attendancePresent: list.reduce((a, m) => a + m.present, 0),
      };
    });
}

export interface PersonAttendance {
  personId: string;
  /** Meetings the person was expected at (exempt members' absences left out), and present at. */
  expected: number;
  present: number;
  meetings: {
    id: string;
    kindLabel: string;
    topic: string;
    heldOn: string;
    status: string;
    link: string;
  }[];
}

/** Per person: the counted meetings of the period whose roll call names them (guests left out). */
export async function attendanceOfPeople(
  db: Executor,
  tenantId: string,
  personIds: string[],
  period: Period,
): Promise<PersonAttendance[]> {
  if (!personIds.length) return [];
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(e->>'personId', m.id, m.kind, m.topic, m.held_on, e->>'status',
          coalesce((e->>'exempt')::boolean, false)) order by m.held_on, m.id)::text, '[]') as j
        from meetings m cross join lateral jsonb_array_elements(m.attendance) e
        where m.tenant_id = ${tenantId} and ${counted} and m.held_on between ${period.from} and ${period.to}
          and e->>'personId' in (${sql.join(
            personIds.map((id) => sql`${id}`),
            sql`, `,
          )})
          and not coalesce((e->>'guest')::boolean, false)`,
  );
  type Row = [string, string, MeetingKind, string, string, string, boolean];
  const byPerson = groupBy(JSON.parse(packed.j) as Row[], (r) => r[0]);
  return personIds.map((personId) => {
    const rows = byPerson.get(personId) ?? [];
    return {
      personId,
      expected: rows.filter((r) => !r[6] || r[5] === 'present').length,
      present: rows.filter((r) => r[5] === 'present').length,
      meetings: rows.map((r) => ({
        id: r[1],
        kindLabel: MEETING_KIND_LABELS[r[2]] ?? r[2],
        topic: r[3],
        heldOn: r[4],
        status: r[5],
        link: `/meetings/${r[1]}`,
      })),
    };
  });
}
