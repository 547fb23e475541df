// Runs the platform: opens the database, migrates, serves, and shuts down cleanly on SIGTERM/SIGINT.
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { openDatabase, pgliteDirFor, type Database } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { preloadGeography } from "./features/territories/geography.ts";
import { platformJobs } from "./jobs/handlers.ts";
import { startWorker } from "./jobs/worker.ts";

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.databaseUrl ? undefined : pgliteDirFor(config.dataDir) });
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function serve(config: Config, options: { database?: Database; beforeListen?: (database: Database) => Promise<void> } = {}): Promise<Running> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  await migrate(database.db);
  if (options.beforeListen) await options.beforeListen(database);
  preloadGeography();
  const app = await buildApp({ config, db: database.db, serveWeb: true });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const stopWorker = config.jobsEnabled ? startWorker(platformJobs(config), { db: database.db, log: app.log }, config.jobsPollSeconds * 1000) : async () => {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopWorker();
      await app.close();
      await database.close();
    })());
  return { app, database, url: `http://localhost:${port}`, stop };
}

/** Closes the server (in-flight requests finish) and the database on SIGTERM / SIGINT. */
export function stopOnSignals(running: Running): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      running.app.log.info({ signal }, "shutting down");
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
