// Real databases for tests, never mocks. SPIE_TEST_DB selects the engine:
//   pglite   (default) — one migrated in-memory template per worker, cloned for each test file;
//   postgres — a migrated template database (made by global-setup.ts), copied with
//              CREATE DATABASE … TEMPLATE for each test file, dropped afterwards.
import { createHash, randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, PGLITE_EXTENSIONS, type Database } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { repoRoot } from "../paths.ts";

/** One template per checkout, so that two work trees can run the suite at once on one server. */
export const TEMPLATE_DB = `spie_test_template_${createHash("sha256").update(repoRoot()).digest("hex").slice(0, 10)}`;

export function testEngine(): "pglite" | "postgres" {
  return process.env.SPIE_TEST_DB === "postgres" ? "postgres" : "pglite";
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

let pgliteTemplate: Promise<PGlite> | undefined;

async function migratedPglite(): Promise<PGlite> {
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const { db } = await openDatabase({ pglite: client });
  await migrate(db);
  return client;
}

export async function testDatabase(): Promise<Database> {
  if (testEngine() === "pglite") {
    pgliteTemplate ??= migratedPglite();
    const clone = (await (await pgliteTemplate).clone()) as PGlite;
    return openDatabase({ pglite: clone });
  }
  const name = `spie_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Builds the PostgreSQL template once per test run (vitest globalSetup of the postgres project). */
export async function prepareTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: urlFor(TEMPLATE_DB), poolSize: 1 });
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
}
