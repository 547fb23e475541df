// Exports of the published directory: data·inclusion v1 (JSON and CSV) and Open Referral HSDS 3.0.
// Records are shaped to be valid against the official schemas in reference/ (tests check it):
// values that cannot be (a name over 150 characters, an empty list) are trimmed or left out.
import { createHash } from "node:crypto";
import {
  FRAIS,
  PLATFORM_SOURCE,
  PUBLICS,
  categoryOf,
  endsWithStrayDot,
  referentialLabel,
  thematiqueLabel,
} from "../../../common/domain/directory.ts";
import type { Db } from "../../db/client.ts";
import { getCommune, getDepartement, getEpci } from "../territories/geography.ts";
import { isStructureType } from "../structures/structure-types.ts";
import { visibleStructuresSql } from "../../policy/structures.ts";
import * as repo from "./directory.repository.ts";
import { todayInFrance } from "./directory.service.ts";
import { zoneCodeKind } from "./eligibility.ts";

/** The exports are open data: they show what an anonymous visitor sees (no sensitive structure). */
const openData = () => visibleStructuresSql(null);

type Json = Record<string, unknown>;

/** data·inclusion field order of the CSV exports (the schema's). */
export const STRUCTURE_FIELDS = ["source", "id", "nom", "siret", "description", "adresse", "complement_adresse", "commune", "code_postal", "code_insee", "latitude", "longitude", "telephone", "courriel", "site_web", "horaires_accueil", "accessibilite_lieu", "lien_source", "reseaux_porteurs", "date_maj"];
export const SERVICE_FIELDS = [
  "source", "structure_id", "id", "nom", "description", "type", "thematiques", "frais", "frais_precisions", "publics", "publics_precisions", "conditions_acces",
  "adresse", "complement_adresse", "commune", "code_postal", "code_insee", "latitude", "longitude", "telephone", "courriel", "contact_nom_prenom",
  "modes_accueil", "zone_eligibilite", "modes_mobilisation", "lien_mobilisation", "mobilisable_par", "mobilisation_precisions",
  "volume_horaire_hebdomadaire", "nombre_semaines", "horaires_accueil", "lien_source", "date_maj",
];

const orNull = <T>(list: T[] | null | undefined): T[] | null => (list && list.length > 0 ? list : null);
const pattern = (value: string | null, re: RegExp): string | null => (value && re.test(value) ? value : null);

/** A name as data·inclusion accepts it: 3 to 150 characters, no trailing dot. */
function diName(name: string): string {
  let out = name.trim();
  if (out.length > 150) out = `${out.slice(0, 149).trimEnd()}…`;
  while (endsWithStrayDot(out)) out = out.slice(0, -1).trimEnd();
  return out.padEnd(3, " ");
}

