// "Mes personnes" sorted by urgency: the earliest stored due date (legal or contact) first, files
// without any last; keyset paging walks the same order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { people } from "./people.tables.ts";

let t: TestApp;
let alice: Client;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const aisne = await f.territory(db, "Aisne (test)", [{ kind: "departement", code: "02" }]);
  const cd = await f.structure(db, { name: "Conseil départemental fictif", territory_id: aisne.id });
  const a = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
  alice = await loginAs(t.app, a.email);
});

afterAll(async () => {
  await t?.close();
});

describe("my people by urgency", () => {
  it("orders by the earliest of the legal and contact due dates, files without one last, in both directions and by keyset", async () => {
    const due: Record<string, [string | null, string | null]> = {
      "Ana Urgence-Test": [null, "2026-03-01"],
      "Bea Urgence-Test": ["2026-01-15", "2026-06-01"],
      "Cyd Urgence-Test": ["2026-05-01", "2026-02-01"],
      "Dan Urgence-Test": [null, null],
    };
    for (const name of Object.keys(due)) {
      const [first, last] = name.split(" ");
      const res = await alice.post("/api/v1/people", { first_names: first, last_name: last, birth_date: "1990-01-01" });
      expect(res.statusCode).toBe(201);
      const [legal, contact] = due[name]!;
      await t.database.db.update(people).set({ legal_due_on: legal, contact_due_on: contact }).where(eq(people.id, res.json().id));
    }
    const names = (body: { items: { first_names: string }[] }) => body.items.map((p) => p.first_names);
    expect(names((await alice.get("/api/v1/people?q=urgence&sort=urgency")).json())).toEqual(["Bea", "Cyd", "Ana", "Dan"]);
    expect(names((await alice.get("/api/v1/people?q=urgence&sort=-urgency")).json())).toEqual(["Dan", "Ana", "Cyd", "Bea"]);
    const first = (await alice.get("/api/v1/people?q=urgence&sort=urgency&page_size=2")).json();
    expect(names(first)).toEqual(["Bea", "Cyd"]);
    const rest = (await alice.get(`/api/v1/people?q=urgence&sort=urgency&page_size=2&after=${first.next_after}`)).json();
    expect(names(rest)).toEqual(["Ana", "Dan"]);
    expect((await alice.get("/api/v1/people?sort=urgence")).statusCode).toBe(400);
  });
});
