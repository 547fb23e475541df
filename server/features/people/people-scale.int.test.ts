// "My people" past 65,535 files (built with SQL): the "overdue" and "no contact" filters are
// predicates on the stored due dates, not one bind parameter per id of the list.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, loginAs, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { runBackfill } from "../pathway/stored-deadlines.ts";

const N = 70_000;
let t: TestApp;
let pro: Client;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const territory = await f.territory(db, "Territoire fictif à grande échelle");
  const structure = await f.structure(db, { name: "Structure fictive à grande échelle", territory_id: territory.id });
  const user = await f.user(db, [{ structure_id: structure.id, role: "professional" }], { name: "Professionnelle Fictive Échelle" });
  const membership = user.memberships[0]!;
  // Every 140th file: RSA right opened 100 days ago, no orientation (overdue: 500 files). Every
  // 100th: created 4 months ago, no contact since (700 files). Both: every 700th (100 files).
  await db.execute(sql`
    insert into people (first_names, last_name, birth_date, last_name_key, first_name_key, search_key, territory_id, rsa_right_opened_on, rsa_status, created_at)
    select 'Fictif', 'Echelle-' || g, date '1970-01-01' + (g % 9000), 'echelle ' || g, 'fictif', 'echelle ' || g || ' fictif', ${territory.id}::uuid,
      current_date - case when g % 140 = 0 then 100 else 3 end, 'droit_ouvert_versable',
      now() - case when g % 100 = 0 then interval '4 months' else interval '0 days' end
    from generate_series(1, ${N}) g
  `);
  await db.execute(sql`
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
    select id, ${user.id}::uuid, ${membership.id}::uuid, ${structure.id}::uuid, true from people where territory_id = ${territory.id}::uuid
  `);
  // Rows written by SQL get their due dates from the pure rules through the backfill job.
  await runBackfill({}, { db, log: { info: () => {}, error: () => {} } });
  await db.execute(sql`analyze people`);
  await db.execute(sql`analyze team_members`);
  pro = await loginAs(t.app, user.email);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

type Page = { total_is_capped: boolean; next_after: string | null; items: { id: string; last_name: string; is_referent: boolean; deadlines: { overdue: boolean; no_recent_contact: boolean } }[]; total: number };

async function list(query: string): Promise<Page> {
  const res = await pro.get(`/api/v1/people?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

describe(`a list of ${N} people`, () => {
  it("filters the overdue files", async () => {
    const page = await list("overdue=true&page_size=100");
    expect(page.total).toBe(500);
    expect(page.items).toHaveLength(100);
    expect(page.items.every((p) => p.deadlines.overdue && Number(p.last_name.slice(8)) % 140 === 0)).toBe(true);
  });

  it("filters the files without contact, alone and with the overdue filter", async () => {
    const page = await list("no_contact_3_months=true&page_size=100&page=7");
    expect(page.total).toBe(700);
    expect(page.items).toHaveLength(100);
    expect(page.items.every((p) => p.deadlines.no_recent_contact && Number(p.last_name.slice(8)) % 100 === 0)).toBe(true);
    const both = await list("no_contact_3_months=true&overdue=true&page_size=100");
    expect(both.total).toBe(100);
    expect(both.items.every((p) => Number(p.last_name.slice(8)) % 700 === 0)).toBe(true);
  });

  it("pages the whole list with the référent flag", async () => {
    const page = await list("page_size=20&sort=-name");
    expect(page.items).toHaveLength(20);
    expect(page.items.every((p) => p.is_referent)).toBe(true);
  });

  it("counts up to 1 000 (then « 1 000+ ») and pages by keyset past the numbered pages", async () => {
    const first = await list("page_size=100&sort=birth_date");
    expect(first).toMatchObject({ total: 1000, total_is_capped: true });
    const tenth = await list("page_size=100&sort=birth_date&page=10");
    expect(tenth.next_after).toBe(tenth.items[99]!.id);
    expect((await pro.get("/api/v1/people?page_size=100&sort=birth_date&page=11")).statusCode).toBe(400);
    // The keyset continues exactly where the offset would have: same order, no gap, no repeat.
    let after = first.next_after!;
    const seen = new Set(first.items.map((p) => p.id));
    for (let i = 2; i <= 10; i++) {
      const next = await list(`page_size=100&sort=birth_date&after=${after}`);
      for (const p of next.items) seen.add(p.id);
      after = next.next_after!;
      if (i === 10) expect(next.items.map((p) => p.id)).toEqual(tenth.items.map((p) => p.id));
    }
    expect(seen.size).toBe(1000);
    const eleventh = await list(`page_size=100&sort=birth_date&after=${after}`);
    expect(eleventh.items.some((p) => seen.has(p.id))).toBe(false);
    expect(eleventh.items).toHaveLength(100);
  });

  it("searches names by trigrams and short queries by prefix", async () => {
    const found = await list("q=ECHELLE-6999&page_size=100");
    expect(found.items.map((p) => p.last_name).sort()).toEqual(["Echelle-6999", ...Array.from({ length: 10 }, (_, i) => `Echelle-6999${i}`)].sort());
    expect(found).toMatchObject({ total: 11, total_is_capped: false, next_after: null });
    expect((await list("q=69990")).items.map((p) => p.last_name)).toEqual(["Echelle-69990"]);
    expect((await list("q=ec")).total_is_capped).toBe(true);
    expect((await list("q=69")).total).toBe(0);
  });
});
