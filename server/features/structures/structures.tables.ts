import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { territories } from "../territories/territories.tables.ts";
import { users } from "../auth/auth.tables.ts";

export const structures = pgTable(
  "structures",
  {
    id: pk(),
    name: text("name").notNull(),
    siret: text("siret"),
    /** data·inclusion "réseaux porteurs" value */
    type: text("type"),
    street: text("street"),
    complement: text("complement"),
    postal_code: text("postal_code"),
    commune_code: text("commune_code"),
    email: text("email"),
    phone: text("phone"),
    website: text("website"),
    territory_id: uuid("territory_id").references(() => territories.id),
    /** Its very name reveals sensitive information (judicial, medical, addiction…). */
    sensitive: boolean("sensitive").notNull().default(false),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("structures_territory_idx").on(t.territory_id), uniqueIndex("structures_siret_key").on(t.siret)],
);

/** One account may belong to several structures, with a role in each. */
export const memberships = pgTable(
  "memberships",
  {
    id: pk(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    /** professional | structure_admin | coordinator | steering */
    role: text("role").notNull(),
    created_at: createdAt(),
    ended_at: tstz("ended_at"),
  },
  (t) => [
    index("memberships_user_idx").on(t.user_id),
    index("memberships_structure_idx").on(t.structure_id),
    uniqueIndex("memberships_active_key").on(t.user_id, t.structure_id, t.role).where(sql`ended_at is null`),
  ],
);
