// The list's total is counted on the caller's seats (policy peopleInTeamOf().seats): with several
// memberships in one team a person counts once, and the "overdue" / "no contact" counts read the
// due dates the seats carry (migration 0023) — the same numbers as the pages, on both engines.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, loginAs, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { runBackfill } from "../pathway/stored-deadlines.ts";

let t: TestApp;
let pro: Client;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const territory = await f.territory(db, "Territoire fictif des comptes");
  const a = await f.structure(db, { name: "Structure fictive A", territory_id: territory.id });
  const b = await f.structure(db, { name: "Structure fictive B", territory_id: territory.id });
  const user = await f.user(db, [
    { structure_id: a.id, role: "professional" },
    { structure_id: b.id, role: "professional" },
  ]);
  const [ma, mb] = user.memberships;
  // 30 files: 1–10 followed through A only, 11–20 through B only, 21–30 through both (two seats).
  // Every 3rd: RSA right opened 100 days ago, no orientation (overdue). Every 5th: created 4 months
  // ago, no contact since.
  await db.execute(sql`
    insert into people (first_names, last_name, birth_date, last_name_key, first_name_key, search_key, territory_id, rsa_right_opened_on, rsa_status, created_at)
    select 'Fictif', 'Compte-' || g, date '1980-01-01' + g, 'compte ' || g, 'fictif', 'compte ' || g || ' fictif', ${territory.id}::uuid,
      current_date - case when g % 3 = 0 then 100 else 3 end, 'droit_ouvert_versable',
      now() - case when g % 5 = 0 then interval '4 months' else interval '0 days' end
    from generate_series(1, 30) g
  `);
  // Seats written before the due dates exist: the backfill's people update must reach them.
  for (const [m, s, from, to] of [
    [ma!, a, 1, 10],
    [mb!, b, 11, 30],
    [ma!, a, 21, 30],
  ] as const) {
    await db.execute(sql`
      insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select id, ${user.id}::uuid, ${m.id}::uuid, ${s.id}::uuid, false from people
      where territory_id = ${territory.id}::uuid and substr(last_name, 8)::int between ${from} and ${to}
    `);
  }
  await runBackfill({}, { db, log: { info: () => {}, error: () => {} } });
  pro = await loginAs(t.app, user.email);
});

afterAll(async () => {
  await t?.close();
});

async function list(query: string): Promise<{ total: number; total_is_capped: boolean; items: { last_name: string }[] }> {
  const res = await pro.get(`/api/v1/people?page_size=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const numbers = (page: { items: { last_name: string }[] }) => page.items.map((p) => Number(p.last_name.slice(7))).sort((x, y) => x - y);
const range = (keep: (g: number) => boolean) => Array.from({ length: 30 }, (_, i) => i + 1).filter(keep);

describe("the total of « my people »", () => {
  it("counts a person followed through two memberships once", async () => {
    const page = await list("");
    expect(numbers(page)).toEqual(range(() => true));
    expect(page).toMatchObject({ total: 30, total_is_capped: false });
  });

  it("counts the overdue and the no-contact files from the seats' due dates, alone and together", async () => {
    const overdue = await list("overdue=true");
    expect(numbers(overdue)).toEqual(range((g) => g % 3 === 0));
    expect(overdue.total).toBe(10);
    const noContact = await list("no_contact_3_months=true");
    expect(numbers(noContact)).toEqual(range((g) => g % 5 === 0));
    expect(noContact.total).toBe(6);
    const both = await list("overdue=true&no_contact_3_months=true");
    expect(numbers(both)).toEqual([15, 30]);
    expect(both.total).toBe(2);
  });

  it("keeps the seats' due dates and name keys equal to their person's, through every writer", async () => {
    const db = t.database.db;
    const drift = async () =>
      ((await db.execute(sql`select count(*)::int as n from team_members tm join people p on p.id = tm.person_id
        where tm.left_at is null and (tm.legal_due_on is distinct from p.legal_due_on or tm.contact_due_on is distinct from p.contact_due_on
          or tm.last_name_key is distinct from p.last_name_key or tm.first_name_key is distinct from p.first_name_key)`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    expect(await drift()).toBe(0);
    // A seat's copies cannot be written apart from its person's.
    await db.execute(sql`update team_members set legal_due_on = date '2000-01-01'`);
    await db.execute(sql`update team_members set last_name_key = 'aaa', first_name_key = null`);
    expect(await drift()).toBe(0);
    // A person's new dates reach every seat; the list follows.
    await db.execute(sql`update people set legal_due_on = current_date + 30 where last_name = 'Compte-30'`);
    expect(await drift()).toBe(0);
    expect((await list("overdue=true")).total).toBe(9);
  });
});

describe("« my people » in name order, read from the caller's seats", () => {
  type Item = { id: string; last_name: string };
  async function ids(query: string): Promise<string[]> {
    const res = await pro.get(`/api/v1/people?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Item[]).map((i) => i.id);
  }

  it("gives the order of the people walk (a name search takes it), each person once, by page and by cursor, both ways", async () => {
    for (const sort of ["name", "-name"]) {
      const walked = await ids(`sort=${sort}&q=compte&page_size=100`);
      expect(walked).toHaveLength(30);
      expect(await ids(`sort=${sort}&page_size=100`)).toEqual(walked);
      const byPage: string[] = [];
      for (let page = 1; page <= 5; page++) byPage.push(...(await ids(`sort=${sort}&page_size=7&page=${page}`)));
      expect(byPage).toEqual(walked);
      const byCursor: string[] = [];
      let after: string | null = null;
      do {
        const res = await pro.get(`/api/v1/people?sort=${sort}&page_size=7${after ? `&after=${after}` : ""}`);
        const body = res.json() as { items: Item[]; next_after: string | null };
        byCursor.push(...body.items.map((i) => i.id));
        after = body.next_after;
      } while (after);
      expect(byCursor).toEqual(walked);
    }
  });

  it("follows a renamed person", async () => {
    const [first] = await ids("sort=name&page_size=1");
    const renamed = (await pro.get(`/api/v1/people?sort=name&page_size=100`)).json().items.find((i: Item) => i.last_name === "Compte-29") as Item;
    expect((await pro.patch(`/api/v1/people/${renamed.id}`, { last_name: "Aaa-Compte-29" })).statusCode).toBe(200);
    expect(await ids("sort=name&page_size=1")).toEqual([renamed.id]);
    expect(await ids("sort=name&q=compte&page_size=100")).toEqual(await ids("sort=name&page_size=100"));
    expect(first).not.toBe(renamed.id);
  });
});
