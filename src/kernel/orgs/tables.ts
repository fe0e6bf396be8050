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

export const tenantEntity = audited('tenant', tenants, '党委');
export const orgEntity = audited('org', orgs, '组织');
export const orgParentHistoryEntity = audited('org_parent_history', orgParentHistory, '隶属历史');
