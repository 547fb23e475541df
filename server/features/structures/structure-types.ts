// Structure types: the data·inclusion "réseaux porteurs" referential
// (reference/data-inclusion-schema/schemas/v1/extra/reseaux-porteurs.json), read once, lazily.
import { readFileSync } from "node:fs";
import { closestMatch } from "../../../common/domain/closest.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import { referencePath } from "../../paths.ts";

export interface StructureType {
  value: string;
  label: string;
}

interface RawReferentialEntry {
  value: string;
  label: string;
  description: string | null;
}

/**
 * Names people commonly type for a type whose official value or label does not resemble them.
 * Keys are compared after `normalizeName`. Only used for suggestions, never to accept a value.
 */
const ALIASES: Record<string, string> = {
  "pole emploi": "france-travail",
  "ft": "france-travail",
  "conseil departemental": "departements",
  "departement": "departements",
  "cd": "departements",
  "ccas": "ccas-cias",
  "cias": "ccas-cias",
  "msa": "mutualite-sociale-agricole",
  "ml": "mission-locale",
  "mlj": "mission-locale",
  "mission locale jeunes": "mission-locale",
  "cap emploi": "cap-emploi-reseau-cheops",
  "region": "regions",
  "conseil regional": "regions",
  "mairie": "communes",
  "commune": "communes",
  "e2c": "ecoles-de-la-deuxieme-chance",
  "mds": "maisons-des-solidarites",
  "penitentiaire": "spip",
};

interface Referential {
  list: StructureType[];
  byValue: Map<string, StructureType>;
}

let referential: Referential | undefined;

function load(): Referential {
  if (referential) return referential;
  const path = referencePath("data-inclusion-schema", "schemas", "v1", "extra", "reseaux-porteurs.json");
  const raw = JSON.parse(readFileSync(path, "utf8")) as RawReferentialEntry[];
  if (!Array.isArray(raw) || raw.some((e) => typeof e.value !== "string" || typeof e.label !== "string")) {
    throw new Error(`${path}: expected an array of { value, label }`);
  }
  const list = raw
    .map((e) => ({ value: e.value, label: e.label }))
    .sort((a, b) => a.label.localeCompare(b.label, "fr", { sensitivity: "base" }));
  referential = { list, byValue: new Map(list.map((t) => [t.value, t])) };
  return referential;
}

/** Every structure type, sorted by label (French collation), for a select list. */
export function structureTypes(): StructureType[] {
  return load().list.map((t) => ({ ...t }));
}

/** The label of a type value ("mission-locale" → "Mission Locale"), undefined if unknown. */
export function structureTypeLabel(value: string): string | undefined {
  return load().byValue.get(value)?.label;
}

/** Whether `value` is exactly a value of the referential (case-sensitive, as data·inclusion requires). */
export function isStructureType(value: string): boolean {
  return load().byValue.has(value);
}

/**
 * The type value closest to what was typed (its value, its label, or a common name such as
 * "Pôle emploi" or "CCAS"), for an error message "Vouliez-vous dire « … » ?"; undefined if nothing
 * is close enough.
 */
export function closestStructureType(value: string): string | undefined {
  const ref = load();
  const alias = ALIASES[normalizeName(value)];
  if (alias !== undefined && ref.byValue.has(alias)) return alias;
  return closestMatch(value, ref.list, (t) => [t.value, t.label])?.value;
}
