// planOnce: the same answers as the plain query, one named statement per text on PostgreSQL.
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, testEngine } from "../test/db.ts";
import * as f from "../test/factories.ts";
import type { Database } from "./client.ts";
import { territories } from "../features/territories/territories.tables.ts";
import { planOnce } from "./plan-once.ts";

let database: Database;
const ids: string[] = [];

beforeAll(async () => {
  database = await testDatabase();
  for (const name of ["Territoire fictif A", "Territoire fictif B"]) ids.push((await f.territory(database.db, name)).id);
});

afterAll(async () => {
  await database?.close();
});

describe("planOnce", () => {
  it("answers as the plain query, and names one statement per text (a list of another length is another statement)", async () => {
    await database.db.transaction(async (tx) => {
      const byIds = (wanted: string[]) => tx.select({ id: territories.id, name: territories.name }).from(territories).where(inArray(territories.id, wanted)).orderBy(territories.name);
      for (let run = 0; run < 7; run++) {
        expect(await planOnce(byIds([ids[0]!]))).toEqual(await byIds([ids[0]!]));
        expect((await planOnce(byIds(ids))).map((r) => r.name)).toEqual(["Territoire fictif A", "Territoire fictif B"]);
      }
      const named = ((await tx.execute(sql`select count(*)::int as n from pg_prepared_statements where name like 'spie\\_%'`)) as unknown as { rows: { n: number }[] }).rows[0]!;
      // PostgreSQL keeps the two texts on this connection; PGlite runs them unnamed.
      expect(named.n).toBe(testEngine() === "postgres" ? 2 : 0);
    });
  });
});
