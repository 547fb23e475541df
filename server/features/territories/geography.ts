// The official geography (INSEE COG: communes, EPCI, départements, régions), read once, lazily, from
// the @etalab/decoupage-administratif package and indexed in memory (~35,000 communes).
//
// Facts about the data worth knowing:
// - Only "commune-actuelle" entries are communes; former communes ("commune-deleguee",
//   "commune-associee") are not, but their codes live on in the `anciensCodes` of the commune that
//   absorbed them: `resolveCommuneCode` maps an old code to the current one (e.g. 20004 → 2A004).
// - The 45 arrondissements municipaux of Paris, Lyon and Marseille (75101…, 69381…, 13201…) are also
//   indexed, with the EPCI of their city; a perimeter listing the city (75056, 69123, 13055) contains them.
// - A few island communes belong to no EPCI (Île-de-Sein, Ouessant, Île-de-Bréhat, L'Île-d'Yeu…),
//   nor do the communes of most overseas collectivities: their `epci` is null.
// - Overseas collectivities (975, 977, 978, 984, 986-989) appear both as "départements" and "régions".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { normalizeName } from "../../../common/domain/text.ts";
import type { PerimeterKind } from "../../../common/schemas/territories.ts";

export type { PerimeterKind };

export interface CommuneInfo {
  code: string;
  name: string;
  postal_codes: string[];
  departement: string;
  region: string;
  epci: string | null;
  population: number | null;
}

export interface DepartementInfo {
  code: string;
  name: string;
  region: string;
}

export interface RegionInfo {
  code: string;
  name: string;
}

export interface EpciInfo {
  code: string;
  name: string;
  /** CC, CA, CU, METRO, MET69 (Métropole de Lyon). */
  type: string;
  communes: string[];
}

export interface PerimeterItem {
  kind: PerimeterKind;
  code: string;
}

// Shapes of the package's JSON files (only the fields used here).
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
  /** For an arrondissement municipal: the code of its city. */
  commune?: string;
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
interface RawRegion {
  code: string;
  nom: string;
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}

interface SearchEntry {
  info: CommuneInfo;
  /** normalizeName(name) */
  key: string;
}

interface Geography {
  communes: Map<string, CommuneInfo>;
  /** Arrondissement municipal → its city (75112 → 75056). */
  cityOf: Map<string, string>;
  /** Former commune code → current commune code. */
  formerCodes: Map<string, string>;
  departements: Map<string, DepartementInfo>;
  regions: Map<string, RegionInfo>;
  epcis: Map<string, EpciInfo>;
  departementsByRegion: Map<string, string[]>;
  /** Every indexed commune, by population (desc), then name. */
  searchEntries: SearchEntry[];
}

const PACKAGE = "@etalab/decoupage-administratif";

