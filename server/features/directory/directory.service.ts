// The directory's rules: who sees and edits which service (server/policy/directory.ts decides),
// referential checks with suggestions, publication status, freshness, search.
import { randomUUID } from "node:crypto";
import {
  FRAIS,
  MODES_ACCUEIL,
  PLATFORM_SOURCE,
  PUBLICS,
  THEMATIQUES,
  TYPES_SERVICE,
  categoryOf,
  expandThematiques,
  isStale,
  isVisible,
  publicsFilter,
  referentialLabel,
  spieThematicsOf,
  thematiqueLabel,
  thematiquesOfSpieThematic,
  type ServiceStatus,
} from "../../../common/domain/directory.ts";
import type { FieldError } from "../../../common/problem.ts";
import type { ServiceCreateBody, ServiceSearchQuery, ServiceUpdateBody, SuggestionBody } from "../../../common/schemas/directory.ts";
import type { Db } from "../../db/client.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { canManageServicesOf, canSuggestCorrection } from "../../policy/directory.ts";
import { hiddenStructureIds, maySeeStructure } from "../../policy/structures.ts";
import { getCommune, getDepartement } from "../territories/geography.ts";
import { serviceReferentialIssues, serviceRuleIssues, unknownValueIssue, type RecordIssue } from "./checks.ts";
import * as repo from "./directory.repository.ts";
import { communeKeys, searchColumns } from "./eligibility.ts";
import { announcePublished } from "./publications.ts";
import { frenchPrefixQuery, searchServices, type SearchCriteria } from "./search.ts";

/** What a directory call knows: the database and the caller, if signed in (search is public). */
export interface DirectoryCtx {
  db: Db;
  actor: Actor | null;
}

/** Today in France (ISO date): publication and freshness are counted in French days. */
export function todayInFrance(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const list = (v: string[] | null | undefined) => v ?? [];

export function serviceView(actor: Actor | null, row: repo.ServiceWithStructure, today: string) {
  const s = row.service;
  const modes = list(s.modes_accueil);
  return {
    id: s.id,
    source_id: s.source_id,
    source: s.source,
    status: s.status as ServiceStatus,
    suspended_until: s.suspended_until,
    structure: { id: row.structure.id, nom: row.structure.nom, commune: row.structure.commune ?? (row.structure.code_insee ? (getCommune(row.structure.code_insee)?.name ?? null) : null), code_insee: row.structure.code_insee },
    nom: s.nom,
    description: s.description,
    type: s.type,
    thematiques: list(s.thematiques),
    spie_thematiques: spieThematicsOf(list(s.thematiques)),
    frais: s.frais,
    frais_precisions: s.frais_precisions,
    publics: list(s.publics),
    publics_precisions: s.publics_precisions,
    conditions_acces: s.conditions_acces,
    adresse: s.adresse,
    complement_adresse: s.complement_adresse,
    code_postal: s.code_postal,
    code_insee: s.code_insee,
    commune: s.commune ?? (s.code_insee ? (getCommune(s.code_insee)?.name ?? null) : null),
    latitude: s.latitude,
    longitude: s.longitude,
    telephone: s.telephone,
    courriel: s.courriel,
    contact_nom_prenom: s.contact_nom_prenom,
    modes_accueil: modes,
    zone_eligibilite: list(s.zone_eligibilite),
    modes_mobilisation: list(s.modes_mobilisation),
    lien_mobilisation: s.lien_mobilisation,
    mobilisable_par: list(s.mobilisable_par),
    mobilisation_precisions: s.mobilisation_precisions,
    volume_horaire_hebdomadaire: s.volume_horaire_hebdomadaire,
    nombre_semaines: s.nombre_semaines,
    horaires_accueil: s.horaires_accueil,
    lien_source: s.lien_source,
    date_maj: s.date_maj,
    stale: isStale(s.date_maj, today),
    remote: modes.includes("a-distance") && !modes.includes("en-presentiel"),
    permissions: { update: canManageServicesOf(actor, s.structure_id), suggest: canSuggestCorrection(actor) },
  };
}

function toFieldErrors(issues: RecordIssue[]): FieldError[] {
  return issues.map((i) => ({ field: i.field, code: i.code, message: i.message }));
}

type Body = ServiceUpdateBody;

function checkBody(body: Body, current?: repo.ServiceRow): void {
  const issues = [...serviceReferentialIssues(body), ...serviceRuleIssues(body)];
  const status = body.status ?? (current?.status as ServiceStatus | undefined);
  const until = body.suspended_until !== undefined ? body.suspended_until : current?.suspended_until;
  if (status === "suspended" && !until) issues.push({ field: "suspended_until", value: null, code: "required", message: "Indiquez jusqu'à quelle date le service est suspendu" });
  if (issues.length) throw fieldErrors(toFieldErrors(issues));
}

/** The table columns of a body: data·inclusion fields, status, and the search keys they imply. */
function columns(body: Body, current?: repo.ServiceRow): Partial<repo.ServiceInsert> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (value !== undefined) out[key] = value;
  if (body.code_insee !== undefined) out.commune = body.code_insee ? (getCommune(body.code_insee)?.name ?? null) : null;
  if (body.status !== undefined && body.status !== "suspended") out.suspended_until = null;
  if (body.zone_eligibilite !== undefined || body.code_insee !== undefined) {
    Object.assign(out, searchColumns({ zone_eligibilite: body.zone_eligibilite ?? current?.zone_eligibilite, code_insee: body.code_insee !== undefined ? body.code_insee : current?.code_insee }));
  }
  return out as Partial<repo.ServiceInsert>;
}

