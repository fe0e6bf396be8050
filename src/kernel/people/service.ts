import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, managedPaths, personScope, seesMemberData } from '../../platform/access';
import { actorRef, diffFields, recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { blindIndex, decrypt, encrypt, maskAddress, maskIdNumber, maskPhone } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { type Executor, queryRows } from '../../platform/db';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { canOnOrg } from '../orgs/policy';
import { authorizeOrg, membershipEvents, transferPeople } from '../orgs/service';
import { orgs } from '../orgs/tables';
import type { PersonInput, PersonPatch } from './contract';
import { canAddPersonTo, canOnPerson, type PersonAction, personActions } from './policy';
import {
  AGE_BANDS,
  ageBand,
  checkPersonFacts,
  isLandline,
  isMobile,
  PARTY_AGE_BANDS,
  PARTY_STATUS_LABELS,
  type PartyStatus,
  parseIdNumber,
  partyAgeBand,
  type SensitiveField,
} from './rules';
import { membershipEntity, people, personEntity, personMemberships } from './tables';

type PersonRow = typeof people.$inferSelect;
const SENSITIVE_COLUMNS: Record<SensitiveField, keyof PersonRow> = {
  idNumber: 'idNumberEnc',
  mobile: 'mobileEnc',
  landline: 'landlineEnc',
  address: 'addressEnc',
};

/** The columns written for a person's sensitive values: ciphertext, masked copy and blind index. */
export function sealSensitive(
  ctx: Pick<AppContext, 'keys'>,
  input: Partial<Record<SensitiveField, string | null>>,
) {
  const out: Partial<PersonRow> = {};
  if (input.idNumber !== undefined) {
    const v = input.idNumber?.trim().toUpperCase() || null;
    out.idNumberEnc = v ? encrypt(ctx.keys, v) : null;
    out.idNumberIndex = v ? blindIndex(ctx.keys, v) : null;
    out.idNumberMasked = v ? maskIdNumber(v) : null;
  }
  if (input.mobile !== undefined) {
    const v = input.mobile?.trim() || null;
    out.mobileEnc = v ? encrypt(ctx.keys, v) : null;
    out.mobileMasked = v ? maskPhone(v) : null;
  }
  if (input.landline !== undefined) {
    const v = input.landline?.trim() || null;
    out.landlineEnc = v ? encrypt(ctx.keys, v) : null;
    out.landlineMasked = v ? maskPhone(v) : null;
  }
  if (input.address !== undefined) {
    const v = input.address?.trim() || null;
    out.addressEnc = v ? encrypt(ctx.keys, v) : null;
    out.addressMasked = v ? maskAddress(v) : null;
  }
  return out;
}

/** Validates a complete person (after a patch is applied) and derives birth date and gender from the ID number. */
export function validatePerson(
  merged: PersonInput,
  today: string,
): { errors: Record<string, string>; derived: Partial<PersonInput> } {
  const errors: Record<string, string> = {};
  const derived: Partial<PersonInput> = {};
  if (merged.idNumber) {
    const info = parseIdNumber(merged.idNumber);
    if (!info.valid) errors.idNumber = `公民身份号码${info.reason}`;
    else {
      if (merged.birthDate && merged.birthDate !== info.birthDate)
        errors.birthDate = '出生日期与公民身份号码不一致';
      if (merged.gender !== info.gender) errors.gender = '性别与公民身份号码不一致';
      derived.birthDate = info.birthDate;
    }
  }
  if (merged.mobile && !isMobile(merged.mobile)) errors.mobile = '手机号应为 11 位，以 1 开头';
  if (merged.landline && !isLandline(merged.landline)) errors.landline = '固定电话格式应为 区号-号码';
  Object.assign(
    errors,
    checkPersonFacts({ ...merged, birthDate: derived.birthDate ?? merged.birthDate }, today),
  );
  return { errors, derived };
}

export interface PersonView {
  id: string;
  name: string;
  gender: string;
  orgId: string;
  orgName: string;
  partyStatus: PartyStatus;
  [key: string]: unknown;
}

const SELECT_PERSON = sql`p.*, o.name as org_name, o.path as org_path, g.name as group_name`;
const FROM_PERSON = sql`people p join orgs o on o.id = p.org_id left join orgs g on g.id = p.party_group_id`;

type JoinedRow = Record<string, unknown> & {
  id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  ended_on: string | null;
};

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/** The whitelist of what a client sees of a person; sensitive values only masked. */
function present(actor: Actor, r: JoinedRow, detail = false): PersonView {
  const base: PersonView = {
    id: r.id,
    name: r.name as string,
    gender: r.gender as string,
    orgId: r.org_id,
    orgName: r.org_name,
    partyGroupId: r.party_group_id ?? null,
    partyGroupName: r.group_name ?? null,
    partyStatus: r.party_status as PartyStatus,
    partyStatusLabel: PARTY_STATUS_LABELS[r.party_status as PartyStatus],
    birthDate: r.birth_date ?? null,
    employeeNo: r.employee_no ?? null,
    post: r.post ?? null,
    workplace: r.workplace ?? null,
    joinedPartyOn: r.joined_party_on ?? null,
    fullMemberOn: r.full_member_on ?? null,
    standing: r.standing,
    lostContact: r.lost_contact,
    floating: r.floating,
    mobile: r.mobile_masked ?? null,
    endedOn: r.ended_on,
    endReason: r.end_reason ?? null,
    actions: personActions(actor, {
      id: r.id,
      tenantId: r.tenant_id,
      orgPath: r.org_path,
      endedOn: r.ended_on,
    }),
  };
  if (!detail) return base;
  return {
    ...base,
    ethnicity: r.ethnicity ?? null,
    idNumber: r.id_number_masked ?? null,
    education: r.education ?? null,
    category: r.category ?? null,
    jobPost: r.job_post ?? null,
    landline: r.landline_masked ?? null,
    address: r.address_masked ?? null,
    lostContactOn: r.lost_contact_on ?? null,
    floatingTo: r.floating_to ?? null,
    startedWorkOn: r.started_work_on ?? null,
    partyPosts: r.party_posts ?? null,
    exempt: r.exempt,
    remarks: r.remarks ?? null,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface PeopleFilter {
  orgId?: string;
  partyStatus?: PartyStatus[];
  q?: string;
  includeEnded?: boolean;
  page: number;
  pageSize: number;
}

/** The WHERE clause of a scoped people query: the caller's scope first, then the filters. */
export async function peopleWhere(
  ctx: AppContext,
  actor: Actor,
  f: Omit<PeopleFilter, 'page' | 'pageSize'>,
): Promise<SQL> {
  if (!seesMemberData(actor)) throw forbidden('系统、安全、审计管理员不能查看党员信息');
  const parts: SQL[] = [sql`p.tenant_id = ${actor.tenantId}`, personScope(actor, sql`p.org_id`, sql`p.id`)];
  if (f.orgId) {
    const org = await authorizeOrg(ctx.db, actor, f.orgId, 'read');
    parts.push(sql`o.path like ${`${org.path}%`}`);
  }
  if (f.partyStatus?.length)
    parts.push(
      sql`p.party_status in (${sql.join(
        f.partyStatus.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (!f.includeEnded) parts.push(sql`p.ended_on is null`);
  const q = f.q?.trim();
  if (q) {
    const alternatives = [sql`p.name like ${`%${q}%`}`, sql`p.employee_no = ${q}`];
    if (/^\d{17}[\dXx]$/.test(q)) alternatives.push(sql`p.id_number_index = ${blindIndex(ctx.keys, q)}`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return sql.join(parts, sql` and `);
}

export async function listPeople(ctx: AppContext, actor: Actor, f: PeopleFilter) {
  const where = await peopleWhere(ctx, actor, f);
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`select count(*)::int as total from ${FROM_PERSON} where ${where}`,
  );
  const rows = await queryRows<JoinedRow>(
    ctx.db,
    sql`select ${SELECT_PERSON} from ${FROM_PERSON} where ${where}
        order by o.path, p.name, p.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  // What the caller may do with the list itself (the UI shows only these buttons).
  const actions = managedPaths(actor).length ? ['create', 'import', 'export'] : ['export'];
  return { items: rows.map((r) => present(actor, r)), total, page: f.page, pageSize: f.pageSize, actions };
}

async function loadPerson(db: Executor, actor: Actor, id: string): Promise<JoinedRow | undefined> {
  const [row] = await queryRows<JoinedRow>(
    db,
    sql`select ${SELECT_PERSON} from ${FROM_PERSON} where p.id = ${id} and p.tenant_id = ${actor.tenantId}`,
  );
  return row;
}

/** Loads a person and checks the action: outside the caller's sight is 404, visible but not allowed is 403. */
export async function authorizePerson(
  db: Executor,
  actor: Actor,
  id: string,
  action: PersonAction,
): Promise<JoinedRow> {
  const row = await loadPerson(db, actor, id);
  const resource = row && {
    id: row.id,
    tenantId: row.tenant_id,
    orgPath: row.org_path,
    endedOn: row.ended_on,
  };
  if (!resource || !canOnPerson(actor, 'read', resource)) throw notFound('人员');
  if (!canOnPerson(actor, action, resource)) throw forbidden();
  return row!;
}

export async function getPerson(ctx: AppContext, actor: Actor, id: string) {
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
  return {
    ...present(actor, row, true),
    memberships: memberships.map((m) => ({
      orgId: m.org_id,
      orgName: m.org_name,
      validFrom: m.valid_from,
      validTo: m.valid_to,
      reason: m.reason,
    })),
  };
}

async function checkTargetBranch(
  db: Executor,
  actor: Actor,
  orgId: string,
  partyGroupId: string | null | undefined,
) {
  const [org] = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, orgId), eq(orgs.tenantId, actor.tenantId)));
  if (!org || !canOnOrg(actor, 'read', org)) throw notFound('所属组织');
  if (org.type !== 'branch') throw invalid({ orgId: '人员应归属到党支部（负责其班组的支部）' });
  if (org.dissolvedOn) throw invalid({ orgId: '所属党支部已撤销' });
  if (!canAddPersonTo(actor, org)) throw forbidden('您不能向该党支部添加人员');
  if (partyGroupId) {
    const [g] = await db
      .select()
      .from(orgs)
      .where(and(eq(orgs.id, partyGroupId), eq(orgs.parentId, orgId)));
    if (g?.type !== 'party_group') throw invalid({ partyGroupId: '党小组须属于所在党支部' });
  }
  return org;
}

function columnsOf(input: Partial<PersonInput>): Partial<PersonRow> {
  const { idNumber, mobile, landline, address, ...plain } = input;
  return plain as Partial<PersonRow>;
}

export async function createPerson(ctx: AppContext, actor: Actor, input: PersonInput, on = todayLocal()) {
  const { errors, derived } = validatePerson(input, on);
  if (Object.keys(errors).length) throw invalid(errors);
  return ctx.db.transaction(async (tx) => {
    await checkTargetBranch(tx, actor, input.orgId, input.partyGroupId);
    const id = newId();
    const now = new Date();
    await tx.insert(people).values({
      ...columnsOf({ ...input, ...derived }),
      ...sealSensitive(ctx, input),
      id,
      tenantId: actor.tenantId,
      name: input.name,
      gender: input.gender,
      orgId: input.orgId,
      partyStatus: input.partyStatus,
      createdAt: now,
      updatedAt: now,
    });
    const membershipId = newId();
    await tx.insert(personMemberships).values({
      id: membershipId,
      tenantId: actor.tenantId,
      personId: id,
      orgId: input.orgId,
      validFrom: on,
      reason: 'joined',
      createdAt: now,
    });
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.create',
        target: { entity: personEntity, id },
        details: { name: input.name, orgId: input.orgId },
      },
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'membership.write',
        target: { entity: membershipEntity, id: membershipId },
      },
    ]);
    return { id };
  });
}

