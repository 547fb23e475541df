import { date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { services } from "../directory/directory.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships } from "../structures/structures.tables.ts";

/** Objectives of the action plan, one thematic each. */
export const objectives = pgTable(
  "objectives",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    thematic: text("thematic").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** open | achieved | abandoned */
    status: text("status").notNull().default("open"),
    created_by_user_id: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    created_by_membership_id: uuid("created_by_membership_id").references(() => memberships.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("objectives_person_idx").on(t.person_id)],
);

/** Actions of an objective; person_id is the objective's, kept here for the flat plan. */
export const actions = pgTable(
  "actions",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    objective_id: uuid("objective_id")
      .notNull()
      .references(() => objectives.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    /** planned | in_progress | done | abandoned | cancelled */
    status: text("status").notNull().default("planned"),
    planned_on: date("planned_on", { mode: "string" }),
    due_on: date("due_on", { mode: "string" }),
    started_on: date("started_on", { mode: "string" }),
    ended_on: date("ended_on", { mode: "string" }),
    /**
     * A service of the directory; its name is stored too (service_label), so the action stays
     * readable if the service is archived or removed.
     */
    service_id: uuid("service_id").references(() => services.id, { onDelete: "set null" }),
    service_label: text("service_label"),
    carried_by: text("carried_by"),
    created_by_user_id: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    created_by_membership_id: uuid("created_by_membership_id").references(() => memberships.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("actions_person_idx").on(t.person_id), index("actions_objective_idx").on(t.objective_id)],
);
