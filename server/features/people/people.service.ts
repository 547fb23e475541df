// The person's file: creation with duplicate check, reading, editing, team and join requests.
// Every function asks server/policy first and writes what it read or changed to the access log.
import { todayIso } from "../../../common/domain/dates.ts";
import { duplicateVerdict, type DuplicateIdentity, type DuplicateVerdict } from "../../../common/domain/duplicates.ts";
import { cleanNir, maskNir } from "../../../common/domain/identifiers.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import type { Address } from "../../../common/schemas/common.ts";
import { PEOPLE_LIST_CAP, type AccessLogQuery, type DuplicateCandidate, type PersonCreateBody, type PersonListQuery, type PersonUpdateBody } from "../../../common/schemas/people.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { structureNameBesidePerson } from "../../policy/structures.ts";
import { recordCreation, recordDuplicateCheck, recordListed } from "../../policy/gate.ts";
import { actingMembership, assertMayUpdateFields, canSeeEvent, coordinatorTerritories, peopleAccess, peopleInTeamOf, type PersonAccess } from "../../policy/people.ts";
import { listAccessLog, listAccessVisits } from "../access-log/access-log.ts";
import { listedDeadlines } from "../pathway/pathway.service.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";
import { getCommune } from "../territories/geography.ts";
import { findTerritory, territoryForCommune } from "../territories/territories.repository.ts";
import { addEvent, listEvents } from "./events.ts";
import * as repo from "./people.repository.ts";

type PersonFields = PersonCreateBody | PersonUpdateBody;

export function nameKeys(p: { first_names: string; last_name: string; birth_name?: string | null | undefined }) {
  const last = normalizeName(p.last_name);
  const birth = p.birth_name ? normalizeName(p.birth_name) : null;
  const firsts = normalizeName(p.first_names);
  return {
    last_name_key: last,
    birth_name_key: birth,
    first_name_key: firsts.split(" ")[0] ?? firsts,
    search_key: [last, birth, firsts].filter(Boolean).join(" "),
  };
}

function addressColumns(address: Address | null | undefined) {
  return {
    street: address?.street ?? null,
    complement: address?.complement ?? null,
    postal_code: address?.postal_code ?? null,
    commune_code: address?.commune_code ?? null,
  };
}

/** Checks what a schema cannot: the commune exists, the territory exists. */
async function checkReferences(ctx: Ctx, body: PersonFields): Promise<void> {
  const code = body.address?.commune_code;
  if (code && !getCommune(code)) {
    throw fieldErrors([{ field: "address.commune_code", code: "unknown_commune", message: `Aucune commune n'a le code INSEE « ${code} »` }]);
  }
  if (body.territory_id && !(await findTerritory(ctx.db, body.territory_id))) {
    throw fieldErrors([{ field: "territory_id", code: "unknown_territory", message: "Territoire inconnu" }]);
  }
}

/** Columns written from an API body; only the fields present in the body (PATCH semantics). */
function columnsFrom(ctx: Ctx, body: PersonFields, current?: repo.PersonRow): Partial<repo.PersonInsert> {
  const out: Partial<repo.PersonInsert> = {};
  const simple = ["first_names", "last_name", "birth_name", "birth_date", "email", "phone", "caf_number", "france_travail_id", "department_id", "rsa_right_opened_on", "rsa_status", "territory_id"] as const;
  for (const key of simple) if (body[key] !== undefined) (out as Record<string, unknown>)[key] = body[key];
  if (body.caf_number) out.caf_number = body.caf_number.toUpperCase();
  if (body.france_travail_id) out.france_travail_id = body.france_travail_id.toUpperCase();
  if (body.situation_flags !== undefined) out.situation_flags = [...new Set(body.situation_flags)].sort();
  if (body.address !== undefined) Object.assign(out, addressColumns(body.address));
  if (body.nir !== undefined) {
    const nir = body.nir ? cleanNir(body.nir) : null;
    out.nir_encrypted = nir ? ctx.crypto.encrypt(nir) : null;
    out.nir_hash = nir ? ctx.crypto.keyedHash(nir) : null;
  }
  if (body.first_names !== undefined || body.last_name !== undefined || body.birth_name !== undefined) {
    Object.assign(
      out,
      nameKeys({
        first_names: body.first_names ?? current?.first_names ?? "",
        last_name: body.last_name ?? current?.last_name ?? "",
        birth_name: body.birth_name !== undefined ? body.birth_name : current?.birth_name,
      }),
    );
  }
  return out;
}

