import { type SQL, sql } from 'drizzle-orm';
import { type Actor, pathSql } from '../../platform/access';
import { type AuditActor, audit, recordAudit } from '../../platform/audit';
import { type Executor, queryRows } from '../../platform/db';
import { newId } from '../../platform/ids';
import { type ObligationStatus, talkDueOn, type ViolationKind } from './rules';
import { obligationEntity, talkObligations } from './tables';

/**
 * The violation's talk obligation: safety opens it with the violation (due `talkDueDays` after the later
 * of the violation date and the recording date); the talks module closes it with the talk, through
 * `closeTalkObligation` in api.ts, and reads it through `findObligations` / `owedTalkCounts`.
 */

export interface ObligationSeed {
  tenantId: string;
  orgId: string;
  personId: string;
  violationId: string;
  occurredOn: string;
  /** The server's date (Asia/Shanghai) on which the violation was recorded. */
  recordedOn: string;
  dueDays: number;
}

/** Opens the talk obligations of violations (inside their transaction); returns their ids in order. */
export async function openObligations(tx: Executor, seeds: ObligationSeed[]): Promise<string[]> {
  const now = new Date();
  const rows = seeds.map((s) => ({
    id: newId(),
    tenantId: s.tenantId,
    orgId: s.orgId,
    personId: s.personId,
    violationId: s.violationId,
    dueOn: talkDueOn(s.occurredOn, s.recordedOn, s.dueDays),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(talkObligations).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}

export interface ObligationClose {
  violationId: string;
  talkId: string;
  heldOn: string;
}

async function markClosed(tx: Executor, closes: ObligationClose[]) {
  if (closes.length === 0) return [];
  const values = sql.join(
    closes.map((c) => sql`(${c.violationId}::uuid, ${c.talkId}::uuid, ${c.heldOn}::date)`),
    sql`, `,
  );
  return queryRows<{ id: string; violation_id: string }>(
    tx,
    sql`update talk_obligations ob set talk_id = c.talk_id, done_on = c.held_on
        from (values ${values}) as c(violation_id, talk_id, held_on)
        where ob.violation_id = c.violation_id and ob.talk_id is null returning ob.id, ob.violation_id`,
  );
}

/**
 * Closes the talk obligation of a violation with the talk recorded after it, inside the talk's
 * transaction, audited as `talk_obligation.close`. Nothing happens when it was closed already.
 */
export async function closeTalkObligation(
  tx: Executor,
  actor: Actor,
  c: ObligationClose & { personId: string },
): Promise<void> {
  const closed = await markClosed(tx, [c]);
  if (closed.length)
    await audit(
      tx,
      actor,
      closed.map((o) => ({
        action: 'talk_obligation.close',
        target: { entity: obligationEntity, id: o.id },
        details: {
          personId: c.personId,
          kind: 'violation_followup',
          heldOn: c.heldOn,
          violationId: c.violationId,
        },
      })),
    );
}

/** The demo's talks close their obligations in one statement, audited as the system. */
export async function closeObligationsAsSystem(
  tx: Executor,
  tenantId: string,
  system: AuditActor,
  closes: ObligationClose[],
): Promise<void> {
  const closed = [];
  for (let i = 0; i < closes.length; i += 400)
    closed.push(...(await markClosed(tx, closes.slice(i, i + 400))));
  await recordAudit(
    tx,
    closed.map((o) => ({
      tenantId,
      actor: system,
      action: 'talk_obligation.close',
      target: { entity: obligationEntity, id: o.id },
      details: { violationId: o.violation_id },
    })),
  );
}

export interface ObligationFilter {
  tenantId: string;
  /** The subtrees whose obligations may be listed (the caller's managed paths). */
  paths: string[];
  /** Only under this organization's path. */
  under?: string;
  personId?: string;
  status?: ObligationStatus;
  today: string;
  limit: number;
  offset: number;
}

export interface ObligationRow {
  id: string;
  personId: string;
  personName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  violationId: string;
  violation: { kind: ViolationKind; occurredOn: string; description: string };
  dueOn: string;
  doneOn: string | null;
  talkId: string | null;
}

const obligationWhere = (f: ObligationFilter): SQL => {
  const parts: SQL[] = [sql`ob.tenant_id = ${f.tenantId}`, pathSql(sql`o.path`, f.paths)];
  if (f.under) parts.push(sql`o.path like ${`${f.under}%`}`);
  if (f.personId) parts.push(sql`ob.person_id = ${f.personId}`);
  if (f.status === 'done') parts.push(sql`ob.talk_id is not null`);
  if (f.status === 'open') parts.push(sql`ob.talk_id is null and ob.due_on >= ${f.today}`);
  if (f.status === 'overdue') parts.push(sql`ob.talk_id is null and ob.due_on < ${f.today}`);
  return sql.join(parts, sql` and `);
};

/** Obligations in the given subtrees, what is owed first (soonest due), with their violations. */
export async function findObligations(
  db: Executor,
  f: ObligationFilter,
): Promise<{ total: number; rows: ObligationRow[] }> {
  const where = obligationWhere(f);
  const from = sql`talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
    join violations v on v.id = ob.violation_id`;
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from ${from} where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    person_id: string;
    person_name: string;
    org_id: string;
    org_name: string;
    org_path: string;
    violation_id: string;
    kind: ViolationKind;
    occurred_on: string;
    description: string;
    due_on: string;
    done_on: string | null;
    talk_id: string | null;
  }>(
    db,
    sql`select ob.id, ob.person_id, p.name as person_name, ob.org_id, o.name as org_name, o.path as org_path,
               ob.violation_id, v.kind, v.occurred_on, v.description, ob.due_on, ob.done_on, ob.talk_id
        from ${from} where ${where}
        order by (ob.talk_id is null) desc, ob.due_on ${f.status === 'done' ? sql`desc` : sql`asc`}, ob.id
        limit ${f.limit} offset ${f.offset}`,
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      orgId: r.org_id,
      orgName: r.org_name,
      orgPath: r.org_path,
      violationId: r.violation_id,
      violation: { kind: r.kind, occurredOn: r.occurred_on, description: r.description },
      dueOn: r.due_on,
      doneOn: r.done_on,
      talkId: r.talk_id,
    })),
  };
}

