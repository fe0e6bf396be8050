import { sql } from 'drizzle-orm';
import { managedRoot } from '../../kernel/orgs/api';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { enforce } from '../../platform/policy';
import { meetingStudyHours } from '../meetings/api';
import type { LevelRow, StatsQuery, TrainingStats } from './contract';
import { type JudgedPerson, judgedLedger } from './hours';
import { MEMBER_STATUSES, yearRange } from './ledger';
import { managesSomewhere } from './policy';
import { monthsLeft, round1, SOURCE_KINDS, SOURCE_LABELS, type SourceKind } from './rules';

/**
 * Statistics of a level (the committee, a general branch, a branch) and of each organization one level
 * below it: members' standing, hours, required study, quizzes, class attendance. Hours per organization
 * are attributed to the branch the member belonged to on the day of each hour's source (person_memberships);
 * the standing counts each current member once, in their current branch, with every hour of their year.
 */

interface Attributed {
  branchId: string;
  kind: SourceKind;
  month: string;
  hours: number;
}

/** Each person's branches over time (person_memberships), to find the branch on a day without a query per row. */
async function membershipIndex(db: Executor, tenantId: string) {
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_agg(json_build_array(person_id, org_id, valid_from, valid_to) order by person_id, valid_from desc, created_at desc)::text as j
        from person_memberships where tenant_id = ${tenantId}`,
  );
  const index = new Map<string, [string, string, string | null][]>();
  for (const [personId, orgId, from, to] of JSON.parse(packed?.j ?? '[]') as [
    string,
    string,
    string,
    string | null,
  ][]) {
    const list = index.get(personId);
    if (list) list.push([orgId, from, to]);
    else index.set(personId, [[orgId, from, to]]);
  }
  return (personId: string, day: string): string | null =>
    index.get(personId)?.find(([, from, to]) => from <= day && (to === null || to > day))?.[0] ?? null;
}

/**
 * The year's hours of every source of the tenant's party members, by the branch on the day of each hour,
 * source and month. The branch on the day is looked up here, from one read of the memberships.
 */
async function attributedHours(
  db: Executor,
  tenantId: string,
  year: number,
  rootPath: string,
): Promise<Attributed[]> {
  const { from, to } = yearRange(year);
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_agg(json_build_array(person_id, kind, d, h))::text as j from (
          select tp.person_id, 'class' as kind, c.ends_on as d, tp.hours as h
            from training_classes c join training_participants tp on tp.class_id = c.id
           where c.tenant_id = ${tenantId} and c.cancelled_at is null and c.ends_on between ${from} and ${to}
             and tp.status = 'present'
          union all
          select cm.person_id, 'content', cm.finished_on, cm.hours from training_completions cm
           where cm.tenant_id = ${tenantId} and cm.finished_on between ${from} and ${to}
          union all
          select r.person_id, 'import', r.period_to, r.hours from training_import_rows r
           where r.tenant_id = ${tenantId} and r.period_to between ${from} and ${to}) t`,
  );
  const [members, branchOn, meetings] = await Promise.all([
    queryRows<{ j: string | null }>(
      db,
      sql`select json_agg(id)::text as j from people where tenant_id = ${tenantId} and party_status in ${MEMBER_STATUSES}`,
    ),
    membershipIndex(db, tenantId),
    meetingStudyHours(db, tenantId, { from, to, orgPaths: [rootPath] }),
  ]);
  const isMember = new Set(JSON.parse(members[0]?.j ?? '[]') as string[]);
  const byKey = new Map<string, Attributed>();
  const add = (branchId: string | null, kind: SourceKind, day: string, hours: number) => {
    if (!branchId) return;
    const key = `${branchId}|${kind}|${day.slice(0, 7)}`;
    const a = byKey.get(key) ?? { branchId, kind, month: day.slice(0, 7), hours: 0 };
    a.hours += hours;
    byKey.set(key, a);
  };
  for (const [personId, kind, day, hours] of JSON.parse(packed?.j ?? '[]') as [
    string,
    SourceKind,
    string,
    number,
  ][])
    if (isMember.has(personId)) add(branchOn(personId, day), kind, day, Number(hours));
  for (const m of meetings) add(m.branchId, 'meeting', m.heldOn, m.hours);
  return [...byKey.values()];
}

