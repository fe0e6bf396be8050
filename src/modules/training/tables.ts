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

/**
 * 素质培训. Every credited hour is a row the audit chain covers: a class attendance, a finished study
 * item, an imported line of outside statistics; the meetings' hours stay in meetings and are read from
 * there. The only unaudited table is the reading telemetry (heartbeats), which credits nothing by itself.
 */

const hours = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });
const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => orgs.id);

/** 培训需求调查: sent by the committee or a general branch to its branches or its members. */
export const trainingSurveys = pgTable(
  'training_surveys',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** The issuing committee or general branch; the survey goes to its subtree. */
    orgId: orgId(),
    title: text('title').notNull(),
    description: text('description'),
    topics: jsonb('topics').$type<string[]>().notNull(),
    /** `members`: every party member answers; `branches`: each branch answers once. */
    audience: text('audience').notNull(),
    deadline: date('deadline').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_surveys_org_idx').on(t.tenantId, t.orgId),
    check('training_surveys_audience_check', sql`${t.audience} in ('members','branches')`),
  ],
);

export const trainingSurveyAnswers = pgTable(
  'training_survey_answers',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => trainingSurveys.id),
    /** The answering branch, or the member's branch when they answered. */
    orgId: orgId(),
    personId: uuid('person_id').references(() => people.id),
    choices: jsonb('choices').$type<string[]>().notNull(),
    comment: text('comment'),
    answeredBy: uuid('answered_by'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('training_survey_answers_person_idx')
      .on(t.surveyId, t.personId)
      .where(sql`${t.personId} is not null`),
    uniqueIndex('training_survey_answers_org_idx').on(t.surveyId, t.orgId).where(sql`${t.personId} is null`),
  ],
);

/** A reusable course: what is taught, by whom, for how many class hours. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** The organization that owns the course; its subtree may use it. */
    orgId: orgId(),
    title: text('title').notNull(),
    topic: text('topic').notNull(),
    hours: hours('hours').notNull(),
    /** The material as text (an outline, a lecture script). */
    material: text('material'),
    links: jsonb('links').$type<{ title: string; url: string }[]>().notNull().default([]),
    teacherPersonId: uuid('teacher_person_id').references(() => people.id),
    /** The teacher's name: a snapshot for a person on the roll, the only record of an outside teacher. */
    teacherName: text('teacher_name'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_courses_org_idx').on(t.tenantId, t.orgId),
    check('training_courses_hours_check', sql`${t.hours} > 0`),
  ],
);

/** 班次: a class held by the committee, a general branch or a branch. */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** The organizer: committee, general branch or branch. */
    orgId: orgId(),
    /** `2026-007`: the tenant's serial of the year, the stem of the completion records' numbers. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    topic: text('topic'),
    description: text('description'),
    /** Planned from a needs survey's topic. */
    surveyId: uuid('survey_id').references(() => trainingSurveys.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    place: text('place'),
    online: boolean('online').notNull().default(false),
    onlineUrl: text('online_url'),
    hours: hours('hours').notNull(),
    capacity: integer('capacity'),
    /** `assign`: the organizer names the participants; `signup`: members in scope sign up. */
    enrollment: text('enrollment').notNull(),
    signupUntil: date('signup_until'),
    /** Organizations whose members take part (assign) or may sign up (signup). */
    participantOrgIds: jsonb('participant_org_ids').$type<string[]>().notNull().default([]),
    courseIds: jsonb('course_ids').$type<string[]>().notNull().default([]),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_classes_org_idx').on(t.tenantId, t.orgId, t.startsOn),
    index('training_classes_ends_idx').on(t.tenantId, t.endsOn),
    uniqueIndex('training_classes_code_idx').on(t.tenantId, t.code),
    check('training_classes_enrollment_check', sql`${t.enrollment} in ('assign','signup')`),
    check('training_classes_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check('training_classes_hours_check', sql`${t.hours} > 0`),
  ],
);

