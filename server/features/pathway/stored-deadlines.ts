// The due dates stored on each person's row (people.legal_due_on, people.contact_due_on), so that
// "overdue" and "no contact" are indexed predicates instead of a computation over every file of a
// list. They are derived data: always written by the pure rules of common/domain/deadlines.ts with
// the territory's settings, never by hand.
//
//   - in the transaction of every change that moves them: file created or edited (RSA right,
//     territory), orientation and réorientation (decision, notification), contract created or
//     signed, contact note: the service calls refreshDeadlines(tx, [person]);
//   - when a territory's settings change: the durable job `deadlines-recompute` recomputes its
//     people in batches (queued in the transaction that saves the settings);
//   - rows never computed (older than the columns, or written by SQL): the recurring job
//     `deadlines-backfill`.
import { todayIso } from "../../../common/domain/dates.ts";
import { personDeadlines, resolveDeadlineSettings, storedDeadlines, type DeadlineSettings } from "../../../common/domain/deadlines.ts";
import type { Db } from "../../db/client.ts";
import { enqueue, extendLease } from "../../jobs/queue.ts";
import type { JobContext } from "../../jobs/worker.ts";
import * as orientationRepo from "../orientation/orientation.repository.ts";
import { deadlineFacts, personIdsOfTerritory, personIdsWithoutDueDates, storeDueDates } from "./deadlines.repository.ts";

export const RECOMPUTE_JOB = "deadlines-recompute";
export const BACKFILL_JOB = "deadlines-backfill";
const BATCH = 1000;

/** Deadline settings of each territory of these rows (one query, none without a territory). */
export async function deadlineSettingsFor(db: Db, facts: { territory_id: string | null }[]): Promise<Map<string, DeadlineSettings>> {
  const stored = await orientationRepo.territorySettingsOf(
    db,
    facts.map((f) => f.territory_id).filter((t): t is string => Boolean(t)),
  );
  const out = new Map<string, DeadlineSettings>();
  for (const f of facts) if (f.territory_id && !out.has(f.territory_id)) out.set(f.territory_id, resolveDeadlineSettings(stored.get(f.territory_id)?.deadlines));
  return out;
}

/** Deadline settings of the territory of each of these people, by territory (one query, run beside the facts). */
export async function deadlineSettingsOfPeople(db: Db, personIds: string[]): Promise<Map<string, DeadlineSettings>> {
  const stored = await orientationRepo.territorySettingsOfPeople(db, personIds);
  const out = new Map<string, DeadlineSettings>();
  for (const [territoryId, settings] of stored) out.set(territoryId, resolveDeadlineSettings(settings.deadlines));
  return out;
}

/** Recomputes and stores the due dates of these people (in the caller's transaction). */
export async function refreshDeadlines(db: Db, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  const facts = await deadlineFacts(db, personIds);
  const settings = await deadlineSettingsFor(db, facts);
  // The due dates do not depend on "today"; only statuses do, and they are not stored.
  const today = todayIso();
  await storeDueDates(
    db,
    facts.map((f) => ({ person_id: f.person_id, ...storedDeadlines(personDeadlines(f, today, f.territory_id ? settings.get(f.territory_id) : undefined), f) })),
  );
}

/** Queues the recompute of a territory's people (call it in the transaction that saves its settings). */
export async function queueTerritoryRecompute(db: Db, territoryId: string): Promise<void> {
  // No singleton key: a run already under way may have read the former settings for its first batches.
  await enqueue(db, RECOMPUTE_JOB, { territory_id: territoryId });
}

export async function runTerritoryRecompute(payload: Record<string, unknown>, { db, log, jobId }: JobContext): Promise<void> {
  const territoryId = typeof payload.territory_id === "string" ? payload.territory_id : null;
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const ids = await personIdsOfTerritory(db, territoryId, after, BATCH);
    if (ids.length === 0) break;
    await db.transaction((tx) => refreshDeadlines(tx, ids));
    count += ids.length;
    after = ids[ids.length - 1]!;
    if (jobId !== undefined) await extendLease(db, jobId);
  }
  log.info({ territory_id: territoryId, people: count }, "deadlines recomputed");
}

export async function runBackfill(_payload: Record<string, unknown>, { db, log, jobId }: JobContext): Promise<void> {
  let count = 0;
  for (;;) {
    const ids = await personIdsWithoutDueDates(db, BATCH);
    if (ids.length === 0) break;
    await db.transaction((tx) => refreshDeadlines(tx, ids));
    count += ids.length;
    if (jobId !== undefined) await extendLease(db, jobId);
  }
  if (count > 0) log.info({ people: count }, "deadlines backfilled");
}
