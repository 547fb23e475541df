CREATE TABLE "referral_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_user_id" uuid,
	"actor_membership_id" uuid,
	"reason_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"message" text,
	"share_reason_with_person" boolean,
	"planned_start" date,
	"outcome" text,
	"redirect_referral_id" uuid,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid,
	"service_name" text NOT NULL,
	"receiving_structure_id" uuid NOT NULL,
	"by_link" boolean DEFAULT false NOT NULL,
	"link_email" text,
	"link_version" integer DEFAULT 0 NOT NULL,
	"link_expires_at" timestamp with time zone,
	"sender_user_id" uuid,
	"sender_membership_id" uuid,
	"reason" text NOT NULL,
	"situation" text,
	"prerequisites_met" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text,
	"contact_preference" text,
	"shared_person" jsonb NOT NULL,
	"consent_recorded_by_user_id" uuid,
	"consent_recorded_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"calendar_zone" text NOT NULL,
	"answered_at" timestamp with time zone,
	"planned_start" date,
	"outcome" text,
	"redirected_from_id" uuid,
	"redirected_to_id" uuid,
	"remind_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_actor_membership_id_memberships_id_fk" FOREIGN KEY ("actor_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_redirect_referral_id_referrals_id_fk" FOREIGN KEY ("redirect_referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiving_structure_id_structures_id_fk" FOREIGN KEY ("receiving_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_membership_id_memberships_id_fk" FOREIGN KEY ("sender_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_recorded_by_user_id_users_id_fk" FOREIGN KEY ("consent_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_redirected_from_id_referrals_id_fk" FOREIGN KEY ("redirected_from_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_redirected_to_id_referrals_id_fk" FOREIGN KEY ("redirected_to_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_transitions_referral_idx" ON "referral_transitions" USING btree ("referral_id","seq");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id","status","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_inbox_open_idx" ON "referrals" USING btree ("receiving_structure_id","due_at","id") WHERE status in ('sent', 'in_review');--> statement-breakpoint
CREATE INDEX "referrals_received_sent_idx" ON "referrals" USING btree ("receiving_structure_id","sent_at","id");--> statement-breakpoint
CREATE INDEX "referrals_received_status_due_idx" ON "referrals" USING btree ("receiving_structure_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "referrals_received_status_sent_idx" ON "referrals" USING btree ("receiving_structure_id","status","sent_at","id");--> statement-breakpoint
CREATE INDEX "referrals_sent_at_idx" ON "referrals" USING btree ("sent_at","id");--> statement-breakpoint
CREATE INDEX "referrals_open_due_idx" ON "referrals" USING btree ("due_at") WHERE status in ('sent', 'in_review');