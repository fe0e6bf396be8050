-- `audit reseal prepare` runs before the migrations of a new version, so it may create this table itself
-- with the same definition (src/cli/reseal.ts): hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS "audit_reseal_staging" (
	"prepare_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"row_id" uuid NOT NULL,
	"event_seq" bigint NOT NULL,
	"hash_without" text NOT NULL,
	"prepared_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "audit_reseal_staging_prepare_id_row_id_pk" PRIMARY KEY("prepare_id","row_id")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "audit_reseal_staging_entity_idx" ON "audit_reseal_staging" USING btree ("entity");
