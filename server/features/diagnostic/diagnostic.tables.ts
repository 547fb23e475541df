import { integer, index, jsonb, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DiagnosticContent } from "../../../common/domain/diagnostic.ts";
import { createdAt, pk } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships } from "../structures/structures.tables.ts";

/** Every saved version of a person's diagnostic, whole; the highest version is the current one. */
export const diagnostic_versions = pgTable(
  "diagnostic_versions",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").$type<DiagnosticContent>().notNull(),
    author_user_id: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    author_membership_id: uuid("author_membership_id").references(() => memberships.id),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("diagnostic_versions_person_version_key").on(t.person_id, t.version), index("diagnostic_versions_person_idx").on(t.person_id)],
);
