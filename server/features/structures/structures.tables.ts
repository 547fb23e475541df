import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
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
    // data·inclusion v1 structure fields (directory). `source` is "spie" for the platform's own
    // structures, the producer's name for imported ones, whose id at the producer is `source_id`.
    source: text("source").notNull().default("spie"),
    source_id: text("source_id"),
    /** The commune's name as the producer wrote it (imported records). */
    commune: text("commune"),
    description: text("description"),
    /** data·inclusion "réseaux porteurs" values (`type` is the main one). */
    reseaux_porteurs: text("reseaux_porteurs").array(),
    horaires_accueil: text("horaires_accueil"),
    accessibilite_lieu: text("accessibilite_lieu"),
    lien_source: text("lien_source"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** Last update at the producer (imported) or in the directory. */
    date_maj: date("date_maj", { mode: "string" }),
    /** Hash of the last imported record: re-importing the same data changes nothing. */
    import_hash: text("import_hash"),
    /** Deactivated: its members lose access (their memberships stop counting), its history stays. */
    deactivated_at: tstz("deactivated_at"),
    /**
     * A directory record (imported) claimed by a platform structure: they are one. Its services moved
     * to the platform structure, later imports of the record land there too, and the record itself
     * is no longer listed.
     */
    claimed_by_id: uuid("claimed_by_id").references((): AnyPgColumn => structures.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("structures_territory_idx").on(t.territory_id),
    // Imported producers may share a SIRET (a siège for several places): unique among the platform's own.
    uniqueIndex("structures_siret_key").on(t.siret).where(sql`source = 'spie'`),
    uniqueIndex("structures_source_key").on(t.source, t.source_id),
  ],
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
