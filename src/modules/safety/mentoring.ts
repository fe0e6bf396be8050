import { type SQL, sql } from 'drizzle-orm';
import { type Actor, managedPaths, manages, orgInPaths, seesMemberData } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { todayLocal } from '../../platform/dates';
import { queryRows } from '../../platform/db';
import { invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { iso, lastFollowupSql, loadPersonBrief, managedRoot, underOrg } from './common';
import type {
  EndWeakInput,
  FollowupInput,
  WeakCandidates,
  WeakListQuery,
  WeakPerson,
  WeakPersonDetail,
  WeakPersonInput,
} from './contract';
import { canOnWeakPerson, seesSafetyData } from './policy';
import {
  addDays,
  meetsWeakRule,
  nextFollowupDue,
  WEAK_OUTCOME_LABELS,
  type WEAK_SOURCES,
  type WeakOutcome,
} from './rules';
import { loadSafetySettings } from './settings';
import { followupEntity, mentoringFollowups, weakPersonEntity, weakPersons } from './tables';

const isMember = (s: string) => s === 'full' || s === 'probationary';

export async function createWeakPerson(
  ctx: AppContext,
  actor: Actor,
  input: WeakPersonInput,
  today = todayLocal(),
) {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPersonBrief(tx, actor.tenantId, input.personId);
    if (!person || !seesSafetyData(actor).ok || !manages(actor, person.org_path)) throw notFound('人员');
    const errors: Record<string, string> = {};
    if (person.ended_on) errors.personId = '此人已不在册';
    const mentor = await loadPersonBrief(tx, actor.tenantId, input.mentorPersonId);
    if (!mentor || mentor.org_id !== person.org_id || !isMember(mentor.party_status) || mentor.ended_on)
      errors.mentorPersonId = '包保人应为同一党支部在册的党员';
    if (input.mentorPersonId === input.personId) errors.mentorPersonId = '包保人不能是本人';
    if (input.startedOn > today) errors.startedOn = '开始日期不能晚于今天';
    const [active] = await queryRows<{ id: string }>(
      tx,
      sql`select id from weak_persons where person_id = ${person.id} and ended_on is null`,
    );
    if (active) errors.personId = '此人正在包保中';
    if (Object.keys(errors).length) throw invalid(errors);
    const id = newId();
    await tx.insert(weakPersons).values({
      id,
      tenantId: actor.tenantId,
      orgId: person.org_id,
      personId: person.id,
      mentorPersonId: input.mentorPersonId,
      source: input.source,
      reason: input.reason,
      goals: input.goals,
      startedOn: input.startedOn,
      createdAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'weak_person.create',
      target: { entity: weakPersonEntity, id },
      details: { personId: person.id, mentorPersonId: input.mentorPersonId, source: input.source },
    });
    return { id };
  });
}

type WeakRow = {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  person_id: string;
  person_name: string;
  mentor_person_id: string;
  mentor_name: string;
  source: (typeof WEAK_SOURCES)[number];
  reason: string;
  goals: string;
  started_on: string;
  ended_on: string | null;
  outcome: WeakOutcome | null;
  outcome_note: string | null;
  last_followup: string | null;
  followups: number;
};

const selectW =
  () => sql`w.*, o.name as org_name, o.path as org_path, p.name as person_name, m.name as mentor_name,
  ${lastFollowupSql()} as last_followup,
  (select count(*)::int from mentoring_followups f where f.weak_person_id = w.id) as followups`;
const FROM_W = sql`weak_persons w join orgs o on o.id = w.org_id join people p on p.id = w.person_id
  join people m on m.id = w.mentor_person_id`;

const resourceOf = (r: WeakRow) => ({
  tenantId: r.tenant_id,
  orgPath: r.org_path,
  mentorPersonId: r.mentor_person_id,
  endedOn: r.ended_on,
});

function present(actor: Actor, r: WeakRow, everyMonths: number, today: string): WeakPerson {
  const resource = resourceOf(r);
  const nextDue = r.ended_on ? null : nextFollowupDue(r.started_on, r.last_followup, everyMonths);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    personId: r.person_id,
    personName: r.person_name,
    mentorPersonId: r.mentor_person_id,
    mentorName: r.mentor_name,
    source: r.source,
    reason: r.reason,
    goals: r.goals,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? WEAK_OUTCOME_LABELS[r.outcome] : null,
    outcomeNote: r.outcome_note,
    followupCount: r.followups,
    lastFollowupOn: r.last_followup,
    nextFollowupDue: nextDue,
    followupOverdue: nextDue !== null && nextDue < today,
    actions: permitted((a) => canOnWeakPerson(actor, a, resource), ['followup', 'end'] as const),
  };
}

/** Mentoring cases the caller manages, and those where the caller is the mentor. */
const weakScope = (actor: Actor): SQL => {
  if (!seesMemberData(actor)) return sql`false`;
  const parts = [orgInPaths(sql`w.org_id`, managedPaths(actor))];
  if (actor.personId) parts.push(sql`w.mentor_person_id = ${actor.personId}`);
  return sql`(${sql.join(parts, sql` or `)})`;
};

