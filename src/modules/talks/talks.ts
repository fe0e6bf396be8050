import { type SQL, sql } from 'drizzle-orm';
import { managedRoot } from '../../kernel/orgs/api';
import { branchOnDate, loadPersonBrief, type PersonBrief } from '../../kernel/people/api';
import { type Actor, managedPaths, manages, orgInPaths, seesMemberData } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { decrypt, encrypt } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { draftedAtValue } from '../../platform/drafts';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enforce, permitted } from '../../platform/policy';
import { closeTalkObligation, loadSafetySettings, violationForTalk } from '../safety/api';
import { iso, underOrg } from './common';
import type { Coverage, CoverageQuery, Talk, TalkDetail, TalkInput, TalkListQuery } from './contract';
import { canOnTalk, viewsTalks } from './policy';
import {
  checkTalkAgainstViolation,
  coverage,
  isLateRecord,
  TALK_COVERAGE_RULESET,
  TALK_KIND_LABELS,
  type TalkKind,
} from './rules';
import { talkEntity, talks } from './tables';

type Violation = NonNullable<Awaited<ReturnType<typeof violationForTalk>>>;

/**
 * The branch answerable for a talk: after a violation, the violation's branch (the worker may have moved
 * since); otherwise the worker's branch on the day it was held.
 */
async function answerableBranch(tx: Executor, actor: Actor, input: TalkInput, person: PersonBrief) {
  if (input.violationId) {
    const violation = await violationForTalk(tx, actor.tenantId, input.violationId);
    if (!violation) throw notFound('违章违纪记录');
    const d = canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: violation.orgPath });
    if (!d.ok) throw notFound('违章违纪记录');
    return { org: { id: violation.orgId, path: violation.orgPath }, violation };
  }
  const branch = (await branchOnDate(tx, person.id, input.heldOn)) ?? {
    id: person.org_id,
    path: person.org_path,
  };
  if (!canOnTalk(actor, 'record', { tenantId: actor.tenantId, orgPath: branch.path }).ok) {
    if (!manages(actor, person.org_path)) throw notFound('人员');
    throw forbidden('谈话当日此人所在支部不在您的管理范围内');
  }
  return { org: { id: branch.id, path: branch.path }, violation: undefined };
}

function checkTalk(input: TalkInput, violation: Violation | undefined, today: string) {
  const errors: Record<string, string> = {};
  if (input.heldOn > today) errors.heldOn = '谈话日期不能晚于今天';
  if (violation) Object.assign(errors, checkTalkAgainstViolation(input, violation));
  else if (input.kind === 'violation_followup') errors.violationId = '两违谈话须选择对应的违章违纪记录';
  if (Object.keys(errors).length) throw invalid(errors);
}

/**
 * Records a talk. After a violation the talk belongs to the violation's branch and closes its obligation
 * (through safety's api, in the same transaction); any other talk belongs to the worker's branch that day.
 */
export async function createTalk(ctx: AppContext, actor: Actor, input: TalkInput, today = todayLocal()) {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPersonBrief(tx, actor.tenantId, input.personId);
    if (!person) throw notFound('人员');
    const { org, violation } = await answerableBranch(tx, actor, input, person);
    checkTalk(input, violation, today);
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
      draftedAt: draftedAtValue(input.draftedAt),
    });
    await audit(tx, actor, {
      action: 'talk.create',
      target: { entity: talkEntity, id },
      details: {
        personId: person.id,
        kind: input.kind,
        heldOn: input.heldOn,
        violationId: violation?.id ?? null,
      },
    });
    if (violation)
      await closeTalkObligation(tx, actor, {
        violationId: violation.id,
        talkId: id,
        heldOn: input.heldOn,
        personId: person.id,
      });
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

const presentTalk = (actor: Actor, r: TalkRow): Talk => ({
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
  actions: permitted((a) => canOnTalk(actor, a, { tenantId: r.tenant_id, orgPath: r.org_path }), [
    'read',
  ] as const),
});

