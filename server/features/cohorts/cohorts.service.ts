// Cohorts: rules and transactions. Who may do what is asked of policy/cohorts.ts; which people a
// list may show, of policy/people.ts; each person a list shows or a batch changes is logged through
// the gate's helpers (recordListed, recordChanged).
import type { SQL } from "drizzle-orm";
import { COHORT_OUTCOME_MAX_MONTHS, latestBirthDateForAge, type CohortAddedHow } from "../../../common/domain/cohorts.ts";
import { addMonths } from "../../../common/domain/dates.ts";
import { todayIn } from "../../../common/domain/territory-calendar.ts";
import type { FieldError } from "../../../common/problem.ts";
import {
  COHORT_BULK_ADD_MAX,
  PREVIEW_PAGE_SIZE,
  type Cohort,
  type CohortCreateBody,
  type CohortCriteria,
  type CohortMembersAddBody,
  type CohortMembersRemoveBody,
  type CohortOutcomes,
  type CohortPreview,
  type CohortUpdateBody,
  type PersonCohorts,
} from "../../../common/schemas/cohorts.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { cohortCreationTerritories, cohortPermissions, cohortTerritoriesOf, mayAddToCohortFromFile, mayCreateCohort } from "../../policy/cohorts.ts";
import { recordChanged, recordListed } from "../../policy/gate.ts";
import { peopleAccess, peopleOfTerritoriesCoordinatedBy, type PersonAccess } from "../../policy/people.ts";
import { effectiveSettings } from "../orientation/orientation.service.ts";
import * as orientationRepo from "../orientation/orientation.repository.ts";
import { addEvents } from "../people/events.ts";
import { getCommune, getEpci } from "../territories/geography.ts";
import { findTerritory, listTerritories } from "../territories/territories.repository.ts";
import { calendarOf } from "../territories/territories.service.ts";
import * as repo from "./cohorts.repository.ts";

const NOT_FOUND = "Cohorte introuvable.";

function view(ctx: Ctx, row: repo.CohortRow): Cohort {
  const { read: _read, ...permissions } = cohortPermissions(ctx.actor, row.territory_id);
  return {
    id: row.id,
    territory_id: row.territory_id,
    territory_name: row.territory_name,
    name: row.name,
    criteria: row.criteria,
    places: [
      ...(row.criteria.commune_codes ?? []).map((code) => ({ kind: "commune" as const, code, name: getCommune(code)?.name ?? code })),
      ...(row.criteria.epci_codes ?? []).map((code) => ({ kind: "epci" as const, code, name: getEpci(code)?.name ?? code })),
    ],
    starts_on: row.starts_on,
    ends_on: row.ends_on,
    expected_outcomes: row.expected_outcomes,
    members_count: Number(row.members_count),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    permissions,
  };
}

/** The cohort, when the caller may see it (else 404: its existence is not revealed). */
async function visible(ctx: Ctx, id: string): Promise<repo.CohortRow> {
  const row = await repo.findCohort(ctx.db, id);
  if (!row || !cohortPermissions(ctx.actor, row.territory_id).read) throw new DomainError("not_found", NOT_FOUND);
  return row;
}

function demand(ctx: Ctx, row: repo.CohortRow, what: "update" | "preview" | "manage_members" | "read_members" | "read_outcomes"): void {
  if (!cohortPermissions(ctx.actor, row.territory_id)[what]) {
    throw new DomainError("forbidden", what === "update" ? "Seule l'équipe de coordination du territoire modifie ses cohortes." : "Seule l'équipe de coordination du territoire voit et gère les personnes d'une cohorte.");
  }
}

async function today(db: Db, territoryId: string): Promise<{ today: string; timeZone: string }> {
  const calendar = await calendarOf(db, territoryId);
  return { today: todayIn(calendar.time_zone), timeZone: calendar.time_zone };
}

/** Checks the places of the criteria (each commune and EPCI must exist), naming the field. */
function checkPlaces(criteria: CohortCriteria, prefix = "criteria"): void {
  const errors: FieldError[] = [];
  criteria.commune_codes?.forEach((code, i) => {
    if (!getCommune(code)) errors.push({ field: `${prefix}.commune_codes.${i}`, code: "invalid", message: `Commune inconnue : ${code}` });
  });
  criteria.epci_codes?.forEach((code, i) => {
    if (!getEpci(code)) errors.push({ field: `${prefix}.epci_codes.${i}`, code: "invalid", message: `EPCI inconnu : ${code}` });
  });
  if (errors.length) throw fieldErrors(errors);
}

