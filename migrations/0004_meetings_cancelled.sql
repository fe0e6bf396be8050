ALTER TABLE "meeting_revisions" DROP CONSTRAINT "meeting_revisions_kind_check";--> statement-breakpoint
ALTER TABLE "meeting_revisions" DROP CONSTRAINT "meeting_revisions_reason_check";--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_status_check";--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_submitted_check";--> statement-breakpoint
ALTER TABLE "meeting_revisions" ADD CONSTRAINT "meeting_revisions_kind_check" CHECK ("meeting_revisions"."kind" in ('revision','submit','resubmit','approve','return','cancel'));--> statement-breakpoint
ALTER TABLE "meeting_revisions" ADD CONSTRAINT "meeting_revisions_reason_check" CHECK ("meeting_revisions"."kind" not in ('revision','cancel') or "meeting_revisions"."reason" is not null);--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_status_check" CHECK ("meetings"."status" in ('draft','submitted','approved','returned','cancelled'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_submitted_check" CHECK ("meetings"."status" in ('draft','cancelled') or ("meetings"."submitted_at" is not null and "meetings"."first_submitted_at" is not null));