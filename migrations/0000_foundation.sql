CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"person_id" uuid,
	"admin_role" text,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_admin_role_check" CHECK ("accounts"."admin_role" is null or "accounts"."admin_role" in ('system_admin','security_admin','audit_admin'))
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "role_assignments_role_check" CHECK ("role_assignments"."role" in ('committee_admin','general_branch_admin','branch_secretary','member'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"entity" text,
	"entity_id" uuid,
	"content_hash" text,
	"details" jsonb,
	"ip" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_parent_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"parent_id" uuid,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"is_joint" boolean DEFAULT false NOT NULL,
	"is_temporary" boolean DEFAULT false NOT NULL,
	"is_retiree" boolean DEFAULT false NOT NULL,
	"has_committee" boolean DEFAULT false NOT NULL,
	"established_on" date NOT NULL,
	"dissolved_on" date,
	"merged_into_id" uuid,
	"secretary_person_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "orgs_type_check" CHECK ("orgs"."type" in ('committee','general_branch','branch','party_group')),
	CONSTRAINT "orgs_dates_check" CHECK ("orgs"."dissolved_on" is null or "orgs"."dissolved_on" >= "orgs"."established_on")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"party_group_id" uuid,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"ethnicity" text,
	"id_number_enc" text,
	"id_number_index" text,
	"id_number_masked" text,
	"birth_date" date,
	"education" text,
	"category" text,
	"party_status" text NOT NULL,
	"joined_party_on" date,
	"full_member_on" date,
	"job_post" text,
	"mobile_enc" text,
	"mobile_masked" text,
	"landline_enc" text,
	"landline_masked" text,
	"address_enc" text,
	"address_masked" text,
	"standing" text DEFAULT 'normal' NOT NULL,
	"lost_contact" boolean DEFAULT false NOT NULL,
	"lost_contact_on" date,
	"floating" boolean DEFAULT false NOT NULL,
	"floating_to" text,
	"employee_no" text,
	"post" text,
	"workplace" text,
	"started_work_on" date,
	"party_posts" text,
	"exempt" boolean DEFAULT false NOT NULL,
	"remarks" text,
	"ended_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_gender_check" CHECK ("people"."gender" in ('male','female')),
	CONSTRAINT "people_party_status_check" CHECK ("people"."party_status" in ('masses','applicant','activist','candidate','probationary','full')),
	CONSTRAINT "people_standing_check" CHECK ("people"."standing" in ('normal','suspended')),
	CONSTRAINT "people_end_check" CHECK (("people"."ended_on" is null) = ("people"."end_reason" is null)),
	CONSTRAINT "people_end_reason_check" CHECK ("people"."end_reason" is null or "people"."end_reason" in ('left_unit','died','transferred_out')),
	CONSTRAINT "people_full_member_check" CHECK ("people"."party_status" = 'full' or "people"."full_member_on" is null)
);
--> statement-breakpoint
CREATE TABLE "person_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "person_memberships_dates_check" CHECK ("person_memberships"."valid_to" is null or "person_memberships"."valid_to" >= "person_memberships"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_parent_history" ADD CONSTRAINT "org_parent_history_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_party_group_id_orgs_id_fk" FOREIGN KEY ("party_group_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_memberships" ADD CONSTRAINT "person_memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_memberships" ADD CONSTRAINT "person_memberships_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_idx" ON "accounts" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_unique_idx" ON "role_assignments" USING btree ("account_id","role","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_idx" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "org_parent_history_org_idx" ON "org_parent_history" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "orgs_path_idx" ON "orgs" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "orgs_tenant_code_idx" ON "orgs" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "people_org_idx" ON "people" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "people_tenant_status_idx" ON "people" USING btree ("tenant_id","party_status");--> statement-breakpoint
CREATE INDEX "people_id_number_index_idx" ON "people" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "people_employee_no_idx" ON "people" USING btree ("tenant_id","employee_no");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_memberships_person_idx" ON "person_memberships" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "person_memberships_org_idx" ON "person_memberships" USING btree ("org_id","valid_from");