function rowAsInput(r: JoinedRow): PersonInput {
  return {
    name: r.name as string,
    gender: r.gender as 'male' | 'female',
    orgId: r.org_id,
    partyStatus: r.party_status as PartyStatus,
    partyGroupId: (r.party_group_id as string) ?? null,
    birthDate: (r.birth_date as string) ?? null,
    joinedPartyOn: (r.joined_party_on as string) ?? null,
    fullMemberOn: (r.full_member_on as string) ?? null,
    lostContact: r.lost_contact as boolean,
    lostContactOn: (r.lost_contact_on as string) ?? null,
    floating: r.floating as boolean,
    floatingTo: (r.floating_to as string) ?? null,
    startedWorkOn: (r.started_work_on as string) ?? null,
  };
}

export async function updatePerson(ctx: AppContext, actor: Actor, id: string, patch: PersonPatch) {
  const today = todayLocal();
  await ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'update');
    const before = rowAsInput(row);
    const merged = { ...before, ...patch } as PersonInput;
    if (patch.idNumber === undefined && row.id_number_enc)
      merged.idNumber = decrypt(ctx.keys, row.id_number_enc as string);
    const { errors, derived } = validatePerson(merged, today);
    if (Object.keys(errors).length) throw invalid(errors);
    const orgChanged = patch.orgId !== undefined && patch.orgId !== row.org_id;
    if (orgChanged || patch.partyGroupId)
      await checkTargetBranch(tx, actor, merged.orgId, merged.partyGroupId);
    const { orgId: _ignored, ...rest } = patch;
    await tx
      .update(people)
      .set({
        ...columnsOf({ ...rest, ...(patch.idNumber !== undefined ? derived : {}) }),
        ...sealSensitive(ctx, patch),
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(people.id, id));
    if (orgChanged) await transferPeople(tx, actor.tenantId, [id], merged.orgId, today, 'transfer');
    const changes = diffFields(
      { ...before, idNumber: null, mobile: null, landline: null, address: null, ...pickColumns(row) },
      patch,
      ['idNumber', 'mobile', 'landline', 'address'],
    );
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.update',
        target: { entity: personEntity, id },
        details: { changes },
      },
      ...(orgChanged ? await membershipEvents(tx, actor, [id]) : []),
    ]);
  });
}

