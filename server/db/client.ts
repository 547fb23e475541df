// Opens the database: embedded PGlite by default (data under SPIE_DATA_DIR), PostgreSQL when
// DATABASE_URL is set. Both are driven through the same Drizzle API, so the rest of the code
// never knows which one it talks to.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; omitted = in memory. */
  pgliteDir?: string | undefined;
  /** An already opened PGlite (tests clone a migrated template). */
  pglite?: PGlite | undefined;
  poolSize?: number | undefined;
}

// node-postgres parses DATE columns into JS Dates in local time; keep the text "YYYY-MM-DD".
pg.types.setTypeParser(1082, (v: string) => v);

/** PostgreSQL extensions the migrations create (CREATE EXTENSION), loaded into PGlite. */
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on("error", () => {
      // An idle client lost its connection; the pool replaces it on the next query.
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => pool.end() };
  }
  let client = options.pglite;
  let release = () => {};
  if (!client) {
    if (options.pgliteDir) {
      mkdirSync(options.pgliteDir, { recursive: true });
      release = lockDataDir(options.pgliteDir);
    }
    try {
      client = await PGlite.create({ ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}), extensions: PGLITE_EXTENSIONS });
    } catch (error) {
      release();
      throw error;
    }
  }
  const opened = client;
  const db = drizzlePglite(opened, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: async () => {
      await opened.close();
      release();
    },
  };
}

export class DatabaseLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PGlite is single-process: a lock file stops a second process (a CLI command beside the server) from opening it. */
function lockDataDir(dir: string): () => void {
  const lock = join(dir, "spie.lock");
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8"));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new DatabaseLockedError(
        `La base embarquée ${dir} est déjà ouverte par le processus ${pid}. Arrêtez-le d'abord, ou utilisez PostgreSQL (DATABASE_URL) pour plusieurs processus.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, "pglite");
}
