// The migration that partitions access_log keeps every row of an existing table (issue 12): an
// empty database migrated up to just before it, rows written, then migrate() as the app runs it.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, PGLITE_EXTENSIONS, type Database } from "../../db/client.ts";
import { listMigrations, migrate } from "../../db/migrate.ts";
import { adminUrl, testEngine } from "../../test/db.ts";
import { DEFAULT_PARTITION, monthStart, partitionName } from "./partitions.ts";

let database: Database;
let dropDatabase = async () => {};

async function emptyDatabase(): Promise<Database> {
  if (testEngine() === "pglite") return openDatabase({ pglite: await PGlite.create({ extensions: PGLITE_EXTENSIONS }) });
  const name = `spie_test_migration_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  dropDatabase = () => admin(`drop database if exists ${name} with (force)`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  database = await emptyDatabase();
});
afterAll(async () => {
  await database?.close();
  await dropDatabase();
});

describe("migration to a partitioned access_log", () => {
  it("keeps every row, id and foreign key, each row in its month's partition", async () => {
    const db = database.db;
    // Every migration before the partitioning one, recorded as migrate() does.
    const all = listMigrations();
    const at = all.findIndex((m) => m.tag.endsWith("_access_log_partitioned"));
    expect(at).toBeGreaterThan(0);
    await db.execute(sql`create table spie_migrations (tag text primary key, applied_at timestamptz not null default now())`);
    for (const m of all.slice(0, at)) {
      for (const statement of m.statements) await db.execute(sql.raw(statement));
      await db.execute(sql`insert into spie_migrations (tag) values (${m.tag})`);
    }
    expect((await rows<{ relkind: string }>(sql`select relkind from pg_class where relname = 'access_log'`))[0]!.relkind).toBe("r");

    // An existing log: rows of this month, of 3 months ago, 70 months ago (older than the 60 months
    // given their own partition) and 5 months ahead (a wrong clock).
    const [u] = await rows<{ id: string }>(sql`insert into users (email, name) values ('migration@test.spie.example.org', 'Test EXEMPLE') returning id`);
    const [p] = await rows<{ id: string }>(sql`
      insert into people (first_names, last_name, birth_date, last_name_key, first_name_key, search_key)
      values ('Fictive', 'DÉMO', '1990-01-01', 'demo', 'fictive', 'demo fictive') returning id`);
    const now = new Date();
    const dates = [now, new Date(now.getTime() - 60_000), monthStart(now, -3), monthStart(now, -70), monthStart(now, 5)];
    for (const d of dates)
      await db.execute(sql`
        insert into access_log (at, user_id, person_id, action, resource, route, reason, via, request_id)
        values (${d.toISOString()}::timestamptz, ${u!.id}, ${p!.id}, 'read', 'person', 'GET /api/v1/people/:id', 'team', 'session', 'req-1')`);
    const before = await rows<{ id: string; at: string }>(sql`select id::text, at::text from access_log order by id`);
    expect(before).toHaveLength(5);

    expect(await migrate(db)).toContain(all[at]!.tag);

    expect((await rows<{ relkind: string }>(sql`select relkind from pg_class where relname = 'access_log'`))[0]!.relkind).toBe("p");
    expect(await rows<{ id: string; at: string }>(sql`select id::text, at::text from access_log order by id`)).toEqual(before);
    const placed = await rows<{ p: string; n: number }>(sql`select tableoid::regclass::text as p, count(*)::int as n from access_log group by 1 order by 1`);
    expect(Object.fromEntries(placed.map((r) => [r.p, r.n]))).toEqual({
      [partitionName(monthStart(now))]: 2,
      [partitionName(monthStart(now, -3))]: 1,
      [DEFAULT_PARTITION]: 2,
    });
    // Partitions from the oldest row's month (bounded to 60 months back) to two months ahead.
    const parts = await rows<{ name: string }>(sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'access_log'::regclass`);
    const names = parts.map((r) => r.name);
    expect(names).toContain(partitionName(monthStart(now, -60)));
    expect(names).not.toContain(partitionName(monthStart(now, -61)));
    expect(names).toContain(partitionName(monthStart(now, 2)));
    expect(names).toHaveLength(63 + 1);
    // The primary key includes the partition key; the readers' indexes are there.
    const pk = await rows<{ def: string }>(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'access_log_pkey' and conrelid = 'access_log'::regclass`);
    expect(pk[0]!.def).toBe("PRIMARY KEY (id, at)");
    const indexes = await rows<{ indexdef: string }>(sql`select indexdef from pg_indexes where tablename = 'access_log' order by indexname`);
    expect(indexes.map((i) => i.indexdef)).toEqual([
      "CREATE INDEX access_log_person_at_idx ON ONLY public.access_log USING btree (person_id, at DESC)",
      "CREATE UNIQUE INDEX access_log_pkey ON ONLY public.access_log USING btree (id, at)",
      "CREATE INDEX access_log_user_at_idx ON ONLY public.access_log USING btree (user_id, at DESC)",
    ]);
    // The old table and its sequence are gone; new rows get ids after the copied ones.
    expect(await rows(sql`select 1 from pg_class where relname like 'access_log_unpartitioned%'`)).toEqual([]);
    const [next] = await rows<{ id: string }>(sql`
      insert into access_log (user_id, person_id, action, resource, route, reason, via)
      values (${u!.id}, ${p!.id}, 'read', 'person', 'GET /api/v1/people/:id', 'team', 'session') returning id::text`);
    expect(Number(next!.id)).toBeGreaterThan(Math.max(...before.map((r) => Number(r.id))));
    // Foreign keys hold on every partition: deleting the person deletes their log (cascade).
    await db.execute(sql`delete from people where id = ${p!.id}`);
    expect(await rows(sql`select 1 from access_log`)).toEqual([]);
  });
});
