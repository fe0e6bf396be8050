CREATE TABLE "platform_upgrades" (
	"name" text PRIMARY KEY NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
-- The document an audited row's hash is taken over: the row as JSON without null columns and without
-- columns still at the default they were added with, so adding a column doesn't change old rows' hashes.
CREATE OR REPLACE FUNCTION audit_row_doc(doc jsonb, defaults jsonb) RETURNS jsonb AS $$
  SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
  FROM jsonb_each(doc)
  WHERE value <> 'null'::jsonb AND NOT (defaults ? key AND defaults -> key = value)
$$ LANGUAGE sql IMMUTABLE;
