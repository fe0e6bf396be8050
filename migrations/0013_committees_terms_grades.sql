CREATE TABLE "org_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"post" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"meeting_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_posts_post_check" CHECK ("org_posts"."post" in ('secretary','deputy_secretary','organization','publicity','discipline','youth','women','member')),
	CONSTRAINT "org_posts_source_check" CHECK ("org_posts"."source" in ('election','appointment','migrated')),
	CONSTRAINT "org_posts_dates_check" CHECK ("org_posts"."valid_to" is null or "org_posts"."valid_to" >= "org_posts"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "org_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"years" integer NOT NULL,
	"ends_on" date NOT NULL,
	"meeting_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_terms_years_check" CHECK ("org_terms"."years" between 1 and 5),
	CONSTRAINT "org_terms_dates_check" CHECK ("org_terms"."ends_on" > "org_terms"."started_on")
);
--> statement-breakpoint
CREATE TABLE "review_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"done_on" date NOT NULL,
	"note" text NOT NULL,
	"done_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "suspended_on" date;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "quorum_met" boolean;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "grades" jsonb;--> statement-breakpoint
ALTER TABLE "org_posts" ADD CONSTRAINT "org_posts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_terms" ADD CONSTRAINT "org_terms_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_follow_ups" ADD CONSTRAINT "review_follow_ups_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_posts_org_idx" ON "org_posts" USING btree ("org_id","valid_from");--> statement-breakpoint
CREATE INDEX "org_posts_person_idx" ON "org_posts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "org_terms_org_idx" ON "org_terms" USING btree ("org_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "review_follow_ups_idx" ON "review_follow_ups" USING btree ("meeting_id","person_id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_suspended_on_check" CHECK ("people"."standing" = 'suspended' or "people"."suspended_on" is null);--> statement-breakpoint
-- A branch's committee (its posts from a date to a date) decides what committee meetings it owes: a
-- change of posts drops the branch's compliance snapshots, like a change of its meetings or its row.
CREATE OR REPLACE FUNCTION compliance_snapshots_forget_post() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM compliance_snapshots WHERE branch_id = OLD.org_id; END IF;
  IF TG_OP <> 'DELETE' THEN DELETE FROM compliance_snapshots WHERE branch_id = NEW.org_id; END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER org_posts_forget_compliance AFTER INSERT OR UPDATE OR DELETE ON org_posts
  FOR EACH ROW EXECUTE FUNCTION compliance_snapshots_forget_post();
--> statement-breakpoint
-- The party groups' parent history decides which branch owes their meetings.
CREATE OR REPLACE FUNCTION compliance_snapshots_forget_parent() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM compliance_snapshots WHERE branch_id = OLD.parent_id; END IF;
  IF TG_OP <> 'DELETE' THEN DELETE FROM compliance_snapshots WHERE branch_id = NEW.parent_id; END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER org_parent_history_forget_compliance AFTER INSERT OR UPDATE OR DELETE ON org_parent_history
  FOR EACH ROW EXECUTE FUNCTION compliance_snapshots_forget_parent();
