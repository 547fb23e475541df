// Directory API (services of structures, data·inclusion v1 fields): request and response schemas,
// shared by the routes (validation, OpenAPI) and the web forms. Referential values are checked by
// the server against the official lists, with a "Vouliez-vous dire « … » ?" suggestion.
import { z } from "../zod.ts";
import { SERVICE_STATUSES } from "../domain/directory.ts";
import { THEMATIC_SLUGS } from "../domain/thematics.ts";
import { communeCode, id, isoDate, pageQuery, webUrl } from "./common.ts";

const text = (max: number) => z.string().trim().max(max);
const nullableText = (max = 2000) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));
const values = z.array(z.string().trim().min(1).max(200)).max(100);
const url = webUrl(2083)
  .nullish()
  .transform((v) => v ?? null);

/** The fields of a service a structure admin writes (data·inclusion v1 names). */
export const serviceFields = {
  nom: z
    .string()
    .trim()
    .min(3, "Le nom doit contenir au moins 3 caractères")
    .max(150, "Le nom doit contenir au plus 150 caractères"),
  description: z
    .string()
    .trim()
    .min(5, "La description doit contenir au moins 5 caractères")
    .max(10_000, "La description doit contenir au plus 10 000 caractères"),
  type: z.string().trim().max(100).nullish(),
  thematiques: values.optional(),
  frais: z.string().trim().max(100).nullish(),
  frais_precisions: nullableText(),
  publics: values.optional(),
  publics_precisions: nullableText(),
  conditions_acces: nullableText(),
  adresse: nullableText(300),
  complement_adresse: nullableText(300),
  code_postal: z
    .string()
    .trim()
    .regex(/^\d{5}$/, "Code postal invalide (5 chiffres)")
    .nullish(),
  code_insee: communeCode.nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  telephone: text(30).nullish(),
  courriel: z.email("Adresse électronique invalide (exemple : nom@domaine.fr)").max(254).nullish(),
  contact_nom_prenom: nullableText(200),
  modes_accueil: values.optional(),
  zone_eligibilite: values.optional(),
  modes_mobilisation: values.optional(),
  lien_mobilisation: url,
  mobilisable_par: values.optional(),
  mobilisation_precisions: nullableText(),
  volume_horaire_hebdomadaire: z.number().min(0).max(168).nullish(),
  nombre_semaines: z.number().int().min(1).max(520).nullish(),
  horaires_accueil: nullableText(500),
  status: z.enum(SERVICE_STATUSES).optional(),
  suspended_until: isoDate.nullish(),
};

export const serviceCreateBody = z.strictObject(serviceFields);
export type ServiceCreateBody = z.infer<typeof serviceCreateBody>;
export const serviceUpdateBody = z.strictObject(serviceFields).partial();
export type ServiceUpdateBody = z.infer<typeof serviceUpdateBody>;

const structureRef = z.object({ id, nom: z.string(), commune: z.string().nullable(), code_insee: z.string().nullable() });

/** A service as the directory shows it. */
export const service = z.object({
  id,
  /** data·inclusion `id` and `source` */
  source_id: z.string(),
  source: z.string(),
  status: z.enum(SERVICE_STATUSES),
  suspended_until: z.string().nullable(),
  structure: structureRef,
  nom: z.string(),
  description: z.string(),
  type: z.string().nullable(),
  thematiques: z.array(z.string()),
  spie_thematiques: z.array(z.enum(THEMATIC_SLUGS)),
  frais: z.string().nullable(),
  frais_precisions: z.string().nullable(),
  publics: z.array(z.string()),
  publics_precisions: z.string().nullable(),
  conditions_acces: z.string().nullable(),
  adresse: z.string().nullable(),
  complement_adresse: z.string().nullable(),
  code_postal: z.string().nullable(),
  code_insee: z.string().nullable(),
  commune: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  telephone: z.string().nullable(),
  courriel: z.string().nullable(),
  contact_nom_prenom: z.string().nullable(),
  modes_accueil: z.array(z.string()),
  zone_eligibilite: z.array(z.string()),
  modes_mobilisation: z.array(z.string()),
  lien_mobilisation: z.string().nullable(),
  mobilisable_par: z.array(z.string()),
  mobilisation_precisions: z.string().nullable(),
  volume_horaire_hebdomadaire: z.number().nullable(),
  nombre_semaines: z.number().nullable(),
  horaires_accueil: z.string().nullable(),
  lien_source: z.string().nullable(),
  date_maj: z.string(),
  /** Not updated for 6 months (penalised by the national quality score). */
  stale: z.boolean(),
  /** Offered only remotely. */
  remote: z.boolean(),
  permissions: z.object({ update: z.boolean(), suggest: z.boolean() }),
});
export type Service = z.infer<typeof service>;

export const PROXIMITIES = ["commune", "epci", "departement", "ailleurs", "a-distance"] as const;
export type Proximity = (typeof PROXIMITIES)[number];

export const serviceSearchItem = service.extend({
  /** Where the service is relative to the searched commune or département (null without one). */
  proximity: z.enum(PROXIMITIES).nullable(),
  /** Kilometres from the given coordinates, when both sides have some. */
  distance_km: z.number().nullable(),
});
export type ServiceSearchItem = z.infer<typeof serviceSearchItem>;