function pickColumns(r: JoinedRow): Record<string, unknown> {
  const camel = (k: string) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]));
}

export async function transferPerson(ctx: AppContext, actor: Actor, id: string, orgId: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'transfer');
    if (row.org_id === orgId) throw invalid({ orgId: '已在该党支部' });
    await checkTargetBranch(tx, actor, orgId, null);
    const [current] = await tx
      .select()
      .from(personMemberships)
      .where(and(eq(personMemberships.personId, id), sql`${personMemberships.validTo} is null`));
    if (current && on < current.validFrom) throw invalid({ on: '调动日期不能早于进入现支部的日期' });
    await transferPeople(tx, actor.tenantId, [id], orgId, on, 'transfer');
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.transfer',
        target: { entity: personEntity, id },
        details: { from: row.org_id, to: orgId, on },
      },
      ...(await membershipEvents(tx, actor, [id])),
    ]);
  });
}

export async function endPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  endedOn: string,
  endReason: string,
) {
  await ctx.db.transaction(async (tx) => {
    await authorizePerson(tx, actor, id, 'end');
    if (endedOn > todayLocal()) throw invalid({ endedOn: '终止日期不能晚于今天' });
    const [current] = await tx
      .select()
      .from(personMemberships)
      .where(and(eq(personMemberships.personId, id), sql`${personMemberships.validTo} is null`));
    if (current && endedOn < current.validFrom)
      throw invalid({ endedOn: '终止日期不能早于进入现支部的日期' });
    await tx
      .update(people)
      .set({ endedOn, endReason, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(eq(people.id, id));
    if (current)
      await tx
        .update(personMemberships)
        .set({ validTo: endedOn })
        .where(eq(personMemberships.id, current.id));
    await recordAudit(tx, [
      {
        tenantId: actor.tenantId,
        actor: actorRef(actor),
        action: 'person.end',
        target: { entity: personEntity, id },
        details: { endedOn, endReason },
      },
      ...(current
        ? [
            {
              tenantId: actor.tenantId,
              actor: actorRef(actor),
              action: 'membership.write',
              target: { entity: membershipEntity, id: current.id },
            },
          ]
        : []),
    ]);
  });
}

/** Shows one sensitive value in clear to a permitted user; the reveal itself is an audit event. */
export async function revealField(ctx: AppContext, actor: Actor, id: string, field: SensitiveField) {
  return ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'reveal');
    const sealed = row[toSnake(SENSITIVE_COLUMNS[field])] as string | null;
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorRef(actor),
      action: 'person.reveal',
      target: { entity: personEntity, id },
      details: { field },
    });
    return { field, value: sealed ? decrypt(ctx.keys, sealed) : null };
  });
}

