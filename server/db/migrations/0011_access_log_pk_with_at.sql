DROP INDEX "access_log_person_at_idx";--> statement-breakpoint
DROP INDEX "access_log_user_at_idx";--> statement-breakpoint
CREATE INDEX "access_log_person_at_idx" ON "access_log" USING btree ("person_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "access_log_user_at_idx" ON "access_log" USING btree ("user_id","at" DESC NULLS FIRST);