// The platform's background jobs. Features add theirs here.
import { lt } from "drizzle-orm";
import type { Config } from "../config.ts";
import { ACCESS_LOG_PARTITIONS_JOB, ensureAccessLogPartitions } from "../features/access-log/partitions.ts";
import { ACCESS_LOG_PURGE_JOB, accessLogPurgeJob } from "../features/access-log/retention.ts";
import { login_failures } from "../features/auth/auth.tables.ts";
import { purgeExpiredSessions } from "../features/auth/auth.service.ts";
import { IMPORT_JOB, runImportJob } from "../features/directory/import/import.jobs.ts";
import { MESSAGE_JOB, messageJob } from "../features/messaging/messaging.ts";
import { accessLogRetentions } from "../features/orientation/orientation.repository.ts";
import { BACKFILL_JOB, RECOMPUTE_JOB, runBackfill, runTerritoryRecompute } from "../features/pathway/stored-deadlines.ts";
import { SERVICES_PUBLISHED_JOB } from "../features/directory/publications.ts";
import { unmetNeedAlertJob } from "../features/unmet-needs/alerts.ts";
import { COMMITTEE_STEP_JOB, COMMITTEE_SWEEP_JOB, committeeStepJob, committeeSweepJob } from "../features/committees/committees.service.ts";
import { REFERRALS_SWEEP_JOB, sweepReferrals } from "../features/referrals/referrals.service.ts";
import { createCrypto } from "../crypto.ts";
import { JobRegistry } from "./worker.ts";

export function platformJobs(config: Config): JobRegistry {
  return new JobRegistry()
    .register(IMPORT_JOB, runImportJob)
    .register(MESSAGE_JOB, messageJob(config))
    // The directory's announcement of new services; its one subscriber today: unmet needs.
    .register(SERVICES_PUBLISHED_JOB, unmetNeedAlertJob(config))
    .register(RECOMPUTE_JOB, runTerritoryRecompute)
    .register(BACKFILL_JOB, runBackfill, { everySeconds: 3600 })
    .register(COMMITTEE_STEP_JOB, committeeStepJob(config))
    .register(COMMITTEE_SWEEP_JOB, committeeSweepJob(config), { everySeconds: 3600 })
    .register(
      ACCESS_LOG_PARTITIONS_JOB,
      async (_payload, { db, log }) => {
        const created = await ensureAccessLogPartitions(db);
        log.info({ created }, "access log partitions ensured");
      },
      { everySeconds: 86_400 },
    )
    .register(ACCESS_LOG_PURGE_JOB, accessLogPurgeJob(accessLogRetentions), { everySeconds: 86_400 })
    // Referrals: reminders before the 72-hour answer, "en retard" and escalation after it, expiry at 30 days.
    .register(
      REFERRALS_SWEEP_JOB,
      async (_payload, { db, log }) => {
        const done = await sweepReferrals({ db, config, crypto: createCrypto(config.secret) });
        log.info(done, "referrals swept");
      },
      { everySeconds: 600 },
    )
    .register(
    "purge-sessions",
    async (_payload, { db, log }) => {
      const sessions = await purgeExpiredSessions({ db, config });
      const cutoff = new Date(Date.now() - config.loginWindowMinutes * 60_000);
      const failures = await db.delete(login_failures).where(lt(login_failures.at, cutoff)).returning({ id: login_failures.id });
      log.info({ sessions, login_failures: failures.length }, "purged expired sessions");
    },
    { everySeconds: 3600 },
  );
}
