import { type SQL, sql } from 'drizzle-orm';
import {
  authorizeOrg,
  branchCommittees,
  committeeIntervals,
  currentTerms,
  type GroupUnder,
  groupsUnder,
  loadOrgSettings,
  orgs,
  TERM_STATUS_LABELS,
  termStatus,
} from '../../kernel/orgs/api';
import { type Actor, pathSql } from '../../platform/access';
import { groupBy } from '../../platform/collections';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows, uuidList } from '../../platform/db';
import { enforce } from '../../platform/policy';
import type {
  Compliance,
  ComplianceItemView,
  ComplianceQuery,
  Matrix,
  MatrixQuery,
} from './contract-compliance';
import { decideCompliance, supervisedPaths } from './policy';
import {
  type ComplianceItem,
  complianceStatus,
  computeCompliance,
  isSilent,
  type MeetingKind,
  owedUnits,
  requirements,
} from './rules';
import { COUNTED_STATUSES, MEETING_KIND_LABELS, MEETING_RULESETS } from './rules-kinds';
import { type Period, periodOf, type Span, unitsOf } from './rules-periods';
import type { MeetingSettings } from './rules-settings';
import { loadSettings } from './settings';
import { complianceSnapshots, meetings } from './tables';

/** Whether organization life is held as required: per branch and kind, per member, per month. */

/** SQL: the status column (of `alias`) is one that counts as held; see COUNTED_STATUSES. */
export const counted = (alias = '') =>
  sql.raw(`${alias ? `${alias}.` : ''}status in (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export interface BranchRow {
  id: string;
  name: string;
  parent_id: string | null;
  parent_name: string | null;
  established_on: string;
  dissolved_on: string | null;
  has_committee: boolean;
}

/** The branches in the actor's supervision (optionally under one organization) alive during the period. */
async function scopedBranches(ctx: AppContext, actor: Actor, orgId: string | undefined, period: Period) {
  const parts: SQL[] = [
    sql`o.tenant_id = ${actor.tenantId}`,
    sql`o.type = 'branch'`,
    pathSql(sql`o.path`, supervisedPaths(actor)),
  ];
  if (orgId) {
    const org = await authorizeOrg(ctx.db, actor, orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  parts.push(
    sql`o.established_on <= ${period.to}`,
    // A dissolution day is not a day of existence: dissolved on the period's first day, it owed nothing.
    sql`(o.dissolved_on is null or o.dissolved_on > ${period.from})`,
  );
  const where = sql.join(parts, sql` and `);
  const branches = await queryRows<BranchRow>(
    ctx.db,
    sql`select o.id, o.name, o.parent_id, p.name as parent_name, o.established_on, o.dissolved_on, o.has_committee
        from ${orgs} o left join ${orgs} p on p.id = o.parent_id
        where ${where} order by p.sort_order, o.sort_order, o.code`,
  );
  return { branches, where };
}

/**
 * What the rule needs of some branches for a period: their party groups with the days each hung under
 * them, their committees' spans (from the posts), and their counted meetings with the quorum verdict.
 */
export async function branchFacts(ctx: AppContext, tenantId: string, branchIds: string[], period: Period) {
  if (!branchIds.length) return { groups: [], held: [], committees: new Map<string, Span[]>() };
  const inBranches = sql`(${uuidList(branchIds)})`;
  const groups = await groupsUnder(ctx.db, tenantId, branchIds, period.from, period.to);
  const posts = await branchCommittees(ctx.db, tenantId, branchIds);
  const committees = new Map<string, Span[]>();
  for (const [id, list] of posts)
    if (list.some((p) => p.post !== 'secretary' && p.post !== 'deputy_secretary'))
      committees.set(id, committeeIntervals(list));
  // One JSON value instead of thousands of rows: PGlite hands over rows slowly, JSON.parse is fast.
  // Records older than the quorum column are taken as valid.
  const [packed] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(org_id, branch_id, kind, held_on, late, expected_count, present_count,
          coalesce(quorum_met, true)))::text, '[]') as j
        from ${meetings}
        where tenant_id = ${tenantId} and ${counted()} and branch_id in ${inBranches}
          and held_on between ${period.from} and ${period.to}`,
  );
  const held = (
    JSON.parse(packed.j) as [string, string, string, string, boolean, number, number, boolean][]
  ).map(([org_id, branch_id, kind, held_on, late, expected_count, present_count, valid]) => ({
    org_id,
    branch_id,
    kind,
    held_on,
    late,
    expected_count,
    present_count,
    valid,
  }));
  return { groups, held, committees };
}

type BranchFacts = Awaited<ReturnType<typeof branchFacts>>;

