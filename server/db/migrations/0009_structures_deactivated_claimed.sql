ALTER TABLE "structures" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "claimed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "structures" ADD CONSTRAINT "structures_claimed_by_id_structures_id_fk" FOREIGN KEY ("claimed_by_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;