/** Candidates shown at most, best score first. */
const MAX_CANDIDATES = 10;

/**
 * The files that may be this person, with why and how sure (common/domain/duplicates.ts), best first.
 * Nothing of a candidate's file is answered (no name, no date): only its id, who follows it and the
 * reasons, which compare it with what the caller typed (the policy of recordDuplicateCheck).
 */
async function duplicateCandidates(ctx: Ctx, wanted: DuplicateIdentity & repo.DuplicateKeys, excludeId?: string): Promise<DuplicateCandidate[]> {
  const rows = await repo.findDuplicates(ctx.db, wanted, excludeId);
  const scored = rows
    .map((row) => ({
      row,
      verdict: duplicateVerdict(wanted, row, { nir: row.same_nir, caf_number: row.same_caf_number, france_travail_id: row.same_france_travail_id, department_id: row.same_department_id }),
    }))
    .filter((s): s is { row: repo.DuplicateRow; verdict: DuplicateVerdict } => s.verdict !== null)
    .sort((a, b) => b.verdict.score - a.verdict.score || Number(b.verdict.match === "identifier") - Number(a.verdict.match === "identifier"))
    .slice(0, MAX_CANDIDATES);
  if (scored.length === 0) return [];
  const ids = scored.map((s) => s.row.person_id);
  const [team, pending] = await Promise.all([repo.activeTeam(ctx.db, ids), repo.pendingJoinRequestsOf(ctx.db, ctx.actor.user_id, ids)]);
  return scored.map(({ row, verdict }) => {
    const members = team.filter((m) => m.person_id === row.person_id);
    const names = [...new Set(members.map((m) => structureNameBesidePerson({ name: m.structure_name, sensitive: m.structure_sensitive })))];
    return {
      person_id: row.person_id,
      match: verdict.match,
      score: verdict.score,
      reasons: verdict.reasons,
      followed_by: names,
      already_in_team: members.some((m) => m.user_id === ctx.actor.user_id),
      join_request_pending: pending.has(row.person_id),
    };
  });
}

function duplicateError(candidates: DuplicateCandidate[]): DomainError {
  const canConfirm = candidates.every((c) => c.match === "similar");
  return new DomainError(
    "duplicate_person",
    canConfirm
      ? "Des dossiers ressemblent à celui-ci (noms et date de naissance proches, ou même numéro allocataire : celui d'un foyer). Vérifiez qu'il ne s'agit pas de la même personne avant de créer un nouveau dossier."
      : "Un dossier existe déjà avec l'un de ces identifiants. Demandez à rejoindre l'équipe qui suit cette personne.",
    { extensions: { candidates, can_confirm: canConfirm } },
  );
}

/** The 409 of a duplicate, after logging that the caller was shown the candidates' existence. */
async function refuseDuplicates(ctx: Ctx, membershipId: string, candidates: DuplicateCandidate[]): Promise<never> {
  await recordDuplicateCheck(ctx, candidates.map((c) => c.person_id), membershipId);
  throw duplicateError(candidates);
}

