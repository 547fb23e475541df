ALTER TABLE "people" ADD COLUMN "legal_due_on" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_due_on" date;--> statement-breakpoint
CREATE INDEX "people_territory_legal_due_idx" ON "people" USING btree ("territory_id","legal_due_on") WHERE legal_due_on is not null;--> statement-breakpoint
CREATE INDEX "people_territory_contact_due_idx" ON "people" USING btree ("territory_id","contact_due_on");--> statement-breakpoint
CREATE INDEX "people_deadlines_missing_idx" ON "people" USING btree ("id") WHERE contact_due_on is null;