async function manageableStructure(ctx: DirectoryCtx, structureId: string): Promise<repo.StructureRow> {
  const structure = await repo.findStructureRow(ctx.db, structureId);
  if (!structure) throw new DomainError("not_found", "Structure introuvable.");
  if (!canManageServicesOf(ctx.actor, structureId)) throw new DomainError("forbidden", "Seuls les administrateurs de la structure gèrent ses services.");
  return structure;
}

/** A service the caller may see: visible ones for everybody, the others for those who manage them. */
async function readable(ctx: DirectoryCtx, id: string, today: string): Promise<repo.ServiceWithStructure> {
  const row = await repo.findService(ctx.db, id);
  if (!row) throw new DomainError("not_found", "Service introuvable.");
  // A structure whose name reveals sensitive information (DOMAIN.md §7): the policy's one rule.
  const visible = isVisible(row.service.status as ServiceStatus, row.service.suspended_until, today) && maySeeStructure(ctx.actor, row.structure);
  if (!visible && !canManageServicesOf(ctx.actor, row.service.structure_id)) throw new DomainError("not_found", "Service introuvable.");
  return row;
}

export async function getService(ctx: DirectoryCtx, id: string) {
  const today = todayInFrance();
  return serviceView(ctx.actor, await readable(ctx, id, today), today);
}

export async function createService(ctx: DirectoryCtx, structureId: string, body: ServiceCreateBody) {
  await manageableStructure(ctx, structureId);
  checkBody(body);
  const id = randomUUID();
  const today = todayInFrance();
  await ctx.db.transaction(async (tx) => {
  await repo.insertService(tx as unknown as Db, {
    ...(columns(body) as repo.ServiceInsert),
    ...searchColumns(body),
    id,
    structure_id: structureId,
    source: PLATFORM_SOURCE,
    source_id: `${PLATFORM_SOURCE}--${id}`,
    status: body.status ?? "draft",
    date_maj: today,
    created_by: ctx.actor!.user_id,
    updated_by: ctx.actor!.user_id,
  });
    if (isVisible(body.status ?? "draft", body.suspended_until ?? null, today)) await announcePublished(tx as unknown as Db, [id]);
  });
  return getService(ctx, id);
}

export async function updateService(ctx: DirectoryCtx, id: string, body: ServiceUpdateBody) {
  const today = todayInFrance();
  const row = await readable(ctx, id, today);
  if (!canManageServicesOf(ctx.actor, row.service.structure_id)) throw new DomainError("forbidden", "Seuls les administrateurs de la structure modifient ses services.");
  checkBody(body, row.service);
  // Any edit, even "nothing changed, still accurate", renews the freshness date.
  const wasVisible = isVisible(row.service.status as ServiceStatus, row.service.suspended_until, today);
  const status = (body.status ?? row.service.status) as ServiceStatus;
  const until = body.suspended_until !== undefined ? body.suspended_until : row.service.suspended_until;
  await ctx.db.transaction(async (tx) => {
    await repo.updateService(tx as unknown as Db, id, { ...columns(body, row.service), date_maj: today, updated_by: ctx.actor!.user_id });
    // A service that becomes visible (published, or back from a suspension) is announced.
    if (!wasVisible && isVisible(status, status === "suspended" ? (until ?? null) : null, today)) await announcePublished(tx as unknown as Db, [id]);
  });
  return getService(ctx, id);
}

