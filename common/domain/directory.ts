// The data·inclusion v1 referentials of the directory (thématiques, publics, types, frais, modes…),
// read from the official JSON files copied in reference/ (never retyped), and the pure rules built
// on them: a category expands to its sub-values, a SPIE thematic maps to data·inclusion categories,
// an unknown value gets the closest valid one as a suggestion. Shared by the server and the web app.
import thematiquesJson from "../../reference/data-inclusion-schema/schemas/v1/extra/thematiques.json" with { type: "json" };
import publicsJson from "../../reference/data-inclusion-schema/schemas/v1/extra/publics.json" with { type: "json" };
import typesJson from "../../reference/data-inclusion-schema/schemas/v1/extra/types-de-services.json" with { type: "json" };
import fraisJson from "../../reference/data-inclusion-schema/schemas/v1/extra/frais.json" with { type: "json" };
import modesAccueilJson from "../../reference/data-inclusion-schema/schemas/v1/extra/modes-accueil.json" with { type: "json" };
import modesMobilisationJson from "../../reference/data-inclusion-schema/schemas/v1/extra/modes-mobilisation.json" with { type: "json" };
import personnesMobilisatricesJson from "../../reference/data-inclusion-schema/schemas/v1/extra/personnes-mobilisatrices.json" with { type: "json" };
import { closestMatch, levenshtein } from "./closest.ts";
import { normalizeName } from "./text.ts";
import { THEMATICS, type ThematicSlug } from "./thematics.ts";

export interface ReferentialValue {
  value: string;
  label: string;
  description: string | null;
}

/**
 * Labels of the official files shown corrected (a missing accent): the value (the slug exchanged
 * with data·inclusion) is never changed, only the French text shown.
 */
export const LABEL_CORRECTIONS: Readonly<Record<string, string>> = {
  "aide-materielle": "Aide matérielle",
};

function referential(raw: readonly { value: string; label: string; description: string | null }[]): readonly ReferentialValue[] {
  return raw.map((e) => ({ value: e.value, label: LABEL_CORRECTIONS[e.value] ?? e.label, description: e.description }));
}

export const THEMATIQUES = referential(thematiquesJson);
export const PUBLICS = referential(publicsJson);
export const TYPES_SERVICE = referential(typesJson);
export const FRAIS = referential(fraisJson);
export const MODES_ACCUEIL = referential(modesAccueilJson);
export const MODES_MOBILISATION = referential(modesMobilisationJson);
export const PERSONNES_MOBILISATRICES = referential(personnesMobilisatricesJson);

/** `tous-publics` matches any public filter and may not be combined with other publics. */
export const TOUS_PUBLICS = "tous-publics";
/** Separator between a category and its sub-value in a data·inclusion thématique. */
const CATEGORY_SEPARATOR = "--";

/**
 * Display names of the categories: the referential lists only sub-values ("mobilite--preparer-un-permis"),
 * so the category part has no label of its own there. Used for display only; the list of categories
 * is always derived from the referential (an unknown category falls back to its slug).
 */
const CATEGORY_LABELS: Record<string, string> = {
  "choisir-un-metier": "Choisir un métier",
  "creer-une-entreprise": "Créer une entreprise",
  "difficultes-administratives-ou-juridiques": "Difficultés administratives ou juridiques",
  "difficultes-financieres": "Difficultés financières",
  "equipement-et-alimentation": "Équipement et alimentation",
  famille: "Famille",
  "lecture-ecriture-calcul": "Lecture, écriture, calcul",
  "logement-hebergement": "Logement et hébergement",
  mobilite: "Mobilité",
  numerique: "Numérique",
  "preparer-sa-candidature": "Préparer sa candidature",
  remobilisation: "Remobilisation",
  sante: "Santé",
  "se-former": "Se former",
  "souvrir-a-linternational": "S'ouvrir à l'international",
  "trouver-un-emploi": "Trouver un emploi",
};

export function categoryOf(thematique: string): string {
  const at = thematique.indexOf(CATEGORY_SEPARATOR);
  return at === -1 ? thematique : thematique.slice(0, at);
}

export interface ThematiqueCategory {
  value: string;
  label: string;
  /** Its sub-values, in the referential's order. */
  values: readonly ReferentialValue[];
}

export const THEMATIQUE_CATEGORIES: readonly ThematiqueCategory[] = (() => {
  const byCategory = new Map<string, ReferentialValue[]>();
  for (const t of THEMATIQUES) {
    const category = categoryOf(t.value);
    const list = byCategory.get(category) ?? [];
    list.push(t);
    byCategory.set(category, list);
  }
  return [...byCategory].map(([value, values]) => ({ value, label: CATEGORY_LABELS[value] ?? value.replace(/-/g, " "), values }));
})();

const thematiqueSet = new Set(THEMATIQUES.map((t) => t.value));
const categoryMap = new Map(THEMATIQUE_CATEGORIES.map((c) => [c.value, c]));

