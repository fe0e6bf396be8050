CREATE TABLE "inspection_checklists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_checklists_status_check" CHECK ("inspection_checklists"."status" in ('active','superseded'))
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_key" text,
	"item" text NOT NULL,
	"verdict" text NOT NULL,
	"finding" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_findings_verdict_check" CHECK ("inspection_findings"."verdict" in ('pass','problem'))
);
--> statement-breakpoint
CREATE TABLE "inspection_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"finding_id" uuid,
	"rectification_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "inspection_files_size_check" CHECK ("inspection_files"."size" > 0),
	CONSTRAINT "inspection_files_owner_check" CHECK (("inspection_files"."finding_id" is null) <> ("inspection_files"."rectification_id" is null))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"inspector_org_id" uuid NOT NULL,
	"checklist_id" uuid,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"inspected_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"summary" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_name" text,
	CONSTRAINT "inspections_mode_check" CHECK ("inspections"."mode" in ('online','on_site')),
	CONSTRAINT "inspections_status_check" CHECK ("inspections"."status" in ('open','completed')),
	CONSTRAINT "inspections_period_check" CHECK ("inspections"."period_to" >= "inspections"."period_from"),
	CONSTRAINT "inspections_completed_check" CHECK (("inspections"."status" = 'completed') = ("inspections"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"item" text NOT NULL,
	"requirement" text NOT NULL,
	"found_on" date NOT NULL,
	"due_on" date NOT NULL,
	"rectify_by" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"first_answered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"close_comment" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rectifications_status_check" CHECK ("rectifications"."status" in ('open','answered','closed')),
	CONSTRAINT "rectifications_answered_check" CHECK ("rectifications"."status" = 'open' or "rectifications"."answer" is not null),
	CONSTRAINT "rectifications_closed_check" CHECK (("rectifications"."status" = 'closed') = ("rectifications"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "task_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"target_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "task_files_size_check" CHECK ("task_files"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "task_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"redo_by" date,
	"content" text,
	"values" jsonb,
	"prefilled" jsonb,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"submissions" integer DEFAULT 0 NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewer_name" text,
	"review_comment" text,
	"reminded_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "task_targets_status_check" CHECK ("task_targets"."status" in ('pending','submitted','accepted','returned')),
	CONSTRAINT "task_targets_submitted_check" CHECK ("task_targets"."status" = 'pending' or ("task_targets"."first_submitted_at" is not null and "task_targets"."content" is not null)),
	CONSTRAINT "task_targets_returned_check" CHECK ("task_targets"."status" <> 'returned' or "task_targets"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"due_on" date NOT NULL,
	"remind_days" integer NOT NULL,
	"require_files" boolean DEFAULT false NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"as_of" date NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_remind_check" CHECK ("tasks"."remind_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "inspection_checklists" ADD CONSTRAINT "inspection_checklists_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_checklists" ADD CONSTRAINT "inspection_checklists_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_files" ADD CONSTRAINT "inspection_files_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_files" ADD CONSTRAINT "inspection_files_finding_id_inspection_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."inspection_findings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_files" ADD CONSTRAINT "inspection_files_rectification_id_rectifications_id_fk" FOREIGN KEY ("rectification_id") REFERENCES "public"."rectifications"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_org_id_orgs_id_fk" FOREIGN KEY ("inspector_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_checklist_id_inspection_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."inspection_checklists"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_finding_id_inspection_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."inspection_findings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_files" ADD CONSTRAINT "task_files_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_files" ADD CONSTRAINT "task_files_target_id_task_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."task_targets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_targets" ADD CONSTRAINT "task_targets_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "task_targets" ADD CONSTRAINT "task_targets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_checklists_version_idx" ON "inspection_checklists" USING btree ("family_id","version");
--> statement-breakpoint
CREATE INDEX "inspection_checklists_org_idx" ON "inspection_checklists" USING btree ("org_id");
--> statement-breakpoint
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" USING btree ("inspection_id");
--> statement-breakpoint
CREATE INDEX "inspection_files_inspection_idx" ON "inspection_files" USING btree ("inspection_id");
--> statement-breakpoint
CREATE INDEX "inspections_org_idx" ON "inspections" USING btree ("org_id","inspected_on");
--> statement-breakpoint
CREATE INDEX "inspections_inspector_idx" ON "inspections" USING btree ("inspector_org_id","inspected_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_finding_idx" ON "rectifications" USING btree ("finding_id");
--> statement-breakpoint
CREATE INDEX "rectifications_org_idx" ON "rectifications" USING btree ("org_id","status");
--> statement-breakpoint
CREATE INDEX "rectifications_inspection_idx" ON "rectifications" USING btree ("inspection_id");
--> statement-breakpoint
CREATE INDEX "task_files_task_idx" ON "task_files" USING btree ("task_id","target_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "task_targets_unique_idx" ON "task_targets" USING btree ("task_id","org_id");
--> statement-breakpoint
CREATE INDEX "task_targets_org_idx" ON "task_targets" USING btree ("org_id","status");
--> statement-breakpoint
CREATE INDEX "tasks_org_idx" ON "tasks" USING btree ("org_id","due_on");
--> statement-breakpoint
CREATE INDEX "tasks_tenant_due_idx" ON "tasks" USING btree ("tenant_id","due_on");
