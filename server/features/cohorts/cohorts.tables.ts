import { sql } from "drizzle-orm";
import { date, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CohortCriteria } from "../../../common/schemas/cohorts.ts";
import { createdAt, pk, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";

/**
 * A cohort of a territory: people followed together over a period. Committees refer to cohorts by
 * this id ("cohorts served"): keep it stable.
 */
export const cohorts = pgTable(
  "cohorts",
  {
    id: pk(),
    territory_id: uuid("territory_id")
      .notNull()
      .references(() => territories.id),
    name: text("name").notNull(),
    /** Validated by common/schemas/cohorts.ts cohortCriteria. */
    criteria: jsonb("criteria").$type<CohortCriteria>().notNull().default({}),
    starts_on: date("starts_on", { mode: "string" }).notNull(),
    ends_on: date("ends_on", { mode: "string" }),
    expected_outcomes: text("expected_outcomes"),
    created_by: uuid("created_by").references(() => users.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("cohorts_territory_idx").on(t.territory_id, t.name)],
);

/** A person's stay in a cohort: from joined_on to left_on (null while a member), with why they left. */
export const cohort_members = pgTable(
  "cohort_members",
  {
    id: pk(),
    cohort_id: uuid("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    joined_on: date("joined_on", { mode: "string" }).notNull(),
    left_on: date("left_on", { mode: "string" }),
    /** common/domain/cohorts.ts COHORT_EXIT_REASONS */
    exit_reason: text("exit_reason"),
    exit_comment: text("exit_comment"),
    /** hand | criteria */
    added_how: text("added_how").notNull(),
    added_by_user_id: uuid("added_by_user_id").references(() => users.id),
    added_by_membership_id: uuid("added_by_membership_id").references(() => memberships.id),
    removed_by_user_id: uuid("removed_by_user_id").references(() => users.id),
    created_at: createdAt(),
  },
  (t) => [
    // One current stay per person and cohort; past stays stay as history.
    uniqueIndex("cohort_members_active_key").on(t.cohort_id, t.person_id).where(sql`left_on is null`),
    index("cohort_members_cohort_idx").on(t.cohort_id, t.joined_on),
    index("cohort_members_person_idx").on(t.person_id),
  ],
);
