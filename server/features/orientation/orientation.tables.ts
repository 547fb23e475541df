import { sql } from "drizzle-orm";
import { boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TerritorySettingsBody } from "../../../common/schemas/orientation.ts";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";

/** Orientation decisions; the latest (by decision date, then creation) is the current one. */
export const orientations = pgTable(
  "orientations",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** professionnelle | socio-professionnelle | sociale */
    track: text("track").notNull(),
    /** The organisme référent. */
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    referent_membership_id: uuid("referent_membership_id").references(() => memberships.id),
    decided_on: date("decided_on", { mode: "string" }).notNull(),
    notified_on: date("notified_on", { mode: "string" }).notNull(),
    reason: text("reason"),
    /** Null when the file lacked the minimum information for a recommendation. */
    recommended_track: text("recommended_track"),
    /** The recommendation when deciding: { score, reasons, diagnostic_version }. */
    recommendation: jsonb("recommendation").$type<{ score: number; reasons: string[]; diagnostic_version: number }>().notNull(),
    is_reorientation: boolean("is_reorientation").notNull().default(false),
    decided_by_user_id: uuid("decided_by_user_id")
      .notNull()
      .references(() => users.id),
    decided_by_membership_id: uuid("decided_by_membership_id").references(() => memberships.id),
    created_at: createdAt(),
  },
  (t) => [index("orientations_person_idx").on(t.person_id, t.decided_on)],
);

export const reorientation_requests = pgTable(
  "reorientation_requests",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The orientation being revised. */
    orientation_id: uuid("orientation_id")
      .notNull()
      .references(() => orientations.id),
    reason: text("reason").notNull(),
    proposed_track: text("proposed_track"),
    proposed_structure_id: uuid("proposed_structure_id").references(() => structures.id),
    /** pending | accepted | refused */
    status: text("status").notNull().default("pending"),
    requested_by_user_id: uuid("requested_by_user_id")
      .notNull()
      .references(() => users.id),
    requested_by_membership_id: uuid("requested_by_membership_id").references(() => memberships.id),
    created_at: createdAt(),
    decided_at: tstz("decided_at"),
    decided_by_user_id: uuid("decided_by_user_id").references(() => users.id),
    decided_by_membership_id: uuid("decided_by_membership_id").references(() => memberships.id),
    decision_reason: text("decision_reason"),
    resulting_orientation_id: uuid("resulting_orientation_id").references(() => orientations.id),
  },
  (t) => [uniqueIndex("reorientation_requests_pending_key").on(t.person_id).where(sql`status = 'pending'`), index("reorientation_requests_person_idx").on(t.person_id)],
);

/** A territory's settings of the pathway rules (orientation thresholds, who decides, deadlines). */
export const territory_settings = pgTable("territory_settings", {
  territory_id: uuid("territory_id")
    .primaryKey()
    .references(() => territories.id, { onDelete: "cascade" }),
  settings: jsonb("settings").$type<TerritorySettingsBody>().notNull().default({}),
  updated_at: updatedAt(),
  updated_by: uuid("updated_by").references(() => users.id),
});