const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Which branch a person belonged to on a date. */
export async function branchOn(ctx: AppContext, actor: Actor, id: string, date: string) {
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

export async function personHistory(ctx: AppContext, actor: Actor, id: string) {
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
  return {
    items: rows.map((r) => ({
      at: iso(r.at),
      actorName: r.actor_name,
      action: r.action,
      details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    })),
  };
}

/** Basic statistics of the caller's scope for the home dashboard. */
export async function peopleStats(ctx: AppContext, actor: Actor, orgId?: string) {
  const where = await peopleWhere(ctx, actor, { orgId });
  const today = todayLocal();
  // One JSON value instead of a row per person: PGlite hands over rows slowly, JSON.parse is fast.
  const [packed] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(x.party_status, x.birth_date, x.full_member_on, x.gb, x.gb_name, x.n))::text, '[]') as j
        from (select p.party_status, p.birth_date, p.full_member_on, gb.id as gb, gb.name as gb_name, count(*)::int as n
          from ${FROM_PERSON}
          left join orgs gb on gb.id = nullif(split_part(o.path, '/', 3), '')::uuid and gb.type = 'general_branch'
          where ${where}
          group by p.party_status, p.birth_date, p.full_member_on, gb.id, gb.name) x`,
  );
  const rows = (
    JSON.parse(packed.j) as [
      PartyStatus,
      string | null,
      string | null,
      string | null,
      string | null,
      number,
    ][]
  ).map(([party_status, birth_date, full_member_on, gb, gb_name, n]) => ({
    party_status,
    birth_date,
    full_member_on,
    gb,
    gb_name,
    n,
  }));
  const byStatus = Object.fromEntries(Object.keys(PARTY_STATUS_LABELS).map((k) => [k, 0])) as Record<
    PartyStatus,
    number
  >;
  const byAge = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<string, number>;
  const byPartyAge = Object.fromEntries(PARTY_AGE_BANDS.map((b) => [b, 0])) as Record<string, number>;
  const byGeneral = new Map<string, { orgId: string; name: string; members: number; employees: number }>();
  let employees = 0;
  let members = 0;
  for (const r of rows) {
    employees += r.n;
    byStatus[r.party_status] += r.n;
    const member = r.party_status === 'full' || r.party_status === 'probationary';
    if (member) {
      members += r.n;
      if (r.birth_date) byAge[ageBand(r.birth_date, today)] += r.n;
      byPartyAge[partyAgeBand(r.full_member_on, today)] += r.n;
    }
    if (r.gb) {
      const g = byGeneral.get(r.gb) ?? { orgId: r.gb, name: r.gb_name!, members: 0, employees: 0 };
      g.employees += r.n;
      if (member) g.members += r.n;
      byGeneral.set(r.gb, g);
    }
  }
  return {
    employees,
    members,
    byStatus: Object.entries(byStatus).map(([status, count]) => ({
      status,
      label: PARTY_STATUS_LABELS[status as PartyStatus],
      count,
    })),
    byAgeBand: Object.entries(byAge).map(([band, count]) => ({ band, count })),
    byPartyAge: Object.entries(byPartyAge).map(([band, count]) => ({ band, count })),
    byGeneralBranch: [...byGeneral.values()].sort((a, b) => b.members - a.members),
  };
}