const facet = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));
export const serviceSearchResult = z.object({
  items: z.array(serviceSearchItem),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  facets: z.object({ thematiques: facet, types: facet, publics: facet }),
});
export type ServiceSearchResult = z.infer<typeof serviceSearchResult>;

/** A list filter: repeated parameters or comma-separated values ("a,b" or "x=a&x=b"). */
const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .optional();

export const SEARCH_FILTERS = ["thematiques", "publics", "types", "frais", "modes_accueil"] as const;

export const serviceSearchQuery = z.strictObject({
  code_insee: communeCode.optional(),
  departement: z
    .string()
    .trim()
    .regex(/^(\d{2,3}|2[AB])$/i, "Code département invalide (ex. 02, 2A, 976)")
    .optional(),
  thematiques: listParam,
  spie_thematique: z.enum(THEMATIC_SLUGS).optional(),
  publics: listParam,
  types: listParam,
  frais: listParam,
  modes_accueil: listParam,
  q: z.string().trim().max(200).optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  ...pageQuery,
});
export type ServiceSearchQuery = z.infer<typeof serviceSearchQuery>;

/** A structure of the directory (data·inclusion v1 fields) with its visible services. */
export const directoryStructure = z.object({
  id,
  source: z.string(),
  source_id: z.string(),
  nom: z.string(),
  siret: z.string().nullable(),
  description: z.string().nullable(),
  reseaux_porteurs: z.array(z.string()),
  adresse: z.string().nullable(),
  complement_adresse: z.string().nullable(),
  code_postal: z.string().nullable(),
  code_insee: z.string().nullable(),
  commune: z.string().nullable(),
  telephone: z.string().nullable(),
  courriel: z.string().nullable(),
  site_web: z.string().nullable(),
  horaires_accueil: z.string().nullable(),
  accessibilite_lieu: z.string().nullable(),
  lien_source: z.string().nullable(),
  date_maj: z.string().nullable(),
  services: z.array(service),
  permissions: z.object({ manage_services: z.boolean() }),
});
export type DirectoryStructure = z.infer<typeof directoryStructure>;

/** The services of a structure, for its admins (drafts included, stale ones counted). */
export const structureServices = z.object({ items: z.array(service), stale_count: z.number().int(), open_suggestions: z.number().int() });

export const suggestionBody = z.strictObject({
  message: z.string().trim().min(10, "Décrivez la correction en 10 caractères au moins").max(2000),
});
export type SuggestionBody = z.infer<typeof suggestionBody>;
export const SUGGESTION_STATUSES = ["open", "done", "dismissed"] as const;
export const suggestion = z.object({
  id,
  service: z.object({ id, nom: z.string() }),
  author: z.object({ name: z.string() }),
  message: z.string(),
  status: z.enum(SUGGESTION_STATUSES),
  created_at: z.string(),
});
export const suggestionList = z.object({ items: z.array(suggestion) });
export const suggestionUpdateBody = z.strictObject({ status: z.enum(["done", "dismissed"]) });

// ---- Import ----------------------------------------------------------------------------------

export const importIssue = z.object({
  /** "Structures", "Services", or "structures"/"services" for JSON files. */
  sheet: z.string(),
  /** Spreadsheet row (1 = header) or position in the JSON list (1-based); null for the whole file. */
  row: z.number().int().nullable(),
  /** data·inclusion id of the record, when known. */
  id: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  code: z.string(),
});
export type ImportIssue = z.infer<typeof importIssue>;

const importCounts = z.object({
  received: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const importReport = z.object({
  format: z.enum(["xlsx", "json"]),
  source: z.string(),
  dry_run: z.boolean(),
  structures: importCounts,
  services: importCounts,
  errors: z.array(importIssue),
  /** Errors beyond the first 5,000, counted but not listed (their rows are counted invalid). */
  errors_omitted: z.number().int(),
  warnings: z.array(importIssue),
});
export type ImportReport = z.infer<typeof importReport>;

/** A large import running as a job: `POST` answers 202 with it, `GET /api/v1/imports/{id}` follows it. */
export const importJob = z.object({
  id,
  status: z.enum(["queued", "running", "done", "failed"]),
  /** While running: validation of the rows, then writing in batches. */
  phase: z.enum(["validation", "ecriture"]).nullable(),
  /** Rows validated (phase validation) or written (phase ecriture) so far, out of `total`. */
  done: z.number().int(),
  total: z.number().int(),
  source: z.string(),
  dry_run: z.boolean(),
  filename: z.string().nullable(),
  /** Why the import failed (French), when `status` is failed. */
  error: z.string().nullable(),
  /** The report, when `status` is done. */
  report: importReport.nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;
export const importJobParams = z.strictObject({ id });

export const importQuery = z.strictObject({
  /** Producer name for records that carry none (spreadsheets). Default: the file name. */
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Source invalide : lettres minuscules, chiffres et tirets (ex. dora, cd02)")
    .optional(),
  dry_run: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
