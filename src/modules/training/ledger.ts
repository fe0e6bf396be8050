import { type SQL, sql } from 'drizzle-orm';
import { VersionedCache } from '../../platform/data-versions';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { meetingStudyHours, meetingStudyHoursTotals } from '../meetings/api';
import { branchOnDateSql } from './common';
import { IMPORT_SOURCE_LABELS, type ImportSource, round1, type SourceKind } from './rules';
import type { TrainingSettings } from './settings';

/**
 * The study-hours ledger: one line per member per year, computed from what already happened — classes
 * attended, organization life attended (meetings' class hours), study content finished, imported outside
 * statistics. Nothing is typed twice and nothing is stored twice: every figure is read from its source.
 */

export const MEMBER_STATUSES = sql`('full','probationary')`;

export interface LedgerPerson {
  personId: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  exempt: boolean;
  partyStatus: string;
  hours: number;
  sources: Record<SourceKind, number>;
  /** The imports exceeded the yearly cap and were cut to it. */
  importCapped: boolean;
}

export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** Who a ledger covers: the current party members of these subtrees, and/or these people. */
export interface LedgerWho {
  paths?: readonly string[];
  personIds?: readonly string[];
}

/** Above this many people a source is summed for the whole tenant and picked out here: one scan, no long lists. */
const WHOLE_TENANT_FROM = 100;

/**
 * The current party members a ledger covers, with their branch, in pinyin order. Two plain queries (the
 * organizations of the subtrees, then their people by id) rather than a join on the path: the plans stay
 * good on a database without statistics (PGlite has no autovacuum).
 */
async function membersOf(db: Executor, tenantId: string, who: LedgerWho) {
  const paths = who.paths ?? [];
  const orgRows = paths.length
    ? await queryRows<{ id: string; name: string; path: string }>(
        db,
        sql`select id, name, path from orgs where tenant_id = ${tenantId} and (${sql.join(
          paths.map((p) => sql`path like ${`${p}%`}`),
          sql` or `,
        )})`,
      )
    : [];
  const ids = who.personIds ?? [];
  if (!orgRows.length && !ids.length) return [];
  // A long list of ids costs PGlite more than reading every member of the tenant and keeping the scope's.
  const parts: SQL[] = [];
  const fewOrgs = orgRows.length <= 10;
  if (fewOrgs && orgRows.length) parts.push(sql`p.org_id in (${uuidList(orgRows.map((o) => o.id))})`);
  if (fewOrgs && ids.length) parts.push(sql`p.id in (${uuidList(ids)})`);
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_agg(json_build_array(p.id, p.name, p.org_id, p.exempt, p.party_status, coalesce(p.name_sort, p.name)))::text as j
        from people p where p.tenant_id = ${tenantId} and p.ended_on is null and p.party_status in ${MEMBER_STATUSES}
          ${fewOrgs ? sql`and (${sql.join(parts, sql` or `)})` : sql``}`,
  );
  const orgs = new Map(orgRows.map((o) => [o.id, o]));
  const wanted = new Set(ids);
  const rows = (JSON.parse(packed?.j ?? '[]') as [string, string, string, boolean, string, string][]).filter(
    (r) => fewOrgs || orgs.has(r[2]) || wanted.has(r[0]),
  );
  const missing = [...new Set(rows.map((r) => r[2]).filter((id) => !orgs.has(id)))];
  if (missing.length)
    for (const o of await queryRows<{ id: string; name: string; path: string }>(
      db,
      sql`select id, name, path from orgs where id in (${uuidList(missing)})`,
    ))
      orgs.set(o.id, o);
  return rows
    .map(([personId, name, orgId, exempt, partyStatus, sortKey]) => ({
      personId,
      name,
      orgId,
      orgName: orgs.get(orgId)?.name ?? '',
      orgPath: orgs.get(orgId)?.path ?? '',
      exempt,
      partyStatus,
      sortKey,
    }))
    .sort((a, b) =>
      a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.personId < b.personId ? -1 : 1,
    );
}

/**
 * Each source's hours per person in the year, for these people or (many of them) the whole tenant: one
 * packed JSON answer (PGlite hands over many rows slowly).
 */
async function ownSourceTotals(
  db: Executor,
  tenantId: string,
  year: number,
  personIds: readonly string[] | null,
) {
  const { from, to } = yearRange(year);
  const only = (col: SQL) => (personIds ? sql`and ${col} in (${uuidList(personIds)})` : sql``);
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_agg(json_build_array(person_id, kind, h))::text as j from (
          select tp.person_id, 'class' as kind, sum(tp.hours) as h
            from training_classes c join training_participants tp on tp.class_id = c.id
           where c.tenant_id = ${tenantId} and c.cancelled_at is null and c.ends_on between ${from} and ${to}
             and tp.status = 'present' ${only(sql`tp.person_id`)}
           group by tp.person_id
          union all
          select cm.person_id, 'content', sum(cm.hours) from training_completions cm
           where cm.tenant_id = ${tenantId} and cm.finished_on between ${from} and ${to} ${only(sql`cm.person_id`)}
           group by cm.person_id
          union all
          select r.person_id, 'import', sum(r.hours) from training_import_rows r
           where r.tenant_id = ${tenantId} and r.period_to between ${from} and ${to} ${only(sql`r.person_id`)}
           group by r.person_id) t`,
  );
  return (JSON.parse(packed?.j ?? '[]') as [string, SourceKind, number][]).map(([personId, kind, h]) => ({
    personId,
    kind,
    hours: Number(h),
  }));
}

