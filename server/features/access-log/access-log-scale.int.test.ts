// The access log at scale (issue 12): monthly partitions created ahead with a default partition,
// the retention set per territory, the daily purge, and the indexes the readers' queries use.
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { platformJobs } from "../../jobs/handlers.ts";
import { jobs } from "../../jobs/jobs.tables.ts";
import { enqueue } from "../../jobs/queue.ts";
import { runOnce, scheduleRecurring } from "../../jobs/worker.ts";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { territory_settings } from "../orientation/orientation.tables.ts";
import { people } from "../people/people.tables.ts";
import { access_log } from "./access-log.tables.ts";
import { ACCESS_LOG_PARTITIONS_JOB, accessLogPartitions, createAccessLogPartition, DEFAULT_PARTITION, ensureAccessLogPartitions, monthStart, partitionName } from "./partitions.ts";
import { ACCESS_LOG_PURGE_JOB, monthsBefore, purgeAccessLog } from "./retention.ts";

let t: TestApp;
let w: PathwayWorld;
const quiet = { info: () => {}, error: () => {} };
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});
afterAll(async () => t?.close());

async function partitionOf(id: number): Promise<string> {
  const r = (await t.database.db.execute(sql`select tableoid::regclass::text as p from access_log where id = ${id}`)) as unknown as { rows: { p: string }[] };
  return r.rows[0]!.p;
}

async function logRow(personId: string, at: Date): Promise<number> {
  const [row] = await t.database.db
    .insert(access_log)
    .values({ user_id: w.aliceUser.id, membership_id: w.aliceUser.memberships[0]!.id, person_id: personId, action: "read", resource: "person", route: "GET /api/v1/people/:id", reason: "team", via: "session", at })
    .returning({ id: access_log.id });
  return row!.id;
}

async function rowsOf(personId: string): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, personId));
  return row!.n;
}

async function runDue(): Promise<void> {
  const registry = platformJobs(loadConfig({ NODE_ENV: "test" }));
  while (await runOnce(registry, { db: t.database.db, log: quiet }));
}

describe("monthly partitions", () => {
  it("exist for the current month and the next two after migrate, with a default partition", async () => {
    const now = new Date();
    const { monthly, hasDefault } = await accessLogPartitions(t.database.db);
    expect(hasDefault).toBe(true);
    const names = monthly.map((p) => p.name);
    for (let i = 0; i <= 2; i++) expect(names).toContain(partitionName(monthStart(now, i)));
    // A row written now lands in this month's partition.
    const id = await logRow(await w.person(), now);
    expect(await partitionOf(id)).toBe(partitionName(monthStart(now)));
  });

  it("accepts rows dated far in the past or the future (default partition)", async () => {
    const person = await w.person();
    const past = await logRow(person, new Date("1990-03-04T10:00:00Z"));
    const future = await logRow(person, new Date("2999-12-31T23:00:00Z"));
    expect(await partitionOf(past)).toBe(DEFAULT_PARTITION);
    expect(await partitionOf(future)).toBe(DEFAULT_PARTITION);
    expect(await rowsOf(person)).toBeGreaterThanOrEqual(2);
  });

  it("are created ahead by the recurring job, moving rows the default partition held for that month", async () => {
    const person = await w.person();
    // Five months ahead: no partition yet; a row dated then goes to the default partition.
    const later = monthStart(new Date(), 5);
    const stranded = await logRow(person, new Date(later.getTime() + 3 * DAY));
    expect(await partitionOf(stranded)).toBe(DEFAULT_PARTITION);
    // The job runs "three months from now" (its clock given to the function it calls).
    const before = await rowsOf(person);
    expect(await ensureAccessLogPartitions(t.database.db, monthStart(new Date(), 3))).toEqual([3, 4, 5].map((i) => partitionName(monthStart(new Date(), i))));
    expect(await partitionOf(stranded)).toBe(partitionName(later));
    expect(await rowsOf(person)).toBe(before); // moved, not copied nor lost
    // Again: nothing to create.
    expect(await ensureAccessLogPartitions(t.database.db, monthStart(new Date(), 3))).toEqual([]);
    // The worker's job (recurring, daily) runs the same, today.
    await scheduleRecurring(t.database.db, platformJobs(loadConfig({ NODE_ENV: "test" })));
    const pending = await t.database.db.select({ name: jobs.name, key: jobs.singleton_key }).from(jobs).where(inArray(jobs.name, [ACCESS_LOG_PARTITIONS_JOB, ACCESS_LOG_PURGE_JOB]));
    expect(pending.map((j) => j.key).sort()).toEqual([`recurring:${ACCESS_LOG_PARTITIONS_JOB}`, `recurring:${ACCESS_LOG_PURGE_JOB}`]);
    await runDue();
    const done = await t.database.db.select().from(jobs).where(eq(jobs.name, ACCESS_LOG_PARTITIONS_JOB));
    expect(done.some((j) => j.done_at !== null && j.failed_at === null)).toBe(true);
    // …and the next occurrence is scheduled about a day later.
    const next = done.find((j) => j.done_at === null)!;
    expect(next.run_at.getTime() - Date.now()).toBeGreaterThan(DAY - 60_000);
  });
});

