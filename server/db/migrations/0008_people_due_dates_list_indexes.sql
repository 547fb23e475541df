DROP INDEX "team_members_user_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "legal_due_on" date;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_due_on" date;--> statement-breakpoint
CREATE INDEX "people_territory_legal_due_idx" ON "people" USING btree ("territory_id","legal_due_on") WHERE legal_due_on is not null;--> statement-breakpoint
CREATE INDEX "people_territory_contact_due_idx" ON "people" USING btree ("territory_id","contact_due_on");--> statement-breakpoint
CREATE INDEX "people_deadlines_missing_idx" ON "people" USING btree ("id") WHERE contact_due_on is null;--> statement-breakpoint
CREATE INDEX "people_name_sort_idx" ON "people" USING btree ("last_name_key","first_name_key","id");--> statement-breakpoint
CREATE INDEX "people_updated_sort_idx" ON "people" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "people_birth_sort_idx" ON "people" USING btree ("birth_date","id");--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_search_prefix_idx" ON "people" USING btree ("search_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "team_members_membership_person_idx" ON "team_members" USING btree ("membership_id","person_id") WHERE left_at is null;--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id","person_id","is_referent") WHERE left_at is null;