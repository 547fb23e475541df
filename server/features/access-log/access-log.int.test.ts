// The access log as its readers need it: one line per visit, in French, filtered by period and person.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { access_log } from "./access-log.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let id: string;

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  id = await w.person();
  await t.database.db.delete(access_log).where(eq(access_log.person_id, id));
  // One visit of Alice: the file, the diagnostic, the notes, then a note written.
  for (const path of ["", "/diagnostic", "/notes", "/timeline", "/team", "/pathway"]) await w.alice.get(`/api/v1/people/${id}${path}`);
  await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Entretien fictif.", visibility: "team" });
  // The coordinator's visit.
  await w.coord.get(`/api/v1/people/${id}`);
  // An older visit of Alice, two hours before.
  const [row] = await t.database.db.select({ id: access_log.id }).from(access_log).where(eq(access_log.person_id, id)).limit(1);
  await t.database.db.insert(access_log).values({ user_id: w.aliceUser.id, membership_id: w.aliceUser.memberships[0]!.id, person_id: id, action: "export", resource: "contract_pdf", route: "GET /api/v1/contracts/:id/pdf", reason: "team", via: "session", at: new Date(Date.now() - 2 * 3600_000) });
  expect(row).toBeDefined();
});
afterAll(async () => t?.close());

describe("the access log, one line per visit", () => {
  it("groups the accesses of one visit and says what was done, in French", async () => {
    const res = await w.alice.get(`/api/v1/people/${id}/access-log?view=visits`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total, viewers } = res.json();
    expect(total).toBe(3);
    expect(viewers.map((v: { name: string }) => v.name).sort()).toEqual(["Alice Fictive", "Claude Coordination"]);
    const [coordination, alice, older] = items;
    expect(coordination).toMatchObject({ user: { name: "Claude Coordination" }, reason: "coordinator", reason_label: "équipe de coordination du territoire", summary: "a consulté l'identité" });
    expect(alice.user.name).toBe("Alice Fictive");
    expect(alice.summary).toBe(
      "a consulté l'identité, le diagnostic, les notes, l'historique du parcours, l'équipe d'accompagnement et le parcours en bref ; a créé les notes",
    );
    expect(alice.accesses).toBe(7);
    expect(alice.reason_label).toBe("membre de l'équipe d'accompagnement");
    expect(older).toMatchObject({ summary: "a imprimé un contrat (PDF)", accesses: 1 });
  });

  it("filters by professional and by period, and keeps the raw rows", async () => {
    const mine = (await w.alice.get(`/api/v1/people/${id}/access-log?view=visits&user_id=${w.aliceUser.id}`)).json();
    expect(mine.items.every((i: { user: { name: string } }) => i.user.name === "Alice Fictive")).toBe(true);
    const future = (await w.alice.get(`/api/v1/people/${id}/access-log?view=visits&from=2099-01-01`)).json();
    expect(future.total).toBe(0);
    const bad = await w.alice.get(`/api/v1/people/${id}/access-log?view=visits&from=2026-05-02&to=2026-05-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("to");
    const raw = (await w.alice.get(`/api/v1/people/${id}/access-log?page_size=100`)).json();
    expect(raw.total).toBeGreaterThanOrEqual(9);
    expect(raw.items[0]).toHaveProperty("route");
  });
});