/** The criteria as SQL on `people`, on the territory's today. */
export function resolveCriteria(criteria: CohortCriteria, today: string): SQL {
  const places = criteria.commune_codes || criteria.epci_codes ? [...(criteria.commune_codes ?? []), ...(criteria.epci_codes ?? []).flatMap((code) => getEpci(code)?.communes ?? [])] : null;
  return repo.criteriaWhere({
    criteria,
    born_on_or_before: criteria.age_min !== undefined ? latestBirthDateForAge(today, criteria.age_min) : null,
    born_after: criteria.age_max !== undefined ? latestBirthDateForAge(today, criteria.age_max + 1) : null,
    communes: places ? [...new Set(places)] : null,
  });
}

export async function listCohorts(ctx: Ctx, territoryId: string | undefined) {
  const rows = await repo.listCohorts(ctx.db, cohortTerritoriesOf(ctx.actor), territoryId);
  const creatable = cohortCreationTerritories(ctx.actor);
  const may_create_in = creatable === null ? (await listTerritories(ctx.db)).map((t) => ({ id: t.id, name: t.name })) : [...creatable].map(([id, name]) => ({ id, name }));
  return { items: rows.map((r) => view(ctx, r)), may_create_in };
}

export async function createCohort(ctx: Ctx, body: CohortCreateBody): Promise<Cohort> {
  const territory = await findTerritory(ctx.db, body.territory_id);
  if (!mayCreateCohort(ctx.actor, body.territory_id)) throw new DomainError("forbidden", "Seules l'équipe de coordination du territoire et l'administration de la plateforme créent des cohortes.");
  if (!territory) throw fieldErrors([{ field: "territory_id", code: "invalid", message: "Territoire inconnu" }]);
  checkPlaces(body.criteria);
  const id = await repo.insertCohort(ctx.db, {
    territory_id: body.territory_id,
    name: body.name,
    criteria: body.criteria,
    starts_on: body.starts_on,
    ends_on: body.ends_on ?? null,
    expected_outcomes: body.expected_outcomes ?? null,
    created_by: ctx.actor.user_id,
  });
  return view(ctx, (await repo.findCohort(ctx.db, id))!);
}

export async function getCohort(ctx: Ctx, id: string): Promise<Cohort> {
  return view(ctx, await visible(ctx, id));
}

export async function updateCohort(ctx: Ctx, id: string, body: CohortUpdateBody): Promise<Cohort> {
  const row = await visible(ctx, id);
  demand(ctx, row, "update");
  if (body.criteria) checkPlaces(body.criteria);
  const starts = body.starts_on ?? row.starts_on;
  const ends = body.ends_on === undefined ? row.ends_on : body.ends_on;
  if (ends && ends < starts) throw fieldErrors([{ field: "ends_on", code: "invalid", message: "La fin de la période est avant son début" }]);
  const values: Parameters<typeof repo.updateCohort>[2] = {};
  if (body.name !== undefined) values.name = body.name;
  if (body.criteria !== undefined) values.criteria = body.criteria;
  if (body.starts_on !== undefined) values.starts_on = body.starts_on;
  if (body.ends_on !== undefined) values.ends_on = body.ends_on;
  if (body.expected_outcomes !== undefined) values.expected_outcomes = body.expected_outcomes;
  await repo.updateCohort(ctx.db, id, values);
  return view(ctx, (await repo.findCohort(ctx.db, id))!);
}

export async function preview(ctx: Ctx, id: string, after: string | undefined): Promise<CohortPreview> {
  const row = await visible(ctx, id);
  demand(ctx, row, "preview");
  const { today: evaluatedOn } = await today(ctx.db, row.territory_id);
  const result = await repo.previewMatches(ctx.db, id, row.territory_id, peopleOfTerritoriesCoordinatedBy(ctx.actor), resolveCriteria(row.criteria, evaluatedOn), after, PREVIEW_PAGE_SIZE);
  await recordListed(ctx, [...(await peopleAccess(ctx.db, ctx.actor, result.rows.map((r) => r.person_id))).values()], "cohort");
  return { count: result.count, items: result.rows.map(listed), next_after: result.nextAfter, evaluated_on: evaluatedOn };
}

function listed(r: repo.ListedPersonRow) {
  return { person_id: r.person_id, first_names: r.first_names, last_name: r.last_name, birth_date: r.birth_date, commune_name: r.commune_code ? (getCommune(r.commune_code)?.name ?? null) : null };
}

function isActiveStayConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === "cohort_members_active_key" || constraint === undefined;
  }
  return false;
}

/**
 * Adds people in one transaction: every person must be a file of the cohort's territory (else 400
 * naming the person, nothing added), not already a member (409 naming them); from the preview
 * (`how: criteria`), every person must still match.
 */
