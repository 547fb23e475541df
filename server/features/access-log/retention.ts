// The access log's retention: each row stays online for the retention of its person's territory
// (territory settings `access_log.retention_months`, ACCESS_LOG_RETENTION_MONTHS: 12 by default,
// 6 to 60); rows of a person without territory keep the default. The daily job `access-log-purge`:
//   1. detaches and drops whole monthly partitions that end before now − the longest retention
//      of all territories (default included): every one of their rows is expired everywhere;
//   2. in each remaining partition that starts before now − the shortest retention, and in the
//      default partition, deletes the rows older than their territory's retention (one statement
//      per partition, the lease extended between partitions).
// The retention follows the person's current territory. Cut-offs are computed in UTC, month
// arithmetic as PostgreSQL's (31 March − 1 month = 28/29 February).
import { sql } from "drizzle-orm";
import { ACCESS_LOG_RETENTION_MONTHS } from "../../../common/domain/access-log.ts";
import type { Db } from "../../db/client.ts";
import { extendLease } from "../../jobs/queue.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import { accessLogPartitions, DEFAULT_PARTITION, lockPartitions } from "./partitions.ts";

export const ACCESS_LOG_PURGE_JOB = "access-log-purge";

export interface TerritoryRetention {
  territory_id: string;
  months: number;
}

/** The instant `months` months before `now` (UTC; the day clamped to the target month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

export interface PurgeResult {
  /** Monthly partitions detached and dropped whole. */
  dropped: string[];
  /** Rows deleted one by one (in partitions kept). */
  deleted: number;
}

export async function purgeAccessLog(
  db: Db,
  options: { now?: Date; retentions: TerritoryRetention[]; defaultMonths?: number; onProgress?: () => Promise<void> },
): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const defaultMonths = options.defaultMonths ?? ACCESS_LOG_RETENTION_MONTHS.default;
  // Settings are validated on write (6 to 60); a value edited by hand in the database is clamped,
  // never a reason to delete a territory's whole log.
  const { min, max } = ACCESS_LOG_RETENTION_MONTHS;
  const custom = options.retentions
    .map((r) => ({ territory_id: r.territory_id, months: Number.isInteger(r.months) ? Math.min(max, Math.max(min, r.months)) : defaultMonths }))
    .filter((r) => r.months !== defaultMonths);
  const all = [defaultMonths, ...custom.map((r) => r.months)];
  const longest = monthsBefore(now, Math.max(...all));
  const shortest = monthsBefore(now, Math.min(...all));
  const defaultCutoff = monthsBefore(now, defaultMonths);
  const cutoffs = JSON.stringify(custom.map((r) => ({ territory_id: r.territory_id, cutoff: monthsBefore(now, r.months).toISOString() })));

  const { monthly, hasDefault } = await accessLogPartitions(db);
  const dropped: string[] = [];
  for (const p of monthly.filter((p) => p.to.getTime() <= longest.getTime())) {
    await db.transaction(async (tx) => {
      await lockPartitions(tx);
      await tx.execute(sql`alter table access_log detach partition ${sql.identifier(p.name)}`);
      await tx.execute(sql`drop table ${sql.identifier(p.name)}`);
    });
    dropped.push(p.name);
    await options.onProgress?.();
  }

  let deleted = 0;
  const scanned = [...monthly.filter((p) => p.to.getTime() > longest.getTime() && p.from.getTime() < shortest.getTime()).map((p) => p.name), ...(hasDefault ? [DEFAULT_PARTITION] : [])];
  for (const table of scanned) {
    const result = await db.execute(sql`
      with r as (select * from jsonb_to_recordset(${cutoffs}::jsonb) as x(territory_id uuid, cutoff timestamptz)),
      expired as (
        select a.id, a.at from ${sql.identifier(table)} a
        left join people p on p.id = a.person_id
        left join r on r.territory_id = p.territory_id
        where a.at < ${shortest.toISOString()}::timestamptz and a.at < coalesce(r.cutoff, ${defaultCutoff.toISOString()}::timestamptz)
      ), gone as (
        delete from ${sql.identifier(table)} a using expired e where a.id = e.id and a.at = e.at returning 1
      )
      select count(*)::int as n from gone`);
    deleted += Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
    await options.onProgress?.();
  }
  return { dropped, deleted };
}

/** The job's handler; `retentionsOf` reads the territories' settings (wired in server/jobs/handlers.ts). */
export function accessLogPurgeJob(retentionsOf: (db: Db) => Promise<TerritoryRetention[]>): JobHandler {
  return async (_payload, { db, log, jobId }) => {
    const retentions = await retentionsOf(db);
    const result = await purgeAccessLog(db, { retentions, onProgress: async () => (jobId ? extendLease(db, jobId) : undefined) });
    log.info({ dropped_partitions: result.dropped.length, deleted_rows: result.deleted }, "access log purged");
  };
}
