// Unmet needs ("besoins sans solution"): recorded by professionals, counted for the territory's
// coordination and steering, closed when solved or abandoned. Who sees and changes what:
// policy/unmet-needs.ts; the person named by a need: the gate (policy/gate.ts, body person rule).
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { THEMATIC_LABELS, THEMATIC_SLUGS, type ThematicSlug } from "../../../common/domain/thematics.ts";
import type { FieldError } from "../../../common/problem.ts";
import {
  UNMET_NEED_STATUS_LABELS,
  UNMET_NEED_URGENCY_LABELS,
  type UnmetNeed,
  type UnmetNeedCreateBody,
  type UnmetNeedList,
  type UnmetNeedListQuery,
  type UnmetNeedStatus,
  type UnmetNeedSummary,
  type UnmetNeedSummaryQuery,
  type UnmetNeedUpdateBody,
  type UnmetNeedUrgency,
} from "../../../common/schemas/unmet-needs.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { recordListed } from "../../policy/gate.ts";
import { actingMembership, peopleAccess, type PersonAccess } from "../../policy/people.ts";
import { mayReadUnmetNeedCounts, mayRecordUnmetNeed, unmetNeedPermissions, unmetNeedsVisibleTo } from "../../policy/unmet-needs.ts";
import { findService } from "../directory/directory.repository.ts";
import { communeKeys } from "../directory/eligibility.ts";
import { toCsv } from "../directory/export.ts";
import { addEvent } from "../people/events.ts";
import { communeInPerimeter, getCommune, getDepartement, getEpci, resolveCommuneCode } from "../territories/geography.ts";
import { findTerritory, listTerritories } from "../territories/territories.repository.ts";
import { calendarOf } from "../territories/territories.service.ts";
import * as repo from "./unmet-needs.repository.ts";
import { unmet_needs } from "./unmet-needs.tables.ts";

/** Rows of one CSV export at most (a territory records far fewer in years). */
export const EXPORT_LIMIT = 50_000;

const NOT_FOUND = "Besoin introuvable.";

function place(code: string, name: string | undefined) {
  return { code, name: name ?? code };
}

function view(ctx: Ctx, row: repo.NeedWithNames, shownPerson: Set<string>): UnmetNeed {
  const n = row.need;
  const permissions = unmetNeedPermissions(ctx.actor, n);
  const epci = n.epci_code ? getEpci(n.epci_code) : undefined;
  return {
    id: n.id,
    thematic: n.thematic as ThematicSlug,
    thematic_label: THEMATIC_LABELS[n.thematic as ThematicSlug] ?? n.thematic,
    commune: place(n.commune_code, getCommune(n.commune_code)?.name),
    epci: n.epci_code ? place(n.epci_code, epci?.name) : null,
    departement: place(n.departement_code, getDepartement(n.departement_code)?.name),
    territory_id: n.territory_id,
    description: n.description,
    urgency: n.urgency as UnmetNeedUrgency,
    person_id: n.person_id && shownPerson.has(n.person_id) ? n.person_id : null,
    has_person: n.person_id !== null,
    referral_id: n.referral_id,
    service: n.service_id ? { id: n.service_id, nom: row.service_nom ?? "" } : null,
    status: n.status as UnmetNeedStatus,
    closed_at: n.closed_at?.toISOString() ?? null,
    closed_reason: n.closed_reason,
    created_at: n.created_at.toISOString(),
    created_by: { name: permissions.read_author ? row.author_name : null, structure_name: row.structure_name, mine: n.created_by_user_id === ctx.actor.user_id },
    permissions: { update: permissions.update, close: permissions.close },
  };
}