async function insertStays(ctx: Ctx, row: repo.CohortRow, personIds: string[], how: CohortAddedHow, joinedOn: string, membershipId: string | null, fieldName = "person_ids"): Promise<void> {
  const { today: todayOn } = await today(ctx.db, row.territory_id);
  try {
    await ctx.db.transaction(async (tx) => {
      const territories = await repo.territoriesOfPeople(tx, personIds);
      const errors: FieldError[] = [];
      personIds.forEach((pid, i) => {
        if (territories.get(pid) !== row.territory_id) errors.push({ field: `${fieldName}.${i}`, code: "other_territory", message: `La personne ${pid} n'est pas un dossier du territoire de la cohorte` });
      });
      if (errors.length) throw fieldErrors(errors, "Certaines personnes ne sont pas des dossiers du territoire de la cohorte : rien n'a été ajouté.");
      if (how === "criteria") {
        const matching = await repo.whichMatch(tx, row.territory_id, resolveCriteria(row.criteria, todayOn), personIds);
        const unmatched = personIds.map((pid, i) => ({ pid, i })).filter(({ pid }) => !matching.has(pid));
        if (unmatched.length) {
          throw fieldErrors(
            unmatched.map(({ pid, i }) => ({ field: `${fieldName}.${i}`, code: "not_matching", message: `La personne ${pid} ne répond plus aux critères de la cohorte` })),
            "Certaines personnes ne répondent plus aux critères : rien n'a été ajouté.",
          );
        }
      }
      const already = await repo.activeMembers(tx, row.id, personIds);
      if (already.size) {
        throw new DomainError("conflict", `Déjà membre(s) de la cohorte : ${[...already].join(", ")}. Rien n'a été ajouté.`, { extensions: { person_ids: [...already] } });
      }
      await repo.insertMembers(
        tx,
        personIds.map((person_id) => ({ cohort_id: row.id, person_id, joined_on: joinedOn, added_how: how, added_by_user_id: ctx.actor.user_id, added_by_membership_id: membershipId })),
      );
      await addEvents(ctx, tx, personIds, "cohort_joined", membershipId, { cohort_id: row.id, cohort_name: row.name, how, joined_on: joinedOn });
    });
  } catch (error) {
    if (isActiveStayConflict(error)) throw new DomainError("conflict", "Une de ces personnes vient d'être ajoutée à la cohorte. Rien n'a été ajouté : réessayez.");
    throw error;
  }
}

export async function addMembers(ctx: Ctx, id: string, body: CohortMembersAddBody) {
  const row = await visible(ctx, id);
  demand(ctx, row, "manage_members");
  const { today: todayOn } = await today(ctx.db, row.territory_id);
  let personIds: string[];
  let how: CohortAddedHow;
  if (body.all_matching) {
    personIds = await repo.matchingIds(ctx.db, id, row.territory_id, resolveCriteria(row.criteria, todayOn), COHORT_BULK_ADD_MAX + 1);
    if (personIds.length > COHORT_BULK_ADD_MAX) {
      throw fieldErrors([{ field: "all_matching", code: "too_many", message: `Plus de ${COHORT_BULK_ADD_MAX} personnes répondent aux critères : précisez-les` }]);
    }
    how = "criteria";
  } else {
    personIds = [...new Set(body.person_ids!)];
    how = body.how ?? "hand";
  }
  if (personIds.length === 0) return { added: 0, person_ids: [] };
  const coordinator = cohortCoordinatorMembership(ctx, row.territory_id);
  await insertStays(ctx, row, personIds, how, body.joined_on ?? todayOn, coordinator);
  await recordChanged(ctx, [...(await peopleAccess(ctx.db, ctx.actor, personIds)).values()], "cohort");
  return { added: personIds.length, person_ids: personIds };
}

function cohortCoordinatorMembership(ctx: Ctx, territoryId: string): string | null {
  return ctx.actor.memberships.find((m) => m.role === "coordinator" && m.territory_id === territoryId)?.id ?? null;
}

export async function removeMembers(ctx: Ctx, id: string, body: CohortMembersRemoveBody) {
  const row = await visible(ctx, id);
  demand(ctx, row, "manage_members");
  const { today: todayOn } = await today(ctx.db, row.territory_id);
  const leftOn = body.left_on ?? todayOn;
  const personIds = [...new Set(body.person_ids)];
  const membership = cohortCoordinatorMembership(ctx, row.territory_id);
  await ctx.db.transaction(async (tx) => {
    const stays = await repo.activeStays(tx, id, personIds);
    const byPerson = new Map(stays.map((s) => [s.person_id, s]));
    const errors: FieldError[] = [];
    personIds.forEach((pid, i) => {
      const stay = byPerson.get(pid);
      if (!stay) errors.push({ field: `person_ids.${i}`, code: "not_member", message: `La personne ${pid} n'est pas membre de la cohorte` });
      else if (stay.joined_on > leftOn) errors.push({ field: "left_on", code: "before_joined", message: `La date de sortie est avant l'entrée de la personne ${pid} (${stay.joined_on})` });
    });
    if (errors.length) throw fieldErrors(errors, "Rien n'a été modifié.");
    await repo.endStays(
      tx,
      stays.map((s) => s.id),
      { left_on: leftOn, exit_reason: body.exit_reason, exit_comment: body.exit_comment ?? null, removed_by_user_id: ctx.actor.user_id },
    );
    await addEvents(ctx, tx, personIds, "cohort_left", membership, { cohort_id: id, cohort_name: row.name, exit_reason: body.exit_reason, left_on: leftOn });
  });
  await recordChanged(ctx, [...(await peopleAccess(ctx.db, ctx.actor, personIds)).values()], "cohort");
  return { removed: personIds.length };
}