/** A branch's facts as the compliance rule takes them. */
export const ruleFacts = (
  b: BranchRow,
  facts: Pick<BranchFacts, 'committees'> & { groups?: GroupUnder[]; held?: BranchFacts['held'] },
) => ({
  branch: {
    id: b.id,
    establishedOn: b.established_on,
    dissolvedOn: b.dissolved_on,
    hasCommittee: b.has_committee,
    committeeSpans: facts.committees.get(b.id),
  },
  groups: (facts.groups ?? [])
    .filter((g) => g.branchId === b.id)
    .map((g) => ({ id: g.id, establishedOn: g.establishedOn, dissolvedOn: g.dissolvedOn, spans: g.spans })),
  meetings: (facts.held ?? []).map((m) => ({
    orgId: m.org_id,
    kind: m.kind,
    heldOn: m.held_on,
    late: m.late,
    valid: m.valid,
  })),
});

/** What compliance computes for one branch and period; kept in compliance_snapshots for the day. */
interface BranchCompliance {
  items: ComplianceItem[];
  lastHeldOn: string | null;
  attendanceExpected: number;
  attendancePresent: number;
}

// Snapshots are stored as tuples: the whole section's answer is read in one go, and its size is the cost.
const ITEM_FIELDS = [
  'kind',
  'expected',
  'due',
  'held',
  'late',
  'missing',
  'meetings',
  'invalid',
  'status',
] as const;
type StoredCompliance = [unknown[][], string | null, number, number];
const storeCompliance = (c: BranchCompliance): StoredCompliance => [
  c.items.map((i) => ITEM_FIELDS.map((f) => i[f])),
  c.lastHeldOn,
  c.attendanceExpected,
  c.attendancePresent,
];

/** The computation itself: the pure rules over the facts of branches that have no snapshot for today. */
async function computeBranches(
  ctx: AppContext,
  tenantId: string,
  branches: BranchRow[],
  period: Period,
  today: string,
  settings: MeetingSettings,
): Promise<Map<string, BranchCompliance>> {
  const ids = branches.map((b) => b.id);
  const facts = await branchFacts(ctx, tenantId, ids, period);
  const heldOf = groupBy(facts.held, (m) => m.branch_id);
  const last = ids.length
    ? await queryRows<{ branch_id: string; last: string }>(
        ctx.db,
        sql`select branch_id, max(held_on) as last from ${meetings}
            where tenant_id = ${tenantId} and ${counted()} and held_on <= ${today} and branch_id in (${uuidList(ids)})
            group by branch_id`,
      )
    : [];
  const lastOf = new Map(last.map((r) => [r.branch_id, r.last]));
  const out = new Map<string, BranchCompliance>();
  for (const b of branches) {
    const list = heldOf.get(b.id) ?? [];
    out.set(b.id, {
      items: computeCompliance({
        ...ruleFacts(b, { ...facts, held: list }),
        period,
        today,
        settings,
      }),
      lastHeldOn: lastOf.get(b.id) ?? null,
      attendanceExpected: list.reduce((a, m) => a + m.expected_count, 0),
      attendancePresent: list.reduce((a, m) => a + m.present_count, 0),
    });
  }
  return out;
}

/** Today's snapshots of the branches in scope, computing and storing those that are missing. */
async function snapshotsFor(
  ctx: AppContext,
  tenantId: string,
  scope: { branches: BranchRow[]; where: SQL },
  period: Period,
  today: string,
  settings: MeetingSettings,
): Promise<Map<string, StoredCompliance>> {
  // v2: the stored tuples carry the invalid (no quorum) count.
  const periodKey = `v2:${period.from}/${period.to}`;
  const [packed] = scope.branches.length
    ? await queryRows<{ j: string }>(
        ctx.db,
        sql`select coalesce(json_object_agg(s.branch_id, s.result)::text, '{}') as j
            from ${complianceSnapshots} s
            where s.tenant_id = ${tenantId} and s.period_key = ${periodKey} and s.as_of = ${today}
              and s.branch_id in (select o.id from ${orgs} o where ${scope.where})`,
      )
    : [{ j: '{}' }];
  const known = new Map(Object.entries(JSON.parse(packed.j) as Record<string, StoredCompliance>));
  const missing = scope.branches.filter((b) => !known.has(b.id));
  if (!missing.length) return known;
  const computed = await computeBranches(ctx, tenantId, missing, period, today, settings);
  const rows = [...computed].map(([branchId, result]) => ({
    tenantId,
    branchId,
    periodKey,
    asOf: today,
    result: storeCompliance(result),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await ctx.db
      .insert(complianceSnapshots)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [complianceSnapshots.branchId, complianceSnapshots.periodKey],
        set: { asOf: sql`excluded.as_of`, result: sql`excluded.result` },
      });
  }
  for (const r of rows) known.set(r.branchId, r.result);
  return known;
}

