// A small durable job queue in PostgreSQL (works the same on PGlite): enqueue, claim with
// FOR UPDATE SKIP LOCKED, retry with exponential back-off, recurring jobs re-enqueued by key.
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { jobs } from "./jobs.tables.ts";

export type JobRow = typeof jobs.$inferSelect;

export interface EnqueueOptions {
  runAt?: Date;
  singletonKey?: string;
  maxAttempts?: number;
}

/** Adds a job; with a singleton key, does nothing when a pending job has that key. */
export async function enqueue(db: Db, name: string, payload: Record<string, unknown> = {}, options: EnqueueOptions = {}): Promise<void> {
  await db
    .insert(jobs)
    .values({ name, payload, run_at: options.runAt ?? new Date(), singleton_key: options.singletonKey ?? null, max_attempts: options.maxAttempts ?? 5 })
    .onConflictDoNothing({ target: jobs.singleton_key, where: sql`done_at is null and failed_at is null` });
}

/** Claims the next due job, or null. The claim is committed before the job runs. */
export async function claim(db: Db, lockSeconds = 300): Promise<JobRow | null> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [due] = await tx
      .select()
      .from(jobs)
      .where(and(isNull(jobs.done_at), isNull(jobs.failed_at), lte(jobs.run_at, now), or(isNull(jobs.locked_until), lte(jobs.locked_until, now))))
      .orderBy(jobs.run_at, jobs.id)
      .limit(1)
      .for("update", { skipLocked: true });
    if (!due) return null;
    const [claimed] = await tx
      .update(jobs)
      .set({ locked_until: new Date(now.getTime() + lockSeconds * 1000), attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, due.id))
      .returning();
    return claimed ?? null;
  });
}

/** Keeps a long job's claim: pushes its lease forward (call it as the job makes progress). */
export async function extendLease(db: Db, id: number, lockSeconds = 300): Promise<void> {
  await db.update(jobs).set({ locked_until: new Date(Date.now() + lockSeconds * 1000) }).where(eq(jobs.id, id));
}

export async function complete(db: Db, id: number): Promise<void> {
  await db.update(jobs).set({ done_at: new Date(), locked_until: null, last_error: null }).where(eq(jobs.id, id));
}

/** Records a failure: retried later with exponential back-off, or marked failed after max_attempts. */
export async function fail(db: Db, job: JobRow, error: string): Promise<void> {
  if (job.attempts >= job.max_attempts) {
    await db.update(jobs).set({ failed_at: new Date(), locked_until: null, last_error: error }).where(eq(jobs.id, job.id));
    return;
  }
  const delaySeconds = Math.min(3600, 2 ** job.attempts * 15);
  await db
    .update(jobs)
    .set({ run_at: new Date(Date.now() + delaySeconds * 1000), locked_until: null, last_error: error })
    .where(eq(jobs.id, job.id));
}