function email(value: string | null): string | null {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

function url(value: string | null): string | null {
  return value && /^https?:\/\/\S+$/.test(value) ? value : null;
}

export function structureDiId(s: { id: string; source: string; source_id: string | null }): string {
  return s.source_id ?? `${PLATFORM_SOURCE}--${s.id}`;
}

export async function dataInclusionStructures(db: Db): Promise<Json[]> {
  const rows = await repo.structuresWithVisibleServices(db, todayInFrance(), openData());
  return rows.map((s) => ({
    source: s.source,
    id: structureDiId(s),
    nom: diName(s.name),
    siret: pattern(s.siret, /^\d{14}$/),
    description: s.description && s.description.trim().length >= 5 ? s.description.slice(0, 10_000) : null,
    adresse: s.street,
    complement_adresse: s.complement,
    commune: s.commune ?? (s.commune_code ? (getCommune(s.commune_code)?.name ?? null) : null),
    code_postal: pattern(s.postal_code, /^\d{5}$/),
    code_insee: pattern(s.commune_code, /^\w{5}$/),
    latitude: s.latitude,
    longitude: s.longitude,
    telephone: s.phone,
    courriel: email(s.email),
    site_web: url(s.website),
    horaires_accueil: s.horaires_accueil,
    accessibilite_lieu: url(s.accessibilite_lieu),
    lien_source: url(s.lien_source),
    reseaux_porteurs: orNull((s.reseaux_porteurs ?? (s.type ? [s.type] : [])).filter(isStructureType)),
    date_maj: s.date_maj ?? s.updated_at.toISOString().slice(0, 10),
  }));
}

export async function dataInclusionServices(db: Db): Promise<Json[]> {
  const rows = await repo.visibleServicesForExport(db, todayInFrance(), openData());
  return rows.map(({ service: s, structure, structure_source, structure_source_id }) => ({
    source: s.source,
    structure_id: structureDiId({ id: structure.id, source: structure_source, source_id: structure_source_id }),
    id: s.source_id,
    nom: diName(s.nom),
    description: s.description.length >= 5 ? s.description.slice(0, 10_000) : s.description.padEnd(5, " "),
    type: s.type,
    thematiques: orNull(s.thematiques),
    frais: s.frais,
    frais_precisions: s.frais_precisions,
    publics: orNull(s.publics),
    publics_precisions: s.publics_precisions,
    conditions_acces: s.conditions_acces,
    adresse: s.adresse,
    complement_adresse: s.complement_adresse,
    commune: s.commune,
    code_postal: pattern(s.code_postal, /^\d{5}$/),
    code_insee: pattern(s.code_insee, /^\w{5}$/),
    latitude: s.latitude,
    longitude: s.longitude,
    telephone: s.telephone,
    courriel: email(s.courriel),
    contact_nom_prenom: s.contact_nom_prenom,
    modes_accueil: orNull(s.modes_accueil),
    zone_eligibilite: orNull(s.zone_eligibilite),
    modes_mobilisation: orNull(s.modes_mobilisation),
    lien_mobilisation: url(s.lien_mobilisation),
    mobilisable_par: orNull(s.mobilisable_par),
    mobilisation_precisions: s.mobilisation_precisions,
    volume_horaire_hebdomadaire: s.volume_horaire_hebdomadaire,
    nombre_semaines: s.nombre_semaines,
    horaires_accueil: s.horaires_accueil,
    lien_source: url(s.lien_source),
    date_maj: s.date_maj,
  }));
}

/**
 * One CSV cell. A text starting with =, +, -, @ (or a tab or carriage return) would be run as a
 * formula by a spreadsheet ("CSV injection"): it is prefixed with a single quote, as OWASP
 * recommends. Numbers are written as they are (a longitude of -1.5 stays a number).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = Array.isArray(value) ? value.join(", ") : String(value);
  if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (RFC 4180, UTF-8 with BOM so that spreadsheets read the accents), lists comma-separated as in the template. */
export function toCsv(records: Json[], fields: readonly string[]): string {
  const lines = [fields.join(","), ...records.map((r) => fields.map((f) => csvCell(r[f])).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---- HSDS 3.0 ---------------------------------------------------------------------------------

/** A UUID derived from names (stable across exports), for the HSDS sub-records. */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** Drops null, undefined and empty-array members (HSDS types are not nullable). */
function clean(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function zoneName(code: string): string {
  switch (zoneCodeKind(code)) {
    case "france":
      return "France";
    case "commune":
      return getCommune(code)?.name ?? code;
    case "departement":
      return getDepartement(code)?.name ?? code;
    case "epci":
      return getEpci(code)?.name ?? code;
    default:
      return code;
  }
}

export async function hsdsServices(db: Db): Promise<Json[]> {
  const [rows, structures] = await Promise.all([repo.visibleServicesForExport(db, todayInFrance(), openData()), repo.structuresWithVisibleServices(db, todayInFrance(), openData())]);
  const byId = new Map(structures.map((s) => [s.id, s]));
  return rows.map(({ service: s, structure }) => {
    const org = byId.get(structure.id);
    const locationId = stableUuid(s.id, "location");
    const publics = (s.publics ?? []).map((p) => referentialLabel(PUBLICS, p)).join(", ");
    return clean({
      id: s.id,
      organization_id: structure.id,
      name: s.nom,
      description: s.description,
      url: url(s.lien_source) ?? url(s.lien_mobilisation),
      email: email(s.courriel),
      status: "active",
      application_process: s.mobilisation_precisions,
      fees_description: s.frais_precisions ?? (s.frais ? referentialLabel(FRAIS, s.frais) : null),
      eligibility_description: [publics, s.publics_precisions, s.conditions_acces].filter(Boolean).join(" — ") || null,
      last_modified: `${s.date_maj}T00:00:00.000Z`,
      phones: s.telephone ? [{ id: stableUuid(s.id, "phone"), service_id: s.id, number: s.telephone }] : [],
      contacts: s.contact_nom_prenom ? [clean({ id: stableUuid(s.id, "contact"), service_id: s.id, name: s.contact_nom_prenom, email: email(s.courriel) })] : [],
      service_areas: (s.zone_eligibilite ?? []).map((code) => ({ id: stableUuid(s.id, "area", code), service_id: s.id, name: zoneName(code), extent: code, extent_type: "insee_cog" })),
      attributes: (s.thematiques ?? []).map((t) => ({
        id: stableUuid(s.id, "attribute", t),
        link_id: s.id,
        link_type: "service",
        link_entity: "service",
        taxonomy_term_id: stableUuid("data-inclusion-thematique", t),
        taxonomy_term: {
          id: stableUuid("data-inclusion-thematique", t),
          code: t,
          name: thematiqueLabel(t),
          description: `${thematiqueLabel(categoryOf(t))} — ${thematiqueLabel(t)}`,
          taxonomy: "data·inclusion thématiques v1",
        },
      })),
      organization: org
        ? clean({ id: org.id, name: org.name, description: org.description ?? org.name, email: email(org.email), website: url(org.website) })
        : { id: structure.id, name: structure.nom, description: structure.nom },
      service_at_locations:
        s.adresse || s.code_insee
          ? [
              {
                id: stableUuid(s.id, "service_at_location"),
                service_id: s.id,
                location_id: locationId,
                location: clean({
                  id: locationId,
                  location_type: "physical",
                  name: s.nom,
                  latitude: s.latitude,
                  longitude: s.longitude,
                  addresses: [
                    clean({
                      id: stableUuid(s.id, "address"),
                      location_id: locationId,
                      address_1: s.adresse ?? "",
                      address_2: s.complement_adresse,
                      city: s.commune ?? (s.code_insee ? (getCommune(s.code_insee)?.name ?? "") : ""),
                      state_province: s.code_insee ? (getDepartement(getCommune(s.code_insee)?.departement ?? "")?.name ?? "") : "",
                      postal_code: s.code_postal ?? "",
                      country: "FR",
                      address_type: "physical",
                    }),
                  ],
                }),
              },
            ]
          : [],
    });
  });
}
