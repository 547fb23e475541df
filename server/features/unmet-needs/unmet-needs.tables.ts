// Unmet needs ("besoins sans solution"): recorded by a professional when a search of the directory,
// a refusal or an expiry leaves a person (or a demand) without a fitting service.
import { sql } from "drizzle-orm";
import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { services } from "../directory/directory.tables.ts";
import { referrals } from "../referrals/referrals.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";

export const unmet_needs = pgTable(
  "unmet_needs",
  {
    id: pk(),
    /** One of the 10 SPIE thematic slugs (common/domain/thematics.ts). */
    thematic: text("thematic").notNull(),
    /** Current INSEE code of the commune; its EPCI, département and territory are stored with it. */
    commune_code: text("commune_code").notNull(),
    epci_code: text("epci_code"),
    departement_code: text("departement_code").notNull(),
    /** The territory whose perimeter holds the commune (else the recording structure's territory). */
    territory_id: uuid("territory_id").references(() => territories.id),
    /** The directory's eligibility keys of the commune (eligibility.ts communeKeys): a service fits when its `eligibility` overlaps them. */
    eligibility_keys: text("eligibility_keys").array().notNull(),
    description: text("description").notNull(),
    /** normal | urgent */
    urgency: text("urgency").notNull().default("normal"),
    person_id: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    /** The referral refused or expired that left the need (one of the need's person), or the one that solved it. */
    referral_id: uuid("referral_id").references(() => referrals.id, { onDelete: "set null" }),
    /** The service that solved the need. */
    service_id: uuid("service_id").references(() => services.id, { onDelete: "set null" }),
    /** open | solved | abandoned */
    status: text("status").notNull().default("open"),
    closed_at: tstz("closed_at"),
    closed_by_user_id: uuid("closed_by_user_id").references(() => users.id),
    closed_reason: text("closed_reason"),
    created_by_user_id: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    created_by_membership_id: uuid("created_by_membership_id").references(() => memberships.id),
    created_by_structure_id: uuid("created_by_structure_id").references(() => structures.id),
    created_at: createdAt(),
    updated_at: tstz("updated_at"),
  },
  (t) => [
    index("unmet_needs_territory_idx").on(t.territory_id, t.created_at),
    index("unmet_needs_author_idx").on(t.created_by_user_id, t.created_at),
    index("unmet_needs_open_thematic_idx").on(t.thematic).where(sql`${t.status} = 'open'`),
    index("unmet_needs_person_idx").on(t.person_id),
  ],
);

/** Which services each need's author was already told about (the alert job sends each pair once). */
export const unmet_need_alerts = pgTable(
  "unmet_need_alerts",
  {
    need_id: uuid("need_id")
      .notNull()
      .references(() => unmet_needs.id, { onDelete: "cascade" }),
    service_id: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    message_id: uuid("message_id"),
    created_at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.need_id, t.service_id] })],
);
