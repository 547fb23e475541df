DROP INDEX "people_caf_number_key";--> statement-breakpoint
CREATE INDEX "people_caf_number_idx" ON "people" USING btree ("caf_number") WHERE caf_number is not null;