// Duplicate detection ("dites-le nous une fois"): which files may be the same person as the one being
// created, why, and how sure we are. Pure functions; the repository finds the rows (identifiers, and
// the birth dates of nearBirthDates() filtered by trigram similarity of the normalised names), this
// module decides whether each row is a candidate and words its reasons.
//
// A candidate matches by an identifier of the person (NIR keyed hash, France Travail id, departmental
// id: score 1), or is "similar": names equal once accents, case, hyphens, order (first/last swapped)
// and one or two typed letters are ignored — the birth name compared with the last name — and a birth
// date equal, one day or one month apart, one digit apart or with day and month swapped.
// score = 0.6 × names + 0.4 × birth date, rounded to two decimals.
//
// The CAF/MSA number (numéro allocataire) is the household's, not the person's: the allocataire and
// their spouse or partner, both held to the RSA's rights and duties, share it. A shared number with
// similar names and birth date is the same person (an identifier match); a shared number alone is a
// member of the same household, a candidate the professional may confirm is someone else (score 0.5).
import { normalizeName } from "./text.ts";

export type DuplicateMatch = "identifier" | "similar";

export interface DuplicateIdentity {
  first_names: string;
  last_name: string;
  birth_name?: string | null | undefined;
  birth_date: string;
}

export interface IdentifierHits {
  nir?: boolean;
  caf_number?: boolean;
  france_travail_id?: boolean;
  department_id?: boolean;
}

export interface DuplicateVerdict {
  match: DuplicateMatch;
  score: number;
  reasons: string[];
}

/** Below this names score a row is not a candidate (each of last and first name, once typos allowed). */
export const NAME_PART_MIN = 0.75;
/** The SQL recall filter: pg_trgm similarity() of the search keys at least this (then the rules below). */
export const TRIGRAM_RECALL = 0.3;

const IDENTIFIER_REASONS: [Exclude<keyof IdentifierHits, "caf_number">, string][] = [
  ["nir", "Même numéro de sécurité sociale (NIR)"],
  ["france_travail_id", "Même identifiant France Travail"],
  ["department_id", "Même identifiant départemental"],
];
export const SAME_CAF_NUMBER = "Même numéro allocataire CAF ou MSA";
export const SAME_HOUSEHOLD = "Même numéro allocataire CAF ou MSA : même foyer (conjoint·e, partenaire ?)";
/** The score of a file sharing only the household's CAF/MSA number. */
export const HOUSEHOLD_SCORE = 0.5;

/** Birth years looked at: a digit typed wrong in the century gives no one born in 1087 or 2987. */
const YEARS = { min: 1900, max: 2099 };

function isoOf(y: number, m: number, d: number): string | null {
  if (y < YEARS.min || y > YEARS.max || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parts(iso: string): [number, number, number] {
  return iso.split("-").map(Number) as [number, number, number];
}

function shiftDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How two birth dates are close, most likely first; null when they are not. */
export function birthDateRelation(a: string, b: string): { score: number; reason: string } | null {
  if (a === b) return { score: 1, reason: "Même date de naissance" };
  if (shiftDays(a, 1) === b || shiftDays(a, -1) === b) return { score: 0.85, reason: "Date de naissance à un jour près" };
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  if (ya === yb && ma === db && da === mb) return { score: 0.85, reason: "Jour et mois de naissance inversés" };
  const digitsA = a.replace(/-/g, "");
  const digitsB = b.replace(/-/g, "");
  let differing = 0;
  for (let i = 0; i < digitsA.length; i++) if (digitsA[i] !== digitsB[i]) differing++;
  if (differing === 1) return { score: 0.8, reason: "Date de naissance à un chiffre près" };
  if (ya === yb && da === db && Math.abs(ma - mb) === 1) return { score: 0.75, reason: "Date de naissance à un mois près" };
  return null;
}

/**
 * Every birth date close to this one (equal, ±1 day, ±1 month, one digit changed, day and month
 * swapped): the repository looks rows up by these dates (an index on the birth date serves it).
 */
export function nearBirthDates(iso: string): string[] {
  const [y, m, d] = parts(iso);
  const out = new Set<string>([iso, shiftDays(iso, 1), shiftDays(iso, -1)]);
  for (const candidate of [isoOf(y, m + 1, d), isoOf(y, m - 1, d), isoOf(y, d, m)]) if (candidate) out.add(candidate);
  const digits = iso.replace(/-/g, "");
  for (let i = 0; i < digits.length; i++) {
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) === digits[i]) continue;
      const changed = digits.slice(0, i) + String(digit) + digits.slice(i + 1);
      const date = isoOf(Number(changed.slice(0, 4)), Number(changed.slice(4, 6)), Number(changed.slice(6, 8)));
      if (date) out.add(date);
    }
  }
  return [...out].sort();
}

