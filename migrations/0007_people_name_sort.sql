ALTER TABLE "people" ADD COLUMN "name_sort" text;--> statement-breakpoint
CREATE INDEX "people_name_sort_missing_idx" ON "people" USING btree ("tenant_id") WHERE "people"."name_sort" is null;