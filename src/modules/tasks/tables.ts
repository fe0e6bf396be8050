import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import type { TargetEvent, TaskField } from './rules';

/**
 * 督办任务: work the committee or a general branch (`orgId`, the sender) dispatches straight to
 * organizations of its subtree, with a deadline and what an answer must contain.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The sending organization (committee or general branch). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    content: text('content').notNull(),
    dueOn: date('due_on').notNull(),
    /** Targets are reminded this many days before the deadline (to-do and home card turn orange). */
    remindDays: integer('remind_days').notNull(),
    /** An answer must carry at least one file. */
    requireFiles: boolean('require_files').notNull().default(false),
    /** The small form a target fills in (typed fields, some prefilled from the records). */
    fields: jsonb('fields').$type<TaskField[]>().notNull().default([]),
    /** The date prefilled figures are counted for (the 1st of this month, this quarter…): the sending day. */
    asOf: date('as_of').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tasks_org_idx').on(t.orgId, t.dueOn),
    index('tasks_tenant_due_idx').on(t.tenantId, t.dueOn),
    check('tasks_remind_check', sql`${t.remindDays} >= 0`),
  ],
);

/**
 * One receiving organization of a task and its answer: the latest content and form values, and the
 * history of every submission, review and reminder, live in the row, so the audit chain's row hash
 * covers the whole loop.
 */
export const taskTargets = pgTable(
  'task_targets',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** pending → submitted → accepted, or → returned → submitted … (overdue is derived from the dates). */
    status: text('status').notNull().default('pending'),
    /** A new deadline given with a return (重新上报期限); the task's deadline otherwise. */
    redoBy: date('redo_by'),
    content: text('content'),
    values: jsonb('values').$type<Record<string, number | string | null>>(),
    /** What the records said when the answer was submitted, for the prefilled fields. */
    prefilled: jsonb('prefilled').$type<Record<string, number | null>>(),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByName: text('submitted_by_name'),
    submissions: integer('submissions').notNull().default(0),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewerName: text('reviewer_name'),
    reviewComment: text('review_comment'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** The loop so far, oldest first: submissions (with what was submitted), reviews, reminders. */
    history: jsonb('history').$type<TargetEvent[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('task_targets_unique_idx').on(t.taskId, t.orgId),
    index('task_targets_org_idx').on(t.orgId, t.status),
    check('task_targets_status_check', sql`${t.status} in ('pending','submitted','accepted','returned')`),
    check(
      'task_targets_submitted_check',
      sql`${t.status} = 'pending' or (${t.firstSubmittedAt} is not null and ${t.content} is not null)`,
    ),
    check('task_targets_returned_check', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
  ],
);

/** Files of a task (the sender's, `targetId` null) or of one target's answer; the bytes on disk, the SHA-256 here. */
export const taskFiles = pgTable(
  'task_files',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    targetId: uuid('target_id').references(() => taskTargets.id),
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
    index('task_files_task_idx').on(t.taskId, t.targetId),
    check('task_files_size_check', sql`${t.size} > 0`),
  ],
);

export const taskEntity = audited('task', tasks, '督办任务');
export const taskTargetEntity = audited('task_target', taskTargets, '督办回复');
export const taskFileEntity = audited('task_file', taskFiles, '督办附件');