/** The people the caller may read now among those the needs name; the listing is logged per person. */
async function shownPeople(ctx: Ctx, rows: repo.NeedWithNames[]): Promise<Set<string>> {
  const ids = [...new Set(rows.map((r) => r.need.person_id).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Set();
  const readable = [...(await peopleAccess(ctx.db, ctx.actor, ids)).values()].filter((a) => a.permissions.read);
  await recordListed(ctx, readable, "unmet_need");
  return new Set(readable.map((a) => a.person_id));
}

function unknownCommune(code: string): DomainError {
  return fieldErrors([{ field: "commune_code", code: "unknown_commune", message: `Aucune commune n'a le code INSEE « ${code} »` }]);
}

// ---- create -----------------------------------------------------------------------------------

export async function createNeed(ctx: Ctx, access: PersonAccess | null, body: UnmetNeedCreateBody): Promise<UnmetNeed> {
  if (!mayRecordUnmetNeed(ctx.actor)) throw new DomainError("forbidden", "Seuls les professionnels qui accompagnent des personnes signalent un besoin sans solution.");
  // With a person, the need is recorded through the team seat the gate found; else through the chosen membership.
  const membership = access ? ctx.actor.memberships.find((m) => m.id === access.membership_id) : actingMembership(ctx.actor, body.membership_id);
  const code = resolveCommuneCode(body.commune_code);
  const commune = code ? getCommune(code) : undefined;
  const keys = code ? communeKeys(code) : undefined;
  if (!commune || !keys) throw unknownCommune(body.commune_code);
  // Territories may overlap: the recording structure's own territory when it holds the commune, else
  // the first that does, else the structure's territory (a commune no territory covers yet).
  await checkReferral(ctx, body.referral_id, access?.person_id ?? null);
  const territories = await listTerritories(ctx.db);
  const territory = territories.find((t) => t.id === membership?.territory_id && communeInPerimeter(commune.code, t.perimeter)) ?? territories.find((t) => communeInPerimeter(commune.code, t.perimeter));
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertNeed(tx, {
      thematic: body.thematic,
      commune_code: commune.code,
      epci_code: commune.epci,
      departement_code: commune.departement,
      territory_id: territory?.id ?? membership?.territory_id ?? null,
      eligibility_keys: keys.keys,
      description: body.description,
      urgency: body.urgency,
      person_id: access?.person_id ?? null,
      referral_id: body.referral_id ?? null,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: membership?.id ?? null,
      created_by_structure_id: membership?.structure_id ?? null,
    });
    if (access) await addEvent(ctx, tx, access.person_id, "unmet_need_recorded", access.membership_id, { need_id: row.id, thematic: body.thematic, commune_code: commune.code });
    return row.id;
  });
  return getNeed(ctx, id, access);
}

async function getNeed(ctx: Ctx, id: string, access: PersonAccess | null = null): Promise<UnmetNeed> {
  const row = await repo.needWithNames(ctx.db, id);
  if (!row || !unmetNeedPermissions(ctx.actor, row.need).read) throw new DomainError("not_found", NOT_FOUND);
  // Just recorded about a person by their team (the gate logged it): the id is shown back.
  const shown = access ? new Set([access.person_id]) : await shownPeople(ctx, [row]);
  return view(ctx, row, shown);
}

/**
 * A referral linked to a need is one of the need's person: the gate already checked the caller's
 * team seat on that person, so no referral of someone else can be named (400 on referral_id).
 */
async function checkReferral(ctx: Ctx, referralId: string | null | undefined, personId: string | null): Promise<void> {
  if (!referralId) return;
  const about = await repo.referralPerson(ctx.db, referralId);
  if (!about || about !== personId) {
    throw fieldErrors([{ field: "referral_id", code: "unknown_referral", message: "Orientation inconnue pour la personne de ce besoin" }]);
  }
}

// ---- update / close ---------------------------------------------------------------------------

export async function updateNeed(ctx: Ctx, id: string, body: UnmetNeedUpdateBody): Promise<UnmetNeed> {
  const need = await repo.findNeed(ctx.db, id);
  if (!need) throw new DomainError("not_found", NOT_FOUND);
  const permissions = unmetNeedPermissions(ctx.actor, need);
  if (!permissions.read) throw new DomainError("not_found", NOT_FOUND);
  if (need.status !== "open") throw new DomainError("conflict", `Ce besoin est déjà clos (${UNMET_NEED_STATUS_LABELS[need.status as UnmetNeedStatus].toLowerCase()}) : il ne change plus.`);

  const edits = body.description !== undefined || body.urgency !== undefined;
  const anything = edits || Object.values(body).some((v) => v !== undefined && v !== null);
  if (!anything) return getNeed(ctx, id); // nothing asked, nothing written
  if (edits && !permissions.update) throw new DomainError("forbidden", "Seul·e l'auteur·rice du signalement corrige sa description ou son urgence.");
  if (body.status && !permissions.close) throw new DomainError("forbidden", "Seul·e l'auteur·rice du signalement ou l'équipe de coordination du territoire clôt un besoin.");

  const errors: FieldError[] = [];
  if (!body.status && (body.service_id || body.referral_id || body.reason)) {
    errors.push({ field: "status", code: "required", message: "Indiquez si le besoin est résolu ou abandonné" });
  }
  if (body.status === "solved" && !body.service_id && !body.referral_id) {
    errors.push({ field: "service_id", code: "required", message: "Indiquez le service (ou l'orientation) qui a répondu au besoin" });
  }
  if (body.status === "abandoned" && !body.reason) errors.push({ field: "reason", code: "required", message: "Indiquez pourquoi le besoin est abandonné" });
  if (body.status === "abandoned" && (body.service_id || body.referral_id)) {
    errors.push({ field: body.service_id ? "service_id" : "referral_id", code: "not_allowed", message: "Un besoin abandonné n'a pas de service ni d'orientation qui l'a résolu" });
  }
  if (body.service_id && !(await findService(ctx.db, body.service_id))) errors.push({ field: "service_id", code: "unknown_service", message: "Ce service n'existe pas dans l'annuaire" });
  if (errors.length) throw fieldErrors(errors);
  await checkReferral(ctx, body.referral_id, need.person_id);

  const values: Partial<repo.NeedInsert> = { updated_at: new Date() };
  if (body.description !== undefined) values.description = body.description;
  if (body.urgency !== undefined) values.urgency = body.urgency;
  if (body.status) {
    Object.assign(values, {
      status: body.status,
      closed_at: new Date(),
      closed_by_user_id: ctx.actor.user_id,
      closed_reason: body.reason ?? null,
      service_id: body.service_id ?? null,
      referral_id: body.referral_id ?? need.referral_id,
    });
  }
  await ctx.db.transaction(async (tx) => {
    // Closed concurrently by someone else: nothing is overwritten.
    const [updated] = await tx
      .update(unmet_needs)
      .set(values)
      .where(and(eq(unmet_needs.id, id), eq(unmet_needs.status, "open")))
      .returning({ id: unmet_needs.id });
    if (!updated) throw new DomainError("conflict", "Ce besoin vient d'être clos par quelqu'un d'autre.");
  });
  return getNeed(ctx, id);
}

