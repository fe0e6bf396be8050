import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    index('talks_org_date_idx').on(t.orgId, t.heldOn),
    index('talks_person_idx').on(t.personId, t.heldOn),
    check('talks_kind_check', sql`${t.kind} in ('violation_followup','yearly','mentoring','other')`),
    check('talks_violation_check', sql`${t.violationId} is null or ${t.kind} = 'violation_followup'`),
  ],
);

/** Opened by every violation for the secretary of the violation's branch; closed by the talk. */
export const talkObligations = pgTable(
  'talk_obligations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => violations.id),
    dueOn: date('due_on').notNull(),
    talkId: uuid('talk_id').references(() => talks.id),
    doneOn: date('done_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('talk_obligations_violation_idx').on(t.violationId),
    index('talk_obligations_org_due_idx').on(t.orgId, t.dueOn),
    check('talk_obligations_done_check', sql`(${t.talkId} is null) = (${t.doneOn} is null)`),
  ],
);

export const talkEntity = audited('talk', talks, '谈心谈话');
export const obligationEntity = audited('talk_obligation', talkObligations, '谈话任务');
