CREATE TABLE "committee_calendar_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "committee_submission_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_submission_documents_size" CHECK ("committee_submission_documents"."size_bytes" between 1 and 5242880 and octet_length("committee_submission_documents"."content") = "committee_submission_documents"."size_bytes")
);
--> statement-breakpoint
ALTER TABLE "committee_calendar_subscriptions" ADD CONSTRAINT "committee_calendar_subscriptions_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_calendar_subscriptions" ADD CONSTRAINT "committee_calendar_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_submission_documents" ADD CONSTRAINT "committee_submission_documents_submission_id_committee_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."committee_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_submission_documents" ADD CONSTRAINT "committee_submission_documents_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "committee_calendar_subscriptions_token_uq" ON "committee_calendar_subscriptions" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_calendar_subscriptions_live_uq" ON "committee_calendar_subscriptions" USING btree ("committee_id","user_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "committee_submission_documents_submission_idx" ON "committee_submission_documents" USING btree ("submission_id","created_at");