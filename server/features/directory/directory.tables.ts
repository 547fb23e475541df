// The directory: services of structures, with every field of the data·inclusion v1 `service`
// schema (same names), their publication status in this platform, and search keys computed when
// they are written (eligibility, location, full-text vector).
import { sql } from "drizzle-orm";
import { customType, date, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { structures } from "../structures/structures.tables.ts";

/**
 * The directory is read far more than it is written: GIN indexes without a pending list
 * (fastupdate off) keep searches fast right after a large import, instead of scanning unmerged
 * entries until the next vacuum.
 */
const GIN_READ_OPTIMISED = { fastupdate: false };

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const services = pgTable(
  "services",
  {
    id: pk(),
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    /** "spie" for services written here, the producer's name for imported ones. */
    source: text("source").notNull(),
    /** The data·inclusion `id`: the producer's ("dora--42"), or "spie--<id>" for ours. */
    source_id: text("source_id").notNull(),
    /** draft | published | suspended | archived */
    status: text("status").notNull().default("draft"),
    /** A suspended service is visible again the day after this date. */
    suspended_until: date("suspended_until", { mode: "string" }),

    // data·inclusion v1 service
    nom: text("nom").notNull(),
    description: text("description").notNull(),
    type: text("type"),
    thematiques: text("thematiques").array(),
    frais: text("frais"),
    frais_precisions: text("frais_precisions"),
    publics: text("publics").array(),
    publics_precisions: text("publics_precisions"),
    conditions_acces: text("conditions_acces"),
    commune: text("commune"),
    code_insee: text("code_insee"),
    code_postal: text("code_postal"),
    adresse: text("adresse"),
    complement_adresse: text("complement_adresse"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    telephone: text("telephone"),
    courriel: text("courriel"),
    contact_nom_prenom: text("contact_nom_prenom"),
    modes_accueil: text("modes_accueil").array(),
    zone_eligibilite: text("zone_eligibilite").array(),
    modes_mobilisation: text("modes_mobilisation").array(),
    lien_mobilisation: text("lien_mobilisation"),
    mobilisable_par: text("mobilisable_par").array(),
    mobilisation_precisions: text("mobilisation_precisions"),
    volume_horaire_hebdomadaire: doublePrecision("volume_horaire_hebdomadaire"),
    nombre_semaines: integer("nombre_semaines"),
    horaires_accueil: text("horaires_accueil"),
    lien_source: text("lien_source"),
    date_maj: date("date_maj", { mode: "string" }).notNull(),

    // Search keys (see eligibility.ts), written with the record.
    eligibility: text("eligibility").array().notNull(),
    eligibility_departements: text("eligibility_departements").array().notNull(),
    location_departement: text("location_departement"),
    location_epci: text("location_epci"),
    /** French full text over the name (weight A) and the description (B), accents ignored. */
    search_vector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('spie_french'::regconfig, coalesce(nom, '')), 'A') || setweight(to_tsvector('spie_french'::regconfig, coalesce(description, '')), 'B')`,
    ),

    /** Hash of the last imported record: re-importing the same data changes nothing. */
    import_hash: text("import_hash"),
    created_by: uuid("created_by").references(() => users.id),
    updated_by: uuid("updated_by").references(() => users.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    uniqueIndex("services_source_key").on(t.source, t.source_id),
    index("services_structure_idx").on(t.structure_id),
    index("services_eligibility_idx").using("gin", t.eligibility).with(GIN_READ_OPTIMISED),
    index("services_eligibility_departements_idx").using("gin", t.eligibility_departements).with(GIN_READ_OPTIMISED),
    index("services_thematiques_idx").using("gin", t.thematiques).with(GIN_READ_OPTIMISED),
    index("services_search_vector_idx").using("gin", t.search_vector).with(GIN_READ_OPTIMISED),
  ],
);

/** A correction suggested by a professional, for the structure's admins to handle. */
export const service_suggestions = pgTable(
  "service_suggestions",
  {
    id: pk(),
    service_id: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    author_user_id: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    message: text("message").notNull(),
    /** open | done | dismissed */
    status: text("status").notNull().default("open"),
    created_at: createdAt(),
    handled_at: tstz("handled_at"),
    handled_by: uuid("handled_by").references(() => users.id),
  },
  (t) => [index("service_suggestions_service_idx").on(t.service_id)],
);
