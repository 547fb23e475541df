// A territory's queues: the people waiting for a decision of its coordinators, the most urgent
// first, and their counts for steering. Who may read what: policy/territories.ts; which people:
// policy/people.ts (peopleOfTerritoriesCoordinatedBy). Every listed person is logged.
import { daysBetween } from "../../../common/domain/dates.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import { QUEUE_KINDS, type QueueItem, type QueueKind, type TerritoryCounts, type TerritoryQueues } from "../../../common/schemas/territories.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { recordListed } from "../../policy/gate.ts";
import { peopleAccess, peopleOfTerritoriesCoordinatedBy } from "../../policy/people.ts";
import { mayReadQueueCounts, mayReadQueues } from "../../policy/territories.ts";
import { effectiveSettings } from "../orientation/orientation.service.ts";
import * as orientationRepo from "../orientation/orientation.repository.ts";
import { getCommune } from "./geography.ts";
import { QUEUES, searchPeople, type QueueParams, type QueueRow } from "./queues.repository.ts";
import { findTerritory } from "./territories.repository.ts";
import { calendarOf } from "./territories.service.ts";
import { todayIn } from "../../../common/domain/territory-calendar.ts";

/** Items per queue (the count tells the rest). */
export const QUEUE_LIMIT = 20;

async function params(ctx: Ctx, territoryId: string, limit: number, now: Date): Promise<QueueParams & { soonDays: number }> {
  const [calendar, settings] = await Promise.all([calendarOf(ctx.db, territoryId), orientationRepo.territorySettings(ctx.db, territoryId)]);
  const deadlines = effectiveSettings(settings).deadlines;
  return {
    territoryId,
    scope: undefined,
    today: todayIn(calendar.time_zone, now),
    timeZone: calendar.time_zone,
    orientationWeeks: deadlines.orientation_weeks,
    contractMonths: deadlines.contract_months,
    contactMonths: deadlines.contact_months,
    soonDays: deadlines.soon_days,
    limit,
  };
}

async function existing(ctx: Ctx, territoryId: string): Promise<void> {
  if (!(await findTerritory(ctx.db, territoryId))) throw new DomainError("not_found", "Territoire introuvable.");
}

function item(row: QueueRow, today: string, soonDays: number): QueueItem {
  const daysLeft = row.due_on ? daysBetween(today, row.due_on) : null;
  return {
    ...row,
    days_left: daysLeft,
    status: daysLeft === null ? null : daysLeft < 0 ? "overdue" : daysLeft <= soonDays ? "soon" : "ok",
  };
}

export async function getQueues(ctx: Ctx, territoryId: string, now: Date = new Date()): Promise<TerritoryQueues> {
  await existing(ctx, territoryId);
  if (!mayReadQueues(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire consulte ses files d'attente.");
  const p = await params(ctx, territoryId, QUEUE_LIMIT, now);
  p.scope = peopleOfTerritoriesCoordinatedBy(ctx.actor);
  const results = await Promise.all(QUEUE_KINDS.map((kind) => QUEUES[kind](ctx.db, p)));
  const ids = results.flatMap((r) => r.rows.map((row) => row.person_id));
  await recordListed(ctx, [...(await peopleAccess(ctx.db, ctx.actor, ids)).values()], "queue");
  const out = { territory_id: territoryId, today: p.today } as TerritoryQueues;
  QUEUE_KINDS.forEach((kind, i) => {
    out[kind] = { count: results[i]!.count, items: results[i]!.rows.map((r) => item(r, p.today, p.soonDays)) };
  });
  return out;
}

export async function getQueueCounts(ctx: Ctx, territoryId: string, now: Date = new Date()): Promise<TerritoryCounts> {
  await existing(ctx, territoryId);
  if (!mayReadQueueCounts(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seules l'équipe de coordination et l'équipe de pilotage du territoire consultent ses indicateurs.");
  const p = await params(ctx, territoryId, 0, now);
  const results = await Promise.all(QUEUE_KINDS.map((kind) => QUEUES[kind](ctx.db, p)));
  const out = { territory_id: territoryId, today: p.today } as TerritoryCounts;
  QUEUE_KINDS.forEach((kind: QueueKind, i) => {
    out[kind] = { count: results[i]!.count };
  });
  return out;
}

const SEARCH_LIMIT = 20;

/** Any person of the territory by name, for its coordinators (not only the files they follow). */
export async function searchTerritoryPeople(ctx: Ctx, territoryId: string, q: string) {
  await existing(ctx, territoryId);
  if (!mayReadQueues(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire cherche parmi toutes ses personnes.");
  const rows = await searchPeople(ctx.db, territoryId, peopleOfTerritoriesCoordinatedBy(ctx.actor), normalizeName(q), SEARCH_LIMIT + 1);
  const shown = rows.slice(0, SEARCH_LIMIT);
  await recordListed(ctx, [...(await peopleAccess(ctx.db, ctx.actor, shown.map((r) => r.person_id))).values()], "person");
  return {
    items: shown.map((r) => ({ person_id: r.person_id, first_names: r.first_names, last_name: r.last_name, birth_date: r.birth_date, commune_name: r.commune_code ? (getCommune(r.commune_code)?.name ?? null) : null })),
    truncated: rows.length > SEARCH_LIMIT,
  };
}
