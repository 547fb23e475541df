CREATE TABLE "note_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"visibility" text NOT NULL,
	"contact_kind" text,
	"occurred_on" date NOT NULL,
	"replaced_by" text NOT NULL,
	"replaced_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "kind" text DEFAULT 'edited' NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_versions" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "renewed_from_id" uuid;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "note_versions" ADD CONSTRAINT "note_versions_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_versions" ADD CONSTRAINT "note_versions_replaced_by_user_id_users_id_fk" FOREIGN KEY ("replaced_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "note_versions_note_version_key" ON "note_versions" USING btree ("note_id","version");--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_renewed_from_id_contracts_id_fk" FOREIGN KEY ("renewed_from_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_renewed_from_key" ON "contracts" USING btree ("renewed_from_id");--> statement-breakpoint
-- Contracts written before the lifecycle: a signed one is "signed", the first version "created", a later one that set the signature "signed".
UPDATE "contracts" SET "status" = 'signed' WHERE "signed_on" IS NOT NULL;--> statement-breakpoint
UPDATE "contract_versions" SET "kind" = 'created' WHERE "version" = 1;--> statement-breakpoint
UPDATE "contract_versions" SET "kind" = 'signed' WHERE "version" > 1 AND 'signed_on' = ANY("fields");