export async function structureServices(ctx: DirectoryCtx, structureId: string) {
  await manageableStructure(ctx, structureId);
  const today = todayInFrance();
  const items = (await repo.servicesOfStructure(ctx.db, structureId)).map((r) => serviceView(ctx.actor, r, today));
  return {
    items,
    stale_count: items.filter((s) => s.stale && s.status !== "archived").length,
    open_suggestions: await repo.countOpenSuggestions(ctx.db, structureId),
  };
}

export async function directoryStructure(ctx: DirectoryCtx, structureId: string) {
  const s = await repo.findStructureRow(ctx.db, structureId);
  if (!s || !maySeeStructure(ctx.actor, s)) throw new DomainError("not_found", "Structure introuvable.");
  const today = todayInFrance();
  const services = await repo.servicesOfStructure(ctx.db, structureId, { visibleOn: today });
  return {
    id: s.id,
    source: s.source,
    source_id: s.source_id ?? `${PLATFORM_SOURCE}--${s.id}`,
    nom: s.name,
    siret: s.siret,
    description: s.description,
    reseaux_porteurs: s.reseaux_porteurs ?? (s.type ? [s.type] : []),
    adresse: s.street,
    complement_adresse: s.complement,
    code_postal: s.postal_code,
    code_insee: s.commune_code,
    commune: s.commune ?? (s.commune_code ? (getCommune(s.commune_code)?.name ?? null) : null),
    telephone: s.phone,
    courriel: s.email,
    site_web: s.website,
    horaires_accueil: s.horaires_accueil,
    accessibilite_lieu: s.accessibilite_lieu,
    lien_source: s.lien_source,
    date_maj: s.date_maj ?? s.updated_at.toISOString().slice(0, 10),
    services: services.map((r) => serviceView(ctx.actor, r, today)),
    permissions: { manage_services: canManageServicesOf(ctx.actor, structureId) },
  };
}

// ---- search -----------------------------------------------------------------------------------

function checkValues(values: string[] | undefined, valid: (v: string) => boolean, issue: (v: string) => RecordIssue, errors: RecordIssue[]): void {
  for (const v of values ?? []) if (!valid(v)) errors.push(issue(v));
}