/** Optimal string alignment distance (Levenshtein + adjacent transpositions), for short names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const dist: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(dist[i - 1]![j]! + 1, dist[i]![j - 1]! + 1, dist[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, dist[i - 2]![j - 2]! + 1);
      dist[i]![j] = best;
    }
  }
  return dist[a.length]![b.length]!;
}

/** 1 for equal names (spaces ignored), less with each typed letter of difference. */
function nameSimilarity(a: string, b: string): number {
  const x = a.replace(/ /g, "");
  const y = b.replace(/ /g, "");
  if (!x || !y) return 0;
  if (x === y) return 1;
  return 1 - editDistance(x, y) / Math.max(x.length, y.length);
}

interface NameParts {
  raw: string;
  lasts: { key: string; birth: boolean }[];
  firsts: string[];
}

function nameParts(p: DuplicateIdentity): NameParts {
  const lasts = [{ key: normalizeName(p.last_name), birth: false }];
  if (p.birth_name) lasts.push({ key: normalizeName(p.birth_name), birth: true });
  const firstsKey = normalizeName(p.first_names);
  const firsts = [firstsKey, ...firstsKey.split(" ")].filter(Boolean);
  return { raw: `${p.last_name} ${p.birth_name ?? ""} ${p.first_names}`, lasts: lasts.filter((l) => l.key), firsts: [...new Set(firsts)] };
}

function best(values: string[], others: string[]): number {
  let top = 0;
  for (const v of values) for (const o of others) top = Math.max(top, nameSimilarity(v, o));
  return top;
}

/** How the names of two files compare: a score (0–1) and the reasons, or null when they differ. */
export function compareNames(a: DuplicateIdentity, b: DuplicateIdentity): { score: number; reasons: string[] } | null {
  const pa = nameParts(a);
  const pb = nameParts(b);
  // Straight: a last (or birth) name against b's, first names against first names.
  let straightLast = 0;
  let viaBirthName = false;
  for (const la of pa.lasts) {
    for (const lb of pb.lasts) {
      const s = nameSimilarity(la.key, lb.key);
      if (s > straightLast || (s === straightLast && s > 0 && !(la.birth || lb.birth))) {
        straightLast = s;
        viaBirthName = la.birth !== lb.birth;
      }
    }
  }
  const straightFirst = best(pa.firsts, pb.firsts);
  // Swapped: a's first names against b's last names and the other way round.
  const swappedLast = best(
    pa.firsts,
    pb.lasts.map((l) => l.key),
  );
  const swappedFirst = best(
    pb.firsts,
    pa.lasts.map((l) => l.key),
  );
  const straight = Math.min(straightLast, straightFirst) >= NAME_PART_MIN ? (straightLast + straightFirst) / 2 : 0;
  const swapped = Math.min(swappedLast, swappedFirst) >= NAME_PART_MIN ? (swappedLast + swappedFirst) / 2 : 0;
  if (straight === 0 && swapped === 0) return null;
  const reasons: string[] = [];
  let score: number;
  let exact: boolean;
  if (straight >= swapped) {
    score = straight;
    exact = straightLast === 1 && straightFirst === 1;
    if (viaBirthName) reasons.push("Nom de naissance identique ou proche du nom d'usage");
    if (exact) reasons.push(viaBirthName ? "Même prénom" : "Mêmes nom et prénom");
    else {
      if (straightLast < 1) reasons.push("Nom proche (une faute de frappe ?)");
      if (straightFirst < 1) reasons.push("Prénom proche (une faute de frappe ?)");
      if (straightLast === 1 && !viaBirthName) reasons.push("Même nom");
      if (straightFirst === 1) reasons.push("Même prénom");
    }
  } else {
    score = swapped * 0.95;
    exact = swappedLast === 1 && swappedFirst === 1;
    reasons.push("Nom et prénom inversés");
    if (!exact) reasons.push("Noms proches (une faute de frappe ?)");
  }
  const spelled = (raw: string) => raw.replace(/\s+/g, " ").trim();
  if (exact && straight >= swapped && spelled(pa.raw) !== spelled(pb.raw)) reasons.push("Écriture différente (accents, majuscules, traits d'union ou espaces)");
  return { score, reasons };
}

/**
 * Whether an existing file may be the same person as `wanted`, with the reasons in French and a
 * score; null when it is not a candidate. `hits`: the identifiers the two files share.
 */
export function duplicateVerdict(wanted: DuplicateIdentity, existing: DuplicateIdentity, hits: IdentifierHits = {}): DuplicateVerdict | null {
  const identifierReasons = IDENTIFIER_REASONS.filter(([key]) => hits[key]).map(([, reason]) => reason);
  const names = compareNames(wanted, existing);
  const date = birthDateRelation(wanted.birth_date, existing.birth_date);
  const found = [...(names?.reasons ?? []), ...(date ? [date.reason] : [])];
  // The household's number with the person's names and birth date: this very person.
  if (hits.caf_number && names && date) identifierReasons.push(SAME_CAF_NUMBER);
  if (identifierReasons.length > 0) return { match: "identifier", score: 1, reasons: [...identifierReasons, ...found] };
  if (names && date) return { match: "similar", score: Math.round((0.6 * names.score + 0.4 * date.score) * 100) / 100, reasons: found };
  if (hits.caf_number) return { match: "similar", score: HOUSEHOLD_SCORE, reasons: [SAME_HOUSEHOLD, ...found] };
  return null;
}