/** Talks still owed in the given subtrees, and how many of them are overdue (counted in SQL). */
export async function owedTalkCounts(
  db: Executor,
  tenantId: string,
  paths: string[],
  today: string,
): Promise<{ total: number; overdue: number }> {
  if (!paths.length) return { total: 0, overdue: 0 };
  const [counts] = await queryRows<{ total: number; overdue: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where ob.due_on < ${today})::int as overdue
        from talk_obligations ob where ob.tenant_id = ${tenantId} and ob.talk_id is null
          and ob.org_id in (select o.id from orgs o where ${pathSql(sql`o.path`, paths)})`,
  );
  return counts;
}

/** What a talk after a violation needs to know of it: whose it is, when, and which branch answers for it. */
export async function violationForTalk(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<{ id: string; personId: string; occurredOn: string; orgId: string; orgPath: string } | undefined> {
  const [v] = await queryRows<{
    id: string;
    person_id: string;
    occurred_on: string;
    org_id: string;
    path: string;
  }>(
    db,
    sql`select v.id, v.person_id, v.occurred_on, v.org_id, o.path from violations v join orgs o on o.id = v.org_id
        where v.id = ${id} and v.tenant_id = ${tenantId}`,
  );
  return (
    v && { id: v.id, personId: v.person_id, occurredOn: v.occurred_on, orgId: v.org_id, orgPath: v.path }
  );
}

/** The demo's violations with their open obligations, in the order they happened. */
export async function openObligationsForDemo(db: Executor, tenantId: string) {
  return queryRows<{
    violation_id: string;
    org_id: string;
    person_id: string;
    occurred_on: string;
  }>(
    db,
    sql`select ob.violation_id, ob.org_id, ob.person_id, v.occurred_on from talk_obligations ob
        join violations v on v.id = ob.violation_id where ob.tenant_id = ${tenantId} and ob.talk_id is null
        order by v.occurred_on, v.id`,
  );
}
