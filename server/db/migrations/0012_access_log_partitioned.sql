-- Hand-written (issue 12, "the access log at scale"): access_log becomes a table partitioned by
-- month on "at" (PARTITION BY RANGE). Declarative partitioning cannot be switched on in place, so:
-- the old table is renamed, the partitioned one created with the same columns, constraints and
-- indexes (the primary key now includes the partition key), a DEFAULT partition and the monthly
-- partitions the existing rows need (at most 60 months back, older rows go to DEFAULT) plus the
-- current month and the next two are created, every row is copied (ids kept, sequence moved on),
-- then the old table is dropped. One transaction (the migration runner's): nothing half-done.
-- Names: access_log_YYYY_MM for the month starting YYYY-MM-01 00:00 UTC; see
-- server/features/access-log/partitions.ts, which creates the next ones.
ALTER TABLE "access_log" RENAME TO "access_log_unpartitioned";--> statement-breakpoint
ALTER TABLE "access_log_unpartitioned" RENAME CONSTRAINT "access_log_pkey" TO "access_log_unpartitioned_pkey";--> statement-breakpoint
ALTER INDEX "access_log_person_at_idx" RENAME TO "access_log_unpartitioned_person_at_idx";--> statement-breakpoint
ALTER INDEX "access_log_user_at_idx" RENAME TO "access_log_unpartitioned_user_at_idx";--> statement-breakpoint
ALTER SEQUENCE "access_log_id_seq" RENAME TO "access_log_unpartitioned_id_seq";--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" bigserial NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"membership_id" uuid,
	"person_id" uuid NOT NULL,
	"action" text NOT NULL,
	"resource" text NOT NULL,
	"route" text NOT NULL,
	"reason" text NOT NULL,
	"via" text NOT NULL,
	"request_id" text,
	CONSTRAINT "access_log_pkey" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_person_at_idx" ON "access_log" USING btree ("person_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "access_log_user_at_idx" ON "access_log" USING btree ("user_id","at" DESC NULLS FIRST);--> statement-breakpoint
CREATE TABLE "access_log_default" PARTITION OF "access_log" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
  this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  oldest timestamp := (SELECT date_trunc('month', min("at") AT TIME ZONE 'UTC') FROM "access_log_unpartitioned");
  m timestamp := greatest(least(coalesce(oldest, this_month), this_month), this_month - interval '60 months');
BEGIN
  WHILE m <= this_month + interval '2 months' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "access_log" FOR VALUES FROM (%L) TO (%L)',
      'access_log_' || to_char(m, 'YYYY_MM'), (m AT TIME ZONE 'UTC')::text, ((m + interval '1 month') AT TIME ZONE 'UTC')::text);
    m := m + interval '1 month';
  END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "access_log" ("id", "at", "user_id", "membership_id", "person_id", "action", "resource", "route", "reason", "via", "request_id")
  SELECT "id", "at", "user_id", "membership_id", "person_id", "action", "resource", "route", "reason", "via", "request_id" FROM "access_log_unpartitioned";--> statement-breakpoint
SELECT setval('"access_log_id_seq"', (SELECT coalesce(max("id"), 0) + 1 FROM "access_log"), false);--> statement-breakpoint
DROP TABLE "access_log_unpartitioned";
