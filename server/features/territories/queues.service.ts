// A territory's queues: the people waiting for a decision of its coordinators, the most urgent
// first, and their counts for steering. Who may read what: policy/territories.ts; which people:
// policy/people.ts (peopleOfTerritoriesCoordinatedBy). Every listed person is logged.
import { daysBetween } from "../../../common/domain/dates.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import { QUEUE_COUNT_CAP, QUEUE_KINDS, QUEUE_PAGE_SIZE, type QueueItem, type QueueKind, type QueuePage, type TerritoryCounts, type TerritoryQueues } from "../../../common/schemas/territories.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { recordListed } from "../../policy/gate.ts";
import { peopleAccess, peopleOfTerritoriesCoordinatedBy } from "../../policy/people.ts";
import { mayReadQueueCounts, mayReadQueues } from "../../policy/territories.ts";
import { effectiveSettings } from "../orientation/orientation.service.ts";
import * as orientationRepo from "../orientation/orientation.repository.ts";
import { getCommune } from "./geography.ts";
import { runQueues, searchPeople, type QueueParams, type QueueRow } from "./queues.repository.ts";
import { findTerritory, findTerritoryWithPerimeter } from "./territories.repository.ts";
import { departementsOf } from "./territories.service.ts";
import { territoryCalendar, todayIn } from "../../../common/domain/territory-calendar.ts";

async function existing(ctx: Ctx, territoryId: string): Promise<void> {
  if (!(await findTerritory(ctx.db, territoryId))) throw new DomainError("not_found", "Territoire introuvable.");
}

interface Context {
  params: QueueParams;
  soonDays: number;
}

/** The territory (404 when unknown), its today and settings; the caller's right is checked by `allowed`. */
async function context(ctx: Ctx, territoryId: string, allowed: () => void, limit: number, offset: number, cap: number | undefined, now: Date): Promise<Context> {
  const [territory, settings] = await Promise.all([findTerritoryWithPerimeter(ctx.db, territoryId), orientationRepo.territorySettings(ctx.db, territoryId)]);
  if (!territory) throw new DomainError("not_found", "Territoire introuvable.");
  allowed();
  const calendar = territoryCalendar(departementsOf(territory.perimeter));
  return {
    params: { territoryId, scope: undefined, today: todayIn(calendar.time_zone, now), timeZone: calendar.time_zone, limit, offset, cap },
    soonDays: effectiveSettings(settings).deadlines.soon_days,
  };
}

function item(row: QueueRow, today: string, soonDays: number): QueueItem {
  const daysLeft = row.due_on ? daysBetween(today, row.due_on) : null;
  return {
    ...row,
    days_left: daysLeft,
    status: daysLeft === null ? null : daysLeft < 0 ? "overdue" : daysLeft <= soonDays ? "soon" : "ok",
  };
}

function mayRead(ctx: Ctx, territoryId: string): () => void {
  return () => {
    if (!mayReadQueues(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire consulte ses files d'attente.");
  };
}

/** Logs each listed person with the caller's relation (the gate's recordListed). */
async function logListed(ctx: Ctx, rows: QueueRow[]): Promise<void> {
  await recordListed(ctx, [...(await peopleAccess(ctx.db, ctx.actor, rows.map((r) => r.person_id))).values()], "queue");
}

function capped(count: number) {
  return { count: Math.min(count, QUEUE_COUNT_CAP), count_is_capped: count > QUEUE_COUNT_CAP };
}

/** Every queue's first page and capped count (the coordinators' workspace). */
export async function getQueues(ctx: Ctx, territoryId: string, now: Date = new Date()): Promise<TerritoryQueues> {
  const { params: p, soonDays } = await context(ctx, territoryId, mayRead(ctx, territoryId), QUEUE_PAGE_SIZE, 0, QUEUE_COUNT_CAP, now);
  p.scope = peopleOfTerritoriesCoordinatedBy(ctx.actor);
  const results = await runQueues(ctx.db, QUEUE_KINDS, p);
  await logListed(ctx, QUEUE_KINDS.flatMap((kind) => results[kind].rows));
  const out = { territory_id: territoryId, today: p.today } as TerritoryQueues;
  for (const kind of QUEUE_KINDS) out[kind] = { ...capped(results[kind].count), items: results[kind].rows.map((r) => item(r, p.today, soonDays)) };
  return out;
}

/** One page of one queue, in its order. */
export async function getQueuePage(ctx: Ctx, territoryId: string, kind: QueueKind, page: number, now: Date = new Date()): Promise<QueuePage> {
  const { params: p, soonDays } = await context(ctx, territoryId, mayRead(ctx, territoryId), QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_COUNT_CAP, now);
  p.scope = peopleOfTerritoriesCoordinatedBy(ctx.actor);
  const result = (await runQueues(ctx.db, [kind], p))[kind];
  await logListed(ctx, result.rows);
  return { territory_id: territoryId, today: p.today, kind, page, page_size: QUEUE_PAGE_SIZE, ...capped(result.count), items: result.rows.map((r) => item(r, p.today, soonDays)) };
}

/** Exact counts, no person (steering and coordinators). */
export async function getQueueCounts(ctx: Ctx, territoryId: string, now: Date = new Date()): Promise<TerritoryCounts> {
  const allowed = () => {
    if (!mayReadQueueCounts(ctx.actor, territoryId)) throw new DomainError("forbidden", "Seules l'équipe de coordination et l'équipe de pilotage du territoire consultent ses indicateurs.");
  };
  const { params: p } = await context(ctx, territoryId, allowed, 0, 0, undefined, now);
  const results = await runQueues(ctx.db, QUEUE_KINDS, p);
  const out = { territory_id: territoryId, today: p.today } as TerritoryCounts;
  for (const kind of QUEUE_KINDS) out[kind] = { count: results[kind].count };
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
