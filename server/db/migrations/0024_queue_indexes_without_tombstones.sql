DROP INDEX "people_territory_contact_due_idx";--> statement-breakpoint
DROP INDEX "people_queue_orientation_idx";--> statement-breakpoint
DROP INDEX "people_queue_contract_idx";--> statement-breakpoint
DROP INDEX "people_queue_no_referent_idx";--> statement-breakpoint
CREATE INDEX "people_territory_contact_due_idx" ON "people" USING btree ("territory_id","contact_due_on") WHERE merged_into is null;--> statement-breakpoint
CREATE INDEX "people_queue_orientation_idx" ON "people" USING btree ("territory_id","legal_due_on","created_at","id") WHERE pending_step = 'orientation' and merged_into is null;--> statement-breakpoint
CREATE INDEX "people_queue_contract_idx" ON "people" USING btree ("territory_id","legal_due_on","id") WHERE pending_step = 'contract' and merged_into is null;--> statement-breakpoint
CREATE INDEX "people_queue_no_referent_idx" ON "people" USING btree ("territory_id","created_at","id") WHERE not has_referent and merged_into is null;