import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { testDatabase } from "../test/db.ts";
import { jobs } from "./jobs.tables.ts";
import { claim, enqueue } from "./queue.ts";
import { JobRegistry, runOnce, scheduleRecurring } from "./worker.ts";

let database: Database;
const quiet = { info: () => {}, error: () => {} };

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("durable jobs", () => {
  it("runs a due job once and marks it done", async () => {
    const seen: unknown[] = [];
    const registry = new JobRegistry().register("note", async (payload) => void seen.push(payload.n));
    await enqueue(database.db, "note", { n: 1 });
    await enqueue(database.db, "note", { n: 2 }, { runAt: new Date(Date.now() + 60_000) });
    const context = { db: database.db, log: quiet };
    expect(await runOnce(registry, context)).toBe(true);
    expect(await runOnce(registry, context)).toBe(false);
    expect(seen).toEqual([1]);
    const rows = await database.db.select().from(jobs).where(eq(jobs.name, "note"));
    expect(rows.filter((r) => r.done_at).length).toBe(1);
  });

  it("never gives the same job to two concurrent claimers", async () => {
    for (let i = 0; i < 10; i++) await enqueue(database.db, "parallel", { i });
    const claimed = await Promise.all(Array.from({ length: 20 }, () => claim(database.db)));
    const ids = claimed.filter((c) => c !== null && c.name === "parallel").map((c) => c!.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(10);
  });

  it("retries a failing job later, then gives up after max_attempts", async () => {
    let calls = 0;
    const registry = new JobRegistry().register("flaky", async () => {
      calls++;
      throw new Error("boom");
    });
    await enqueue(database.db, "flaky", {}, { maxAttempts: 2 });
    const context = { db: database.db, log: quiet };
    await runOnce(registry, context);
    let [row] = await database.db.select().from(jobs).where(eq(jobs.name, "flaky"));
    expect(row!.last_error).toBe("boom");
    expect(row!.run_at.getTime()).toBeGreaterThan(Date.now());
    await database.db.update(jobs).set({ run_at: new Date(0) }).where(eq(jobs.name, "flaky"));
    await runOnce(registry, context);
    [row] = await database.db.select().from(jobs).where(eq(jobs.name, "flaky"));
    expect(row!.failed_at).not.toBeNull();
    expect(calls).toBe(2);
  });

  it("keeps one pending occurrence of a recurring job and reschedules it", async () => {
    const registry = new JobRegistry().register("tick", async () => {}, { everySeconds: 3600 });
    await scheduleRecurring(database.db, registry);
    await scheduleRecurring(database.db, registry);
    const pending = async () => (await database.db.select().from(jobs).where(eq(jobs.name, "tick"))).filter((r) => !r.done_at);
    expect(await pending()).toHaveLength(1);
    await runOnce(registry, { db: database.db, log: quiet });
    const next = await pending();
    expect(next).toHaveLength(1);
    expect(next[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });
});