export function isThematique(value: string): boolean {
  return thematiqueSet.has(value);
}

export function isThematiqueCategory(value: string): boolean {
  return categoryMap.has(value);
}

/** The label of a thématique value or category ("mobilite" → "Mobilité"); the value itself if unknown. */
export function thematiqueLabel(value: string): string {
  return categoryMap.get(value)?.label ?? THEMATIQUES.find((t) => t.value === value)?.label ?? value;
}

export function referentialLabel(list: readonly ReferentialValue[], value: string): string {
  return list.find((e) => e.value === value)?.label ?? value;
}

export function isReferentialValue(list: readonly ReferentialValue[], value: string): boolean {
  return list.some((e) => e.value === value);
}

/**
 * The closest valid value of a referential to what was typed or read from a file (its value or its
 * label), for "Vouliez-vous dire « … » ?"; undefined if nothing is close enough. With
 * `categories`, the thématique categories are candidates too.
 */
export function closestReferentialValue(list: readonly ReferentialValue[], value: string, options: { categories?: boolean } = {}): string | undefined {
  const candidates: { value: string; label: string }[] = [...list];
  if (options.categories) candidates.push(...THEMATIQUE_CATEGORIES.map((c) => ({ value: c.value, label: c.label })));
  const close = closestMatch(value, candidates, (e) => [e.value, e.label])?.value;
  if (close !== undefined) return close;
  // Long compound values ("logement-hebergement--louer-un-appartement"): close when most of the
  // text is the same, as a relative edit distance.
  const q = normalizeName(value);
  if (q.length < 12) return undefined;
  let best: { value: string; similarity: number } | undefined;
  for (const c of candidates) {
    const key = normalizeName(c.value);
    const similarity = 1 - levenshtein(q, key) / Math.max(q.length, key.length);
    if (similarity >= 0.75 && (!best || similarity > best.similarity)) best = { value: c.value, similarity };
  }
  return best?.value;
}

export interface Expansion {
  /** Every sub-value, without duplicates, in the referential's order. */
  values: string[];
  /** Inputs that are neither a value nor a category. */
  unknown: string[];
}

/**
 * Expands thématique filters: a whole category ("mobilite") stands for all its sub-values, a
 * sub-value for itself. Unknown inputs are returned apart so that the caller can report them.
 */
export function expandThematiques(inputs: readonly string[]): Expansion {
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const input of inputs) {
    const category = categoryMap.get(input);
    if (category) for (const v of category.values) wanted.add(v.value);
    else if (thematiqueSet.has(input)) wanted.add(input);
    else unknown.push(input);
  }
  return { values: THEMATIQUES.filter((t) => wanted.has(t.value)).map((t) => t.value), unknown };
}

/** The data·inclusion sub-values a SPIE thematic (DOMAIN.md §2) searches for. */
export function thematiquesOfSpieThematic(slug: ThematicSlug): string[] {
  const thematic = THEMATICS.find((t) => t.slug === slug);
  return thematic ? expandThematiques(thematic.data_inclusion).values : [];
}

/** The SPIE thematics a service's thématiques belong to (for display and statistics). */
export function spieThematicsOf(thematiques: readonly string[]): ThematicSlug[] {
  const categories = new Set(thematiques.map(categoryOf));
  return THEMATICS.filter((t) => t.data_inclusion.some((c) => categories.has(c))).map((t) => t.slug);
}

/**
 * Expands a public filter: `tous-publics` services always match, so it is always among the values
 * searched for.
 */
export function publicsFilter(inputs: readonly string[]): string[] {
  return [...new Set([TOUS_PUBLICS, ...inputs])];
}

/** Names of data·inclusion services should not end with a dot (except "etc."). */
export function endsWithStrayDot(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.endsWith(".") && !/\betc\.$/i.test(trimmed);
}

/** Publication statuses of a service in this platform. */
export const SERVICE_STATUSES = ["draft", "published", "suspended", "archived"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  draft: "Brouillon",
  published: "Publié",
  suspended: "Suspendu",
  archived: "Archivé",
};

/** The source of the records created in this platform (imported ones keep their producer's). */
export const PLATFORM_SOURCE = "spie";

/** A service not updated for this many months is flagged to its structure's admins. */
export const STALE_AFTER_MONTHS = 6;

/** The day, `STALE_AFTER_MONTHS` months before `today` (ISO dates), from which a service is fresh. */
export function staleBefore(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - STALE_AFTER_MONTHS, 1));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, lastDay));
  return date.toISOString().slice(0, 10);
}

export function isStale(dateMaj: string, today: string): boolean {
  return dateMaj < staleBefore(today);
}

/**
 * Whether a service is visible in the public directory on `today`: published, or suspended until a
 * day that has passed (a service "suspendu jusqu'au 15 mars" is back on 16 March).
 */
export function isVisible(status: ServiceStatus, suspendedUntil: string | null, today: string): boolean {
  return status === "published" || (status === "suspended" && suspendedUntil !== null && suspendedUntil < today);
}
