import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";

/** Messages to a user about a person's pathway (e.g. the former référent after a réorientation). */
export const notifications = pgTable(
  "notifications",
  {
    id: pk(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    person_id: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    message: text("message").notNull(),
    created_at: createdAt(),
    read_at: tstz("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.user_id, t.created_at)],
);
