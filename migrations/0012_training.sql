CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"quiz_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"question_ids" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"answers" jsonb,
	"results" jsonb,
	"score" integer,
	"passed" boolean,
	"late" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_classes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"topic" text,
	"description" text,
	"survey_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text,
	"online" boolean DEFAULT false NOT NULL,
	"online_url" text,
	"hours" numeric(6, 1) NOT NULL,
	"capacity" integer,
	"enrollment" text NOT NULL,
	"signup_until" date,
	"participant_org_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"course_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_classes_enrollment_check" CHECK ("training_classes"."enrollment" in ('assign','signup')),
	CONSTRAINT "training_classes_dates_check" CHECK ("training_classes"."ends_on" >= "training_classes"."starts_on"),
	CONSTRAINT "training_classes_hours_check" CHECK ("training_classes"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_completions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"finished_on" date NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"seconds" integer NOT NULL,
	"hours" numeric(6, 1) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_contents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"body" text,
	"url" text,
	"minutes" integer NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"audience_org_ids" jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"due_on" date,
	"published_on" date NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_contents_kind_check" CHECK ("training_contents"."kind" in ('article','document','video')),
	CONSTRAINT "training_contents_minutes_check" CHECK ("training_contents"."minutes" > 0),
	CONSTRAINT "training_contents_due_check" CHECK ("training_contents"."due_on" is null or "training_contents"."required")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"material" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teacher_person_id" uuid,
	"teacher_name" text,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_courses_hours_check" CHECK ("training_courses"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_files_owner_check" CHECK ("training_files"."owner_kind" in ('course','content'))
);
--> statement-breakpoint
CREATE TABLE "training_import_rows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"points" numeric(10, 1),
	"hours" numeric(6, 1) NOT NULL,
	"row" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"unit" text NOT NULL,
	"file_name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"row_count" integer NOT NULL,
	"total_hours" numeric(6, 1) NOT NULL,
	"points_per_hour" integer,
	"imported_by" uuid,
	"imported_by_name" text,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_imports_source_check" CHECK ("training_imports"."source" in ('xuexi','academy','other')),
	CONSTRAINT "training_imports_unit_check" CHECK ("training_imports"."unit" in ('hours','points')),
	CONSTRAINT "training_imports_period_check" CHECK ("training_imports"."period_to" >= "training_imports"."period_from")
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"hours" numeric(6, 1),
	"certificate_no" text,
	"enrolled_at" timestamp with time zone NOT NULL,
	"attendance_at" timestamp with time zone,
	"attendance_by_name" text,
	CONSTRAINT "training_participants_source_check" CHECK ("training_participants"."source" in ('assigned','signup')),
	CONSTRAINT "training_participants_status_check" CHECK ("training_participants"."status" in ('enrolled','present','leave','absent','withdrawn')),
	CONSTRAINT "training_participants_hours_check" CHECK ("training_participants"."status" = 'present' or "training_participants"."hours" is null)
);
--> statement-breakpoint
CREATE TABLE "training_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"seconds" integer DEFAULT 0 NOT NULL,
	"last_beat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"explanation" text,
	"topic" text NOT NULL,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_questions_kind_check" CHECK ("training_questions"."kind" in ('single','multiple','judge'))
);
--> statement-breakpoint
CREATE TABLE "training_quizzes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"topic" text,
	"mode" text NOT NULL,
	"question_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"draw_count" integer,
	"time_limit_minutes" integer,
	"pass_score" integer NOT NULL,
	"max_attempts" integer,
	"audience_org_ids" jsonb NOT NULL,
	"closes_on" date,
	"published_on" date NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_quizzes_mode_check" CHECK ("training_quizzes"."mode" in ('fixed','random')),
	CONSTRAINT "training_quizzes_pass_check" CHECK ("training_quizzes"."pass_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "training_survey_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid,
	"choices" jsonb NOT NULL,
	"comment" text,
	"answered_by" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"topics" jsonb NOT NULL,
	"audience" text NOT NULL,
	"deadline" date NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_surveys_audience_check" CHECK ("training_surveys"."audience" in ('members','branches'))
);
--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_quiz_id_training_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."training_quizzes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_survey_id_training_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."training_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_content_id_training_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."training_contents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_contents" ADD CONSTRAINT "training_contents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_contents" ADD CONSTRAINT "training_contents_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_teacher_person_id_people_id_fk" FOREIGN KEY ("teacher_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_files" ADD CONSTRAINT "training_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_files" ADD CONSTRAINT "training_files_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_import_rows" ADD CONSTRAINT "training_import_rows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_import_rows" ADD CONSTRAINT "training_import_rows_import_id_training_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."training_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_import_rows" ADD CONSTRAINT "training_import_rows_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_imports" ADD CONSTRAINT "training_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_imports" ADD CONSTRAINT "training_imports_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_progress" ADD CONSTRAINT "training_progress_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_progress" ADD CONSTRAINT "training_progress_content_id_training_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."training_contents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_progress" ADD CONSTRAINT "training_progress_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_quizzes" ADD CONSTRAINT "training_quizzes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_quizzes" ADD CONSTRAINT "training_quizzes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_survey_id_training_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."training_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_surveys" ADD CONSTRAINT "training_surveys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_surveys" ADD CONSTRAINT "training_surveys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_attempts_quiz_person_idx" ON "training_attempts" USING btree ("quiz_id","person_id");--> statement-breakpoint
CREATE INDEX "training_attempts_person_idx" ON "training_attempts" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "training_classes_org_idx" ON "training_classes" USING btree ("tenant_id","org_id","starts_on");--> statement-breakpoint
CREATE INDEX "training_classes_ends_idx" ON "training_classes" USING btree ("tenant_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_classes_code_idx" ON "training_classes" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_completions_content_person_idx" ON "training_completions" USING btree ("content_id","person_id");--> statement-breakpoint
CREATE INDEX "training_completions_person_idx" ON "training_completions" USING btree ("tenant_id","finished_on","person_id");--> statement-breakpoint
CREATE INDEX "training_contents_org_idx" ON "training_contents" USING btree ("tenant_id","published_on");--> statement-breakpoint
CREATE INDEX "training_courses_org_idx" ON "training_courses" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE INDEX "training_files_owner_idx" ON "training_files" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "training_import_rows_person_idx" ON "training_import_rows" USING btree ("tenant_id","period_to","person_id");--> statement-breakpoint
CREATE INDEX "training_import_rows_import_idx" ON "training_import_rows" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "training_imports_org_idx" ON "training_imports" USING btree ("tenant_id","period_to");--> statement-breakpoint
CREATE UNIQUE INDEX "training_participants_class_person_idx" ON "training_participants" USING btree ("class_id","person_id");--> statement-breakpoint
CREATE INDEX "training_participants_person_idx" ON "training_participants" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_progress_content_person_idx" ON "training_progress" USING btree ("content_id","person_id");--> statement-breakpoint
CREATE INDEX "training_questions_org_idx" ON "training_questions" USING btree ("tenant_id","org_id","topic");--> statement-breakpoint
CREATE INDEX "training_quizzes_org_idx" ON "training_quizzes" USING btree ("tenant_id","published_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_survey_answers_person_idx" ON "training_survey_answers" USING btree ("survey_id","person_id") WHERE "training_survey_answers"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "training_survey_answers_org_idx" ON "training_survey_answers" USING btree ("survey_id","org_id") WHERE "training_survey_answers"."person_id" is null;--> statement-breakpoint
CREATE INDEX "training_surveys_org_idx" ON "training_surveys" USING btree ("tenant_id","org_id");
