CREATE TABLE "unmet_need_alerts" (
	"need_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unmet_need_alerts_need_id_service_id_pk" PRIMARY KEY("need_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "unmet_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thematic" text NOT NULL,
	"commune_code" text NOT NULL,
	"epci_code" text,
	"departement_code" text NOT NULL,
	"territory_id" uuid,
	"eligibility_keys" text[] NOT NULL,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"person_id" uuid,
	"referral_id" uuid,
	"service_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"closed_reason" text,
	"created_by_user_id" uuid NOT NULL,
	"created_by_membership_id" uuid,
	"created_by_structure_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "unmet_need_alerts" ADD CONSTRAINT "unmet_need_alerts_need_id_unmet_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."unmet_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_need_alerts" ADD CONSTRAINT "unmet_need_alerts_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_created_by_membership_id_memberships_id_fk" FOREIGN KEY ("created_by_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_created_by_structure_id_structures_id_fk" FOREIGN KEY ("created_by_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unmet_needs_territory_idx" ON "unmet_needs" USING btree ("territory_id","created_at");--> statement-breakpoint
CREATE INDEX "unmet_needs_author_idx" ON "unmet_needs" USING btree ("created_by_user_id","created_at");--> statement-breakpoint
CREATE INDEX "unmet_needs_open_thematic_idx" ON "unmet_needs" USING btree ("thematic") WHERE "unmet_needs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "unmet_needs_person_idx" ON "unmet_needs" USING btree ("person_id");