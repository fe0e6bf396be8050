-- The people marked present in a roll call, sorted and comma-joined (null when nobody was present): the
-- study-hours ledger reads this instead of unpacking every roll call.
CREATE OR REPLACE FUNCTION meeting_present_person_ids(attendance jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(DISTINCT x->>'personId', ',' ORDER BY x->>'personId')
  FROM jsonb_array_elements(attendance) x
  WHERE x->>'status' = 'present'
$$;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "present_person_ids" text GENERATED ALWAYS AS (meeting_present_person_ids(attendance)) STORED;--> statement-breakpoint
CREATE TABLE "data_versions" (
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_versions_tenant_id_name_pk" PRIMARY KEY("tenant_id","name")
);
--> statement-breakpoint
-- Raised at commit (deferred: the counter's row lock is the last one a transaction takes, so it can
-- deadlock with nothing). TG_ARGV[0] names the counter, TG_ARGV[1] the column
-- holding the tenant (tenant_id unless given).
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
BEGIN
  IF TG_ARGV[1] IS NULL THEN
    IF TG_OP = 'DELETE' THEN tenant := OLD.tenant_id; ELSE tenant := NEW.tenant_id; END IF;
  ELSIF TG_OP = 'DELETE' THEN
    tenant := to_jsonb(OLD) ->> TG_ARGV[1];
  ELSE
    tenant := to_jsonb(NEW) ->> TG_ARGV[1];
  END IF;
  -- Once per transaction is enough: the counter only has to differ once the change is seen.
  IF current_setting('branchline.data_version_' || TG_ARGV[0], true) = tenant::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('branchline.data_version_' || TG_ARGV[0], tenant::text, true);
  INSERT INTO data_versions AS v (tenant_id, name, version) VALUES (tenant, TG_ARGV[0], 1)
  ON CONFLICT (tenant_id, name) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER meetings_data_version AFTER INSERT OR UPDATE OR DELETE ON meetings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('meetings');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER training_classes_data_version AFTER INSERT OR UPDATE OR DELETE ON training_classes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('training_hours');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER training_participants_data_version AFTER INSERT OR UPDATE OR DELETE ON training_participants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('training_hours');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER training_completions_data_version AFTER INSERT OR UPDATE OR DELETE ON training_completions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('training_hours');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER training_import_rows_data_version AFTER INSERT OR UPDATE OR DELETE ON training_import_rows
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('training_hours');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER people_data_version AFTER INSERT OR UPDATE OR DELETE ON people
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('people');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER orgs_data_version AFTER INSERT OR UPDATE OR DELETE ON orgs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('people');--> statement-breakpoint
-- A tenant's settings hold the meetings' default class hours per kind.
CREATE CONSTRAINT TRIGGER tenants_data_version AFTER UPDATE ON tenants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version('meetings', 'id');
