CREATE TABLE "assessment_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid,
	"applicable" boolean NOT NULL,
	"total" numeric(7, 1),
	"max_total" numeric(7, 1),
	"percent" numeric(6, 1),
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_by_name" text,
	"frozen_on" date,
	CONSTRAINT "assessment_rounds_status_check" CHECK ("assessment_rounds"."status" in ('open','closed')),
	CONSTRAINT "assessment_rounds_period_check" CHECK ("assessment_rounds"."period_end" >= "assessment_rounds"."period_start"),
	CONSTRAINT "assessment_rounds_closed_check" CHECK (("assessment_rounds"."status" = 'closed') = ("assessment_rounds"."closed_at" is not null and "assessment_rounds"."frozen_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"points" numeric(6, 1) NOT NULL,
	"reason" text NOT NULL,
	"scored_by" uuid,
	"scored_by_name" text NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_scores_points_check" CHECK ("assessment_scores"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assessment_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"period_kind" text,
	"description" text,
	"bonus_cap" numeric(6, 1),
	"deduction_cap" numeric(6, 1),
	"items" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_templates_target_check" CHECK ("assessment_templates"."target" in ('branch','member')),
	CONSTRAINT "assessment_templates_status_check" CHECK ("assessment_templates"."status" in ('active','superseded','retired')),
	CONSTRAINT "assessment_templates_period_check" CHECK ("assessment_templates"."period_kind" is null or "assessment_templates"."period_kind" in ('month','quarter','year'))
);
--> statement-breakpoint
CREATE TABLE "assessment_zones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"goals" text NOT NULL,
	"person_ids" jsonb NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_zones_kind_check" CHECK ("assessment_zones"."kind" in ('zone','model_post')),
	CONSTRAINT "assessment_zones_dates_check" CHECK ("assessment_zones"."ended_on" is null or "assessment_zones"."ended_on" >= "assessment_zones"."started_on")
);
--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_template_id_assessment_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."assessment_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_templates" ADD CONSTRAINT "assessment_templates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_zones" ADD CONSTRAINT "assessment_zones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_zones" ADD CONSTRAINT "assessment_zones_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_results_subject_idx" ON "assessment_results" USING btree ("round_id","subject_id");--> statement-breakpoint
CREATE INDEX "assessment_results_org_idx" ON "assessment_results" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE INDEX "assessment_rounds_org_idx" ON "assessment_rounds" USING btree ("tenant_id","org_id","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_scores_cell_idx" ON "assessment_scores" USING btree ("round_id","subject_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_templates_family_version_idx" ON "assessment_templates" USING btree ("family_id","version");--> statement-breakpoint
CREATE INDEX "assessment_templates_org_idx" ON "assessment_templates" USING btree ("tenant_id","org_id");--> statement-breakpoint
CREATE INDEX "assessment_zones_org_idx" ON "assessment_zones" USING btree ("tenant_id","org_id");