// Where a service may be used, as the national API defines it (DOMAIN.md §6): a service is
// eligible for a commune when its zone_eligibilite is empty or contains the commune, its
// département, its EPCI or `france`. To answer that with one indexed array overlap, each service
// stores normalised keys computed here when it is written, and a search computes the keys of the
// commune it is about. Pure functions over the official geography.
import { cityOfArrondissement, getCommune, getDepartement, getEpci, resolveCommuneCode } from "../territories/geography.ts";

/** Key of a service whose zone is empty: eligible everywhere. */
export const ANYWHERE = "*";
export const FRANCE = "france";
const FRANCE_COUNTRY_CODE = "99100";

export interface ZoneKeys {
  /** Codes of the zone, normalised (current commune codes, `france`), or [ANYWHERE]. */
  eligibility: string[];
  /** Départements the zone touches (for a département-wide search), or [ANYWHERE]. */
  departements: string[];
  /** Codes that are no commune, département, EPCI or country of the official geography. */
  invalid: string[];
}

/** Kind of a zone_eligibilite code, by its shape (schema v1). */
export function zoneCodeKind(code: string): "commune" | "departement" | "epci" | "pays" | "france" | "unknown" {
  if (code === FRANCE || code === FRANCE_COUNTRY_CODE) return "france";
  if (/^99[0-5]\d{2}$/.test(code)) return "pays";
  if (/^\d{9}$/.test(code)) return "epci";
  if (/^(\d{5}|2[AB]\d{3})$/i.test(code)) return "commune";
  if (/^(\d{2,3}|2[AB])$/i.test(code)) return "departement";
  return "unknown";
}

export function zoneKeys(zone: readonly string[] | null | undefined): ZoneKeys {
  if (!zone || zone.length === 0) return { eligibility: [ANYWHERE], departements: [ANYWHERE], invalid: [] };
  const eligibility = new Set<string>();
  const departements = new Set<string>();
  const invalid: string[] = [];
  for (const raw of zone) {
    const code = raw.trim();
    switch (zoneCodeKind(code)) {
      case "france":
        eligibility.add(FRANCE);
        departements.add(ANYWHERE);
        break;
      case "pays":
        eligibility.add(code);
        break;
      case "epci": {
        const epci = getEpci(code);
        if (!epci) {
          invalid.push(raw);
          break;
        }
        eligibility.add(code);
        for (const member of epci.communes) {
          const d = getCommune(member)?.departement;
          if (d) departements.add(d);
        }
        break;
      }
      case "commune": {
        const current = resolveCommuneCode(code);
        const commune = current ? getCommune(current) : undefined;
        if (!current || !commune) {
          invalid.push(raw);
          break;
        }
        eligibility.add(current);
        departements.add(commune.departement);
        break;
      }
      case "departement": {
        const d = getDepartement(code.toUpperCase());
        if (!d) {
          invalid.push(raw);
          break;
        }
        eligibility.add(d.code);
        departements.add(d.code);
        break;
      }
      default:
        invalid.push(raw);
    }
  }
  if (eligibility.size === 0) return { eligibility: [ANYWHERE], departements: [ANYWHERE], invalid };
  return { eligibility: [...eligibility].sort(), departements: [...departements].sort(), invalid };
}

export interface CommuneKeys {
  code: string;
  departement: string;
  epci: string | null;
  /** The keys a service's `eligibility` must overlap for the service to be eligible here. */
  keys: string[];
}

/** The eligibility keys of a commune (or arrondissement municipal, which also matches its city). */
export function communeKeys(communeCode: string): CommuneKeys | undefined {
  const commune = getCommune(communeCode);
  if (!commune) return undefined;
  const keys = new Set([ANYWHERE, FRANCE, commune.code, commune.departement]);
  if (commune.epci) keys.add(commune.epci);
  const city = cityOfArrondissement(commune.code);
  if (city) keys.add(city);
  return { code: commune.code, departement: commune.departement, epci: commune.epci, keys: [...keys] };
}

/** Where a service is, for ranking: its commune's département and EPCI. */
export function locationOf(codeInsee: string | null | undefined): { departement: string | null; epci: string | null } {
  const commune = codeInsee ? getCommune(codeInsee) : undefined;
  return { departement: commune?.departement ?? null, epci: commune?.epci ?? null };
}

/** The search columns of a service, computed from its zone and its commune when it is written. */
export function searchColumns(values: { zone_eligibilite?: readonly string[] | null; code_insee?: string | null }) {
  const zone = zoneKeys(values.zone_eligibilite);
  const location = locationOf(values.code_insee);
  return {
    eligibility: zone.eligibility,
    eligibility_departements: zone.departements,
    location_departement: location.departement,
    location_epci: location.epci,
  };
}
