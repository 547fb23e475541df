import { bigserial, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships } from "../structures/structures.tables.ts";
import { people } from "../people/people.tables.ts";

/**
 * Every read and write of a person's data: who, through which membership, when, what, which route, why.
 *
 * Partitioned by month on `at` (declarative `PARTITION BY RANGE`, see `partitions.ts` and
 * `docs/security.md`): one partition per calendar month (UTC), `access_log_YYYY_MM`, created ahead
 * by a job and when the app migrates, plus `access_log_default` so that an insert never fails. The
 * primary key includes the partition key. Drizzle does not know about partitions: the table was
 * converted by a hand-written migration (`0012_access_log_partitioned`).
 */
export const access_log = pgTable(
  "access_log",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    at: tstz("at").notNull().defaultNow(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    membership_id: uuid("membership_id").references(() => memberships.id),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** read | list | create | update */
    action: text("action").notNull(),
    /** person | team | access_log | timeline | join_request… */
    resource: text("resource").notNull(),
    /** "GET /api/v1/people/:id" */
    route: text("route").notNull(),
    /** Why access was granted: team | coordinator | creator | duplicate_check */
    reason: text("reason").notNull(),
    /** session | token */
    via: text("via").notNull(),
    request_id: text("request_id"),
  },
  (t) => [
    primaryKey({ name: "access_log_pkey", columns: [t.id, t.at] }),
    /** "Who read this file", most recent first. */
    index("access_log_person_at_idx").on(t.person_id, t.at.desc().nullsFirst()),
    /** "What did this user read", most recent first. */
    index("access_log_user_at_idx").on(t.user_id, t.at.desc().nullsFirst()),
  ],
);