describe("retention per territory", () => {
  const settingsRows = async () => t.database.db.select().from(territory_settings).where(eq(territory_settings.territory_id, w.aisne.id));

  it("is a territory setting, bounded, refused at the edge with the field named, editable by the coordination", async () => {
    const read = (await w.coord.get(`/api/v1/territories/${w.aisne.id}/settings`)).json();
    expect(read.effective.access_log).toEqual({ retention_months: 12 });
    const before = await settingsRows();
    for (const value of [5, 61, 12.5, "12"]) {
      const bad = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { access_log: { retention_months: value } } });
      expect(bad.statusCode, String(value)).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain("access_log.retention_months");
    }
    const denied = await w.alice.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { access_log: { retention_months: 6 } } });
    expect(denied.statusCode).toBe(403);
    expect(await settingsRows()).toEqual(before); // writes nothing
    const ok = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { access_log: { retention_months: 6 } } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ settings: { access_log: { retention_months: 6 } }, effective: { access_log: { retention_months: 6 } } });
    // The other territory's coordination cannot change this one (404: not theirs to know).
    expect((await w.coordElsewhere.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { access_log: { retention_months: 60 } } })).statusCode).toBe(404);
  });

  it("the daily purge deletes exactly the expired rows of each territory and drops whole partitions", async () => {
    const db = t.database.db;
    const now = new Date();
    // Aisne keeps 6 months (set above), elsewhere 24, a person without territory the default 12.
    expect((await w.coordElsewhere.request({ method: "PUT", url: `/api/v1/territories/${w.elsewhere.id}/settings`, payload: { access_log: { retention_months: 24 } } })).statusCode).toBe(200);
    const six = await w.person();
    const twentyFour = await w.person();
    const none = await w.person();
    await db.update(people).set({ territory_id: w.elsewhere.id }).where(eq(people.id, twentyFour));
    await db.update(people).set({ territory_id: null }).where(eq(people.id, none));
    // Monthly partitions for the last 31 months (older rows go to the default partition).
    for (let i = 1; i <= 31; i++) await createAccessLogPartition(db, monthStart(now, -i));
    const agesInMonths = [1, 5, 7, 11, 13, 23, 25, 30, 40];
    const ids = new Map<string, number[]>();
    for (const person of [six, twentyFour, none]) {
      await db.delete(access_log).where(eq(access_log.person_id, person));
      const mine: number[] = [];
      for (const months of agesInMonths) mine.push(await logRow(person, new Date(monthsBefore(now, months).getTime() - DAY)));
      // Either side of the cut-off, one hour apart.
      mine.push(await logRow(person, new Date(monthsBefore(now, { [six]: 6, [twentyFour]: 24, [none]: 12 }[person]!).getTime() + 3600_000)));
      mine.push(await logRow(person, new Date(monthsBefore(now, { [six]: 6, [twentyFour]: 24, [none]: 12 }[person]!).getTime() - 3600_000)));
      ids.set(person, mine);
    }
    expect(await partitionOf(ids.get(none)![8]!)).toBe(DEFAULT_PARTITION); // 40 months: no partition
    const totalBefore = (await db.select({ n: count() }).from(access_log))[0]!.n;

    // The recurring job runs today.
    await db.delete(jobs).where(eq(jobs.name, ACCESS_LOG_PURGE_JOB));
    await enqueue(db, ACCESS_LOG_PURGE_JOB, {}, { singletonKey: `recurring:${ACCESS_LOG_PURGE_JOB}` });
    await runDue();
    const [job] = await db.select().from(jobs).where(and(eq(jobs.name, ACCESS_LOG_PURGE_JOB), sql`done_at is not null`));
    expect(job?.failed_at ?? null).toBeNull();

    const kept = async (person: string) =>
      (await db.select({ id: access_log.id }).from(access_log).where(eq(access_log.person_id, person))).map((r) => r.id).sort((a, b) => a - b);
    const expectKept = (person: string, months: number) => {
      const all = ids.get(person)!;
      const expected = agesInMonths.flatMap((m, i) => (m < months ? [all[i]!] : []));
      expected.push(all[agesInMonths.length]!); // just inside the retention
      return expected.sort((a, b) => a - b);
    };
    expect(await kept(six)).toEqual(expectKept(six, 6)); // 1, 5 months + the one just inside
    expect(await kept(twentyFour)).toEqual(expectKept(twentyFour, 24)); // up to 23 months
    expect(await kept(none)).toEqual(expectKept(none, 12)); // up to 11 months
    expect((await kept(six)).length).toBe(3);
    expect((await kept(twentyFour)).length).toBe(7);
    expect((await kept(none)).length).toBe(5);
    const totalAfter = (await db.select({ n: count() }).from(access_log))[0]!.n;
    expect(totalBefore - totalAfter).toBe(33 - 15);

    // Partitions entirely older than the longest retention (24 months) are gone, the others stay.
    const { monthly, hasDefault } = await accessLogPartitions(db);
    const cut = monthsBefore(now, 24).getTime();
    expect(hasDefault).toBe(true);
    expect(monthly.filter((p) => p.to.getTime() <= cut)).toEqual([]);
    expect(monthly.map((p) => p.name)).toContain(partitionName(monthStart(now, -24)));
    expect(monthly.map((p) => p.name)).not.toContain(partitionName(monthStart(now, -26)));

    // Run again: nothing more to delete.
    expect(await purgeAccessLog(db, { retentions: [{ territory_id: w.aisne.id, months: 6 }, { territory_id: w.elsewhere.id, months: 24 }], now })).toEqual({ dropped: [], deleted: 0 });
  });

  it("counts months as PostgreSQL does (31 March − 1 month = 28 February)", () => {
    expect(monthsBefore(new Date("2027-03-31T10:00:00Z"), 1).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(monthsBefore(new Date("2027-01-15T00:00:00Z"), 13).toISOString()).toBe("2025-12-15T00:00:00.000Z");
    expect(monthsBefore(new Date("2028-05-31T00:00:00Z"), 3).toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});

describe("indexes", () => {
  it("'who read this file' and 'what did this user read' use the (person, at desc) and (user, at desc) indexes", async () => {
    const db = t.database.db;
    const busy = await w.person();
    const quietPerson = await w.person();
    // 20,000 rows of one person by Alice over the last 60 days, a few of another by Bruno.
    await db.execute(sql`
      insert into access_log (at, user_id, membership_id, person_id, action, resource, route, reason, via)
      select now() - (g % 60) * interval '1 day' - g * interval '1 second', ${w.aliceUser.id}::uuid, ${w.aliceUser.memberships[0]!.id}::uuid, ${busy}::uuid, 'read', 'person', 'GET /api/v1/people/:id', 'team', 'session'
      from generate_series(1, 20000) g`);
    for (let i = 0; i < 5; i++)
      await db.insert(access_log).values({ user_id: w.brunoUser.id, person_id: quietPerson, action: "read", resource: "person", route: "GET /api/v1/people/:id", reason: "team", via: "session", at: new Date(Date.now() - i * DAY) });
    await db.execute(sql`analyze access_log`);
    const plan = async (query: ReturnType<typeof sql>) =>
      ((await db.execute(sql`explain ${query}`)) as unknown as { rows: { "QUERY PLAN": string }[] }).rows.map((r) => r["QUERY PLAN"]).join("\n");

    // The partitions that hold rows worth an index (empty or one-row partitions are rightly scanned).
    const big = ((await db.execute(sql`select tableoid::regclass::text as p from access_log group by 1 having count(*) > 1000`)) as unknown as { rows: { p: string }[] }).rows.map((r) => r.p);
    expect(big.length).toBeGreaterThanOrEqual(2);
    const usesIndex = (explained: string, index: "person_id_at_idx" | "user_id_at_idx") => {
      for (const p of big) {
        expect(explained, p).toMatch(new RegExp(`(Index Scan( Backward)? using|Bitmap Index Scan on) ${p}_${index}`));
        expect(explained, p).not.toMatch(new RegExp(`Seq Scan on ${p} `));
      }
    };
    // The raw list (listAccessLog): one person, most recent first.
    usesIndex(await plan(sql`select id, at, action from access_log where person_id = ${quietPerson} order by at desc, id desc limit 50`), "person_id_at_idx");
    // The visits (listAccessVisits) and their viewers: the rows of one person, in a period.
    usesIndex(await plan(sql`select a.user_id, a.at from access_log a where a.person_id = ${quietPerson} and a.at >= now() - interval '90 days' order by a.at`), "person_id_at_idx");
    usesIndex(await plan(sql`select distinct a.user_id from access_log a where a.person_id = ${quietPerson}`), "person_id_at_idx");
    // What did this user read, most recent first.
    usesIndex(await plan(sql`select person_id, at from access_log where user_id = ${w.brunoUser.id} order by at desc limit 50`), "user_id_at_idx");
  });
});

describe("retention values", () => {
  it("are clamped to 6–60 months when a setting was edited by hand in the database", async () => {
    const db = t.database.db;
    const person = await w.person();
    const now = new Date();
    const recent = await logRow(person, new Date(monthsBefore(now, 2).getTime()));
    const old = await logRow(person, new Date(monthsBefore(now, 7).getTime()));
    // 0 months would delete everything of the territory: read as the minimum, 6.
    await purgeAccessLog(db, { retentions: [{ territory_id: w.aisne.id, months: 0 }], now });
    const left = (await db.select({ id: access_log.id }).from(access_log).where(inArray(access_log.id, [recent, old]))).map((r) => r.id);
    expect(left).toEqual([recent]);
  });
});