export async function listMembers(ctx: Ctx, id: string, query: { status: "active" | "left" | "all"; after?: string | undefined; page_size: number }) {
  const row = await visible(ctx, id);
  demand(ctx, row, "read_members");
  const result = await repo.listMembers(ctx.db, id, query.status, query.after, query.page_size);
  await recordListed(ctx, [...(await peopleAccess(ctx.db, ctx.actor, result.rows.map((r) => r.person_id))).values()], "cohort");
  return {
    total: result.total,
    next_after: result.nextAfter,
    items: result.rows.map((r) => ({
      ...listed(r),
      joined_on: r.joined_on,
      left_on: r.left_on,
      exit_reason: r.exit_reason as never,
      exit_comment: r.exit_comment,
      added_how: r.added_how as CohortAddedHow,
      added_by_name: r.added_by_name,
    })),
  };
}

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;

export async function outcomes(ctx: Ctx, id: string): Promise<CohortOutcomes> {
  const row = await visible(ctx, id);
  demand(ctx, row, "read_outcomes");
  const { today: todayOn, timeZone } = await today(ctx.db, row.territory_id);
  const settings = effectiveSettings(await orientationRepo.territorySettings(ctx.db, row.territory_id));
  const first = await repo.firstJoined(ctx.db, id);
  const start = [row.starts_on, first].filter((d): d is string => Boolean(d)).sort()[0]!;
  const end = row.ends_on && row.ends_on < todayOn ? row.ends_on : todayOn;
  if (start > end) return { cohort_id: id, months: [] };
  const to = firstOfMonth(end);
  const earliest = addMonths(to, -(COHORT_OUTCOME_MAX_MONTHS - 1));
  const from = firstOfMonth(start) < earliest ? earliest : firstOfMonth(start);
  const months = await repo.outcomes(ctx.db, { cohortId: id, from, to, today: end, timeZone, contactMonths: settings.deadlines.contact_months });
  return { cohort_id: id, months };
}

/** The person's cohorts, on their file; the cohorts they may be added to when the caller may add. */
export async function personCohorts(ctx: Ctx, access: PersonAccess): Promise<PersonCohorts> {
  const territoryId = (await repo.territoriesOfPeople(ctx.db, [access.person_id])).get(access.person_id) ?? null;
  const stays = await repo.personStays(ctx.db, access.person_id);
  const add = mayAddToCohortFromFile(access) && territoryId !== null;
  let available: { id: string; name: string }[] = [];
  if (add) {
    const { today: todayOn } = await today(ctx.db, territoryId);
    const current = new Set(stays.filter((s) => s.left_on === null).map((s) => s.cohort_id));
    available = (await repo.openCohorts(ctx.db, territoryId, todayOn)).filter((c) => !current.has(c.id));
  }
  return {
    items: stays.map((s) => ({ ...s, exit_reason: s.exit_reason as never, added_how: s.added_how as CohortAddedHow })),
    available,
    permissions: { add },
  };
}

/** Adds the person to a cohort of their territory, from their file (the gate decided and logs). */
export async function addFromFile(ctx: Ctx, access: PersonAccess, cohortId: string): Promise<PersonCohorts> {
  const territoryId = (await repo.territoriesOfPeople(ctx.db, [access.person_id])).get(access.person_id) ?? null;
  if (!mayAddToCohortFromFile(access)) throw new DomainError("forbidden", "Votre rôle ne permet pas d'ajouter cette personne à une cohorte.");
  const row = await repo.findCohort(ctx.db, cohortId);
  if (!row || row.territory_id !== territoryId) throw fieldErrors([{ field: "cohort_id", code: "invalid", message: "Cette cohorte n'est pas une cohorte du territoire de la personne" }]);
  const { today: todayOn } = await today(ctx.db, row.territory_id);
  if (row.ends_on && row.ends_on < todayOn) throw fieldErrors([{ field: "cohort_id", code: "closed", message: "La période de cette cohorte est terminée" }]);
  await insertStays(ctx, row, [access.person_id], "hand", todayOn, access.membership_id, "cohort_id");
  return personCohorts(ctx, access);
}