function readPackageJson<T>(file: string): T {
  // Resolved through node_modules from this module's location: works from server/… (vitest, tsx)
  // and from dist/server/… (tsc output) alike. The package's own index.js reads relative to the
  // working directory, so it is not used.
  const require = createRequire(import.meta.url);
  const path = require.resolve(`${PACKAGE}/data/${file}`);
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

let geography: Geography | undefined;

function load(): Geography {
  if (geography) return geography;

  const rawCommunes = readPackageJson<RawCommune[]>("communes.json");
  const rawDepartements = readPackageJson<RawDepartement[]>("departements.json");
  const rawRegions = readPackageJson<RawRegion[]>("regions.json");
  const rawEpcis = readPackageJson<RawEpci[]>("epci.json");

  const regions = new Map<string, RegionInfo>();
  for (const r of rawRegions) regions.set(r.code, { code: r.code, name: r.nom });

  const departements = new Map<string, DepartementInfo>();
  const departementsByRegion = new Map<string, string[]>();
  for (const d of rawDepartements) {
    departements.set(d.code, { code: d.code, name: d.nom, region: d.region });
    const list = departementsByRegion.get(d.region) ?? [];
    list.push(d.code);
    departementsByRegion.set(d.region, list);
  }
  for (const list of departementsByRegion.values()) list.sort();

  const epcis = new Map<string, EpciInfo>();
  const epciOfCommune = new Map<string, string>();
  for (const e of rawEpcis) {
    const members = e.membres.map((m) => m.code);
    epcis.set(e.code, { code: e.code, name: e.nom, type: e.type, communes: members });
    for (const m of members) epciOfCommune.set(m, e.code);
  }

  const communes = new Map<string, CommuneInfo>();
  const cityOf = new Map<string, string>();
  const formerCodes = new Map<string, string>();
  const toInfo = (c: RawCommune, epci: string | null): CommuneInfo => ({
    code: c.code,
    name: c.nom,
    postal_codes: c.codesPostaux ?? [],
    departement: c.departement,
    region: c.region,
    epci,
    population: c.population ?? null,
  });
  for (const c of rawCommunes) {
    if (c.type !== "commune-actuelle") continue;
    communes.set(c.code, toInfo(c, epciOfCommune.get(c.code) ?? null));
    for (const old of c.anciensCodes ?? []) formerCodes.set(old, c.code);
  }
  for (const c of rawCommunes) {
    if (c.type !== "arrondissement-municipal" || !c.commune) continue;
    cityOf.set(c.code, c.commune);
    communes.set(c.code, toInfo(c, epciOfCommune.get(c.commune) ?? null));
  }
  // An old code is never a current one in the data; keep it that way if the data changes.
  for (const code of communes.keys()) formerCodes.delete(code);

  const searchEntries: SearchEntry[] = [...communes.values()]
    .map((info) => ({ info, key: normalizeName(info.name) }))
    .sort((a, b) => (b.info.population ?? -1) - (a.info.population ?? -1) || a.key.localeCompare(b.key) || a.info.code.localeCompare(b.info.code));

  geography = { communes, cityOf, formerCodes, departements, regions, epcis, departementsByRegion, searchEntries };
  return geography;
}

/** Loads and indexes the geography now (otherwise done on first use, ~0.5 s). */
export function preloadGeography(): void {
  load();
}

/** A current commune (or arrondissement municipal) by its INSEE code. Former codes are not accepted: see `resolveCommuneCode`. */
export function getCommune(code: string): CommuneInfo | undefined {
  return load().communes.get(code.trim().toUpperCase());
}

/**
 * The current INSEE code for a code read from elsewhere: itself if current, the absorbing commune's
 * code for a former commune (merger, or Corsica's 20xxx codes before 1976), undefined if unknown.
 */
export function resolveCommuneCode(code: string): string | undefined {
  const g = load();
  const c = code.trim().toUpperCase();
  if (g.communes.has(c)) return c;
  return g.formerCodes.get(c);
}

/** The city of an arrondissement municipal (75112 → 75056), undefined for any other code. */
export function cityOfArrondissement(code: string): string | undefined {
  return load().cityOf.get(code.trim().toUpperCase());
}

export function getDepartement(code: string): DepartementInfo | undefined {
  return load().departements.get(code.trim().toUpperCase());
}

export function getRegion(code: string): RegionInfo | undefined {
  return load().regions.get(code.trim());
}

export function getEpci(code: string): EpciInfo | undefined {
  return load().epcis.get(code.trim());
}

/** The départements of a région, sorted by code ([] for an unknown région). */
export function departementsOfRegion(code: string): string[] {
  return [...(load().departementsByRegion.get(code.trim()) ?? [])];
}

const ABBREVIATIONS: Record<string, string> = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

/** The normalized form of a typed commune name, with St/Ste expanded. */
function normalizeQuery(query: string): string {
  return normalizeName(query)
    .split(" ")
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(" ");
}

/**
 * Communes for an autocomplete field. A query of digits (spaces ignored) matches postal codes by
 * prefix ("02", "02000"), and a full INSEE code ("02408", "2A004") its commune; otherwise the name
 * is matched ignoring case, accents, hyphens and apostrophes, "St"/"Ste" standing for Saint/Sainte:
 * exact names first, then names starting with the query, then names with a word starting with it
 * ("fere" → La Fère), then names containing it. Within each group, most populated first.
 */
export function searchCommunes(query: string, limit: number): CommuneInfo[] {
  const g = load();
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];
  const compact = query.replace(/\s+/g, "").toUpperCase();
  if (compact.length === 0) return [];

  const exact: CommuneInfo[] = [];
  const prefix: CommuneInfo[] = [];
  const wordPrefix: CommuneInfo[] = [];
  const contains: CommuneInfo[] = [];

  if (/^\d{1,5}$/.test(compact) || /^2[AB]\d{3}$/.test(compact)) {
    const byCode = g.communes.get(compact);
    if (byCode) exact.push(byCode);
    for (const { info } of g.searchEntries) {
      if (info === byCode) continue;
      if (info.postal_codes.includes(compact)) exact.push(info);
      else if (prefix.length < max && info.postal_codes.some((p) => p.startsWith(compact))) prefix.push(info);
    }
    return [...exact, ...prefix].slice(0, max);
  }

  const q = normalizeQuery(query);
  if (q.length === 0) return [];
  const atWordStart = ` ${q}`;
  for (const { info, key } of g.searchEntries) {
    if (key === q) exact.push(info);
    else if (key.startsWith(q)) {
      if (prefix.length < max) prefix.push(info);
    } else if (wordPrefix.length < max && key.includes(atWordStart)) wordPrefix.push(info);
    else if (contains.length < max && key.includes(q)) contains.push(info);
  }
  return [...exact, ...prefix, ...wordPrefix, ...contains].slice(0, max);
}