const FROM_TALK = sql`talks t join orgs o on o.id = t.org_id join people p on p.id = t.person_id`;
const SELECT_TALK = sql`t.*, o.name as org_name, o.path as org_path, p.name as person_name`;

/**
 * Reads one talk with its contents: decrypted only for the answerable branch's managers, and audited
 * (`audited = false` only when echoing what the recorder just typed).
 */
export async function getTalk(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audited = true,
): Promise<TalkDetail> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<TalkRow>(
      tx,
      sql`select ${SELECT_TALK} from ${FROM_TALK} where t.id = ${id} and t.tenant_id = ${actor.tenantId}`,
    );
    if (!row) throw notFound('谈话记录');
    enforce(canOnTalk(actor, 'read', { tenantId: row.tenant_id, orgPath: row.org_path }));
    if (audited)
      await audit(tx, actor, {
        action: 'talk.read',
        target: { entity: talkEntity, id },
        details: { personId: row.person_id },
      });
    return {
      ...presentTalk(actor, row),
      summary: decrypt(ctx.keys, row.summary_enc),
      followUp: row.follow_up_enc ? decrypt(ctx.keys, row.follow_up_enc) : null,
    };
  });
}

/** The list never carries contents, so browsing it is not a read of anyone's talk. */
export async function listTalks(ctx: AppContext, actor: Actor, q: TalkListQuery) {
  enforce(viewsTalks(actor));
  const parts: SQL[] = [
    sql`t.tenant_id = ${actor.tenantId}`,
    seesMemberData(actor) ? orgInPaths(sql`t.org_id`, managedPaths(actor)) : sql`false`,
    ...(await underOrg(ctx.db, actor, q.orgId, sql`t.org_id`)),
  ];
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
  return { items: rows.map((r) => presentTalk(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Yearly talk coverage per branch: members with at least one talk in the year. The members are those of
 * that year: for the running year the party members on the roll today (the talks still owed are with
 * them); for a past year everyone who was a party member of the branch at some time in it (membership
 * history; joined the party by the year's end), so a member who has since moved or left still counts
 * where the year found them, and one who came later does not.
 */
export async function talkCoverage(ctx: AppContext, actor: Actor, q: CoverageQuery): Promise<Coverage> {
  const root = await managedRoot(ctx.db, actor, q.orgId);
  const today = todayLocal();
  const year = q.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const past = to < today;
  const membersOfYear = past
    ? sql`select distinct pm.org_id, pm.person_id from person_memberships pm join people p on p.id = pm.person_id
          where pm.tenant_id = ${actor.tenantId} and pm.valid_from <= ${to}
            and (pm.valid_to is null or pm.valid_to > ${from})
            and p.joined_party_on is not null and p.joined_party_on <= ${to}`
    : sql`select p.org_id, p.id as person_id from people p
          where p.tenant_id = ${actor.tenantId} and p.ended_on is null
            and p.party_status in ('probationary','full')`;
  const rows = await queryRows<{
    id: string;
    name: string;
    parent_name: string | null;
    members: number;
    talked: number;
  }>(
    ctx.db,
    sql`with members as (${membersOfYear}),
        talked_people as (select distinct m.org_id, m.person_id from members m
          where exists (select 1 from talks t where t.person_id = m.person_id
            and t.held_on between ${from} and ${to}))
        select o.id, o.name, par.name as parent_name,
          (select count(*)::int from members m where m.org_id = o.id) as members,
          (select count(*)::int from talked_people x where x.org_id = o.id) as talked
        from orgs o left join orgs par on par.id = o.parent_id
        where o.tenant_id = ${actor.tenantId} and o.type = 'branch'
          and ${past ? sql`o.established_on <= ${to} and (o.dissolved_on is null or o.dissolved_on > ${from})` : sql`o.dissolved_on is null`}
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
