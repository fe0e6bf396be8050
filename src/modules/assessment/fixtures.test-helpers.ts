import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { queryRows } from '../../platform/db';
import { newId } from '../../platform/ids';

/**
 * Test-only builders of a small section of the tree with known facts: a general branch and its branches,
 * members, meetings, talks and violations, written straight into the tables (tests are composition and
 * may reach anything).
 */

export interface Section {
  generalId: string;
  branch(
    name: string,
    opts?: { establishedOn?: string; members?: number },
  ): Promise<{ id: string; people: string[] }>;
  meeting(
    branchId: string,
    kind: string,
    heldOn: string,
    opts?: { expected?: number; present?: number; late?: boolean },
  ): Promise<string>;
  talk(branchId: string, personId: string, heldOn: string): Promise<string>;
  violation(
    branchId: string,
    personId: string,
    occurredOn: string,
    obligation?: { dueOn: string; doneOn?: string },
  ): Promise<string>;
}

const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

export async function buildSection(ctx: AppContext, name: string): Promise<Section> {
  const [committee] = await queryRows<{ id: string; tenant_id: string; path: string }>(
    ctx.db,
    sql`select id, tenant_id, path from orgs where type = 'committee' and parent_id is null limit 1`,
  );
  const tenantId = committee.tenant_id;
  let seq = 0;
  const org = async (
    type: string,
    orgName: string,
    parent: { id: string; path: string },
    establishedOn: string,
  ) => {
    const id = newId();
    seq += 1;
    const path = `${parent.path}${id}/`;
    await ctx.db.execute(
      sql`insert into orgs (id, tenant_id, parent_id, type, code, name, path, depth, established_on, sort_order)
          values (${id}, ${tenantId}, ${parent.id}, ${type}, ${`T${Date.now() % 100000}${seq}`}, ${orgName}, ${path},
                  ${path.split('/').filter(Boolean).length - 1}, ${establishedOn}, ${seq})`,
    );
    return { id, path };
  };
  const general = await org('general_branch', name, committee, '2015-01-01');
  const person = async (orgId: string, personName: string, since: string) => {
    const id = newId();
    await ctx.db.execute(
      sql`insert into people (id, tenant_id, org_id, name, gender, party_status, joined_party_on, full_member_on, created_at, updated_at)
          values (${id}, ${tenantId}, ${orgId}, ${personName}, 'male', 'full', '2010-07-01', '2011-07-01', now(), now())`,
    );
    await ctx.db.execute(
      sql`insert into person_memberships (id, tenant_id, person_id, org_id, valid_from, reason, created_at)
          values (${newId()}, ${tenantId}, ${id}, ${orgId}, ${since}, 'test', now())`,
    );
    return id;
  };
  const talk = async (branchId: string, personId: string, heldOn: string) => {
    const id = newId();
    await ctx.db.execute(
      sql`insert into talks (id, tenant_id, org_id, person_id, talker_name, held_on, kind, summary_enc, recorded_by_name, recorded_at)
          values (${id}, ${tenantId}, ${branchId}, ${personId}, '书记', ${heldOn}, 'yearly', 'x', '书记', ${at(heldOn)})`,
    );
    return id;
  };
  return {
    generalId: general.id,
    async branch(branchName, opts = {}) {
      const establishedOn = opts.establishedOn ?? '2015-01-01';
      const b = await org('branch', branchName, general, establishedOn);
      const peopleIds: string[] = [];
      for (let i = 0; i < (opts.members ?? 3); i++)
        peopleIds.push(await person(b.id, `${branchName}党员${i + 1}`, establishedOn));
      return { id: b.id, people: peopleIds };
    },
    async meeting(branchId, kind, heldOn, opts = {}) {
      const id = newId();
      await ctx.db.execute(
        sql`insert into meetings (id, tenant_id, org_id, branch_id, kind, topic, held_at, held_on, place, status, late,
              expected_count, present_count, recorded_at, first_submitted_at, submitted_at, updated_at)
            values (${id}, ${tenantId}, ${branchId}, ${branchId}, ${kind}, ${`测试${kind}`}, ${at(heldOn)}, ${heldOn}, '会议室',
              'submitted', ${opts.late ?? false}, ${opts.expected ?? 3}, ${opts.present ?? 3}, ${at(heldOn)}, ${at(heldOn)},
              ${at(heldOn)}, ${at(heldOn)})`,
      );
      return id;
    },
    talk,
    async violation(branchId, personId, occurredOn, obligation) {
      const id = newId();
      await ctx.db.execute(
        sql`insert into violations (id, tenant_id, org_id, person_id, kind, occurred_on, category, severity, source, description,
              was_member, recorded_by_name, recorded_at)
            values (${id}, ${tenantId}, ${branchId}, ${personId}, 'rule_breach', ${occurredOn}, 'shunting', 'general', 'inspection',
              '测试违章', true, '书记', ${at(occurredOn)})`,
      );
      if (obligation) {
        const talkId = obligation.doneOn ? await talk(branchId, personId, obligation.doneOn) : null;
        await ctx.db.execute(
          sql`insert into talk_obligations (id, tenant_id, org_id, person_id, violation_id, due_on, talk_id, done_on, created_at)
              values (${newId()}, ${tenantId}, ${branchId}, ${personId}, ${id}, ${obligation.dueOn}, ${talkId},
                ${obligation.doneOn ?? null}, now())`,
        );
      }
      return id;
    },
  };
}
