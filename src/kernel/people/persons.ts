import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit, diffFields } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { decrypt } from '../../platform/crypto';
import { todayLocal } from '../../platform/dates';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { checkTargetBranch } from './branches';
import type { PersonInput, PersonPatch, RevealResult } from './contract';
import { authorizePerson, type JoinedRow } from './read';
import { type PartyStatus, type SensitiveField, validatePerson } from './rules';
import { SEALED_COLUMN, sealSensitive } from './sensitive';
import { nameSortKey } from './sort-key';
import { membershipEntity, people, personEntity, personMemberships } from './tables';
import { membershipEvents, transferPeople } from './transfers';

/** The use cases of one person's record: add, change, end, and show a sealed value in clear. */

type PersonRow = typeof people.$inferSelect;
const SENSITIVE = ['idNumber', 'mobile', 'landline', 'address'] as const;

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
      nameSort: nameSortKey(input.name),
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
    await audit(tx, actor, [
      {
        action: 'person.create',
        target: { entity: personEntity, id },
        details: { name: input.name, orgId: input.orgId },
      },
      { action: 'membership.write', target: { entity: membershipEntity, id: membershipId } },
    ]);
    return { id };
  });
}

/** The fields the consistency rules need, from a stored row. */
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
    standing: r.standing as 'normal' | 'suspended',
    suspendedOn: (r.suspended_on as string) ?? null,
    floating: r.floating as boolean,
    floatingTo: (r.floating_to as string) ?? null,
    startedWorkOn: (r.started_work_on as string) ?? null,
  };
}

function camelColumns(r: JoinedRow): Record<string, unknown> {
  const camel = (k: string) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]));
}

/** Changes a record; a new branch is a transfer dated today, a new name a new sort key. */
export async function updatePerson(ctx: AppContext, actor: Actor, id: string, patch: PersonPatch) {
  const today = todayLocal();
  await ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'update');
    const before = rowAsInput(row);
    // Back to a normal standing: the suspension's date goes with it.
    if (patch.standing === 'normal' && patch.suspendedOn === undefined)
      patch = { ...patch, suspendedOn: null };
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
        ...(patch.name !== undefined ? { nameSort: nameSortKey(patch.name) } : {}),
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(people.id, id));
    if (orgChanged) await transferPeople(tx, actor.tenantId, [id], merged.orgId, today, 'transfer');
    const changes = diffFields(
      { ...before, idNumber: null, mobile: null, landline: null, address: null, ...camelColumns(row) },
      patch,
      SENSITIVE,
    );
    await audit(tx, actor, [
      { action: 'person.update', target: { entity: personEntity, id }, details: { changes } },
      ...(orgChanged ? await membershipEvents(tx, [id]) : []),
    ]);
  });
}

/** Ends a person's time on the roll (left the unit, died, transferred out); the membership closes that day. */
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
      .where(and(eq(personMemberships.personId, id), isNull(personMemberships.validTo)));
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
    await audit(tx, actor, [
      { action: 'person.end', target: { entity: personEntity, id }, details: { endedOn, endReason } },
      ...(current
        ? [{ action: 'membership.write', target: { entity: membershipEntity, id: current.id } }]
        : []),
    ]);
  });
}

/** Shows one sensitive value in clear to a permitted user; the reveal itself is an audit event. */
export async function revealField(
  ctx: AppContext,
  actor: Actor,
  id: string,
  field: SensitiveField,
): Promise<RevealResult> {
  return ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'reveal');
    const sealed = row[SEALED_COLUMN[field]] as string | null;
    await audit(tx, actor, {
      action: 'person.reveal',
      target: { entity: personEntity, id },
      details: { field },
    });
    return { field, value: sealed ? decrypt(ctx.keys, sealed) : null };
  });
}
