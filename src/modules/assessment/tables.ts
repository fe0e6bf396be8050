import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, tenants } from '../../kernel/orgs/tables';
import { people } from '../../kernel/people/tables';
import { audited } from '../../platform/audit';
import type { ItemKind, ItemRule, Source } from './rules';

/** One item of a template version, kept in the version's row so the audit hash covers the whole sheet. */
export interface StoredItem {
  id: string;
  name: string;
  kind: ItemKind;
  maxPoints: number;
  source: Source;
  rule: ItemRule | null;
  /** What the inspector looks at (manual items) or a note on the rule. */
  criteria: string | null;
}

/**
 * 考核模板: one version of a sheet. A revision is a new row of the same family (version + 1); a round
 * points at the version it used, so a round's sheet never changes under it.
 */
export const assessmentTemplates = pgTable(
  'assessment_templates',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The committee or general branch (or branch, for its own 岗区考核) that owns the sheet. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    familyId: uuid('family_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    target: text('target').notNull(),
    /** month / quarter / year; null: any period. */
    periodKind: text('period_kind'),
    description: text('description'),
    bonusCap: numeric('bonus_cap', { precision: 6, scale: 1, mode: 'number' }),
    deductionCap: numeric('deduction_cap', { precision: 6, scale: 1, mode: 'number' }),
    items: jsonb('items').$type<StoredItem[]>().notNull(),
    /** active, superseded (a newer version exists), retired. */
    status: text('status').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assessment_templates_family_version_idx').on(t.familyId, t.version),
    index('assessment_templates_org_idx').on(t.tenantId, t.orgId),
    check('assessment_templates_target_check', sql`${t.target} in ('branch','member')`),
    check('assessment_templates_status_check', sql`${t.status} in ('active','superseded','retired')`),
    check(
      'assessment_templates_period_check',
      sql`${t.periodKind} is null or ${t.periodKind} in ('month','quarter','year')`,
    ),
  ],
);
export const templateEntity = audited('assessment_template', assessmentTemplates, '考核模板');

/** 考核轮次: a template version applied to an organization's subtree for a period. */
export const assessmentRounds = pgTable(
  'assessment_rounds',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The scope: the branches (or the zone members) under this organization. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => assessmentTemplates.id),
    name: text('name').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** open (computed live), closed (frozen in assessment_results). */
    status: text('status').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    closedByName: text('closed_by_name'),
    /** The day the frozen results were computed on. */
    frozenOn: date('frozen_on'),
  },
  (t) => [
    index('assessment_rounds_org_idx').on(t.tenantId, t.orgId, t.periodEnd),
    check('assessment_rounds_status_check', sql`${t.status} in ('open','closed')`),
    check('assessment_rounds_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
    check(
      'assessment_rounds_closed_check',
      sql`(${t.status} = 'closed') = (${t.closedAt} is not null and ${t.frozenOn} is not null)`,
    ),
  ],
);
export const roundEntity = audited('assessment_round', assessmentRounds, '考核轮次');

/** An inspector's score of a manual item for one subject of an open round, with the reason. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id),
    /** The branch (branch rounds) or the person (member rounds) scored. */
    subjectId: uuid('subject_id').notNull(),
    /** The subject's branch. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    itemId: uuid('item_id').notNull(),
    points: numeric('points', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    scoredBy: uuid('scored_by'),
    scoredByName: text('scored_by_name').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assessment_scores_cell_idx').on(t.roundId, t.subjectId, t.itemId),
    check('assessment_scores_points_check', sql`${t.points} >= 0`),
  ],
);
export const scoreEntity = audited('assessment_score', assessmentScores, '考核评分');

/**
 * A closed round's result for one subject, frozen: the items with their points, readings and evidence as
 * computed on the day of closing. Recomputing later never changes it.
 */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id),
    subjectId: uuid('subject_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    personId: uuid('person_id').references(() => people.id),
    applicable: boolean('applicable').notNull(),
    total: numeric('total', { precision: 7, scale: 1, mode: 'number' }),
    maxTotal: numeric('max_total', { precision: 7, scale: 1, mode: 'number' }),
    percent: numeric('percent', { precision: 6, scale: 1, mode: 'number' }),
    /** The whole answer for the subject (items, readings, evidence) as it was on `frozenOn`. */
    snapshot: jsonb('snapshot').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('assessment_results_subject_idx').on(t.roundId, t.subjectId),
    index('assessment_results_org_idx').on(t.tenantId, t.orgId),
  ],
);
export const resultEntity = audited('assessment_result', assessmentResults, '考核结果');

/** 党员责任区 and 党员示范岗: defined per branch, with the members responsible and their goals. */
export const assessmentZones = pgTable(
  'assessment_zones',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** zone (党员责任区) or model_post (党员示范岗). */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** The area a zone covers, or the post a model post stands for. */
    area: text('area').notNull(),
    goals: text('goals').notNull(),
    personIds: jsonb('person_ids').$type<string[]>().notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assessment_zones_org_idx').on(t.tenantId, t.orgId),
    check('assessment_zones_kind_check', sql`${t.kind} in ('zone','model_post')`),
    check('assessment_zones_dates_check', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);
export const zoneEntity = audited('assessment_zone', assessmentZones, '岗区（责任区、示范岗）');
