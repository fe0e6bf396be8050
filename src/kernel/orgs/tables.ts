import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { audited } from '../../platform/audit';

/** A grassroots committee (基层党委) and everything under it: the unit of data ownership. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  settings: jsonb('settings').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: uuid('parent_id'),
    type: text('type').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Materialized path of ids, `/<root>/<child>/…/<self>/`; a subtree is `path LIKE prefix%`. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    isJoint: boolean('is_joint').notNull().default(false),
    isTemporary: boolean('is_temporary').notNull().default(false),
    isRetiree: boolean('is_retiree').notNull().default(false),
    hasCommittee: boolean('has_committee').notNull().default(false),
    establishedOn: date('established_on').notNull(),
    dissolvedOn: date('dissolved_on'),
    mergedIntoId: uuid('merged_into_id'),
    secretaryPersonId: uuid('secretary_person_id'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('orgs_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_tenant_code_idx').on(t.tenantId, t.code),
    check('orgs_type_check', sql`${t.type} in ('committee','general_branch','branch','party_group')`),
    check('orgs_dates_check', sql`${t.dissolvedOn} is null or ${t.dissolvedOn} >= ${t.establishedOn}`),
  ],
);

/** Where an organization hung in the tree over time (moves keep what was true on a date). */
export const orgParentHistory = pgTable(
  'org_parent_history',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    parentId: uuid('parent_id'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('org_parent_history_org_idx').on(t.orgId)],
);

/**
 * The posts of an organization's committee (书记, 副书记, 组织委员, …), each held by a person over
 * `[valid_from, valid_to)`: elected at a meeting, appointed by the superior, or migrated from the
 * free-text party posts. The one source of the committee; `orgs.has_committee` is derived from it.
 * The holder's name is kept as it was (orgs reads nothing of people).
 */
export const orgPosts = pgTable(
  'org_posts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    post: text('post').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    source: text('source').notNull(),
    /** The meeting that elected the holder (meetings builds on orgs: no foreign key). */
    meetingId: uuid('meeting_id'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('org_posts_org_idx').on(t.orgId, t.validFrom),
    index('org_posts_person_idx').on(t.personId),
    check(
      'org_posts_post_check',
      sql`${t.post} in ('secretary','deputy_secretary','organization','publicity','discipline','youth','women','member')`,
    ),
    check('org_posts_source_check', sql`${t.source} in ('election','appointment','migrated')`),
    check('org_posts_dates_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * The terms (届) of an organization's committee: begun on the day of its election, ending `years`
 * later (3, or 5 where the tenant's setting says so). A new term closes the previous one; an early or
 * late election carries its reason.
 */
export const orgTerms = pgTable(
  'org_terms',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    startedOn: date('started_on').notNull(),
    years: integer('years').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The meeting that elected the committee, when recorded from one. */
    meetingId: uuid('meeting_id'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('org_terms_org_idx').on(t.orgId, t.startedOn),
    check('org_terms_years_check', sql`${t.years} between 1 and 5`),
    check('org_terms_dates_check', sql`${t.endsOn} > ${t.startedOn}`),
  ],
);

export const tenantEntity = audited('tenant', tenants, '党委');
export const orgEntity = audited('org', orgs, '组织');
export const orgParentHistoryEntity = audited('org_parent_history', orgParentHistory, '隶属历史');
export const orgPostEntity = audited('org_post', orgPosts, '委员会职务');
export const orgTermEntity = audited('org_term', orgTerms, '任期');
