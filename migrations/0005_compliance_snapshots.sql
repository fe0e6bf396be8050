CREATE TABLE "compliance_snapshots" (
	"tenant_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"as_of" date NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "compliance_snapshots_branch_id_period_key_pk" PRIMARY KEY("branch_id","period_key")
);
--> statement-breakpoint
CREATE INDEX "compliance_snapshots_tenant_idx" ON "compliance_snapshots" ("tenant_id");
--> statement-breakpoint
-- A branch's snapshots go whenever anything they were computed from changes, in the same transaction.
CREATE OR REPLACE FUNCTION compliance_snapshots_forget_meeting() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM compliance_snapshots WHERE branch_id = OLD.branch_id; END IF;
  IF TG_OP <> 'DELETE' THEN DELETE FROM compliance_snapshots WHERE branch_id = NEW.branch_id; END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER meetings_forget_compliance AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION compliance_snapshots_forget_meeting();
--> statement-breakpoint
-- An organization row: the branch itself, or a party group of the branch (its parent).
CREATE OR REPLACE FUNCTION compliance_snapshots_forget_org() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM compliance_snapshots WHERE branch_id IN (OLD.id, OLD.parent_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    DELETE FROM compliance_snapshots WHERE branch_id IN (NEW.id, NEW.parent_id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER orgs_forget_compliance AFTER INSERT OR UPDATE OR DELETE ON orgs
  FOR EACH ROW EXECUTE FUNCTION compliance_snapshots_forget_org();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION compliance_snapshots_forget_tenant() RETURNS trigger AS $$
BEGIN
  DELETE FROM compliance_snapshots WHERE tenant_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tenants_forget_compliance AFTER UPDATE OF settings ON tenants
  FOR EACH ROW EXECUTE FUNCTION compliance_snapshots_forget_tenant();
