// Validation of data·inclusion records against the official v1 JSON Schemas (reference/), with
// the errors said in French, one per field, and the closest valid value for an unknown one.
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { closestReferentialValue, type ReferentialValue } from "../../../../common/domain/directory.ts";
import { referencePath } from "../../../paths.ts";
import { SERVICE_REFERENTIALS, unknownValueMessage, type RecordIssue } from "../checks.ts";
import { closestStructureType } from "../../structures/structure-types.ts";

// ajv-formats is CommonJS: its default export is the plugin (or a module object holding it).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export type RecordKind = "structure" | "service";

let validators: Record<RecordKind, ValidateFunction> | undefined;

/** The official schema of a record kind (also used by the export tests). */
export function officialSchema(kind: RecordKind): Record<string, unknown> {
  return JSON.parse(readFileSync(referencePath("data-inclusion-schema", "schemas", "v1", `${kind}.json`), "utf8")) as Record<string, unknown>;
}

function compiled(): Record<RecordKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validators = { structure: ajv.compile(officialSchema("structure")), service: ajv.compile(officialSchema("service")) };
  return validators;
}

const PATTERN_MESSAGES: Record<string, string> = {
  siret: "Le SIRET doit contenir exactement 14 chiffres",
  code_postal: "Le code postal doit contenir 5 chiffres",
  code_insee: "Le code commune doit contenir 5 caractères (ex. 02408, 2A004)",
  zone_eligibilite: "Code invalide : commune (5 caractères), département (2 ou 3), EPCI (9 chiffres), pays (99xxx) ou « france »",
};

function display(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Preference among the errors of one field (the most telling first). */
const KEYWORD_RANK = ["required", "enum", "const", "format", "minLength", "maxLength", "pattern", "minimum", "maximum", "uniqueItems", "minItems", "type"];

function message(error: ErrorObject, field: string, value: unknown, kind: RecordKind): { message: string; code: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { message: "Champ requis", code: "required" };
    case "enum":
    case "const": {
      const list: readonly ReferentialValue[] | undefined = field === "reseaux_porteurs" ? undefined : SERVICE_REFERENTIALS[field];
      const text = String(value);
      const guess = field === "reseaux_porteurs" ? closestStructureType(text) : list ? closestReferentialValue(list, text) : undefined;
      return { message: unknownValueMessage(text, guess, list), code: "unknown_value" };
    }
    case "format":
      if (p.format === "email") return { message: "La valeur n'est pas un courriel valide", code: "invalid_email" };
      if (p.format === "uri") return { message: "La valeur doit être une URL valide", code: "invalid_url" };
      if (p.format === "date") return { message: "Date invalide : AAAA-MM-JJ attendu (ex. 2026-02-14)", code: "invalid_date" };
      return { message: "Format invalide", code: "invalid_format" };
    case "pattern":
      return { message: PATTERN_MESSAGES[field] ?? "Format invalide", code: "invalid_format" };
    case "minLength":
      return { message: `La chaîne doit contenir au moins ${String(p.limit)} caractères`, code: "too_short" };
    case "maxLength":
      return { message: `La chaîne doit contenir au plus ${String(p.limit)} caractères`, code: "too_long" };
    case "minimum":
      return { message: `La valeur doit être supérieure ou égale à ${String(p.limit)}`, code: "too_small" };
    case "maximum":
      return { message: `La valeur doit être inférieure ou égale à ${String(p.limit)}`, code: "too_big" };
    case "uniqueItems":
      return { message: "La liste contient deux fois la même valeur", code: "duplicate_value" };
    case "minItems":
      return { message: "La liste ne peut pas être vide (laissez la cellule vide)", code: "empty_list" };
    case "type": {
      const expected = String(p.type);
      if (expected === "integer") return { message: "La valeur doit être un entier valide", code: "invalid_type" };
      if (expected === "number") return { message: "La valeur doit être un nombre", code: "invalid_type" };
      if (expected === "array") return { message: "Une liste de valeurs est attendue", code: "invalid_type" };
      return { message: "La valeur doit être du texte", code: "invalid_type" };
    }
    default:
      return { message: kind === "service" ? "Valeur invalide pour un service data·inclusion" : "Valeur invalide pour une structure data·inclusion", code: "invalid" };
  }
}

/** Issues of one record against the official schema: at most one per field (or per list item). */
export function schemaIssues(kind: RecordKind, record: Record<string, unknown>): RecordIssue[] {
  const validate = compiled()[kind];
  if (validate(record)) return [];
  const best = new Map<string, { error: ErrorObject; field: string; value: unknown }>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === "anyOf") continue;
    // In a nullable field, "must be null" only says that the other branch failed.
    if (error.keyword === "type" && (error.params as { type?: string }).type === "null") continue;
    const segments = error.instancePath.split("/").filter(Boolean);
    const field = error.keyword === "required" ? String((error.params as { missingProperty: string }).missingProperty) : (segments[0] ?? "");
    const value = error.keyword === "required" ? undefined : segments.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record);
    const key = segments.length > 1 ? `${field}/${segments[1]}` : field;
    const current = best.get(key);
    const rank = (e: ErrorObject) => (KEYWORD_RANK.indexOf(e.keyword) + 100) % 100;
    if (!current || rank(error) < rank(current.error)) best.set(key, { error, field, value });
  }
  // A list item's error makes the list's own generic error redundant.
  const withItems = new Set([...best.keys()].filter((k) => k.includes("/")).map((k) => k.split("/")[0]));
  const issues: RecordIssue[] = [];
  for (const [key, { error, field, value }] of best) {
    if (!key.includes("/") && withItems.has(field) && error.keyword === "type") continue;
    const { message: text, code } = message(error, field, value, kind);
    issues.push({ field, value: display(value), message: text, code });
  }
  return issues.sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * Bounds the official schema does not state (it allows latitude 999): out-of-range numbers are
 * refused per record, with the reason. Also keeps `nombre_semaines` inside its integer column.
 */
const RANGES: Record<RecordKind, Record<string, { min: number; max: number; label: string; agreed?: string }>> = {
  structure: {
    latitude: { min: -90, max: 90, label: "La latitude" },
    longitude: { min: -180, max: 180, label: "La longitude" },
  },
  service: {
    latitude: { min: -90, max: 90, label: "La latitude" },
    longitude: { min: -180, max: 180, label: "La longitude" },
    volume_horaire_hebdomadaire: { min: 0, max: 168, label: "Le volume horaire hebdomadaire (heures par semaine)", agreed: "compris" },
    nombre_semaines: { min: 1, max: 520, label: "Le nombre de semaines", agreed: "compris" },
  },
};

export function rangeIssues(kind: RecordKind, record: Record<string, unknown>): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const [field, range] of Object.entries(RANGES[kind])) {
    const value = record[field];
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    if (value < range.min || value > range.max) {
      const fmt = (n: number) => n.toLocaleString("fr-FR");
      issues.push({ field, value: String(value), code: "out_of_range", message: `${range.label} doit être ${range.agreed ?? "comprise"} entre ${fmt(range.min)} et ${fmt(range.max)} (valeur : ${fmt(value)})` });
    }
  }
  return issues;
}