/** A participant of a class, their attendance and the hours credited; the completion record when present. */
export const trainingParticipants = pgTable(
  'training_participants',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    classId: uuid('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The person's branch when enrolled (who sees the row); statistics use the branch on the class's last day. */
    orgId: orgId(),
    source: text('source').notNull(),
    status: text('status').notNull(),
    hours: hours('hours'),
    certificateNo: text('certificate_no'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    attendanceAt: timestamp('attendance_at', { withTimezone: true }),
    attendanceByName: text('attendance_by_name'),
  },
  (t) => [
    uniqueIndex('training_participants_class_person_idx').on(t.classId, t.personId),
    index('training_participants_person_idx').on(t.personId),
    check('training_participants_source_check', sql`${t.source} in ('assigned','signup')`),
    check(
      'training_participants_status_check',
      sql`${t.status} in ('enrolled','present','leave','absent','withdrawn')`,
    ),
    check('training_participants_hours_check', sql`${t.status} = 'present' or ${t.hours} is null`),
  ],
);

/** Study content published to a scope: an article, a document or a video (file or link). */
export const trainingContents = pgTable(
  'training_contents',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    orgId: orgId(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    body: text('body'),
    url: text('url'),
    /** The content's length: reading or watching time, the cap of the time counted. */
    minutes: integer('minutes').notNull(),
    hours: hours('hours').notNull(),
    audienceOrgIds: jsonb('audience_org_ids').$type<string[]>().notNull(),
    required: boolean('required').notNull().default(false),
    dueOn: date('due_on'),
    publishedOn: date('published_on').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_contents_org_idx').on(t.tenantId, t.publishedOn),
    check('training_contents_kind_check', sql`${t.kind} in ('article','document','video')`),
    check('training_contents_minutes_check', sql`${t.minutes} > 0`),
    check('training_contents_due_check', sql`${t.dueOn} is null or ${t.required}`),
  ],
);

/**
 * Reading telemetry: opened, seconds counted while the page was visible (heartbeats), the last beat.
 * Not audited (it changes every few seconds and credits nothing); finishing writes an audited completion.
 */
export const trainingProgress = pgTable(
  'training_progress',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => trainingContents.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    seconds: integer('seconds').notNull().default(0),
    lastBeatAt: timestamp('last_beat_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('training_progress_content_person_idx').on(t.contentId, t.personId)],
);

/** A finished study item: the hours it credits, on the day it was finished. */
export const trainingCompletions = pgTable(
  'training_completions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    contentId: uuid('content_id')
      .notNull()
      .references(() => trainingContents.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    finishedOn: date('finished_on').notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    seconds: integer('seconds').notNull(),
    hours: hours('hours').notNull(),
  },
  (t) => [
    uniqueIndex('training_completions_content_person_idx').on(t.contentId, t.personId),
    index('training_completions_person_idx').on(t.tenantId, t.finishedOn, t.personId),
  ],
);

/** The question bank: single, multiple and true/false questions, tagged by topic. */
export const trainingQuestions = pgTable(
  'training_questions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    /** Indexes of the right options, ascending. Never sent to a member before they submit. */
    answer: jsonb('answer').$type<number[]>().notNull(),
    explanation: text('explanation'),
    topic: text('topic').notNull(),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_questions_org_idx').on(t.tenantId, t.orgId, t.topic),
    check('training_questions_kind_check', sql`${t.kind} in ('single','multiple','judge')`),
  ],
);

export const trainingQuizzes = pgTable(
  'training_quizzes',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    orgId: orgId(),
    title: text('title').notNull(),
    topic: text('topic'),
    /** `fixed`: the same questions for everyone; `random`: drawn per attempt from the bank. */
    mode: text('mode').notNull(),
    questionIds: jsonb('question_ids').$type<string[]>().notNull().default([]),
    drawCount: integer('draw_count'),
    timeLimitMinutes: integer('time_limit_minutes'),
    passScore: integer('pass_score').notNull(),
    maxAttempts: integer('max_attempts'),
    audienceOrgIds: jsonb('audience_org_ids').$type<string[]>().notNull(),
    closesOn: date('closes_on'),
    publishedOn: date('published_on').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_quizzes_org_idx').on(t.tenantId, t.publishedOn),
    check('training_quizzes_mode_check', sql`${t.mode} in ('fixed','random')`),
    check('training_quizzes_pass_check', sql`${t.passScore} between 0 and 100`),
  ],
);

