import { type AnyPgColumn, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { orientations } from "../orientation/orientation.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";

/** Contracts of a person over time ("contrat d'engagement"; older files: CER, PPAE, CEJ, PACEA). */
export const contracts = pgTable(
  "contracts",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    objectives: text("objectives"),
    person_commitments: text("person_commitments"),
    structure_commitments: text("structure_commitments"),
    weekly_hours: integer("weekly_hours").notNull().default(15),
    weekly_hours_reason: text("weekly_hours_reason"),
    starts_on: date("starts_on", { mode: "string" }).notNull(),
    ends_on: date("ends_on", { mode: "string" }).notNull(),
    signed_on: date("signed_on", { mode: "string" }),
    /** manuscrite | electronique */
    signature_method: text("signature_method"),
    /** draft | signed | amended | ended (common/domain/contracts.ts). */
    status: text("status").notNull().default("draft"),
    ended_on: date("ended_on", { mode: "string" }),
    end_reason: text("end_reason"),
    /** The contract this one renews (at most one renewal per contract). */
    renewed_from_id: uuid("renewed_from_id").references((): AnyPgColumn => contracts.id),
    /** The structure committing with the person (the author's). */
    structure_id: uuid("structure_id").references(() => structures.id),
    /** The orientation in force when it was written. */
    orientation_id: uuid("orientation_id").references(() => orientations.id),
    version: integer("version").notNull().default(1),
    created_by_user_id: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    created_by_membership_id: uuid("created_by_membership_id").references(() => memberships.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("contracts_person_idx").on(t.person_id, t.starts_on), uniqueIndex("contracts_renewed_from_key").on(t.renewed_from_id)],
);

/** Every version of a contract, whole, with the fields that changed. */
export const contract_versions = pgTable(
  "contract_versions",
  {
    id: pk(),
    contract_id: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    fields: text("fields").array().notNull(),
    /** created | edited | signed | amended | ended */
    kind: text("kind").notNull().default("edited"),
    /** Why: the avenant's or the end's reason. */
    reason: text("reason"),
    author_user_id: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    author_membership_id: uuid("author_membership_id").references(() => memberships.id),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("contract_versions_contract_version_key").on(t.contract_id, t.version)],
);
