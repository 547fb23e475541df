DROP INDEX "people_territory_contact_due_idx";--> statement-breakpoint
CREATE INDEX "people_territory_contact_due_idx" ON "people" USING btree ("territory_id","contact_due_on");