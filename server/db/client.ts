// Opens the database: embedded PGlite by default (data under SPIE_DATA_DIR), PostgreSQL when
// DATABASE_URL is set. Both are driven through the same Drizzle API, so the rest of the code
// never knows which one it talks to.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
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
  if (!client) {
    if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
    client = await PGlite.create(options.pgliteDir ? { dataDir: options.pgliteDir } : {});
  }
  const opened = client;
  const db = drizzlePglite(opened, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => opened.close() };
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, "pglite");
}
