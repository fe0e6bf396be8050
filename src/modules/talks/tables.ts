import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs, tenants } from '../../kernel/orgs/tables';
import { people } from '../../kernel/people/tables';
import { audited } from '../../platform/audit';
import { violations } from '../safety/tables';

/**
 * 谈心谈话: contents are encrypted; `orgId` is the branch answerable for the talk (the violation's branch
 * for a talk after a violation, otherwise the person's branch on `heldOn`).
 */
export const talks = pgTable(
  'talks',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    talkerPersonId: uuid('talker_person_id').references(() => people.id),
    talkerName: text('talker_name').notNull(),
    heldOn: date('held_on').notNull(),
    kind: text('kind').notNull(),
    violationId: uuid('violation_id').references(() => violations.id),
    summaryEnc: text('summary_enc').notNull(),
    followUpEnc: text('follow_up_enc'),
    late: boolean('late').notNull().default(false),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** When the draft was begun on the phone, if it was typed offline (recordedAt stays the server's). */
    draftedAt: timestamp('drafted_at', { withTimezone: true }),
  },
  (t) => [
    index('talks_org_date_idx').on(t.orgId, t.heldOn),
    index('talks_person_idx').on(t.personId, t.heldOn),
    check('talks_kind_check', sql`${t.kind} in ('violation_followup','yearly','mentoring','other')`),
    check('talks_violation_check', sql`${t.violationId} is null or ${t.kind} = 'violation_followup'`),
  ],
);

export const talkEntity = audited('talk', talks, '谈心谈话');
