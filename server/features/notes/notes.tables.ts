import { date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships } from "../structures/structures.tables.ts";

/** Notes of the pathway; who reads them depends on their visibility (server/policy/people.ts). */
export const notes = pgTable(
  "notes",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** team | author | person */
    visibility: text("visibility").notNull(),
    /** Set when the note records a contact with the person. */
    contact_kind: text("contact_kind"),
    occurred_on: date("occurred_on", { mode: "string" }).notNull(),
    author_user_id: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    author_membership_id: uuid("author_membership_id").references(() => memberships.id),
    created_at: createdAt(),
  },
  (t) => [index("notes_person_idx").on(t.person_id, t.occurred_on)],
);