export async function createPerson(ctx: Ctx, body: PersonCreateBody): Promise<{ id: string }> {
  const membership = actingMembership(ctx.actor, body.membership_id);
  await checkReferences(ctx, body);
  const columns = columnsFrom(ctx, body);
  const keys = nameKeys(body);
  const duplicateKeys = {
    first_names: body.first_names,
    last_name: body.last_name,
    birth_name: body.birth_name,
    search_key: keys.search_key,
    birth_date: body.birth_date,
    caf_number: columns.caf_number,
    france_travail_id: columns.france_travail_id,
    department_id: columns.department_id,
    nir_hash: columns.nir_hash,
  };
  /** Candidates stop a creation unless they are all "similar" and the caller confirmed someone else. */
  const blocking = (candidates: DuplicateCandidate[]) => candidates.length > 0 && !(candidates.every((c) => c.match === "similar") && body.confirm_not_duplicate);
  let territoryId = body.territory_id ?? null;
  if (!territoryId && body.address?.commune_code) territoryId = (await territoryForCommune(ctx.db, body.address.commune_code))?.id ?? null;
  territoryId ??= membership.territory_id;

  try {
    return await ctx.db.transaction(async (tx) => {
      // The household's number is not unique: the creations holding it take turns, so the check
      // sees a file of that number committed by a concurrent creation (the same person sent twice).
      if (columns.caf_number) await repo.lockHousehold(tx, columns.caf_number);
      const candidates = await duplicateCandidates({ ...ctx, db: tx }, duplicateKeys);
      if (blocking(candidates)) throw new DuplicatesFound(candidates);
      const row = await repo.insertPerson(tx, {
        ...(columns as repo.PersonInsert),
        ...keys,
        territory_id: territoryId,
        created_by: ctx.actor.user_id,
      });
      await repo.insertTeamMember(tx, { person_id: row.id, user_id: ctx.actor.user_id, membership_id: membership.id, structure_id: membership.structure_id, is_referent: true });
      await addEvent(ctx, tx, row.id, "person_created", membership.id);
      await addEvent(ctx, tx, row.id, "referent_changed", membership.id, { member_name: ctx.actor.name, structure_name: membership.structure_name });
      await refreshDeadlines(tx, [row.id]);
      await recordCreation(ctx, tx, row.id, membership.id);
      return { id: row.id };
    });
  } catch (error) {
    // Refused after the rollback: the refusal's access-log row is written on its own.
    if (error instanceof DuplicatesFound) return refuseDuplicates(ctx, membership.id, error.candidates);
    // A concurrent creation took the NIR after the check: the same 409 as the check.
    if (!repo.isIdentifierConflict(error)) throw error;
    const found = await duplicateCandidates(ctx, duplicateKeys);
    if (found.length === 0) throw error;
    return refuseDuplicates(ctx, membership.id, found);
  }
}

/** Rolls a creation back when its duplicate check finds files that stop it (createPerson). */
class DuplicatesFound extends Error {
  readonly candidates: DuplicateCandidate[];
  constructor(candidates: DuplicateCandidate[]) {
    super("duplicate candidates stop the creation");
    this.candidates = candidates;
  }
}

function personView(ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>, referent: repo.Referent | undefined, access: PersonAccess) {
  const p = row.person;
  return {
    id: p.id,
    first_names: p.first_names,
    last_name: p.last_name,
    birth_name: p.birth_name,
    birth_date: p.birth_date,
    email: p.email,
    phone: p.phone,
    address: {
      street: p.street,
      complement: p.complement,
      postal_code: p.postal_code,
      commune_code: p.commune_code,
      commune_name: p.commune_code ? (getCommune(p.commune_code)?.name ?? null) : null,
    },
    caf_number: p.caf_number,
    france_travail_id: p.france_travail_id,
    department_id: p.department_id,
    nir_masked: p.nir_encrypted ? maskNir(ctx.crypto.decrypt(p.nir_encrypted)) : null,
    rsa_right_opened_on: p.rsa_right_opened_on,
    rsa_status: p.rsa_status as never,
    situation_flags: p.situation_flags as never[],
    territory: p.territory_id ? { id: p.territory_id, name: row.territory_name ?? "" } : null,
    referent: referent ?? null,
    created_at: p.created_at.toISOString(),
    updated_at: p.updated_at.toISOString(),
    permissions: access.permissions,
  };
}

