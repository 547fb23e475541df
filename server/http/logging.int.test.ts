// No personal data in the logs: a request whose write fails in the database is logged with the
// SQL state, the constraint and the request id, never with the query's values or the database's
// detail ("Failing row contains (…)"). The same for a background job.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import { testDatabase } from "../test/db.ts";
import * as f from "../test/factories.ts";
import { loginAs } from "../test/app.ts";
import { JobRegistry, runOnce } from "../jobs/worker.ts";
import { enqueue } from "../jobs/queue.ts";
import { jobs } from "../jobs/jobs.tables.ts";
import type { FastifyInstance } from "fastify";

const SECRET_EMAIL = "journal.secret.fictif@exemple.fr";
const SECRET_NAME = "Fictif-Journal-Secret";
const SECRET_BIRTH = "1987-06-15";

let database: Database;
let app: FastifyInstance;
let logs = "";

beforeAll(async () => {
  database = await testDatabase();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info" });
  app = await buildApp({ config, db: database.db, logStream: { write: (line: string) => void (logs += line) } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("logs of failing database writes", () => {
  it("log the SQL state, the constraint and the request id, never the values of the request", async () => {
    const db = database.db;
    const territory = await f.territory(db, "Aisne journal");
    const cd = await f.structure(db, { territory_id: territory.id });
    const pro = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
    const client = await loginAs(app, pro.email);
    // A rule the schema does not know, so that the insert fails in the database itself.
    await db.execute(sql.raw(`alter table people add constraint journal_test_check check (email is null or email not like 'journal.secret%')`));
    logs = "";
    const res = await client.post("/api/v1/people", { first_names: "Camille", last_name: SECRET_NAME, birth_date: SECRET_BIRTH, email: SECRET_EMAIL, phone: "06 12 34 56 78" });
    await db.execute(sql.raw(`alter table people drop constraint journal_test_check`));

    expect(res.statusCode).toBe(500);
    const requestId = res.json().request_id as string;
    const line = logs.split("\n").find((l) => l.includes("unhandled error"));
    expect(line, logs).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry.reqId).toBe(requestId);
    expect(entry.error).toMatchObject({ type: "database", sqlstate: "23514", constraint: "journal_test_check" });
    for (const secret of [SECRET_EMAIL, "journal.secret", SECRET_NAME, SECRET_NAME.toUpperCase(), SECRET_BIRTH, "06 12 34 56 78", "0612345678", "Camille"]) {
      expect(logs, secret).not.toContain(secret);
    }
  });

  it("keep a failing job's values out of the logs and of the jobs table", async () => {
    const db = database.db;
    const lines: string[] = [];
    const log = { info: () => {}, error: (fields: object, message: string) => void lines.push(JSON.stringify({ ...fields, message })) };
    const registry = new JobRegistry().register("journal", async () => {
      await db.execute(sql`select ${SECRET_EMAIL}::uuid`);
    });
    await enqueue(db, "journal", {});
    await runOnce(registry, { db, log });
    const [row] = await db.select().from(jobs).where(sql`${jobs.name} = 'journal'`);
    expect(lines.join("\n")).toContain("22P02");
    expect(lines.join("\n")).not.toContain("journal.secret");
    expect(row!.last_error).toContain("22P02");
    expect(row!.last_error).not.toContain("journal.secret");
  });
});
