import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgs, tenants } from '../../kernel/orgs/tables';
import { people } from '../../kernel/people/tables';
import { audited } from '../../platform/audit';
import type { AttendanceEntry, GradeInput, VoteInput } from './roll';

/**
 * One meeting of organization life. Attendance and votes live in the row (jsonb) so that the audit
 * chain's row hash covers them: a roll call changed behind the application's back is detected too.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The branch or party group that held the meeting. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** The branch the meeting counts for (the group's branch for a group meeting). */
    branchId: uuid('branch_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    /** The calendar day in Asia/Shanghai: compliance periods and the late rule count days. */
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    hostPersonId: uuid('host_person_id').references(() => people.id),
    recorderPersonId: uuid('recorder_person_id').references(() => people.id),
    lecturer: text('lecturer'),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    minutes: text('minutes'),
    resolutions: text('resolutions'),
    attendance: jsonb('attendance').$type<AttendanceEntry[]>().notNull().default([]),
    votes: jsonb('votes').$type<VoteInput[]>().notNull().default([]),
    /**
     * The ids of the people marked present (出席) in the roll call, sorted and comma-joined, kept by the
     * database from `attendance` (migration 0016): the study-hours ledger sums a year of meetings without
     * unpacking every roll call. Derived, so no part of the row hash.
     */
    presentPersonIds: text('present_person_ids').generatedAlwaysAs(
      sql`meeting_present_person_ids(attendance)`,
    ),
    /**
     * 学时 credited to each member present (the study-hours ledger of training). Set on every record
     * made since the column exists (the kind's default from the settings when not given); null only on
     * older rows, which take the kind's default when read. Nullable: adding it changed no row hash.
     */
    classHours: numeric('class_hours', { precision: 3, scale: 1, mode: 'number' }),
    /**
     * Whether the roll call met the kind's quorum (支部党员大会, an election, 支委会); null where no rule
     * applies or on older rows (read from the roll call then). False: 未达到规定人数, not counted as held.
     */
    quorumMet: boolean('quorum_met'),
    /** 民主评议党员: each full member's grade; null on every other record. */
    grades: jsonb('grades').$type<GradeInput[]>(),
    /** 应到 and 实到 of the roll call, kept with it so statistics need not unpack every roll call. */
    expectedCount: integer('expected_count').notNull().default(0),
    presentCount: integer('present_count').notNull().default(0),
    status: text('status').notNull(),
    late: boolean('late').notNull().default(false),
    /** Server clock: when the record was first entered. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** When the draft was begun on the phone, if it was typed offline (recordedAt stays the server's). */
    draftedAt: timestamp('drafted_at', { withTimezone: true }),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewerAccountId: uuid('reviewer_account_id'),
    reviewerName: text('reviewer_name'),
    reviewComment: text('review_comment'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('meetings_branch_held_idx').on(t.tenantId, t.branchId, t.heldOn),
    index('meetings_org_held_idx').on(t.orgId, t.heldOn),
    index('meetings_status_idx').on(t.tenantId, t.status),
    check(
      'meetings_kind_check',
      sql`${t.kind} in ('branch_general_meeting','branch_committee_meeting','party_group_meeting','party_lecture','theme_party_day','organization_life_meeting','democratic_review','other')`,
    ),
    check(
      'meetings_status_check',
      sql`${t.status} in ('draft','submitted','approved','returned','cancelled')`,
    ),
    check(
      'meetings_submitted_check',
      sql`${t.status} in ('draft','cancelled') or (${t.submittedAt} is not null and ${t.firstSubmittedAt} is not null)`,
    ),
    check('meetings_returned_check', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
    check(
      'meetings_class_hours_check',
      sql`${t.classHours} is null or (${t.classHours} between 0 and 24 and ${t.classHours} * 2 = floor(${t.classHours} * 2))`,
    ),
  ],
);

/**
 * Every change after submission, every step of the review loop and the cancellation of a plan: who,
 * when, why, what changed. A cancellation's reason lives here, so the meeting row keeps its columns
 * (adding one would change the audited hash of every existing row).
 */
export const meetingRevisions = pgTable(
  'meeting_revisions',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    reason: text('reason'),
    diff: jsonb('diff').$type<Record<string, { from: unknown; to: unknown }>>(),
    statusAfter: text('status_after').notNull(),
  },
  (t) => [
    uniqueIndex('meeting_revisions_seq_idx').on(t.meetingId, t.seq),
    check(
      'meeting_revisions_kind_check',
      sql`${t.kind} in ('revision','submit','resubmit','approve','return','cancel')`,
    ),
    check(
      'meeting_revisions_reason_check',
      sql`${t.kind} not in ('revision','cancel') or ${t.reason} is not null`,
    ),
  ],
);

/** Photos, scans and documents of a meeting; the file lives on disk, its SHA-256 here. */
export const meetingAttachments = pgTable(
  'meeting_attachments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('meeting_attachments_meeting_idx').on(t.meetingId),
    check('meeting_attachments_size_check', sql`${t.size} > 0`),
  ],
);

/**
 * Compliance of one branch for one period as computed on `as_of` (derived data, not audited). Triggers
 * (migration 0005) delete a branch's rows whenever its meetings, its organization rows or the tenant's
 * settings change, so a row found with today's date is exactly what the rules would compute now.
 */
export const complianceSnapshots = pgTable(
  'compliance_snapshots',
  {
    tenantId: uuid('tenant_id').notNull(),
    branchId: uuid('branch_id').notNull(),
    periodKey: text('period_key').notNull(),
    asOf: date('as_of').notNull(),
    result: jsonb('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.periodKey] })],
);

/**
 * The follow-up of a 基本合格 or 不合格 grade (a talk; the handling the party constitution names) marked
 * done by the secretary. Open follow-ups are the grades of counted reviews without a row here.
 */
export const reviewFollowUps = pgTable(
  'review_follow_ups',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: uuid('person_id').notNull(),
    doneOn: date('done_on').notNull(),
    note: text('note').notNull(),
    doneByName: text('done_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('review_follow_ups_idx').on(t.meetingId, t.personId)],
);

export const meetingEntity = audited('meeting', meetings, '会议', { hashExclude: ['present_person_ids'] });
export const meetingRevisionEntity = audited('meeting_revision', meetingRevisions, '会议修订');
export const meetingAttachmentEntity = audited('meeting_attachment', meetingAttachments, '会议附件');
export const reviewFollowUpEntity = audited('review_follow_up', reviewFollowUps, '评议整改跟进');