interface BranchFigures {
  requiredExpected: number;
  requiredDone: number;
  quizPairs: number;
  quizPassed: number;
  attendanceRecorded: number;
  attendancePresent: number;
}

/** Required study, quiz results and class attendance per current branch of the members in the subtree. */
async function branchFigures(db: Executor, tenantId: string, year: number, rootPath: string) {
  const { from, to } = yearRange(year);
  const inRoot = sql`o.path like ${`${rootPath}%`}`;
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_build_object(
      'required', (select json_agg(json_build_array(org_id, n, d)) from (
        select p.org_id, count(*)::int as n, count(cm.id)::int as d
          from training_contents c
          join people p on p.tenant_id = c.tenant_id and p.ended_on is null and p.party_status in ${MEMBER_STATUSES}
          join orgs o on o.id = p.org_id
          left join training_completions cm on cm.content_id = c.id and cm.person_id = p.id
         where c.tenant_id = ${tenantId} and c.required and c.withdrawn_at is null
           and coalesce(c.due_on, c.published_on) between ${from} and ${to} and ${inRoot}
           and exists (select 1 from jsonb_array_elements_text(c.audience_org_ids) ax join orgs ao on ao.id = ax::uuid
                       where o.path like ao.path || '%')
         group by p.org_id) r),
      'quiz', (select json_agg(json_build_array(org_id, n, d)) from (
        select p.org_id, count(*)::int as n, count(*) filter (where passed)::int as d from (
          select a.person_id, a.quiz_id, bool_or(a.passed) as passed from training_attempts a
           where a.tenant_id = ${tenantId} and a.submitted_at is not null
             and a.submitted_at >= ${`${from}T00:00:00+08:00`} and a.submitted_at < ${`${year + 1}-01-01T00:00:00+08:00`}
           group by a.person_id, a.quiz_id) q
          join people p on p.id = q.person_id join orgs o on o.id = p.org_id
         where p.ended_on is null and ${inRoot} group by p.org_id) r),
      'attendance', (select json_agg(json_build_array(org_id, n, d)) from (
        select p.org_id, count(*)::int as n, count(*) filter (where tp.status = 'present')::int as d
          from training_participants tp join training_classes c on c.id = tp.class_id
          join people p on p.id = tp.person_id join orgs o on o.id = p.org_id
         where tp.tenant_id = ${tenantId} and c.cancelled_at is null and tp.status in ('present','leave','absent')
           and c.ends_on between ${from} and ${to} and p.ended_on is null and ${inRoot}
         group by p.org_id) r)
    )::text as j`,
  );
  const j = JSON.parse(packed?.j ?? '{}') as Record<string, [string, number, number][] | null>;
  const out = new Map<string, BranchFigures>();
  const get = (id: string) => {
    let f = out.get(id);
    if (!f) {
      f = {
        requiredExpected: 0,
        requiredDone: 0,
        quizPairs: 0,
        quizPassed: 0,
        attendanceRecorded: 0,
        attendancePresent: 0,
      };
      out.set(id, f);
    }
    return f;
  };
  for (const [id, n, d] of j.required ?? []) Object.assign(get(id), { requiredExpected: n, requiredDone: d });
  for (const [id, n, d] of j.quiz ?? []) Object.assign(get(id), { quizPairs: n, quizPassed: d });
  for (const [id, n, d] of j.attendance ?? [])
    Object.assign(get(id), { attendanceRecorded: n, attendancePresent: d });
  return out;
}

const rate = (d: number, n: number) => (n > 0 ? Math.round((1000 * d) / n) / 1000 : null);

function levelRow(
  org: { id: string; name: string; type: string; path: string },
  people: JudgedPerson[],
  attributed: { branchPath: string; hours: number }[],
  figures: { path: string; f: BranchFigures }[],
): LevelRow {
  const mine = people.filter((p) => p.orgPath.startsWith(org.path));
  const counts = { done: 0, on_track: 0, behind: 0, exempt: 0 };
  for (const p of mine) counts[p.status] += 1;
  const hours = round1(
    attributed.filter((a) => a.branchPath.startsWith(org.path)).reduce((s, a) => s + a.hours, 0),
  );
  const f = figures.filter((x) => x.path.startsWith(org.path)).map((x) => x.f);
  const sum = (k: keyof BranchFigures) => f.reduce((s, x) => s + x[k], 0);
  return {
    orgId: org.id,
    name: org.name,
    type: org.type,
    members: mine.length,
    counts,
    hours,
    avgHours: mine.length ? round1(mine.reduce((s, p) => s + p.hours, 0) / mine.length) : 0,
    requiredRate: rate(sum('requiredDone'), sum('requiredExpected')),
    quizPassRate: rate(sum('quizPassed'), sum('quizPairs')),
    attendanceRate: rate(sum('attendancePresent'), sum('attendanceRecorded')),
  };
}

/** `GET /training/stats`: the level's figures, its source mix and months, and one row per organization below. */
export async function trainingStats(ctx: AppContext, actor: Actor, q: StatsQuery): Promise<TrainingStats> {
  enforce(managesSomewhere(actor));
  const year = q.year ?? Number(todayLocal().slice(0, 4));
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const scope = { who: { paths: [root.path] }, scope: root };
  const [{ settings, today, judged }, attributed, figures, orgRows, counts] = await Promise.all([
    judgedLedger(ctx, actor, scope, year),
    attributedHours(ctx.db, actor.tenantId, year, root.path),
    branchFigures(ctx.db, actor.tenantId, year, root.path),
    queryRows<{ id: string; name: string; type: string; path: string; parent_id: string | null }>(
      ctx.db,
      sql`select id, name, type, path, parent_id from orgs where tenant_id = ${actor.tenantId}
          and path like ${`${root.path}%`} and type <> 'party_group' and dissolved_on is null order by sort_order, name`,
    ),
    queryRows<{ classes: number; contents: number; quizzes: number }>(
      ctx.db,
      sql`select
        (select count(*)::int from training_classes c join orgs o on o.id = c.org_id where c.tenant_id = ${actor.tenantId}
          and c.cancelled_at is null and c.ends_on between ${`${year}-01-01`} and ${`${year}-12-31`} and o.path like ${`${root.path}%`}) as classes,
        (select count(*)::int from training_contents c join orgs o on o.id = c.org_id where c.tenant_id = ${actor.tenantId}
          and c.withdrawn_at is null and c.published_on between ${`${year}-01-01`} and ${`${year}-12-31`} and o.path like ${`${root.path}%`}) as contents,
        (select count(*)::int from training_quizzes c join orgs o on o.id = c.org_id where c.tenant_id = ${actor.tenantId}
          and c.published_on between ${`${year}-01-01`} and ${`${year}-12-31`} and o.path like ${`${root.path}%`}) as quizzes`,
    ),
  ]);
  const pathOf = new Map(orgRows.map((o) => [o.id, o.path]));
  const attributedWithPath = attributed
    .filter((a) => pathOf.has(a.branchId))
    .map((a) => ({ ...a, branchPath: pathOf.get(a.branchId)! }));
  const figuresWithPath = [...figures.entries()]
    .filter(([id]) => pathOf.has(id))
    .map(([id, f]) => ({ path: pathOf.get(id)!, f }));
  const children = orgRows.filter((o) => o.parent_id === root.id);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return {
    org: { id: root.id, name: root.name, type: root.type },
    year,
    target: settings.targetHours,
    monthsLeft: monthsLeft(year, today),
    totals: levelRow(root, judged, attributedWithPath, figuresWithPath),
    bySource: SOURCE_KINDS.map((kind) => ({
      kind,
      label: SOURCE_LABELS[kind],
      hours: round1(attributedWithPath.filter((a) => a.kind === kind).reduce((s, a) => s + a.hours, 0)),
    })),
    byMonth: months.map((month) => {
      const of = (kind: SourceKind) =>
        round1(
          attributedWithPath
            .filter((a) => a.month === month && a.kind === kind)
            .reduce((s, a) => s + a.hours, 0),
        );
      return {
        month,
        class: of('class'),
        meeting: of('meeting'),
        content: of('content'),
        import: of('import'),
      };
    }),
    children: children.map((c) => levelRow(c, judged, attributedWithPath, figuresWithPath)),
    figures: counts[0],
  };
}
