ALTER TABLE "meetings" ADD COLUMN "expected_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "present_count" integer DEFAULT 0 NOT NULL;