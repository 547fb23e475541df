// Checks of a service or structure record that JSON Schema cannot express, shared by the editing
// API and the import: referential values (with the closest valid value as a suggestion), existing
// communes and zone codes, names without a trailing dot, `tous-publics` alone. Pure functions.
import {
  FRAIS,
  MODES_ACCUEIL,
  MODES_MOBILISATION,
  PERSONNES_MOBILISATRICES,
  PUBLICS,
  THEMATIQUES,
  TOUS_PUBLICS,
  TYPES_SERVICE,
  closestReferentialValue,
  endsWithStrayDot,
  isReferentialValue,
  type ReferentialValue,
} from "../../../common/domain/directory.ts";
import { getCommune } from "../territories/geography.ts";
import { closestStructureType, isStructureType } from "../structures/structure-types.ts";
import { zoneKeys } from "./eligibility.ts";

export interface RecordIssue {
  field: string;
  value: string | null;
  message: string;
  code: string;
}

/** Referential of each list or value field of a service. */
export const SERVICE_REFERENTIALS: Record<string, readonly ReferentialValue[]> = {
  type: TYPES_SERVICE,
  thematiques: THEMATIQUES,
  frais: FRAIS,
  publics: PUBLICS,
  modes_accueil: MODES_ACCUEIL,
  modes_mobilisation: MODES_MOBILISATION,
  mobilisable_par: PERSONNES_MOBILISATRICES,
};

/** "La valeur « x » n'existe pas. Vouliez-vous dire « y » ?" — or the valid values when the list is short. */
export function unknownValueMessage(value: string, suggestion: string | undefined, list?: readonly ReferentialValue[]): string {
  if (suggestion) return `La valeur « ${value} » n'existe pas. Vouliez-vous dire « ${suggestion} » ?`;
  if (list && list.length <= 6) return `La valeur « ${value} » n'existe pas. Valeurs possibles : ${list.map((e) => `« ${e.value} »`).join(", ")}.`;
  return `La valeur « ${value} » n'existe pas.`;
}

/** An issue for a value that is not in a referential, with the closest valid value. */
export function unknownValueIssue(field: string, value: string, list: readonly ReferentialValue[], options: { categories?: boolean } = {}): RecordIssue {
  return { field, value, code: "unknown_value", message: unknownValueMessage(value, closestReferentialValue(list, value, options), list) };
}

function asList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export interface ServiceLike {
  nom?: unknown;
  code_insee?: unknown;
  zone_eligibilite?: unknown;
  publics?: unknown;
  [field: string]: unknown;
}

/** Referential checks of a service's values (the API checks them here; the import through the JSON Schema enums). */
export function serviceReferentialIssues(record: ServiceLike): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const [field, list] of Object.entries(SERVICE_REFERENTIALS)) {
    for (const value of asList(record[field])) if (!isReferentialValue(list, value)) issues.push(unknownValueIssue(field, value, list));
  }
  return issues;
}

/** What JSON Schema does not say about a data·inclusion service. */
export function serviceRuleIssues(record: ServiceLike): RecordIssue[] {
  const issues: RecordIssue[] = [];
  if (typeof record.nom === "string" && endsWithStrayDot(record.nom)) {
    issues.push({ field: "nom", value: record.nom, code: "trailing_dot", message: "Le nom du service ne doit pas se terminer par un point." });
  }
  if (typeof record.code_insee === "string" && record.code_insee && !getCommune(record.code_insee)) {
    issues.push({ field: "code_insee", value: record.code_insee, code: "unknown_commune", message: `Le code commune ${record.code_insee} n'existe pas` });
  }
  const zone = asList(record.zone_eligibilite);
  for (const code of zoneKeys(zone).invalid) {
    issues.push({ field: "zone_eligibilite", value: code, code: "unknown_zone", message: `Le code « ${code} » n'est ni une commune, ni un département, ni un EPCI, ni un pays (COG de l'INSEE)` });
  }
  const publics = asList(record.publics);
  if (publics.includes(TOUS_PUBLICS) && publics.length > 1) {
    issues.push({ field: "publics", value: publics.join(", "), code: "tous_publics_alone", message: "« tous-publics » ne peut pas être combiné avec d'autres publics." });
  }
  return issues;
}

/** What JSON Schema does not say about a data·inclusion structure. */
export function structureRuleIssues(record: { nom?: unknown; code_insee?: unknown; reseaux_porteurs?: unknown }, options: { checkReseaux?: boolean } = {}): RecordIssue[] {
  const issues: RecordIssue[] = [];
  if (typeof record.nom === "string" && endsWithStrayDot(record.nom)) {
    issues.push({ field: "nom", value: record.nom, code: "trailing_dot", message: "Le nom de la structure ne doit pas se terminer par un point." });
  }
  if (typeof record.code_insee === "string" && record.code_insee && !getCommune(record.code_insee)) {
    issues.push({ field: "code_insee", value: record.code_insee, code: "unknown_commune", message: `Le code commune ${record.code_insee} n'existe pas` });
  }
  if (options.checkReseaux) {
    for (const value of asList(record.reseaux_porteurs)) {
      if (!isStructureType(value)) {
        const guess = closestStructureType(value);
        issues.push({ field: "reseaux_porteurs", value, code: "unknown_value", message: unknownValueMessage(value, guess) });
      }
    }
  }
  return issues;
}
