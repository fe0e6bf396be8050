import { type SQL, sql } from 'drizzle-orm';
import { authorizeOrg } from '../../kernel/orgs/service';
import { type Actor, managedPaths, manages, orgInPaths, seesMemberData } from '../../platform/access';
import { actorRef, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { decrypt, encrypt } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import {
  branchOnDate,
  iso,
  loadPersonBrief,
  loadSafetySettings,
  managedRoot,
  requireManager,
} from '../safety/common';
import type { ObligationQuery, TalkInput, TalkListQuery } from './contract';
import { canOnTalk } from './policy';
import {
  checkTalkAgainstViolation,
  coverage,
  isLateRecord,
  OBLIGATION_STATUS_LABELS,
  obligationStatus,
  TALK_COVERAGE_RULESET,
  TALK_KIND_LABELS,
  type TalkKind,
} from './rules';
import { obligationEntity, talkEntity, talks } from './tables';

/** Lists are limited to the subtrees the caller manages: talks and obligations are never shown to members. */
const managedScope = (actor: Actor, col: SQL): SQL =>
  seesMemberData(actor) ? orgInPaths(col, managedPaths(actor)) : sql`false`;

async function subtreeFilter(
  ctx: AppContext,
  actor: Actor,
  orgId: string | undefined,
  col: SQL,
): Promise<SQL[]> {
  if (!orgId) return [];
  const org = await authorizeOrg(ctx.db, actor, orgId, 'read');
  return [sql`${col} in (select id from orgs where path like ${`${org.path}%`})`];
}

export async function listObligations(
  ctx: AppContext,
  actor: Actor,
  q: ObligationQuery,
  today = todayLocal(),
) {
  requireManager(actor);
  const parts: SQL[] = [sql`ob.tenant_id = ${actor.tenantId}`, managedScope(actor, sql`ob.org_id`)];
  parts.push(...(await subtreeFilter(ctx, actor, q.orgId, sql`ob.org_id`)));
  if (q.personId) parts.push(sql`ob.person_id = ${q.personId}`);
  if (q.status === 'done') parts.push(sql`ob.talk_id is not null`);
  if (q.status === 'open') parts.push(sql`ob.talk_id is null and ob.due_on >= ${today}`);
  if (q.status === 'overdue') parts.push(sql`ob.talk_id is null and ob.due_on < ${today}`);
  const where = sql.join(parts, sql` and `);
  const from = sql`talk_obligations ob join people p on p.id = ob.person_id join orgs o on o.id = ob.org_id
    join violations v on v.id = ob.violation_id`;
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
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
    kind: 'rule_breach' | 'discipline_breach';
    occurred_on: string;
    description: string;
    due_on: string;
    done_on: string | null;
    talk_id: string | null;
  }>(
    ctx.db,
    sql`select ob.id, ob.person_id, p.name as person_name, ob.org_id, o.name as org_name, o.path as org_path,
               ob.violation_id, v.kind, v.occurred_on, v.description, ob.due_on, ob.done_on, ob.talk_id
        from ${from} where ${where}
        order by (ob.talk_id is null) desc, ob.due_on ${q.status === 'done' ? sql`desc` : sql`asc`}, ob.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => {
      const status = obligationStatus(r.due_on, r.done_on, today);
      return {
        id: r.id,
        personId: r.person_id,
        personName: r.person_name,
        orgId: r.org_id,
        orgName: r.org_name,
        violationId: r.violation_id,
        violation: {
          kind: r.kind,
          occurredOn: r.occurred_on,
          description: r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description,
        },
        dueOn: r.due_on,
        status,
        statusLabel: OBLIGATION_STATUS_LABELS[status],
        talkId: r.talk_id,
        doneOn: r.done_on,
        actions:
          status !== 'done' && canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: r.org_path })
            ? ['record_talk']
            : [],
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Records a talk. After a violation the talk belongs to the violation's branch (the worker may have moved
 * since) and closes its obligation; any other talk belongs to the worker's branch on the day it was held.
 */
export async function createTalk(ctx: AppContext, actor: Actor, input: TalkInput, today = todayLocal()) {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPersonBrief(tx, actor.tenantId, input.personId);
    if (!person) throw notFound('人员');
    let org: { id: string; path: string };
    let violation:
      | { id: string; person_id: string; occurred_on: string; org_id: string; org_path: string }
      | undefined;
    if (input.violationId) {
      [violation] = await queryRows(
        tx,
        sql`select v.id, v.person_id, v.occurred_on, v.org_id, o.path as org_path from violations v
            join orgs o on o.id = v.org_id where v.id = ${input.violationId} and v.tenant_id = ${actor.tenantId}`,
      );
      if (
        !violation ||
        !canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: violation.org_path })
      )
        throw notFound('违章违纪记录');
      org = { id: violation.org_id, path: violation.org_path };
    } else {
      const branch = (await branchOnDate(tx, person.id, input.heldOn)) ?? {
        id: person.org_id,
        path: person.org_path,
      };
      if (!canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: branch.path })) {
        if (!manages(actor, person.org_path)) throw notFound('人员');
        throw forbidden('谈话当日此人所在支部不在您的管理范围内');
      }
      org = branch;
    }
    const errors: Record<string, string> = {};
    if (input.heldOn > today) errors.heldOn = '谈话日期不能晚于今天';
    if (violation)
      Object.assign(
        errors,
        checkTalkAgainstViolation(input, {
          personId: violation.person_id,
          occurredOn: violation.occurred_on,
        }),
      );
    else if (input.kind === 'violation_followup') errors.violationId = '两违谈话须选择对应的违章违纪记录';
    if (Object.keys(errors).length) throw invalid(errors);

    const settings = await loadSafetySettings(tx, actor.tenantId);
    const id = newId();
    await tx.insert(talks).values({
      id,
      tenantId: actor.tenantId,
      orgId: org.id,
      personId: person.id,
      talkerPersonId: input.talkerName ? null : actor.personId,
      talkerName: input.talkerName || actor.displayName,
      heldOn: input.heldOn,
      kind: input.kind,
      violationId: violation?.id ?? null,
      summaryEnc: encrypt(ctx.keys, input.summary),
      followUpEnc: input.followUp ? encrypt(ctx.keys, input.followUp) : null,
      late: isLateRecord(input.heldOn, today, settings.talkLateDays),
      recordedBy: actor.accountId,
      recordedByName: actor.displayName,
      recordedAt: new Date(),
    });
    const events = [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'talk.create',
        target: { entity: talkEntity, id },
        details: {
          personId: person.id,
          kind: input.kind,
          heldOn: input.heldOn,
          violationId: violation?.id ?? null,
        },
      },
    ];
    if (violation) {
      const closed = await queryRows<{ id: string }>(
        tx,
        sql`update talk_obligations set talk_id = ${id}, done_on = ${input.heldOn}
            where violation_id = ${violation.id} and talk_id is null returning id`,
      );
      for (const c of closed)
        events.push({
          tenantId: actor.tenantId,
          actor: actorRef(actor),
          action: 'talk_obligation.close',
          target: { entity: obligationEntity, id: c.id },
          details: {
            personId: person.id,
            kind: 'violation_followup',
            heldOn: input.heldOn,
            violationId: violation.id,
          },
        });
    }
    await recordAudit(tx, events);
    return { id };
  });
}

type TalkRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  person_id: string;
  person_name: string;
  talker_name: string;
  held_on: string;
  kind: TalkKind;
  violation_id: string | null;
  summary_enc: string;
  follow_up_enc: string | null;
  late: boolean;
  recorded_by_name: string;
  recorded_at: Date | string;
};

const presentTalk = (r: TalkRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  personId: r.person_id,
  personName: r.person_name,
  talkerName: r.talker_name,
  heldOn: r.held_on,
  kind: r.kind,
  kindLabel: TALK_KIND_LABELS[r.kind],
  violationId: r.violation_id,
  late: r.late,
  recordedByName: r.recorded_by_name,
  recordedAt: iso(r.recorded_at),
});

const FROM_TALK = sql`talks t join orgs o on o.id = t.org_id join people p on p.id = t.person_id`;
const SELECT_TALK = sql`t.*, o.name as org_name, o.path as org_path, p.name as person_name`;

/** Reads one talk with its contents: decrypted only for the answerable branch's managers, and audited. */
export async function getTalk(ctx: AppContext, actor: Actor, id: string, audit = true) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<TalkRow>(
      tx,
      sql`select ${SELECT_TALK} from ${FROM_TALK} where t.id = ${id} and t.tenant_id = ${actor.tenantId}`,
    );
    if (!row || !canOnTalk(actor, 'read', { tenantId: row.tenant_id, orgPath: row.org_path }))
      throw notFound('谈话记录');
    if (audit)
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'talk.read',
        target: { entity: talkEntity, id },
        details: { personId: row.person_id },
      });
    return {
      ...presentTalk(row),
      summary: decrypt(ctx.keys, row.summary_enc),
      followUp: row.follow_up_enc ? decrypt(ctx.keys, row.follow_up_enc) : null,
    };
  });
}

/** The list never carries contents, so browsing it is not a read of anyone's talk. */
export async function listTalks(ctx: AppContext, actor: Actor, q: TalkListQuery) {
  requireManager(actor);
  const parts: SQL[] = [sql`t.tenant_id = ${actor.tenantId}`, managedScope(actor, sql`t.org_id`)];
  parts.push(...(await subtreeFilter(ctx, actor, q.orgId, sql`t.org_id`)));
  if (q.personId) parts.push(sql`t.person_id = ${q.personId}`);
  if (q.kind) parts.push(sql`t.kind = ${q.kind}`);
  if (q.from) parts.push(sql`t.held_on >= ${q.from}`);
  if (q.to) parts.push(sql`t.held_on <= ${q.to}`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_TALK} where ${where}`,
  );
  const rows = await queryRows<TalkRow>(
    ctx.db,
    sql`select ${SELECT_TALK} from ${FROM_TALK} where ${where} order by t.held_on desc, t.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return { items: rows.map(presentTalk), total, page: q.page, pageSize: q.pageSize };
}

/** Yearly talk coverage per branch: members with at least one talk in the year. */
export async function talkCoverage(ctx: AppContext, actor: Actor, q: { orgId?: string; year?: number }) {
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const year = q.year ?? Number(todayLocal().slice(0, 4));
  const rows = await queryRows<{
    id: string;
    name: string;
    parent_name: string | null;
    members: number;
    talked: number;
  }>(
    ctx.db,
    sql`select o.id, o.name, par.name as parent_name,
          (select count(*)::int from people p where p.org_id = o.id and p.ended_on is null
             and p.party_status in ('probationary','full')) as members,
          (select count(distinct t.person_id)::int from talks t join people p on p.id = t.person_id
             where p.org_id = o.id and p.ended_on is null and p.party_status in ('probationary','full')
               and t.held_on between ${`${year}-01-01`} and ${`${year}-12-31`}) as talked
        from orgs o left join orgs par on par.id = o.parent_id
        where o.tenant_id = ${actor.tenantId} and o.type = 'branch' and o.dissolved_on is null
          and o.path like ${`${root.path}%`}
        order by par.sort_order nulls first, o.sort_order, o.name`,
  );
  const members = rows.reduce((a, r) => a + r.members, 0);
  const talked = rows.reduce((a, r) => a + r.talked, 0);
  return {
    ruleset: TALK_COVERAGE_RULESET,
    year,
    org: { id: root.id, name: root.name },
    totals: { members, talked, coverage: coverage(talked, members) },
    items: rows.map((r) => ({
      orgId: r.id,
      orgName: r.name,
      parentName: r.parent_name,
      members: r.members,
      talked: r.talked,
      coverage: coverage(r.talked, r.members),
    })),
  };
}
