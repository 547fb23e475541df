-- Reviewed by hand. login_failures now holds one row per attempt with the account key and the
-- client address (rate limits, 15 minutes of life): the old rows cannot be converted, drop them.
-- The unique indexes on people fail if two files already share a NIR or a CAF number (possible
-- only through the race this migration closes): merge those files first, then migrate again.
DELETE FROM "login_failures";--> statement-breakpoint
DROP INDEX "login_failures_key_at_idx";--> statement-breakpoint
DROP INDEX "people_caf_idx";--> statement-breakpoint
DROP INDEX "people_nir_hash_idx";--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "account_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "ip" text NOT NULL;--> statement-breakpoint
CREATE INDEX "login_failures_account_at_idx" ON "login_failures" USING btree ("account_key","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_at_idx" ON "login_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "people_caf_number_key" ON "people" USING btree ("caf_number") WHERE caf_number is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "people_nir_hash_key" ON "people" USING btree ("nir_hash") WHERE nir_hash is not null;--> statement-breakpoint
ALTER TABLE "login_failures" DROP COLUMN "key";