// ---- list -------------------------------------------------------------------------------------

/** The period filter, in the territory's time zone (the dates a coordinator means). */
function period(from: string | undefined, to: string | undefined, timeZone: string): SQL[] {
  const where: SQL[] = [];
  if (from) where.push(gte(unmet_needs.created_at, sql`(${from}::date)::timestamp at time zone ${timeZone}`));
  if (to) where.push(lt(unmet_needs.created_at, sql`(${to}::date + 1)::timestamp at time zone ${timeZone}`));
  return where;
}

function periodErrors(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw fieldErrors([{ field: "to", code: "before_from", message: "La fin de la période précède son début" }]);
}

export async function listNeeds(ctx: Ctx, query: UnmetNeedListQuery): Promise<UnmetNeedList> {
  periodErrors(query.from, query.to);
  const where: SQL[] = [unmetNeedsVisibleTo(ctx.actor)];
  if (query.mine) where.push(eq(unmet_needs.created_by_user_id, ctx.actor.user_id));
  if (query.status) where.push(eq(unmet_needs.status, query.status));
  if (query.thematic) where.push(eq(unmet_needs.thematic, query.thematic));
  if (query.commune_code) where.push(eq(unmet_needs.commune_code, resolveCommuneCode(query.commune_code) ?? query.commune_code));
  if (query.epci) where.push(eq(unmet_needs.epci_code, query.epci));
  if (query.territory_id) where.push(eq(unmet_needs.territory_id, query.territory_id));
  const timeZone = query.territory_id ? (await calendarOf(ctx.db, query.territory_id)).time_zone : "Europe/Paris";
  where.push(...period(query.from, query.to, timeZone));
  const { rows, total } = await repo.listNeeds(ctx.db, where, query.page_size, (query.page - 1) * query.page_size);
  const shown = await shownPeople(ctx, rows);
  return { items: rows.map((r) => view(ctx, r, shown)), total };
}

// ---- summary and CSV --------------------------------------------------------------------------

