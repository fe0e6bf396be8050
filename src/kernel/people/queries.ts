import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { queryRows } from '../../platform/db';
import { pageOffset } from '../../platform/http';
import { actionCatalog } from '../../platform/registry';
import type { BranchOnResult, PeopleList, PersonDetail, PersonHistory } from './contract';
import { peopleListActions } from './policy';
import {
  authorizePerson,
  FROM_PERSON,
  type JoinedRow,
  type PeopleFilter,
  peopleWhere,
  presentDetail,
  presentItem,
  SELECT_PERSON,
} from './read';
import { byName, fillSortKeys } from './sort-key';

/** Beyond this many people the list's count stops (a province's scope): counting a million rows costs more than the page. */
export const PEOPLE_COUNT_CAP = 10_000;

/** The people list: the caller's scope, branch by branch, each branch's people by name in pinyin order. */
export async function listPeople(
  ctx: AppContext,
  actor: Actor,
  f: PeopleFilter,
  countCap = PEOPLE_COUNT_CAP,
): Promise<PeopleList> {
  const where = await peopleWhere(ctx, actor, f);
  await fillSortKeys(ctx.db, actor.tenantId);
  const [{ counted }] = await queryRows<{ counted: number }>(
    ctx.db,
    sql`select count(*)::int as counted from (select 1 from ${FROM_PERSON} where ${where} limit ${countCap + 1}) capped`,
  );
  const totalCapped = counted > countCap;
  const total = Math.min(counted, countCap);
  const rows = await queryRows<JoinedRow>(
    ctx.db,
    sql`select ${SELECT_PERSON} from ${FROM_PERSON} where ${where}
        order by o.path, ${byName} limit ${f.pageSize} offset ${pageOffset(f)}`,
  );
  return {
    items: rows.map((r) => presentItem(actor, r)),
    total,
    page: f.page,
    pageSize: f.pageSize,
    // What the caller may do with the list itself (the UI shows only these buttons).
    actions: peopleListActions(actor),
    totalCapped,
  };
}

export async function getPerson(ctx: AppContext, actor: Actor, id: string): Promise<PersonDetail> {
  const row = await authorizePerson(ctx.db, actor, id, 'read');
  const memberships = await queryRows<{
    org_id: string;
    org_name: string;
    valid_from: string;
    valid_to: string | null;
    reason: string;
  }>(
    ctx.db,
    sql`select m.org_id, o.name as org_name, m.valid_from, m.valid_to, m.reason from person_memberships m
        join orgs o on o.id = m.org_id where m.person_id = ${id} order by m.valid_from, m.created_at`,
  );
  return presentDetail(
    actor,
    row,
    memberships.map((m) => ({
      orgId: m.org_id,
      orgName: m.org_name,
      validFrom: m.valid_from,
      validTo: m.valid_to,
      reason: m.reason,
    })),
  );
}

/** Which branch a person belonged to on a date. */
export async function branchOn(
  ctx: AppContext,
  actor: Actor,
  id: string,
  date: string,
): Promise<BranchOnResult> {
  await authorizePerson(ctx.db, actor, id, 'read');
  const [m] = await queryRows<{ org_id: string; name: string; valid_from: string; valid_to: string | null }>(
    ctx.db,
    sql`select m.org_id, o.name, m.valid_from, m.valid_to from person_memberships m join orgs o on o.id = m.org_id
        where m.person_id = ${id} and m.valid_from <= ${date} and (m.valid_to is null or m.valid_to > ${date})
        order by m.valid_from desc limit 1`,
  );
  return {
    date,
    orgId: m?.org_id ?? null,
    orgName: m?.name ?? null,
    validFrom: m?.valid_from ?? null,
    validTo: m?.valid_to ?? null,
  };
}

/** The audit events about a person, newest first (the 变更记录 tab). */
export async function personHistory(ctx: AppContext, actor: Actor, id: string): Promise<PersonHistory> {
  await authorizePerson(ctx.db, actor, id, 'read');
  const rows = await queryRows<{
    seq: number;
    at: Date;
    actor_name: string | null;
    action: string;
    details: unknown;
  }>(
    ctx.db,
    sql`select seq, at, actor_name, action, details from audit_events where entity = 'person' and entity_id = ${id} order by seq desc limit 100`,
  );
  const labels = actionCatalog();
  return {
    items: rows.map((r) => ({
      at: r.at instanceof Date ? r.at.toISOString() : r.at == null ? null : String(r.at),
      actorName: r.actor_name,
      action: r.action,
      actionLabel: labels[r.action]?.label ?? r.action,
      details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    })),
  };
}