/** One branch's line of the answer: its items by kind and its summary. */
function branchAnswer(b: BranchRow, stored: StoredCompliance, today: string, settings: MeetingSettings) {
  const [tuples, lastHeldOn, attendanceExpected, attendancePresent] = stored;
  // In ITEM_FIELDS order, written out field by field: 12,100 branches' items built through fromEntries and a spread cost 0.3 s.
  const items: ComplianceItemView[] = tuples.map((t) => {
    const kind = t[0] as MeetingKind;
    return {
      orgId: b.id,
      kind,
      expected: t[1] as number,
      due: t[2] as number,
      held: t[3] as number,
      late: t[4] as number,
      missing: t[5] as number,
      meetings: t[6] as number,
      invalid: (t[7] as number | null | undefined) ?? 0,
      status: t[8] as ComplianceItem['status'],
      kindLabel: MEETING_KIND_LABELS[kind],
    };
  });
  let worst: ComplianceItem['status'] = 'green';
  for (const r of items)
    if (r.status === 'red' || (r.status === 'yellow' && worst === 'green')) worst = r.status;
  const sum = (k: 'expected' | 'held' | 'late' | 'due' | 'missing' | 'invalid') =>
    items.reduce((a, r) => a + (r[k] ?? 0), 0);
  const due = sum('due');
  const heldDue = due - sum('missing');
  const summary = {
    orgId: b.id,
    name: b.name,
    parentId: b.parent_id,
    parentName: b.parent_name,
    dissolvedOn: b.dissolved_on,
    status: worst,
    lastHeldOn,
    silent: !b.dissolved_on && isSilent(lastHeldOn, today, b.established_on, settings.silentAfterDays),
    attendanceRate: attendanceExpected ? attendancePresent / attendanceExpected : null,
    expected: sum('expected'),
    held: sum('held'),
    late: sum('late'),
    due,
    missing: sum('missing'),
    invalid: sum('invalid'),
    /** Units past their end that were held, of those owed: what the list sorts by. */
    completion: due ? heldDue / due : null,
    term: null as null | { endsOn: string; status: string; statusLabel: string },
  };
  return { items, summary };
}

/**
 * Compliance of every branch in scope. A branch's result is computed once a day and kept until anything
 * it depends on changes (the triggers of migration 0005 drop it in the writing transaction), so the
 * committee's whole-section view reads snapshots and recomputes only the branches that changed.
 */
export async function compliance(
  ctx: AppContext,
  actor: Actor,
  q: ComplianceQuery,
  today = todayLocal(),
): Promise<Compliance> {
  enforce(decideCompliance(actor));
  const period = periodOf(q.year, q.quarter);
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const scope = await scopedBranches(ctx, actor, q.orgId, period);
  const known = await snapshotsFor(ctx, actor.tenantId, scope, period, today, settings);
  const answers = scope.branches.map((b) => branchAnswer(b, known.get(b.id)!, today, settings));
  // The branch's term: an overdue election is red on the compliance view too.
  const terms = await currentTerms(
    ctx.db,
    actor.tenantId,
    scope.branches.map((b) => b.id),
  );
  const { termReminderMonths } = await loadOrgSettings(ctx.db, actor.tenantId);
  for (const a of answers) {
    const t = terms.get(a.summary.orgId);
    if (!t || a.summary.dissolvedOn) continue;
    const status = termStatus(t.endsOn, today, termReminderMonths);
    a.summary.term = { endsOn: t.endsOn, status, statusLabel: TERM_STATUS_LABELS[status] };
  }
  return {
    rulesets: [...MEETING_RULESETS],
    requirements: requirements(settings).map((r) => ({ ...r, kindLabel: MEETING_KIND_LABELS[r.kind] })),
    settings,
    period,
    items: answers.flatMap((a) => a.items),
    branches: answers.map((a) => a.summary),
  };
}

