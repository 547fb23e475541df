// Runs background jobs: a polling loop per app instance; handlers are registered by name.
// Recurring jobs (purges…) are kept scheduled through singleton keys, so N instances still run
// each occurrence once.
import type { Db } from "../db/client.ts";
import { errorSummary, loggableError } from "../db/errors.ts";
import { claim, complete, enqueue, fail, type JobRow } from "./queue.ts";

/** The slice of a pino logger the jobs use (Fastify's logger fits). */
export interface JobLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JobContext {
  db: Db;
  log: JobLog;
  /** The running job's id (set by the worker), e.g. to extend its lease with `extendLease`. */
  jobId?: number;
  /** This run's attempt (1 for the first) and the job's maximum (set by the worker). */
  attempt?: number;
  maxAttempts?: number;
}

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

export interface Recurring {
  name: string;
  everySeconds: number;
}

export class JobRegistry {
  readonly handlers = new Map<string, JobHandler>();
  readonly recurring: Recurring[] = [];

  register(name: string, handler: JobHandler, every?: { everySeconds: number }): this {
    this.handlers.set(name, handler);
    if (every) this.recurring.push({ name, everySeconds: every.everySeconds });
    return this;
  }
}

function recurringKey(name: string): string {
  return `recurring:${name}`;
}

export async function scheduleRecurring(db: Db, registry: JobRegistry): Promise<void> {
  for (const r of registry.recurring) await enqueue(db, r.name, {}, { singletonKey: recurringKey(r.name) });
}

/** Runs at most one due job; returns whether one ran. */
export async function runOnce(registry: JobRegistry, context: JobContext): Promise<boolean> {
  const job: JobRow | null = await claim(context.db);
  if (!job) return false;
  const handler = registry.handlers.get(job.name);
  try {
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    await handler(job.payload, { ...context, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
    await complete(context.db, job.id);
    const recurring = registry.recurring.find((r) => r.name === job.name && job.singleton_key === recurringKey(r.name));
    if (recurring) await enqueue(context.db, job.name, {}, { singletonKey: recurringKey(job.name), runAt: new Date(Date.now() + recurring.everySeconds * 1000) });
    context.log.info({ job_id: job.id, job: job.name }, "job done");
  } catch (error) {
    // Never the query's values (personal data) in the logs nor in the jobs table.
    await fail(context.db, job, errorSummary(error));
    context.log.error({ job_id: job.id, job: job.name, attempts: job.attempts, error: loggableError(error) }, "job failed");
  }
  return true;
}

/** Starts the polling loop; the returned function stops it and waits for the running job. */
export function startWorker(registry: JobRegistry, context: JobContext, pollMilliseconds = 5000): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      while (!stopped && (await runOnce(registry, context))) {
        /* drain due jobs */
      }
    } catch (error) {
      context.log.error({ error: loggableError(error) }, "job loop error");
    }
    if (!stopped) timer = setTimeout(() => (current = tick()), pollMilliseconds);
  };
  current = scheduleRecurring(context.db, registry).then(tick);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current.catch(() => undefined);
  };
}