/** The members of a scope, kept while no person or organization of the tenant changes. */
const membersCache = new VersionedCache<Awaited<ReturnType<typeof membersOf>>>('people');

/** A whole section's year of training's own sources, kept while none of their rows changes. */
const wholeTenantTotals = new VersionedCache<Awaited<ReturnType<typeof ownSourceTotals>>>('training_hours');

/** Ledgers of a scope, kept while nothing they read changes (people, meetings, training's sources). */
const ledgerCache = new VersionedCache<LedgerPerson[]>(['people', 'meetings', 'training_hours']);

/**
 * The ledger of the current party members `who` names, in pinyin order. Hours follow the person: a
 * member who moved branches during the year brings every hour of the year with them. Imported hours are
 * capped per person per year when the settings set a cap. The answer is shared between callers: read it,
 * never change it.
 */
export async function computeLedger(
  db: Executor,
  tenantId: string,
  year: number,
  who: LedgerWho,
  settings: Pick<TrainingSettings, 'importCapHours'>,
): Promise<readonly LedgerPerson[]> {
  if (!who.paths?.length) return ledgerNow(db, tenantId, year, who, settings);
  const key = JSON.stringify([year, settings.importCapHours, who.paths, who.personIds ?? []]);
  return ledgerCache.get(db, tenantId, key, () => ledgerNow(db, tenantId, year, who, settings));
}

async function ledgerNow(
  db: Executor,
  tenantId: string,
  year: number,
  who: LedgerWho,
  settings: Pick<TrainingSettings, 'importCapHours'>,
): Promise<LedgerPerson[]> {
  const members = who.paths?.length
    ? await membersCache.get(db, tenantId, JSON.stringify(who), () => membersOf(db, tenantId, who))
    : await membersOf(db, tenantId, who);
  if (!members.length) return [];
  const people = new Map<string, LedgerPerson>();
  for (const m of members)
    people.set(m.personId, {
      personId: m.personId,
      name: m.name,
      orgId: m.orgId,
      orgName: m.orgName,
      orgPath: m.orgPath,
      exempt: m.exempt,
      partyStatus: m.partyStatus,
      hours: 0,
      sources: { class: 0, meeting: 0, content: 0, import: 0 },
      importCapped: false,
    });
  const few = people.size <= WHOLE_TENANT_FROM ? [...people.keys()] : null;
  // One after the other: a database connection answers one query at a time anyway.
  const own = few
    ? await ownSourceTotals(db, tenantId, year, few)
    : await wholeTenantTotals.get(db, tenantId, String(year), () =>
        ownSourceTotals(db, tenantId, year, null),
      );
  const meetings = await meetingStudyHoursTotals(db, tenantId, {
    ...yearRange(year),
    personIds: few ?? undefined,
  });
  for (const r of own) {
    const p = people.get(r.personId);
    if (p) p.sources[r.kind] += r.hours;
  }
  for (const m of meetings) {
    const p = people.get(m.personId);
    if (p) p.sources.meeting += m.hours;
  }
  const cap = settings.importCapHours;
  for (const p of people.values()) {
    const s = p.sources;
    if (cap !== null && s.import > cap) {
      s.import = cap;
      p.importCapped = true;
    }
    s.class = round1(s.class);
    s.meeting = round1(s.meeting);
    s.content = round1(s.content);
    s.import = round1(s.import);
    p.hours = round1(s.class + s.meeting + s.content + s.import);
  }
  return [...people.values()];
}