/** Attendance rate per member over a year (exempt members' absences left out), lowest first. */
export async function memberAttendance(ctx: AppContext, actor: Actor, q: MatrixQuery) {
  enforce(decideCompliance(actor));
  const period = periodOf(q.year);
  const parts: SQL[] = [
    sql`m.tenant_id = ${actor.tenantId}`,
    counted('m'),
    sql`m.held_on between ${period.from} and ${period.to}`,
    pathSql(sql`b.path`, supervisedPaths(actor)),
  ];
  if (q.orgId) {
    const org = await authorizeOrg(ctx.db, actor, q.orgId, 'read');
    parts.push(sql`b.path like ${`${org.path}%`}`);
  }
  const rows = await queryRows<{
    person_id: string;
    name: string;
    branch_id: string;
    branch_name: string;
    expected: number;
    present: number;
    leave: number;
    absent: number;
    made_up: number;
  }>(
    ctx.db,
    sql`select e->>'personId' as person_id, max(e->>'name') as name, m.branch_id, max(b.name) as branch_name,
          count(*) filter (where not (e->>'exempt')::boolean or e->>'status' = 'present')::int as expected,
          count(*) filter (where e->>'status' = 'present')::int as present,
          count(*) filter (where e->>'status' = 'leave')::int as leave,
          count(*) filter (where e->>'status' = 'absent')::int as absent,
          count(*) filter (where e->>'status' <> 'present' and e->>'makeUpOn' is not null)::int as made_up
        from ${meetings} m join ${orgs} b on b.id = m.branch_id cross join lateral jsonb_array_elements(m.attendance) e
        where ${sql.join(parts, sql` and `)} and not coalesce((e->>'guest')::boolean, false)
        group by e->>'personId', m.branch_id`,
  );
  const items = rows
    .map((r) => ({
      personId: r.person_id,
      name: r.name,
      branchId: r.branch_id,
      branchName: r.branch_name,
      expected: r.expected,
      present: r.present,
      leave: r.leave,
      absent: r.absent,
      madeUp: r.made_up,
      rate: r.expected ? r.present / r.expected : null,
    }))
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || a.name.localeCompare(b.name, 'zh'));
  return { year: q.year, items };
}

const MONTHLY_KINDS: readonly string[] = [
  'branch_committee_meeting',
  'party_group_meeting',
  'theme_party_day',
];

/** The attendance rate of every month with a counted meeting. */
function monthlyAttendance(held: BranchFacts['held']) {
  const byMonth = new Map<string, { present: number; expected: number }>();
  for (const m of held) {
    const month = m.held_on.slice(0, 7);
    const t = byMonth.get(month) ?? { present: 0, expected: 0 };
    t.present += m.present_count;
    t.expected += m.expected_count;
    byMonth.set(month, t);
  }
  return new Map([...byMonth].map(([month, t]) => [month, t.expected ? t.present / t.expected : null]));
}

/** Branches × months of a year for the monthly meetings, and the trend of completion and attendance. */
export async function complianceMatrix(
  ctx: AppContext,
  actor: Actor,
  q: MatrixQuery,
  today = todayLocal(),
): Promise<Matrix> {
  enforce(decideCompliance(actor));
  const period = periodOf(q.year);
  const settings = await loadSettings(ctx.db, actor.tenantId);
  const { branches } = await scopedBranches(ctx, actor, q.orgId, period);
  const facts = await branchFacts(
    ctx,
    actor.tenantId,
    branches.map((b) => b.id),
    period,
  );
  const heldOf = groupBy(facts.held, (m) => m.branch_id);
  const months = unitsOf('month', period);
  const totals = months.map(() => ({ expected: 0, held: 0 }));
  const rows = branches.map((b) => {
    const own = heldOf.get(b.id) ?? [];
    // The same units compliance and the to-do count, read month by month for the monthly kinds.
    const owed = owedUnits({ ...ruleFacts(b, { ...facts, held: own }), period, today, settings }).filter(
      (u) => MONTHLY_KINDS.includes(u.kind),
    );
    const cells = months.map((unit, i) => {
      const inMonth = owed.filter((u) => u.unit.from === unit.from);
      const expected = inMonth.length;
      const held = inMonth.filter((u) => u.held).length;
      const late = inMonth.filter((u) => u.late).length;
      const missing = inMonth.filter((u) => u.past && !u.held).length;
      const due = unit.to < today;
      if (due) {
        totals[i].expected += expected;
        totals[i].held += held;
      }
      return {
        month: unit.from.slice(0, 7),
        expected,
        held,
        late,
        meetings: own.filter((m) => m.held_on >= unit.from && m.held_on <= unit.to).length,
        status:
          !due && held < expected
            ? ('pending' as const)
            : complianceStatus('quarter', missing, late, settings),
      };
    });
    return { orgId: b.id, name: b.name, parentId: b.parent_id, parentName: b.parent_name, cells };
  });
  const attendanceOf = monthlyAttendance(facts.held);
  return {
    year: q.year,
    months: months.map((m) => m.from.slice(0, 7)),
    rows,
    trend: months.map((m, i) => ({
      month: m.from.slice(0, 7),
      completion: m.to < today && totals[i].expected ? totals[i].held / totals[i].expected : null,
      attendanceRate: attendanceOf.get(m.from.slice(0, 7)) ?? null,
    })),
  };
}
