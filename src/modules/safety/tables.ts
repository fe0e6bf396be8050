import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
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

/** 两违: a rule or discipline breach of any employee; `orgId` is the employee's branch on `occurredOn`. */
export const violations = pgTable(
  'violations',
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
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on').notNull(),
    place: text('place'),
    post: text('post'),
    category: text('category').notNull(),
    severity: text('severity').notNull(),
    source: text('source').notNull(),
    description: text('description').notNull(),
    /** Party member (probationary or full) when it happened: members' rates stay true after status changes. */
    wasMember: boolean('was_member').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** When the draft was begun on the phone, if it was typed offline (recordedAt stays the server's). */
    draftedAt: timestamp('drafted_at', { withTimezone: true }),
  },
  (t) => [
    index('violations_org_date_idx').on(t.orgId, t.occurredOn),
    index('violations_tenant_date_idx').on(t.tenantId, t.occurredOn),
    index('violations_person_idx').on(t.personId, t.occurredOn),
    check('violations_kind_check', sql`${t.kind} in ('rule_breach','discipline_breach')`),
    check('violations_source_check', sql`${t.source} in ('inspection','video','self_report','other')`),
  ],
);

/** 通报: issued by the committee or a general branch to its subtree. */
export const notices = pgTable(
  'safety_notices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    issuedOn: date('issued_on').notNull(),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('safety_notices_org_idx').on(t.orgId, t.issuedOn)],
);

export const noticeViolations = pgTable(
  'safety_notice_violations',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    violationId: uuid('violation_id')
      .notNull()
      .references(() => violations.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.violationId] })],
);

/** One row a receiving branch; `readAt` set when someone of that branch opens the notice. */
export const noticeReceipts = pgTable(
  'safety_notice_receipts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by'),
    readByName: text('read_by_name'),
  },
  (t) => [
    uniqueIndex('safety_notice_receipts_unique_idx').on(t.noticeId, t.orgId),
    index('safety_notice_receipts_org_idx').on(t.orgId),
  ],
);

/** 剖析: a branch's analysis of its violations, followed by its superior to closure. */
export const safetyAnalyses = pgTable(
  'safety_analyses',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    trigger: text('trigger').notNull(),
    rootCauses: text('root_causes').notNull(),
    measures: text('measures').notNull(),
    responsiblePersonId: uuid('responsible_person_id').references(() => people.id),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    closingComment: text('closing_comment'),
    closedOn: date('closed_on'),
    closedByName: text('closed_by_name'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('safety_analyses_org_idx').on(t.orgId, t.periodFrom),
    check('safety_analyses_trigger_check', sql`${t.trigger} in ('threshold','manual')`),
    check('safety_analyses_status_check', sql`${t.status} in ('open','closed')`),
    check('safety_analyses_period_check', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('safety_analyses_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
  ],
);

/** 薄弱人包保: a weak worker paired with a party member of the same branch as mentor. */
export const weakPersons = pgTable(
  'weak_persons',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    mentorPersonId: uuid('mentor_person_id')
      .notNull()
      .references(() => people.id),
    source: text('source').notNull(),
    reason: text('reason').notNull(),
    goals: text('goals').notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('weak_persons_org_idx').on(t.orgId),
    uniqueIndex('weak_persons_active_idx').on(t.personId).where(sql`${t.endedOn} is null`),
    check('weak_persons_source_check', sql`${t.source} in ('rule','manual')`),
    check('weak_persons_outcome_check', sql`(${t.endedOn} is null) = (${t.outcome} is null)`),
    check(
      'weak_persons_outcome_values_check',
      sql`${t.outcome} is null or ${t.outcome} in ('improved','not_improved')`,
    ),
    check('weak_persons_mentor_check', sql`${t.mentorPersonId} <> ${t.personId}`),
  ],
);

export const mentoringFollowups = pgTable(
  'mentoring_followups',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    weakPersonId: uuid('weak_person_id')
      .notNull()
      .references(() => weakPersons.id),
    heldOn: date('held_on').notNull(),
    note: text('note').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mentoring_followups_weak_idx').on(t.weakPersonId, t.heldOn)],
);

/** 重点攻关: a project tackling a root cause, owned by an organization. */
export const tacklingProjects = pgTable(
  'tackling_projects',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    target: text('target').notNull(),
    leaderPersonId: uuid('leader_person_id')
      .notNull()
      .references(() => people.id),
    memberPersonIds: jsonb('member_person_ids').$type<string[]>().notNull().default([]),
    analysisId: uuid('analysis_id').references(() => safetyAnalyses.id),
    violationIds: jsonb('violation_ids').$type<string[]>().notNull().default([]),
    startedOn: date('started_on').notNull(),
    dueOn: date('due_on'),
    status: text('status').notNull().default('active'),
    result: text('result'),
    evaluation: text('evaluation'),
    completedOn: date('completed_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tackling_projects_org_idx').on(t.orgId),
    check('tackling_projects_status_check', sql`${t.status} in ('active','completed')`),
    check(
      'tackling_projects_completed_check',
      sql`(${t.status} = 'completed') = (${t.completedOn} is not null)`,
    ),
  ],
);

export const projectMilestones = pgTable(
  'tackling_milestones',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => tacklingProjects.id),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('tackling_milestones_project_idx').on(t.projectId)],
);

export const projectUpdates = pgTable(
  'tackling_updates',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => tacklingProjects.id),
    on: date('on').notNull(),
    note: text('note').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('tackling_updates_project_idx').on(t.projectId, t.on)],
);

/**
 * The talks table as far as an obligation's foreign key needs it: talks builds on safety, so safety names
 * the table without importing the talks module (talks/tables.ts defines it). Not exported, so migrations
 * see one `talks` table.
 */
const talksReference = pgTable('talks', { id: uuid('id').primaryKey() });

/**
 * The violation's talk obligation: opened with every violation for the secretary of the violation's
 * branch, due `talkDueDays` after it; closed by the talk that follows it (talks module).
 */
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
    talkId: uuid('talk_id').references(() => talksReference.id),
    doneOn: date('done_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('talk_obligations_violation_idx').on(t.violationId),
    index('talk_obligations_org_due_idx').on(t.orgId, t.dueOn),
    check('talk_obligations_done_check', sql`(${t.talkId} is null) = (${t.doneOn} is null)`),
  ],
);

export const violationEntity = audited('violation', violations, '两违记录');
export const obligationEntity = audited('talk_obligation', talkObligations, '谈话任务');
export const noticeEntity = audited('safety_notice', notices, '两违通报');
export const noticeReceiptEntity = audited('safety_notice_receipt', noticeReceipts, '通报签收');
export const analysisEntity = audited('safety_analysis', safetyAnalyses, '安全剖析');
export const weakPersonEntity = audited('weak_person', weakPersons, '薄弱人员');
export const followupEntity = audited('mentoring_followup', mentoringFollowups, '帮教回访');
export const projectEntity = audited('tackling_project', tacklingProjects, '攻关项目');
export const milestoneEntity = audited('tackling_milestone', projectMilestones, '攻关节点');
export const projectUpdateEntity = audited('tackling_update', projectUpdates, '攻关进展');
