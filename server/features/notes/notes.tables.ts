import { date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz } from "../../db/columns.ts";
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
    /** 1 when written, +1 at each correction by its author (the previous states are in note_versions). */
    version: integer("version").notNull().default(1),
    corrected_at: tstz("corrected_at"),
    /** Deleted by its author: hidden from everyone, its states kept in note_versions. */
    deleted_at: tstz("deleted_at"),
  },
  (t) => [index("notes_person_idx").on(t.person_id, t.occurred_on)],
);

/** The states of a note before each correction or its deletion (who replaced it, when). */
export const note_versions = pgTable(
  "note_versions",
  {
    id: pk(),
    note_id: uuid("note_id")
      .notNull()
      .references(() => notes.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    visibility: text("visibility").notNull(),
    contact_kind: text("contact_kind"),
    occurred_on: date("occurred_on", { mode: "string" }).notNull(),
    /** corrected | deleted: what happened to this state. */
    replaced_by: text("replaced_by").notNull(),
    replaced_by_user_id: uuid("replaced_by_user_id")
      .notNull()
      .references(() => users.id),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("note_versions_note_version_key").on(t.note_id, t.version)],
);