/** One attempt: the questions it drew, the answers, the grade. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => trainingQuizzes.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    questionIds: jsonb('question_ids').$type<string[]>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    answers: jsonb('answers').$type<{ questionId: string; choices: number[] }[]>(),
    /** Per question: right or wrong, for the most-missed statistics. */
    results: jsonb('results').$type<{ questionId: string; correct: boolean }[]>(),
    score: integer('score'),
    passed: boolean('passed'),
    late: boolean('late').notNull().default(false),
  },
  (t) => [
    index('training_attempts_quiz_person_idx').on(t.quizId, t.personId),
    index('training_attempts_person_idx').on(t.tenantId, t.personId),
  ],
);

/** One imported file of outside study statistics (学习强国, 网络学院). */
export const trainingImports = pgTable(
  'training_imports',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    /** The importing manager's organization: the rows' people lie in its subtree. */
    orgId: orgId(),
    source: text('source').notNull(),
    unit: text('unit').notNull(),
    fileName: text('file_name').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    rowCount: integer('row_count').notNull(),
    totalHours: hours('total_hours').notNull(),
    /** Points per class hour applied (unit `points`), as the setting stood. */
    pointsPerHour: integer('points_per_hour'),
    importedBy: uuid('imported_by'),
    importedByName: text('imported_by_name'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_imports_org_idx').on(t.tenantId, t.periodTo),
    check('training_imports_source_check', sql`${t.source} in ('xuexi','academy','other')`),
    check('training_imports_unit_check', sql`${t.unit} in ('hours','points')`),
    check('training_imports_period_check', sql`${t.periodTo} >= ${t.periodFrom}`),
  ],
);

export const trainingImportRows = pgTable(
  'training_import_rows',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    importId: uuid('import_id')
      .notNull()
      .references(() => trainingImports.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    source: text('source').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    points: numeric('points', { precision: 10, scale: 1, mode: 'number' }),
    hours: hours('hours').notNull(),
    /** The Excel row it came from. */
    row: integer('row').notNull(),
  },
  (t) => [
    index('training_import_rows_person_idx').on(t.tenantId, t.periodTo, t.personId),
    index('training_import_rows_import_idx').on(t.importId),
  ],
);

/** Material files of courses and study content; the SHA-256 lets `audit verify` check them on disk. */
export const trainingFiles = pgTable(
  'training_files',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    orgId: orgId(),
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_files_owner_idx').on(t.ownerId),
    check('training_files_owner_check', sql`${t.ownerKind} in ('course','content')`),
  ],
);

export const surveyEntity = audited('training_survey', trainingSurveys, '培训需求调查');
export const surveyAnswerEntity = audited('training_survey_answer', trainingSurveyAnswers, '需求调查答卷');
export const courseEntity = audited('training_course', trainingCourses, '培训课程');
export const classEntity = audited('training_class', trainingClasses, '培训班次');
export const participantEntity = audited('training_participant', trainingParticipants, '培训学员');
export const contentEntity = audited('training_content', trainingContents, '学习内容');
export const completionEntity = audited('training_completion', trainingCompletions, '学习完成记录');
export const questionEntity = audited('training_question', trainingQuestions, '试题');
export const quizEntity = audited('training_quiz', trainingQuizzes, '在线测试');
export const attemptEntity = audited('training_attempt', trainingAttempts, '答题记录');
export const importEntity = audited('training_import', trainingImports, '学时导入');
export const importRowEntity = audited('training_import_row', trainingImportRows, '导入学时');
export const fileEntity = audited('training_file', trainingFiles, '培训资料文件');