export async function listWeakPersons(ctx: AppContext, actor: Actor, q: WeakListQuery) {
  enforce(seesSafetyData(actor));
  const parts: SQL[] = [
    sql`w.tenant_id = ${actor.tenantId}`,
    weakScope(actor),
    ...(await underOrg(ctx.db, actor, q.orgId)),
  ];
  if (q.status === 'active') parts.push(sql`w.ended_on is null`);
  if (q.status === 'ended') parts.push(sql`w.ended_on is not null`);
  const where = sql.join(parts, sql` and `);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_W} where ${where}`,
  );
  const rows = await queryRows<WeakRow>(
    ctx.db,
    sql`select ${selectW()} from ${FROM_W} where ${where} order by (w.ended_on is null) desc, w.started_on desc, w.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  const today = todayLocal();
  return {
    items: rows.map((r) => present(actor, r, s.followupEveryMonths, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadWeak(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await queryRows<WeakRow>(
    ctx.db,
    sql`select ${selectW()} from ${FROM_W} where w.id = ${id} and w.tenant_id = ${actor.tenantId}`,
  );
  if (!row) throw notFound('包保记录');
  const resource = resourceOf(row);
  enforce(canOnWeakPerson(actor, 'read', resource));
  return { row, resource };
}

export async function getWeakPerson(ctx: AppContext, actor: Actor, id: string): Promise<WeakPersonDetail> {
  const { row } = await loadWeak(ctx, actor, id);
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  const followups = await queryRows<{
    id: string;
    held_on: string;
    note: string;
    recorded_by_name: string;
    recorded_at: Date;
  }>(
    ctx.db,
    sql`select id, held_on, note, recorded_by_name, recorded_at from mentoring_followups where weak_person_id = ${id}
        order by held_on desc, recorded_at desc`,
  );
  return {
    ...present(actor, row, s.followupEveryMonths, todayLocal()),
    followups: followups.map((f) => ({
      id: f.id,
      heldOn: f.held_on,
      note: f.note,
      recordedByName: f.recorded_by_name,
      recordedAt: iso(f.recorded_at),
    })),
  };
}

export async function addFollowup(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: FollowupInput,
  today = todayLocal(),
) {
  const { row, resource } = await loadWeak(ctx, actor, id);
  enforce(canOnWeakPerson(actor, 'followup', resource));
  if (input.heldOn > today) throw invalid({ heldOn: '帮教日期不能晚于今天' });
  if (input.heldOn < row.started_on) throw invalid({ heldOn: '帮教日期不能早于包保开始日期' });
  await ctx.db.transaction(async (tx) => {
    const fid = newId();
    await tx.insert(mentoringFollowups).values({
      id: fid,
      tenantId: actor.tenantId,
      weakPersonId: id,
      heldOn: input.heldOn,
      note: input.note,
      recordedByName: actor.displayName,
      recordedAt: new Date(),
    });
    await audit(tx, actor, {
      action: 'mentoring_followup.create',
      target: { entity: followupEntity, id: fid },
      details: { weakPersonId: id },
    });
  });
}

export async function endWeakPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: EndWeakInput,
  today = todayLocal(),
) {
  const { row, resource } = await loadWeak(ctx, actor, id);
  enforce(canOnWeakPerson(actor, 'end', resource));
  if (input.endedOn > today) throw invalid({ endedOn: '结束日期不能晚于今天' });
  if (input.endedOn < row.started_on) throw invalid({ endedOn: '结束日期不能早于开始日期' });
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update weak_persons set ended_on = ${input.endedOn}, outcome = ${input.outcome},
          outcome_note = ${input.outcomeNote ?? null} where id = ${id} and ended_on is null`,
    );
    await audit(tx, actor, {
      action: 'weak_person.end',
      target: { entity: weakPersonEntity, id },
      details: { outcome: input.outcome },
    });
  });
}

/** Workers the tenant's rule proposes (e.g. 2 violations in 90 days) who are not being mentored now. */
export async function weakCandidates(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; asOf?: string },
): Promise<WeakCandidates> {
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const s = await loadSafetySettings(ctx.db, actor.tenantId);
  const asOf = q.asOf ?? todayLocal();
  const from = addDays(asOf, -(s.weakRule.days - 1));
  const rows = await queryRows<{
    person_id: string;
    name: string;
    org_id: string;
    org_name: string;
    party_status: string;
    dates: string[];
  }>(
    ctx.db,
    sql`select v.person_id, p.name, p.org_id, o.name as org_name, p.party_status,
               array_agg(v.occurred_on::text order by v.occurred_on desc) as dates
        from violations v join people p on p.id = v.person_id join orgs o on o.id = p.org_id
        where v.tenant_id = ${actor.tenantId} and v.occurred_on between ${from} and ${asOf}
          and o.path like ${`${root.path}%`} and p.ended_on is null
          and not exists (select 1 from weak_persons w where w.person_id = v.person_id and w.ended_on is null)
        group by v.person_id, p.name, p.org_id, o.name, p.party_status
        having count(*) >= ${s.weakRule.count}
        order by count(*) desc, p.name`,
  );
  return {
    rule: s.weakRule,
    asOf,
    items: rows
      .filter((r) => meetsWeakRule(r.dates, s.weakRule, asOf))
      .map((r) => ({
        personId: r.person_id,
        personName: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        partyStatus: r.party_status,
        violationDates: r.dates,
        reason: `${s.weakRule.days}天内违章违纪${r.dates.length}次`,
      })),
  };
}
