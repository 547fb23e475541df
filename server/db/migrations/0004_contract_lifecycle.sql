ALTER TABLE "contract_versions" ADD COLUMN "kind" text DEFAULT 'edited' NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "renewed_from_id" uuid;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_renewed_from_id_contracts_id_fk" FOREIGN KEY ("renewed_from_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_renewed_from_key" ON "contracts" USING btree ("renewed_from_id");--> statement-breakpoint
-- Contracts written before the lifecycle: a signed one is "signed", the first version "created", a later one that set the signature "signed".
UPDATE "contracts" SET "status" = 'signed' WHERE "signed_on" IS NOT NULL;--> statement-breakpoint
UPDATE "contract_versions" SET "kind" = 'created' WHERE "version" = 1;--> statement-breakpoint
UPDATE "contract_versions" SET "kind" = 'signed' WHERE "version" > 1 AND 'signed_on' = ANY("fields");