export interface EntryRow {
  personId: string;
  kind: SourceKind;
  on: string;
  title: string;
  hours: number;
  orgName: string | null;
  note: string | null;
  link: string | null;
}

/** Every credited item of the year for these people, each with the branch the person was in that day. */
export async function ledgerEntries(
  db: Executor,
  tenantId: string,
  year: number,
  personIds: readonly string[],
): Promise<EntryRow[]> {
  if (!personIds.length) return [];
  const { from, to } = yearRange(year);
  const ids = sql`(${sql.join(
    personIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const [packed] = await queryRows<{ j: string | null }>(
    db,
    sql`select json_agg(json_build_array(person_id, kind, d, title, h, (select name from orgs where id = b), note, ref)
          order by d, kind, title)::text as j from (
          select tp.person_id, 'class' as kind, c.ends_on as d, c.title, tp.hours as h,
                 ${branchOnDateSql(sql`tp.person_id`, sql`c.ends_on`)} as b,
                 (select name from orgs where id = c.org_id) || ' 主办' as note, c.id::text as ref
            from training_participants tp join training_classes c on c.id = tp.class_id
           where tp.tenant_id = ${tenantId} and tp.status = 'present' and c.cancelled_at is null
             and c.ends_on between ${from} and ${to} and tp.person_id in ${ids}
          union all
          select cm.person_id, 'content', cm.finished_on, ct.title, cm.hours,
                 ${branchOnDateSql(sql`cm.person_id`, sql`cm.finished_on`)}, null, ct.id::text
            from training_completions cm join training_contents ct on ct.id = cm.content_id
           where cm.tenant_id = ${tenantId} and cm.finished_on between ${from} and ${to} and cm.person_id in ${ids}
          union all
          select r.person_id, 'import', r.period_to, i.source || '|' || i.file_name, r.hours,
                 ${branchOnDateSql(sql`r.person_id`, sql`r.period_to`)},
                 r.period_from || ' 至 ' || r.period_to ||
                   case when r.points is not null then '，' || r.points || ' 分' else '' end, null
            from training_import_rows r join training_imports i on i.id = r.import_id
           where r.tenant_id = ${tenantId} and r.period_to between ${from} and ${to} and r.person_id in ${ids}) t`,
  );
  const own = (
    JSON.parse(packed?.j ?? '[]') as [
      string,
      SourceKind,
      string,
      string,
      number,
      string | null,
      string | null,
      string | null,
    ][]
  ).map(([personId, kind, on, title, h, orgName, note, ref]): EntryRow => {
    if (kind === 'import') {
      const [source, fileName] = title.split('|');
      return {
        personId,
        kind,
        on,
        title: `${IMPORT_SOURCE_LABELS[source as ImportSource] ?? source}学习统计（${fileName}）`,
        hours: Number(h),
        orgName,
        note,
        link: null,
      };
    }
    return {
      personId,
      kind,
      on,
      title,
      hours: Number(h),
      orgName,
      note,
      link: ref ? `/training/${kind === 'class' ? 'classes' : 'contents'}/${ref}` : null,
    };
  });
  const meetingRows = await meetingStudyHours(db, tenantId, { from, to, personIds });
  const branchNames = await orgNames(
    db,
    tenantId,
    meetingRows.map((m) => m.branchId),
  );
  const meetings = meetingRows.map(
    (m): EntryRow => ({
      personId: m.personId,
      kind: 'meeting',
      on: m.heldOn,
      title: m.title,
      hours: m.hours,
      orgName: branchNames.get(m.branchId) ?? null,
      note: MEETING_KIND_NAMES[m.kind] ?? null,
      link: `/meetings/${m.meetingId}`,
    }),
  );
  return [...own, ...meetings].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** The meetings' kinds as members call them (meetings' own labels are in its rules, not its api). */
const MEETING_KIND_NAMES: Record<string, string> = {
  branch_general_meeting: '支部党员大会',
  branch_committee_meeting: '支部委员会',
  party_group_meeting: '党小组会',
  party_lecture: '党课',
  theme_party_day: '主题党日',
  organization_life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  other: '其他组织生活',
};

async function orgNames(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from orgs where tenant_id = ${tenantId} and id in (${sql.join(
      unique.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
