import { sql } from 'drizzle-orm';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import { branchFigures } from './board';
import { addDays, addMonths, VIOLATION_KIND_LABELS, type ViolationKind } from './rules';
import { loadSafetySettings } from './settings';

/**
 * Reads for assessment (考核) and the committee's overview: members' violations with the records behind
 * them, talks owed after violations that went overdue, and the board's flag per branch. Authorization is
 * the caller's: these take ids the caller has already authorized.
 */

export interface MemberViolation {
  id: string;
  orgId: string;
  personId: string;
  personName: string;
  occurredOn: string;
  kindLabel: string;
  categoryName: string;
  link: string;
}

/**
 * Violations of party members (at the time) from `from` to `to`, in the given branches or of the given
 * people, oldest first.
 */
export async function memberViolationsForAssessment(
  db: Executor,
  tenantId: string,
  of: { orgIds?: string[]; personIds?: string[] },
  from: string,
  to: string,
): Promise<MemberViolation[]> {
  const ids = of.orgIds ?? of.personIds ?? [];
  if (!ids.length) return [];
  const settings = await loadSafetySettings(db, tenantId);
  const cat = new Map(settings.categories.map((c) => [c.code, c.name]));
  const column = of.orgIds ? sql`v.org_id` : sql`v.person_id`;
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(v.id, v.org_id, v.person_id, p.name, v.occurred_on, v.kind, v.category)
          order by v.occurred_on, v.id)::text, '[]') as j
        from violations v join people p on p.id = v.person_id
        where v.tenant_id = ${tenantId} and ${column} in (${uuidList(ids)}) and v.was_member
          and v.occurred_on between ${from} and ${to}`,
  );
  type Row = [string, string, string, string, string, ViolationKind, string];
  return (JSON.parse(packed.j) as Row[]).map((r) => ({
    id: r[0],
    orgId: r[1],
    personId: r[2],
    personName: r[3],
    occurredOn: r[4],
    kindLabel: VIOLATION_KIND_LABELS[r[5]] ?? r[5],
    categoryName: cat.get(r[6]) ?? r[6],
    link: `/safety/violations/${r[0]}`,
  }));
}

export interface OverdueTalk {
  id: string;
  orgId: string;
  personName: string;
  violationId: string;
  occurredOn: string;
  dueOn: string;
  /** The day the talk was held, null while still owed. */
  doneOn: string | null;
  talkId: string | null;
  link: string;
}

/**
 * Talks owed after violations whose deadline falls from `from` to `to` and that went overdue by `asOf`:
 * held after the deadline, or not held and the deadline passed.
 */
export async function overdueTalksForAssessment(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  from: string,
  to: string,
  asOf: string,
): Promise<OverdueTalk[]> {
  if (!branchIds.length) return [];
  const [packed] = await queryRows<{ j: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(ob.id, ob.org_id, p.name, ob.violation_id, v.occurred_on, ob.due_on,
          ob.done_on, ob.talk_id) order by ob.due_on, ob.id)::text, '[]') as j
        from talk_obligations ob join people p on p.id = ob.person_id join violations v on v.id = ob.violation_id
        where ob.tenant_id = ${tenantId} and ob.org_id in (${uuidList(branchIds)}) and ob.due_on between ${from} and ${to}
          and (case when ob.done_on is null then ob.due_on < ${asOf} else ob.done_on > ob.due_on end)`,
  );
  type Row = [string, string, string, string, string, string, string | null, string | null];
  return (JSON.parse(packed.j) as Row[]).map((r) => ({
    id: r[0],
    orgId: r[1],
    personName: r[2],
    violationId: r[3],
    occurredOn: r[4],
    dueOn: r[5],
    doneOn: r[6],
    talkId: r[7],
    link: `/safety/violations/${r[3]}`,
  }));
}

export interface BranchSafetyFlag {
  orgId: string;
  members: number;
  memberViolations: number;
  /** Members' violations per 100 members scaled to a year (the board's figure). */
  memberRateYearly: number | null;
  /** Above the tenant's threshold: the board asks the branch for an analysis (剖析). */
  flagged: boolean;
  /** The analysis that answers the flag, if one was written. */
  analysisId: string | null;
  /** Talks owed after violations, past their deadline on `today`. */
  overdueTalks: number;
}

/** Whole calendar months from `from` to `to`, for the board's yearly scaling of a period. */
function monthsOf(from: string, to: string): number {
  let months = 0;
  while (addMonths(from, months + 1) <= addDays(to, 1)) months += 1;
  return Math.max(1, months);
}

/** The safety board's flag for each branch over a period (its threshold and minimum count), on `today`. */
export async function branchSafetyFlags(
  db: Executor,
  tenantId: string,
  branchIds: string[],
  period: { from: string; to: string },
  today: string,
): Promise<{ threshold: number; items: BranchSafetyFlag[] }> {
  const settings = await loadSafetySettings(db, tenantId);
  if (!branchIds.length) return { threshold: settings.memberRateThreshold, items: [] };
  const { items } = await branchFigures(
    db,
    tenantId,
    sql`o.id in (${uuidList(branchIds)})`,
    { ...period, months: monthsOf(period.from, period.to) },
    today,
    settings,
  );
  const owed = await queryRows<{ org_id: string; n: number }>(
    db,
    sql`select ob.org_id, count(*)::int as n from talk_obligations ob
        where ob.tenant_id = ${tenantId} and ob.org_id in (${uuidList(branchIds)}) and ob.talk_id is null
          and ob.due_on < ${today}
        group by ob.org_id`,
  );
  const owedOf = new Map(owed.map((r) => [r.org_id, r.n]));
  return {
    threshold: settings.memberRateThreshold,
    items: items.map((b) => ({
      orgId: b.orgId,
      members: b.members,
      memberViolations: b.memberViolations,
      memberRateYearly: b.memberRateYearly,
      flagged: b.flagged,
      analysisId: b.analysis?.id ?? null,
      overdueTalks: owedOf.get(b.orgId) ?? 0,
    })),
  };
}
