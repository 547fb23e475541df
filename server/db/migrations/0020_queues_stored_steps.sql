DROP INDEX "people_deadlines_missing_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "pending_step" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "deadline_dates" jsonb;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "has_referent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "people_queue_orientation_idx" ON "people" USING btree ("territory_id","legal_due_on","created_at","id") WHERE pending_step = 'orientation';--> statement-breakpoint
CREATE INDEX "people_queue_contract_idx" ON "people" USING btree ("territory_id","legal_due_on","id") WHERE pending_step = 'contract';--> statement-breakpoint
CREATE INDEX "people_queue_no_referent_idx" ON "people" USING btree ("territory_id","created_at","id") WHERE not has_referent;--> statement-breakpoint
CREATE INDEX "people_deadlines_missing_idx" ON "people" USING btree ("id") WHERE deadline_dates is null;