async function territoryScope(ctx: Ctx, territoryId: string): Promise<{ timeZone: string }> {
  if (!(await findTerritory(ctx.db, territoryId))) throw new DomainError("not_found", "Territoire introuvable.");
  if (!mayReadUnmetNeedCounts(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seules l'équipe de coordination et l'équipe de pilotage du territoire consultent ses besoins sans solution.");
  return { timeZone: (await calendarOf(ctx.db, territoryId)).time_zone };
}

function summaryWhere(query: UnmetNeedSummaryQuery, timeZone: string): SQL[] {
  periodErrors(query.from, query.to);
  const where: SQL[] = [eq(unmet_needs.territory_id, query.territory_id), ...period(query.from, query.to, timeZone)];
  if (query.status) where.push(eq(unmet_needs.status, query.status));
  if (query.thematic) where.push(eq(unmet_needs.thematic, query.thematic));
  return where;
}

const monthOf = (timeZone: string) => sql`to_char(${unmet_needs.created_at} at time zone ${timeZone}, 'YYYY-MM')`;

interface Counts {
  count: number;
  open: number;
  solved: number;
  abandoned: number;
  urgent: number;
}

const zero = (): Counts => ({ count: 0, open: 0, solved: 0, abandoned: 0, urgent: 0 });

function add(map: Map<string, Counts>, key: string, row: repo.GroupRow): void {
  const c = map.get(key) ?? zero();
  c.count += row.count;
  if (row.status === "open" || row.status === "solved" || row.status === "abandoned") c[row.status] += row.count;
  if (row.urgency === "urgent") c.urgent += row.count;
  map.set(key, c);
}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

export async function summary(ctx: Ctx, query: UnmetNeedSummaryQuery): Promise<UnmetNeedSummary> {
  const { timeZone } = await territoryScope(ctx, query.territory_id);
  // One pass over the territory's needs, added up here per thematic, commune, EPCI and month.
  const groups = await repo.groupedCounts(ctx.db, monthOf(timeZone), summaryWhere(query, timeZone));
  const thematics = new Map<string, Counts>();
  const communes = new Map<string, Counts>();
  const epcis = new Map<string, Counts>();
  const months = new Map<string, Counts>();
  const thematicMonths = new Map<string, number>();
  for (const g of groups) {
    add(thematics, g.thematic, g);
    add(communes, g.commune_code, g);
    add(epcis, g.epci_code ?? "", g);
    add(months, g.month, g);
    const key = `${g.thematic} ${g.month}`;
    thematicMonths.set(key, (thematicMonths.get(key) ?? 0) + g.count);
  }
  return {
    territory_id: query.territory_id,
    from: query.from ?? null,
    to: query.to ?? null,
    total: groups.reduce((sum, g) => sum + g.count, 0),
    items: THEMATIC_SLUGS.map((slug) => ({ thematic: slug, label: THEMATIC_LABELS[slug], ...(thematics.get(slug) ?? zero()) })).sort(byCount),
    communes: [...communes]
      .map(([code, c]) => {
        const commune = getCommune(code);
        return { code, name: commune?.name ?? code, epci: commune?.epci ?? null, ...c };
      })
      .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name, "fr")),
    epcis: [...epcis].map(([code, c]) => ({ code: code || null, name: code ? (getEpci(code)?.name ?? code) : "Sans EPCI", ...c })).sort(byCount),
    months: [...months].map(([month, c]) => ({ month, ...c })).sort((a, b) => a.month.localeCompare(b.month)),
    thematic_months: [...thematicMonths]
      .map(([key, count]) => {
        const [thematic, month] = key.split(" ") as [ThematicSlug, string];
        return { thematic, month, count };
      })
      .sort((a, b) => a.month.localeCompare(b.month) || a.thematic.localeCompare(b.thematic)),
  };
}

export const CSV_FIELDS = [
  "identifiant",
  "date",
  "mois",
  "thematique",
  "commune_code",
  "commune",
  "epci_code",
  "epci",
  "departement",
  "urgence",
  "statut",
  "date_cloture",
  "motif_cloture",
  "service_solution",
  "description",
  "personne_concernee",
  "structure",
] as const;

/** The territory's needs as CSV: no person (whether one was named only), no author's name. */
export async function exportCsv(ctx: Ctx, query: UnmetNeedSummaryQuery): Promise<{ csv: string; filename: string }> {
  const { timeZone } = await territoryScope(ctx, query.territory_id);
  const rows = await repo.allNeeds(ctx.db, summaryWhere(query, timeZone), EXPORT_LIMIT);
  const format = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const local = (d: Date) => format.format(d);
  const records = rows.map(({ need: n, structure_name, service_nom }) => ({
    identifiant: n.id,
    date: local(n.created_at),
    mois: local(n.created_at).slice(0, 7),
    thematique: THEMATIC_LABELS[n.thematic as ThematicSlug] ?? n.thematic,
    commune_code: n.commune_code,
    commune: getCommune(n.commune_code)?.name ?? "",
    epci_code: n.epci_code,
    epci: n.epci_code ? (getEpci(n.epci_code)?.name ?? "") : "",
    departement: n.departement_code,
    urgence: UNMET_NEED_URGENCY_LABELS[n.urgency as UnmetNeedUrgency] ?? n.urgency,
    statut: UNMET_NEED_STATUS_LABELS[n.status as UnmetNeedStatus] ?? n.status,
    date_cloture: n.closed_at ? local(n.closed_at) : "",
    motif_cloture: n.closed_reason,
    service_solution: service_nom,
    description: n.description,
    personne_concernee: n.person_id ? "oui" : "non",
    structure: structure_name,
  }));
  const period = [query.from, query.to].filter(Boolean).join("_");
  return { csv: toCsv(records, CSV_FIELDS), filename: `besoins-sans-solution${period ? `_${period}` : ""}.csv` };
}