/** The official name of a perimeter item ("departement","02" → "Aisne"), undefined if unknown. */
export function perimeterLabel(kind: PerimeterKind, code: string): string | undefined {
  switch (kind) {
    case "region":
      return getRegion(code)?.name;
    case "departement":
      return getDepartement(code)?.name;
    case "epci":
      return getEpci(code)?.name;
    case "commune":
      return getCommune(code)?.name;
    default:
      return undefined;
  }
}

export function isValidPerimeter(kind: PerimeterKind, code: string): boolean {
  return perimeterLabel(kind, code) !== undefined;
}

/**
 * Whether a commune lies in a perimeter: the commune itself (or, for an arrondissement municipal,
 * its city), its département, its EPCI or its région is listed. False for an unknown commune.
 */
export function communeInPerimeter(communeCode: string, perimeter: readonly PerimeterItem[]): boolean {
  const g = load();
  const code = communeCode.trim().toUpperCase();
  const commune = g.communes.get(code);
  if (!commune) return false;
  const city = g.cityOf.get(code);
  return perimeter.some((p) => {
    switch (p.kind) {
      case "commune":
        return p.code === code || (city !== undefined && p.code === city);
      case "departement":
        return p.code === commune.departement;
      case "epci":
        return commune.epci !== null && p.code === commune.epci;
      case "region":
        return p.code === commune.region;
      default:
        return false;
    }
  });
}

/** The communes (not the arrondissements municipaux) a perimeter covers, most populated first. */
export function communesInPerimeter(perimeter: readonly PerimeterItem[]): CommuneInfo[] {
  const g = load();
  if (perimeter.length === 0) return [];
  return g.searchEntries.map((e) => e.info).filter((c) => !g.cityOf.has(c.code) && communeInPerimeter(c.code, perimeter));
}

export interface PerimeterOption {
  kind: PerimeterKind;
  code: string;
  name: string;
  /** The département(s) or région it lies in, for telling homonyms apart. */
  context: string | null;
}

/**
 * Régions, départements and EPCI for a perimeter picker, matched by code (exact or prefix) or by
 * name (accents, case and hyphens ignored; names starting with the query first). Communes: searchCommunes.
 */
export function searchPerimeterAreas(query: string, kind: Exclude<PerimeterKind, "commune">, limit: number): PerimeterOption[] {
  const g = load();
  const q = normalizeQuery(query);
  const code = query.trim().toUpperCase();
  if (!q && !code) return [];
  const candidates: PerimeterOption[] =
    kind === "region"
      ? [...g.regions.values()].map((r) => ({ kind, code: r.code, name: r.name, context: null }))
      : kind === "departement"
        ? [...g.departements.values()].map((d) => ({ kind, code: d.code, name: d.name, context: g.regions.get(d.region)?.name ?? null }))
        : [...g.epcis.values()].map((e) => {
            const deps = [...new Set(e.communes.map((c) => g.communes.get(c)?.departement).filter((d): d is string => Boolean(d)))].sort();
            return { kind, code: e.code, name: e.name, context: deps.length ? `${deps.length > 1 ? "départements" : "département"} ${deps.join(", ")}` : null };
          });
  const rank = (o: PerimeterOption): number => {
    const key = normalizeName(o.name);
    if (o.code === code) return 0;
    if (key === q) return 1;
    if (key.startsWith(q)) return 2;
    if (o.code.startsWith(code)) return 3;
    if (key.includes(` ${q}`)) return 4;
    if (key.includes(q)) return 5;
    return -1;
  };
  return candidates
    .map((o) => ({ o, r: rank(o) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.o.name.localeCompare(b.o.name, "fr"))
    .slice(0, Math.max(0, limit))
    .map((x) => x.o);
}
