import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz } from "../db/columns.ts";

/** Durable background jobs, claimed with FOR UPDATE SKIP LOCKED so several instances can run workers. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    run_at: tstz("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    max_attempts: integer("max_attempts").notNull().default(5),
    /** Set while a worker runs the job; a crashed worker's job becomes claimable again after it. */
    locked_until: tstz("locked_until"),
    last_error: text("last_error"),
    /** At most one pending job per key (recurring jobs, de-duplicated work). */
    singleton_key: text("singleton_key"),
    created_at: createdAt(),
    done_at: tstz("done_at"),
    failed_at: tstz("failed_at"),
  },
  (t) => [
    index("jobs_due_idx").on(t.run_at).where(sql`done_at is null and failed_at is null`),
    uniqueIndex("jobs_singleton_key").on(t.singleton_key).where(sql`done_at is null and failed_at is null`),
  ],
);