export async function getPerson(ctx: Ctx, access: PersonAccess) {
  const id = access.person_id;
  const [row, referents] = await Promise.all([repo.findPerson(ctx.db, id), repo.referentsOf(ctx.db, [id])]);
  if (!row) throw new DomainError("not_found", "Dossier introuvable.");
  return personView(ctx, row, referents.get(id), access);
}

const DERIVED_COLUMNS = new Set(["last_name_key", "birth_name_key", "first_name_key", "search_key", "nir_hash"]);
const ADDRESS_COLUMNS = new Set(["street", "complement", "postal_code", "commune_code"]);

/** API field names whose value really changes (the timeline names them; no value is logged). */
function changedFields(current: repo.PersonRow, columns: Partial<repo.PersonInsert>, ctx: Ctx): string[] {
  const fields = new Set<string>();
  for (const [column, value] of Object.entries(columns)) {
    if (DERIVED_COLUMNS.has(column)) continue;
    const before = (current as Record<string, unknown>)[column];
    if (column === "nir_encrypted") {
      const beforeNir = current.nir_encrypted ? ctx.crypto.decrypt(current.nir_encrypted) : null;
      const afterNir = value ? ctx.crypto.decrypt(value as string) : null;
      if (beforeNir !== afterNir) fields.add("nir");
      continue;
    }
    if (JSON.stringify(before ?? null) !== JSON.stringify(value ?? null)) fields.add(ADDRESS_COLUMNS.has(column) ? "address" : column);
  }
  return [...fields].sort();
}

export async function updatePerson(ctx: Ctx, access: PersonAccess, body: PersonUpdateBody) {
  const id = access.person_id;
  const current = await repo.findPerson(ctx.db, id);
  if (!current) throw new DomainError("not_found", "Dossier introuvable.");
  await checkReferences(ctx, body);
  const columns = columnsFrom(ctx, body, current.person);
  const changed = changedFields(current.person, columns, ctx);
  if (changed.length === 0) return getPerson(ctx, access);
  assertMayUpdateFields(access, changed);
  const merged = { ...current.person, ...columns };
  const candidates = (await duplicateCandidates(ctx, merged, id)).filter((c) => c.match === "identifier");
  if (candidates.length > 0) throw duplicateError(candidates);
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.updatePerson(tx, id, columns);
      await refreshDeadlines(tx, [id]);
      await addEvent(ctx, tx, id, "person_updated", access.membership_id, { fields: changed });
    });
  } catch (error) {
    // Another file took the NIR after the check: the same 409 as the check.
    if (!repo.isIdentifierConflict(error)) throw error;
    const found = (await duplicateCandidates(ctx, merged, id)).filter((c) => c.match === "identifier");
    if (found.length === 0) throw error;
    throw duplicateError(found);
  }
  return getPerson(ctx, access);
}

export async function listMyPeople(ctx: Ctx, query: PersonListQuery) {
  const searchKey = query.q ? normalizeName(query.q) : undefined;
  const offset = (query.page - 1) * query.page_size;
  if (!query.after && offset >= PEOPLE_LIST_CAP) {
    throw fieldErrors([{ field: "page", code: "too_far", message: `Les numéros de page s'arrêtent à ${PEOPLE_LIST_CAP.toLocaleString("fr-FR")} personnes : continuez avec « after » (personnes suivantes)` }]);
  }
  // "Overdue" and "no contact" read the due dates stored by the pure rules (pathway/stored-deadlines.ts).
  const today = todayIso();
  const { rows, total, capped, nextAfter } = await repo.listPeople(ctx.db, peopleInTeamOf(ctx.actor), {
    searchKey: searchKey || undefined,
    sort: query.sort,
    after: query.after,
    offset,
    pageSize: query.page_size,
    cap: PEOPLE_LIST_CAP,
    noReferent: query.no_referent,
    overdueOn: query.overdue ? today : undefined,
    noContactOn: query.no_contact_3_months ? today : undefined,
  });
  const ids = rows.map((r) => r.id);
  // The référent and the caller's flag come from this page's team rows only; the deadlines from the
  // rows' stored dates.
  const decisions = peopleAccess(ctx.db, ctx.actor, ids);
  const [access, team, deadlines] = await Promise.all([decisions, repo.pageTeam(ctx.db, ids, ctx.actor.user_id), listedDeadlines(ctx.db, decisions, rows, today)]);
  await recordListed(ctx, [...access.values()], "person");
  return {
    items: rows.map((r) => ({
      id: r.id,
      first_names: r.first_names,
      last_name: r.last_name,
      birth_date: r.birth_date,
      commune_name: r.commune_code ? (getCommune(r.commune_code)?.name ?? null) : null,
      referent: team.referents.get(r.id) ?? null,
      is_referent: team.referentOfMine.has(r.id),
      updated_at: r.updated_at.toISOString(),
      deadlines: deadlines.get(r.id)!,
    })),
    total,
    total_is_capped: capped,
    next_after: nextAfter,
  };
}

