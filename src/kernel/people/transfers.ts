import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { type AuditEvent, audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { type Executor, uuidList } from '../../platform/db';
import { invalid } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { OrgMerging } from '../orgs/api';
import { checkTargetBranch } from './branches';
import { authorizePerson } from './read';
import { membershipEntity, people, personEntity, personMemberships } from './tables';

/**
 * Transfers of people between branches: one person by a manager, or every member of a branch when orgs
 * merges it into another. A membership is closed on the day, never deleted, so the branch a person
 * belonged to on any date stays answerable.
 */

/** Moves people to another branch on a date; their current memberships are closed, not deleted. */
export async function transferPeople(
  tx: Executor,
  tenantId: string,
  personIds: string[],
  toOrgId: string,
  on: string,
  reason: string,
  options: { keepPartyGroups?: boolean } = {},
) {
  if (personIds.length === 0) return;
  const list = uuidList(personIds);
  await tx.execute(
    sql`update person_memberships set valid_to = ${on} where person_id in (${list}) and valid_to is null`,
  );
  const now = new Date();
  await tx.insert(personMemberships).values(
    personIds.map((personId) => ({
      id: newId(),
      tenantId,
      personId,
      orgId: toOrgId,
      validFrom: on,
      reason,
      createdAt: now,
    })),
  );
  await tx.execute(
    sql`update people set org_id = ${toOrgId}, ${options.keepPartyGroups ? sql`` : sql`party_group_id = null,`} version = version + 1, updated_at = now() where id in (${list})`,
  );
}

/** Audit events for every membership row of these people (after a transfer wrote them). */
export async function membershipEvents(tx: Executor, personIds: string[]): Promise<AuditEvent[]> {
  if (!personIds.length) return [];
  const rows = await tx
    .select({ id: personMemberships.id })
    .from(personMemberships)
    .where(sql`${personMemberships.personId} in (${uuidList(personIds)})`);
  return rows.map((r) => ({ action: 'membership.write', target: { entity: membershipEntity, id: r.id } }));
}

/** A manager moves one person to another branch on a date. */
export async function transferPerson(ctx: AppContext, actor: Actor, id: string, orgId: string, on: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await authorizePerson(tx, actor, id, 'transfer');
    if (row.org_id === orgId) throw invalid({ orgId: '已在该党支部' });
    await checkTargetBranch(tx, actor, orgId, null);
    const [current] = await tx
      .select()
      .from(personMemberships)
      .where(and(eq(personMemberships.personId, id), isNull(personMemberships.validTo)));
    if (current && on < current.validFrom) throw invalid({ on: '调动日期不能早于进入现支部的日期' });
    await transferPeople(tx, actor.tenantId, [id], orgId, on, 'transfer');
    await audit(tx, actor, [
      {
        action: 'person.transfer',
        target: { entity: personEntity, id },
        details: { from: row.org_id, to: orgId, on },
      },
      ...(await membershipEvents(tx, [id])),
    ]);
  });
}

/**
 * orgs merges a branch into another: everyone on the source's roll moves to the target on the merge
 * day and keeps their party group (the groups move with them). The events go into the merge's audit write.
 */
export async function followMerge(tx: Executor, { actor, source, target, on }: OrgMerging) {
  const moved = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, source.id), isNull(people.endedOn)));
  const ids = moved.map((m) => m.id);
  await transferPeople(tx, actor.tenantId, ids, target.id, on, 'merge', { keepPartyGroups: true });
  const events: AuditEvent[] = [
    ...ids.map((pid) => ({
      action: 'person.transfer',
      target: { entity: personEntity, id: pid },
      details: { from: source.id, to: target.id, on, reason: 'merge' },
    })),
    ...(await membershipEvents(tx, ids)),
  ];
  return { moved: ids.length, events };
}
