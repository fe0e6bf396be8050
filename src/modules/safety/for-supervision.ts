import { sql } from 'drizzle-orm';
import { type Executor, queryRows, uuidList } from '../../platform/db';
import {
  OBLIGATION_STATUS_LABELS,
  obligationStatus,
  VIOLATION_KIND_LABELS,
  type ViolationKind,
} from './rules';
import { loadSafetySettings } from './settings';

/**
 * Reads for the supervision modules (a task's prefilled count of members' violations; an online
 * inspection reading a branch's violations and the talks they call for in place).
 */

/** Violations of party members (at the time) from `from` to `to`, per branch. */
export async function memberViolationCounts(
  db: Executor,
  tenantId: string,
  orgIds: string[],
  from: string,
  to: string,
): Promise<{ orgId: string; count: number }[]> {
  if (!orgIds.length) return [];
  const rows = await queryRows<{ org_id: string; n: number }>(
    db,
    sql`select v.org_id, count(*)::int as n from violations v
        where v.tenant_id = ${tenantId} and v.org_id in (${uuidList(orgIds)}) and v.was_member
          and v.occurred_on between ${from} and ${to}
        group by v.org_id`,
  );
  return rows.map((r) => ({ orgId: r.org_id, count: r.n }));
}

export interface ViolationBrief {
  id: string;
  occurredOn: string;
  personName: string;
  wasMember: boolean;
  kindLabel: string;
  categoryName: string;
  /** The talk the violation calls for: 待谈话 / 已逾期 / 已谈话, or null. */
  talkStatusLabel: string | null;
  talkOverdue: boolean;
  link: string;
}

/** A branch's violations from `from` to `to`, newest first, with the state of their talks on `today`. */
export async function branchViolations(
  db: Executor,
  tenantId: string,
  orgId: string,
  from: string,
  to: string,
  today: string,
  limit = 200,
): Promise<ViolationBrief[]> {
  const settings = await loadSafetySettings(db, tenantId);
  const cat = new Map(settings.categories.map((c) => [c.code, c.name]));
  const rows = await queryRows<{
    id: string;
    occurred_on: string;
    person_name: string;
    was_member: boolean;
    kind: ViolationKind;
    category: string;
    due_on: string | null;
    done_on: string | null;
  }>(
    db,
    sql`select v.id, v.occurred_on, p.name as person_name, v.was_member, v.kind, v.category, ob.due_on, ob.done_on
        from violations v join people p on p.id = v.person_id
        left join talk_obligations ob on ob.violation_id = v.id
        where v.tenant_id = ${tenantId} and v.org_id = ${orgId} and v.occurred_on between ${from} and ${to}
        order by v.occurred_on desc, v.id desc limit ${limit}`,
  );
  return rows.map((r) => {
    const status = r.due_on ? obligationStatus(r.due_on, r.done_on, today) : null;
    return {
      id: r.id,
      occurredOn: r.occurred_on,
      personName: r.person_name,
      wasMember: r.was_member,
      kindLabel: VIOLATION_KIND_LABELS[r.kind] ?? r.kind,
      categoryName: cat.get(r.category) ?? r.category,
      talkStatusLabel: status ? OBLIGATION_STATUS_LABELS[status] : null,
      talkOverdue: status === 'overdue',
      link: `/safety/violations/${r.id}`,
    };
  });
}