function teamView(members: Awaited<ReturnType<typeof repo.activeTeam>>) {
  return members.map((m) => ({
    id: m.id,
    user: { id: m.user_id, name: m.user_name, email: m.user_email },
    structure: { id: m.structure_id, name: m.structure_name },
    membership_id: m.membership_id,
    is_referent: m.is_referent,
    joined_at: m.joined_at.toISOString(),
  }));
}

export async function getTeam(ctx: Ctx, access: PersonAccess) {
  const members = await repo.activeTeam(ctx.db, [access.person_id]);
  return { members: teamView(members), permissions: access.permissions };
}

export async function setReferent(ctx: Ctx, access: PersonAccess, memberId: string) {
  const personId = access.person_id;
  const member = (await repo.activeTeam(ctx.db, [personId])).find((m) => m.id === memberId);
  if (!member) throw fieldErrors([{ field: "member_id", code: "not_in_team", message: "Ce membre ne fait pas partie de l'équipe" }]);
  if (!member.is_referent) {
    await ctx.db.transaction(async (tx) => {
      await repo.setReferent(tx, personId, memberId);
      await addEvent(ctx, tx, personId, "referent_changed", access.membership_id, { member_name: member.user_name, structure_name: member.structure_name });
    });
  }
  return getTeam(ctx, access);
}

export async function getTimeline(ctx: Ctx, access: PersonAccess) {
  const items = (await listEvents(ctx.db, access.person_id)).filter((e) => canSeeEvent(access, ctx.actor.user_id, e));
  return { items };
}

export async function getAccessLog(ctx: Ctx, access: PersonAccess, query: AccessLogQuery) {
  const filters = { from: query.from, to: query.to, user_id: query.user_id };
  if (query.view === "visits") return listAccessVisits(ctx.db, access.person_id, filters, query.page, query.page_size);
  return listAccessLog(ctx.db, access.person_id, filters, query.page, query.page_size);
}

// ——— Join requests ———

function joinRequestView(ctx: Ctx, r: Awaited<ReturnType<typeof repo.listJoinRequests>>["rows"][number], canDecide: boolean, personName: string | null) {
  return {
    id: r.request.id,
    person_id: r.request.person_id,
    person_name: personName,
    requester: { user_id: r.request.requester_user_id, name: r.requester_name, structure_name: r.structure_name },
    message: r.request.message,
    status: r.request.status as never,
    created_at: r.request.created_at.toISOString(),
    decided_at: r.request.decided_at?.toISOString() ?? null,
    decision_reason: r.request.decision_reason,
    can_decide: canDecide,
  };
}

