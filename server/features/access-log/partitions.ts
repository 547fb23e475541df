// The access log's monthly partitions (declarative PARTITION BY RANGE on "at", see
// migration 0012_access_log_partitioned and docs/security.md).
//
//   access_log_YYYY_MM   rows of the calendar month starting YYYY-MM-01 00:00 UTC
//   access_log_default   anything else: an insert never fails for lack of a partition
//
// The current month and the next MONTHS_AHEAD are created ahead by the recurring job
// `access-log-partitions` and by every `migrate()` (so a fresh database, a test template or an app
// that starts after a long stop has them). When rows of a month were written to the default
// partition before that month's partition existed, they are moved into it as it is created (in one
// transaction: PostgreSQL refuses a new partition whose range the default still holds).
// Partitions are dropped whole by the purge (retention.ts), never here.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

export const ACCESS_LOG_PARTITIONS_JOB = "access-log-partitions";
export const MONTHS_AHEAD = 2;
export const DEFAULT_PARTITION = "access_log_default";
/** Serialises partition changes between the job, the purge and migrate() of several instances. */
const PARTITIONS_LOCK = 74_201_012;
const NAME = /^access_log_(\d{4})_(\d{2})$/;

/** Start (UTC) of the month of this instant, moved by `months`. */
export function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

export function partitionName(month: Date): string {
  return `access_log_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

export interface MonthlyPartition {
  name: string;
  /** Inclusive lower bound. */
  from: Date;
  /** Exclusive upper bound (the next month's start). */
  to: Date;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The partitions attached to access_log: the monthly ones (oldest first) and whether the default exists. */
export async function accessLogPartitions(db: Db): Promise<{ monthly: MonthlyPartition[]; hasDefault: boolean }> {
  const names = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'public.access_log'::regclass`,
  );
  const monthly: MonthlyPartition[] = [];
  for (const { name } of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    monthly.push({ name, from, to: monthStart(from, 1) });
  }
  monthly.sort((a, b) => a.from.getTime() - b.from.getTime());
  return { monthly, hasDefault: names.some((n) => n.name === DEFAULT_PARTITION) };
}

export async function lockPartitions(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${PARTITIONS_LOCK})`);
}

/**
 * Creates the partition of the month starting at `month` (a month start, UTC) unless it exists,
 * moving into it the rows the default partition holds for that month. Returns whether it created it.
 */
export async function createAccessLogPartition(db: Db, month: Date): Promise<boolean> {
  const from = monthStart(month);
  const to = monthStart(from, 1);
  const name = partitionName(from);
  return db.transaction(async (tx) => {
    await lockPartitions(tx);
    const [exists] = await rows<{ found: boolean }>(tx, sql`select to_regclass(${`public.${name}`}) is not null as found`);
    if (exists?.found) return false;
    // Bounds are DDL (no bind parameters): ISO instants we computed, never user input.
    const bounds = sql.raw(`for values from ('${from.toISOString()}') to ('${to.toISOString()}')`);
    const [stranded] = await rows<{ found: boolean }>(
      tx,
      sql`select exists (select 1 from ${sql.identifier(DEFAULT_PARTITION)} where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz) as found`,
    );
    if (!stranded?.found) {
      await tx.execute(sql`create table ${sql.identifier(name)} partition of access_log ${bounds}`);
      return true;
    }
    // Rows of that month sit in the default partition: build the partition beside, move them, attach.
    await tx.execute(sql`create table ${sql.identifier(name)} (like access_log including defaults including constraints)`);
    await tx.execute(sql`
      with moved as (
        delete from ${sql.identifier(DEFAULT_PARTITION)} where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz returning *
      )
      insert into ${sql.identifier(name)} select * from moved`);
    await tx.execute(sql`alter table access_log attach partition ${sql.identifier(name)} ${bounds}`);
    return true;
  });
}

/**
 * The default partition, the current month's and the next MONTHS_AHEAD months' partitions exist
 * afterwards. Returns the names it created. Safe to run concurrently and repeatedly.
 */
export async function ensureAccessLogPartitions(db: Db, now: Date = new Date()): Promise<string[]> {
  await db.transaction(async (tx) => {
    await lockPartitions(tx);
    await tx.execute(sql`create table if not exists ${sql.identifier(DEFAULT_PARTITION)} partition of access_log default`);
  });
  const created: string[] = [];
  for (let i = 0; i <= MONTHS_AHEAD; i++) {
    const month = monthStart(now, i);
    if (await createAccessLogPartition(db, month)) created.push(partitionName(month));
  }
  return created;
}
