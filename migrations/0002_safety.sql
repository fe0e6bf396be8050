CREATE TABLE "meeting_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "meeting_attachments_size_check" CHECK ("meeting_attachments"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text,
	"reason" text,
	"diff" jsonb,
	"status_after" text NOT NULL,
	CONSTRAINT "meeting_revisions_kind_check" CHECK ("meeting_revisions"."kind" in ('revision','submit','resubmit','approve','return')),
	CONSTRAINT "meeting_revisions_reason_check" CHECK ("meeting_revisions"."kind" <> 'revision' or "meeting_revisions"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"host_person_id" uuid,
	"recorder_person_id" uuid,
	"lecturer" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"resolutions" text,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"votes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewer_account_id" uuid,
	"reviewer_name" text,
	"review_comment" text,
	"created_by" uuid,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_kind_check" CHECK ("meetings"."kind" in ('branch_general_meeting','branch_committee_meeting','party_group_meeting','party_lecture','theme_party_day','organization_life_meeting','democratic_review','other')),
	CONSTRAINT "meetings_status_check" CHECK ("meetings"."status" in ('draft','submitted','approved','returned')),
	CONSTRAINT "meetings_submitted_check" CHECK ("meetings"."status" = 'draft' or ("meetings"."submitted_at" is not null and "meetings"."first_submitted_at" is not null)),
	CONSTRAINT "meetings_returned_check" CHECK ("meetings"."status" <> 'returned' or "meetings"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "mentoring_followups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"weak_person_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_notice_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid,
	"read_by_name" text
);
--> statement-breakpoint
CREATE TABLE "safety_notice_violations" (
	"notice_id" uuid NOT NULL,
	"violation_id" uuid NOT NULL,
	CONSTRAINT "safety_notice_violations_notice_id_violation_id_pk" PRIMARY KEY("notice_id","violation_id")
);
--> statement-breakpoint
CREATE TABLE "safety_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by" uuid,
	"issued_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tackling_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tackling_updates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_analyses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"trigger" text NOT NULL,
	"root_causes" text NOT NULL,
	"measures" text NOT NULL,
	"responsible_person_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closing_comment" text,
	"closed_on" date,
	"closed_by_name" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "safety_analyses_trigger_check" CHECK ("safety_analyses"."trigger" in ('threshold','manual')),
	CONSTRAINT "safety_analyses_status_check" CHECK ("safety_analyses"."status" in ('open','closed')),
	CONSTRAINT "safety_analyses_period_check" CHECK ("safety_analyses"."period_to" >= "safety_analyses"."period_from"),
	CONSTRAINT "safety_analyses_closed_check" CHECK (("safety_analyses"."status" = 'closed') = ("safety_analyses"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "tackling_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"target" text NOT NULL,
	"leader_person_id" uuid NOT NULL,
	"member_person_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"analysis_id" uuid,
	"violation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"result" text,
	"evaluation" text,
	"completed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tackling_projects_status_check" CHECK ("tackling_projects"."status" in ('active','completed')),
	CONSTRAINT "tackling_projects_completed_check" CHECK (("tackling_projects"."status" = 'completed') = ("tackling_projects"."completed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"place" text,
	"post" text,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"source" text NOT NULL,
	"description" text NOT NULL,
	"was_member" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "violations_kind_check" CHECK ("violations"."kind" in ('rule_breach','discipline_breach')),
	CONSTRAINT "violations_source_check" CHECK ("violations"."source" in ('inspection','video','self_report','other'))
);
--> statement-breakpoint
CREATE TABLE "weak_persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"mentor_person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"goals" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"outcome" text,
	"outcome_note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "weak_persons_source_check" CHECK ("weak_persons"."source" in ('rule','manual')),
	CONSTRAINT "weak_persons_outcome_check" CHECK (("weak_persons"."ended_on" is null) = ("weak_persons"."outcome" is null)),
	CONSTRAINT "weak_persons_outcome_values_check" CHECK ("weak_persons"."outcome" is null or "weak_persons"."outcome" in ('improved','not_improved')),
	CONSTRAINT "weak_persons_mentor_check" CHECK ("weak_persons"."mentor_person_id" <> "weak_persons"."person_id")
);
--> statement-breakpoint
CREATE TABLE "talk_obligations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"violation_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"talk_id" uuid,
	"done_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "talk_obligations_done_check" CHECK (("talk_obligations"."talk_id" is null) = ("talk_obligations"."done_on" is null))
);
--> statement-breakpoint
CREATE TABLE "talks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"talker_person_id" uuid,
	"talker_name" text NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"violation_id" uuid,
	"summary_enc" text NOT NULL,
	"follow_up_enc" text,
	"late" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "talks_kind_check" CHECK ("talks"."kind" in ('violation_followup','yearly','mentoring','other')),
	CONSTRAINT "talks_violation_check" CHECK ("talks"."violation_id" is null or "talks"."kind" = 'violation_followup')
);
--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_revisions" ADD CONSTRAINT "meeting_revisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_branch_id_orgs_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_host_person_id_people_id_fk" FOREIGN KEY ("host_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recorder_person_id_people_id_fk" FOREIGN KEY ("recorder_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_followups" ADD CONSTRAINT "mentoring_followups_weak_person_id_weak_persons_id_fk" FOREIGN KEY ("weak_person_id") REFERENCES "public"."weak_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notice_receipts" ADD CONSTRAINT "safety_notice_receipts_notice_id_safety_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."safety_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notice_receipts" ADD CONSTRAINT "safety_notice_receipts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notice_violations" ADD CONSTRAINT "safety_notice_violations_notice_id_safety_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."safety_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notice_violations" ADD CONSTRAINT "safety_notice_violations_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_notices" ADD CONSTRAINT "safety_notices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tackling_milestones" ADD CONSTRAINT "tackling_milestones_project_id_tackling_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."tackling_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tackling_updates" ADD CONSTRAINT "tackling_updates_project_id_tackling_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."tackling_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_analyses" ADD CONSTRAINT "safety_analyses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_analyses" ADD CONSTRAINT "safety_analyses_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tackling_projects" ADD CONSTRAINT "tackling_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tackling_projects" ADD CONSTRAINT "tackling_projects_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tackling_projects" ADD CONSTRAINT "tackling_projects_analysis_id_safety_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."safety_analyses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weak_persons" ADD CONSTRAINT "weak_persons_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weak_persons" ADD CONSTRAINT "weak_persons_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weak_persons" ADD CONSTRAINT "weak_persons_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_obligations" ADD CONSTRAINT "talk_obligations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_obligations" ADD CONSTRAINT "talk_obligations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_obligations" ADD CONSTRAINT "talk_obligations_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_obligations" ADD CONSTRAINT "talk_obligations_talk_id_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."talks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_talker_person_id_people_id_fk" FOREIGN KEY ("talker_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talks" ADD CONSTRAINT "talks_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attachments_meeting_idx" ON "meeting_attachments" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_revisions_seq_idx" ON "meeting_revisions" USING btree ("meeting_id","seq");--> statement-breakpoint
CREATE INDEX "meetings_branch_held_idx" ON "meetings" USING btree ("tenant_id","branch_id","held_on");--> statement-breakpoint
CREATE INDEX "meetings_org_held_idx" ON "meetings" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "meetings_status_idx" ON "meetings" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "mentoring_followups_weak_idx" ON "mentoring_followups" USING btree ("weak_person_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_notice_receipts_unique_idx" ON "safety_notice_receipts" USING btree ("notice_id","org_id");--> statement-breakpoint
CREATE INDEX "safety_notice_receipts_org_idx" ON "safety_notice_receipts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "safety_notices_org_idx" ON "safety_notices" USING btree ("org_id","issued_on");--> statement-breakpoint
CREATE INDEX "tackling_milestones_project_idx" ON "tackling_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "tackling_updates_project_idx" ON "tackling_updates" USING btree ("project_id","on");--> statement-breakpoint
CREATE INDEX "safety_analyses_org_idx" ON "safety_analyses" USING btree ("org_id","period_from");--> statement-breakpoint
CREATE INDEX "tackling_projects_org_idx" ON "tackling_projects" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "violations_org_date_idx" ON "violations" USING btree ("org_id","occurred_on");--> statement-breakpoint
CREATE INDEX "violations_tenant_date_idx" ON "violations" USING btree ("tenant_id","occurred_on");--> statement-breakpoint
CREATE INDEX "violations_person_idx" ON "violations" USING btree ("person_id","occurred_on");--> statement-breakpoint
CREATE INDEX "weak_persons_org_idx" ON "weak_persons" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "weak_persons_active_idx" ON "weak_persons" USING btree ("person_id") WHERE "weak_persons"."ended_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "talk_obligations_violation_idx" ON "talk_obligations" USING btree ("violation_id");--> statement-breakpoint
CREATE INDEX "talk_obligations_org_due_idx" ON "talk_obligations" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE INDEX "talks_org_date_idx" ON "talks" USING btree ("org_id","held_on");--> statement-breakpoint
CREATE INDEX "talks_person_idx" ON "talks" USING btree ("person_id","held_on");