export async function requestToJoin(ctx: Ctx, access: PersonAccess, body: { membership_id?: string | undefined; message?: string | null | undefined }) {
  const personId = access.person_id;
  const membership = actingMembership(ctx.actor, body.membership_id);
  const person = await repo.findPerson(ctx.db, personId);
  if (!person) throw new DomainError("not_found", "Dossier introuvable.");
  const team = await repo.activeTeam(ctx.db, [personId]);
  if (team.some((m) => m.membership_id === membership.id)) throw new DomainError("conflict", "Vous faites déjà partie de l'équipe d'accompagnement de cette personne.");
  if ((await repo.pendingJoinRequestsOf(ctx.db, ctx.actor.user_id, [personId])).size > 0) throw new DomainError("conflict", "Une demande est déjà en attente pour cette personne.");
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertJoinRequest(tx, { person_id: personId, requester_user_id: ctx.actor.user_id, membership_id: membership.id, message: body.message ?? null });
    await addEvent(ctx, tx, personId, "join_requested", membership.id, { member_name: ctx.actor.name, structure_name: membership.structure_name });
    return inserted;
  });
  return {
    id: row.id,
    person_id: personId,
    person_name: null,
    requester: { user_id: ctx.actor.user_id, name: ctx.actor.name, structure_name: membership.structure_name },
    message: row.message,
    status: "pending" as const,
    created_at: row.created_at.toISOString(),
    decided_at: null,
    decision_reason: null,
    can_decide: false,
  };
}

export async function listJoinRequests(ctx: Ctx, query: { status?: string | undefined; page: number; page_size: number }) {
  const coordinated = [...coordinatorTerritories(ctx.actor).keys()];
  const { rows, total } = await repo.listJoinRequests(ctx.db, { userId: ctx.actor.user_id, coordinatedTerritoryIds: coordinated, status: query.status, page: query.page, pageSize: query.page_size });
  const access = await peopleAccess(ctx.db, ctx.actor, rows.map((r) => r.request.person_id));
  const readable = [...access.values()].filter((a) => a.permissions.read);
  const names = await repo.namesOf(ctx.db, readable.map((a) => a.person_id));
  await recordListed(ctx, readable, "join_request");
  const items = rows.map((r) => {
    const a = access.get(r.request.person_id);
    const canDecide = r.request.status === "pending" && Boolean(a?.permissions.manage_team);
    return joinRequestView(ctx, r, canDecide, a?.permissions.read ? (names.get(r.request.person_id) ?? null) : null);
  });
  return { items, total };
}

export async function decideJoinRequest(ctx: Ctx, access: PersonAccess, requestId: string, decision: "approve" | "reject", reason: string | null | undefined) {
  const request = await repo.findJoinRequest(ctx.db, requestId);
  if (!request || request.person_id !== access.person_id) throw new DomainError("not_found", "Demande introuvable.");
  if (request.status !== "pending") throw new DomainError("conflict", "Cette demande a déjà été traitée.");
  const requester = await repo.membershipInfo(ctx.db, request.membership_id);
  if (!requester || requester.ended_at) throw new DomainError("conflict", "Le demandeur n'appartient plus à cette structure.");
  await ctx.db.transaction(async (tx) => {
    const decided = await repo.decideJoinRequest(tx, requestId, { status: decision === "approve" ? "approved" : "rejected", decided_by: ctx.actor.user_id, decision_reason: reason ?? null });
    if (!decided) throw new DomainError("conflict", "Cette demande a déjà été traitée.");
    const data = { member_name: requester.user_name, structure_name: requester.structure_name };
    if (decision === "approve") {
      await repo.insertTeamMember(tx, { person_id: request.person_id, user_id: requester.user_id, membership_id: requester.id, structure_id: requester.structure_id, is_referent: false });
      await addEvent(ctx, tx, request.person_id, "join_request_approved", access.membership_id, data);
      await addEvent(ctx, tx, request.person_id, "team_member_joined", requester.id, data);
    } else {
      await addEvent(ctx, tx, request.person_id, "join_request_rejected", access.membership_id, data);
    }
  });
  const row = await repo.joinRequestWithNames(ctx.db, requestId);
  const person = await repo.findPerson(ctx.db, request.person_id);
  return joinRequestView(ctx, row!, false, person ? `${person.person.first_names} ${person.person.last_name}` : null);
}