export async function search(ctx: DirectoryCtx, query: ServiceSearchQuery) {
  const errors: RecordIssue[] = [];
  const commune = query.code_insee ? communeKeys(query.code_insee) : undefined;
  if (query.code_insee && !commune) errors.push({ field: "code_insee", value: query.code_insee, code: "unknown_commune", message: `Le code commune ${query.code_insee} n'existe pas` });
  const departement = query.departement?.toUpperCase();
  if (departement && !getDepartement(departement)) errors.push({ field: "departement", value: departement, code: "unknown_departement", message: `Le département ${departement} n'existe pas` });
  const expansion = expandThematiques(query.thematiques ?? []);
  for (const v of expansion.unknown) errors.push(unknownValueIssue("thematiques", v, THEMATIQUES, { categories: true }));
  const inList = (l: readonly { value: string }[]) => (v: string) => l.some((e) => e.value === v);
  checkValues(query.publics, inList(PUBLICS), (v) => unknownValueIssue("publics", v, PUBLICS), errors);
  checkValues(query.types, inList(TYPES_SERVICE), (v) => unknownValueIssue("types", v, TYPES_SERVICE), errors);
  checkValues(query.frais, inList(FRAIS), (v) => unknownValueIssue("frais", v, FRAIS), errors);
  checkValues(query.modes_accueil, inList(MODES_ACCUEIL), (v) => unknownValueIssue("modes_accueil", v, MODES_ACCUEIL), errors);
  if ((query.latitude === undefined) !== (query.longitude === undefined)) {
    errors.push({ field: query.latitude === undefined ? "latitude" : "longitude", value: null, code: "required", message: "Donnez la latitude et la longitude ensemble" });
  }
  if (errors.length) throw new DomainError("validation_failed", "Paramètres de recherche invalides.", { errors: toFieldErrors(errors) });

  let thematiques = query.thematiques?.length ? expansion.values : undefined;
  const thematiqueScope = query.spie_thematique ? thematiquesOfSpieThematic(query.spie_thematique) : undefined;
  if (thematiqueScope) {
    thematiques = thematiques ? thematiques.filter((t) => thematiqueScope.includes(t)) : thematiqueScope;
    if (thematiques.length === 0) thematiques = ["--aucune--"];
  }
  const today = todayInFrance();
  const criteria: SearchCriteria = {
    today,
    excludeStructures: hiddenStructureIds(ctx.actor, await repo.sensitiveStructures(ctx.db)),
    commune,
    departement,
    thematiques,
    thematiqueScope,
    publics: query.publics?.length ? publicsFilter(query.publics) : undefined,
    types: query.types,
    frais: query.frais,
    modes_accueil: query.modes_accueil,
    tsquery: query.q ? frenchPrefixQuery(query.q) : null,
    point: query.latitude !== undefined && query.longitude !== undefined ? { latitude: query.latitude, longitude: query.longitude } : undefined,
    page: query.page,
    pageSize: query.page_size,
  };
  let outcome = await searchServices(ctx.db, criteria);
  // A page past the last (a shared link, results that shrank): the last page is answered, with its
  // number in `page`, never "28 results" with an empty list.
  const lastPage = Math.max(1, Math.ceil(outcome.total / query.page_size));
  const page = Math.min(query.page, lastPage);
  if (page !== query.page) outcome = await searchServices(ctx.db, { ...criteria, page });
  const rows = new Map((await repo.servicesByIds(ctx.db, outcome.hits.map((h) => h.id))).map((r) => [r.service.id, r]));
  const PROXIMITY = ["commune", "epci", "departement", "ailleurs", "ailleurs", "a-distance"] as const;
  const items = outcome.hits.flatMap((hit) => {
    const row = rows.get(hit.id);
    if (!row) return [];
    return [{ ...serviceView(ctx.actor, row, today), proximity: hit.tier === null ? null : (PROXIMITY[hit.tier] ?? null), distance_km: hit.distance_km }];
  });
  const facet = (counts: Map<string, number>, label: (v: string) => string) =>
    [...counts].map(([value, count]) => ({ value, label: label(value), count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "fr"));
  return {
    items,
    total: outcome.total,
    page,
    page_size: query.page_size,
    facets: {
      thematiques: facet(outcome.facets.thematiques, (v) => thematiqueLabel(categoryOf(v))),
      types: facet(outcome.facets.types, (v) => referentialLabel(TYPES_SERVICE, v)),
      publics: facet(outcome.facets.publics, (v) => referentialLabel(PUBLICS, v)),
    },
  };
}

// ---- suggestions ------------------------------------------------------------------------------

export async function suggestCorrection(ctx: DirectoryCtx, serviceId: string, body: SuggestionBody) {
  if (!canSuggestCorrection(ctx.actor)) throw new DomainError("forbidden", "Seuls les professionnels peuvent suggérer une correction.");
  await readable(ctx, serviceId, todayInFrance());
  const row = await repo.insertSuggestion(ctx.db, { service_id: serviceId, author_user_id: ctx.actor!.user_id, message: body.message });
  return { id: row.id, status: row.status };
}

export async function listSuggestions(ctx: DirectoryCtx, structureId: string) {
  await manageableStructure(ctx, structureId);
  const rows = await repo.suggestionsOfStructure(ctx.db, structureId);
  return {
    items: rows.map((r) => ({
      id: r.suggestion.id,
      service: { id: r.suggestion.service_id, nom: r.service_nom },
      author: { name: r.author_name },
      message: r.suggestion.message,
      status: r.suggestion.status as "open" | "done" | "dismissed",
      created_at: r.suggestion.created_at.toISOString(),
    })),
  };
}

export async function handleSuggestion(ctx: DirectoryCtx, id: string, status: "done" | "dismissed"): Promise<void> {
  const row = await repo.findSuggestion(ctx.db, id);
  if (!row || !canManageServicesOf(ctx.actor, row.structure_id)) throw new DomainError("not_found", "Suggestion introuvable.");
  await repo.updateSuggestion(ctx.db, id, { status, handled_at: new Date(), handled_by: ctx.actor!.user_id });
}
