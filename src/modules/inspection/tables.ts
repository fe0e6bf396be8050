import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, tenants } from '../../kernel/orgs/tables';
import { audited } from '../../platform/audit';
import type { ChecklistItem, RecordLink, RectificationEvent } from './rules';

/**
 * 检查清单: a template of check items owned by the committee or a general branch. Versioned: a change
 * is a new row of the same family with the next version; the old one is superseded, and inspections
 * keep pointing at the version they used.
 */
export const checklists = pgTable(
  'inspection_checklists',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The id of the family's first version. */
    familyId: uuid('family_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    items: jsonb('items').$type<ChecklistItem[]>().notNull(),
    status: text('status').notNull().default('active'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('inspection_checklists_version_idx').on(t.familyId, t.version),
    index('inspection_checklists_org_idx').on(t.orgId),
    check('inspection_checklists_status_check', sql`${t.status} in ('active','superseded')`),
  ],
);

/** 网上检查: an inspector organization (committee or general branch) inspects one branch, online or on site. */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The inspected branch. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    inspectorOrgId: uuid('inspector_org_id')
      .notNull()
      .references(() => orgs.id),
    checklistId: uuid('checklist_id').references(() => checklists.id),
    title: text('title').notNull(),
    mode: text('mode').notNull(),
    /** The records looked at: the branch's meetings, talks and violations in this period. */
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    inspectedOn: date('inspected_on').notNull(),
    status: text('status').notNull().default('open'),
    summary: text('summary'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByName: text('completed_by_name'),
  },
  (t) => [
    index('inspections_org_idx').on(t.orgId, t.inspectedOn),
    index('inspections_inspector_idx').on(t.inspectorOrgId, t.inspectedOn),
    check('inspections_mode_check', sql`${t.mode} in ('online','on_site')`),
    check('inspections_status_check', sql`${t.status} in ('open','completed')`),
    check('inspections_period_check', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('inspections_completed_check', sql`(${t.status} = 'completed') = (${t.completedAt} is not null)`),
  ],
);

/** One finding of an inspection, for one check item, with its evidence (text, linked records, photos). */
export const findings = pgTable(
  'inspection_findings',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    /** The checklist item's key, when the item is one of the checklist's. */
    itemKey: text('item_key'),
    item: text('item').notNull(),
    verdict: text('verdict').notNull(),
    finding: text('finding').notNull(),
    links: jsonb('links').$type<RecordLink[]>().notNull().default([]),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('inspection_findings_inspection_idx').on(t.inspectionId),
    check('inspection_findings_verdict_check', sql`${t.verdict} in ('pass','problem')`),
  ],
);

/**
 * 整改: what a finding asks the branch to put right by a deadline. The branch answers with what it did;
 * the inspector closes it, or reopens it with a comment. The loop's history lives in the row.
 */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    /** The branch that rectifies. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id),
    item: text('item').notNull(),
    requirement: text('requirement').notNull(),
    foundOn: date('found_on').notNull(),
    /** The deadline set with the finding (what assessment counts against). */
    dueOn: date('due_on').notNull(),
    /** The deadline that counts now (a reopening may set a new one). */
    rectifyBy: date('rectify_by').notNull(),
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByName: text('answered_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByName: text('closed_by_name'),
    closeComment: text('close_comment'),
    reopenCount: integer('reopen_count').notNull().default(0),
    history: jsonb('history').$type<RectificationEvent[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('rectifications_finding_idx').on(t.findingId),
    index('rectifications_org_idx').on(t.orgId, t.status),
    index('rectifications_inspection_idx').on(t.inspectionId),
    check('rectifications_status_check', sql`${t.status} in ('open','answered','closed')`),
    check('rectifications_answered_check', sql`${t.status} = 'open' or ${t.answer} is not null`),
    check('rectifications_closed_check', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** Evidence files: a finding's photos (the inspector's) or a rectification's (the branch's). */
export const inspectionFiles = pgTable(
  'inspection_files',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    findingId: uuid('finding_id').references(() => findings.id),
    rectificationId: uuid('rectification_id').references(() => rectifications.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('inspection_files_inspection_idx').on(t.inspectionId),
    check('inspection_files_size_check', sql`${t.size} > 0`),
    check('inspection_files_owner_check', sql`(${t.findingId} is null) <> (${t.rectificationId} is null)`),
  ],
);

export const checklistEntity = audited('inspection_checklist', checklists, '检查清单');
export const inspectionEntity = audited('inspection', inspections, '网上检查');
export const findingEntity = audited('inspection_finding', findings, '检查发现');
export const rectificationEntity = audited('rectification', rectifications, '整改事项');
export const inspectionFileEntity = audited('inspection_file', inspectionFiles, '检查附件');
