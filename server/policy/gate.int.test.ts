// The gate's findings: ways around the policy that a probe found, each a test that failed before.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { memberships } from "../features/structures/structures.tables.ts";
import { testApp, type TestApp } from "../test/app.ts";
import { accessWorld, type AccessWorld } from "../test/access-world.ts";

let t: TestApp;
let w: AccessWorld;

beforeAll(async () => {
  t = await testApp();
  w = await accessWorld(t);
});
afterAll(async () => t?.close());

describe("the access gate", () => {
  it("refuses to start with a route that declares no access", async () => {
    const app = await buildApp({ config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), db: t.database.db });
    expect(() => app.get("/api/v1/undeclared", async () => ({ leaked: true }))).toThrow(/declares no access/);
    await app.close();
  });

  it("gives no seat through a membership whose role no longer accompanies people", async () => {
    const person = (await w.clients.member.post("/api/v1/people", { first_names: "Siège", last_name: "Fictif-Role", birth_date: "1979-09-09", territory_id: w.aisne })).json().id as string;
    expect((await w.clients.member.get(`/api/v1/people/${person}`)).statusCode).toBe(200);
    // The membership's role changed in place (as before the rule that ends it): the seat must not count.
    await t.database.db.update(memberships).set({ role: "steering" }).where(eq(memberships.id, w.users.member.membership_id!));
    const again = await w.relogin("member");
    expect((await again.get(`/api/v1/people/${person}`)).statusCode).toBe(404);
    expect((await again.patch(`/api/v1/people/${person}`, { phone: "0611111111" })).statusCode).toBe(404);
    const list = (await again.get("/api/v1/people")).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(person);
    await t.database.db.update(memberships).set({ role: "professional" }).where(eq(memberships.id, w.users.member.membership_id!));
  });

  it("lets only the territory's coordinators change a person's territory", async () => {
    const refused = await w.clients.referent.patch(`/api/v1/people/${w.person}`, { territory_id: null });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].field).toBe("territory_id");
    expect((await w.clients.coordinator.get(`/api/v1/people/${w.person}`)).json().territory.id).toBe(w.aisne);
    const person = (await w.clients.referent.post("/api/v1/people", { first_names: "Démé", last_name: "Nageuse-Fictive", birth_date: "1985-02-02", territory_id: w.aisne })).json().id as string;
    const moved = await w.clients.coordinator.patch(`/api/v1/people/${person}`, { territory_id: w.elsewhere });
    expect(moved.statusCode).toBe(200);
    expect((await w.clients.coordinator.get(`/api/v1/people/${person}`)).statusCode).toBe(404);
    expect((await w.clients.coordinator_elsewhere.get(`/api/v1/people/${person}`)).statusCode).toBe(200);
    expect((await w.clients.coordinator.patch(`/api/v1/people/${w.person}`, { phone: "0622222222" })).statusCode).toBe(403);
  });

  it("does not reveal the date of an author-only note as the last contact", async () => {
    const person = (await w.clients.referent.post("/api/v1/people", { first_names: "Contact", last_name: "Privé-Fictif", birth_date: "1990-10-10", territory_id: w.aisne })).json().id as string;
    const note = await w.clients.referent.post(`/api/v1/people/${person}/notes`, { body: "Entretien noté pour moi seule.", visibility: "author", contact_kind: "entretien", occurred_on: "2026-03-03" });
    expect(note.statusCode).toBe(201);
    expect((await w.clients.coordinator.get(`/api/v1/people/${person}/pathway`)).json().last_contact_on).toBeNull();
    await w.clients.referent.post(`/api/v1/people/${person}/notes`, { body: "Entretien partagé.", visibility: "team", contact_kind: "entretien", occurred_on: "2026-02-02" });
    expect((await w.clients.coordinator.get(`/api/v1/people/${person}/pathway`)).json().last_contact_on).toBe("2026-02-02");
  });

  it("marks the référent in the list of my people (and only where the caller is référent)", async () => {
    const list = (await w.clients.referent.get("/api/v1/people?page_size=100")).json();
    expect(list.items.find((i: { id: string }) => i.id === w.person).is_referent).toBe(true);
    const members = (await w.clients.member.get("/api/v1/people?page_size=100")).json();
    expect(members.items.find((i: { id: string }) => i.id === w.person).is_referent).toBe(false);
  });
});
