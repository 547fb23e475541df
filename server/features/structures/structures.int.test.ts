import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { structures } from "./structures.tables.ts";

let t: TestApp;
let territoryId: string;
let mlId: string;
let spipId: string;
let platformAdmin: Client;
let mlAdmin: Client;
let pro: Client;
let coordinator: Client;
let proEmail: string;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  territoryId = (await f.territory(db, "Aisne d'essai")).id;
  const ml = await f.structure(db, { name: "Mission locale d'essai", territory_id: territoryId });
  const cd = await f.structure(db, { name: "Département d'essai", territory_id: territoryId });
  const spip = await f.structure(db, { name: "SPIP d'essai", territory_id: territoryId, sensitive: true });
  mlId = ml.id;
  spipId = spip.id;
  const users = await Promise.all([
    f.user(db, [], { is_admin: true }),
    f.user(db, [{ structure_id: ml.id, role: "structure_admin" }]),
    f.user(db, [{ structure_id: ml.id, role: "professional" }]),
    f.user(db, [{ structure_id: cd.id, role: "coordinator" }]),
  ]);
  proEmail = users[2].email;
  const clients = await Promise.all(users.map((u) => loginAs(t.app, u.email)));
  [platformAdmin, mlAdmin, pro, coordinator] = clients as [Client, Client, Client, Client];
});

afterAll(async () => {
  await t?.close();
});

describe("structures", () => {
  it("lists structures, hiding sensitive ones from those who do not need them", async () => {
    const seen = (await pro.get("/api/v1/structures?page_size=100")).json();
    expect(seen.items.map((s: { name: string }) => s.name)).not.toContain("SPIP d'essai");
    expect((await pro.get(`/api/v1/structures/${spipId}`)).statusCode).toBe(404);
    const coord = (await coordinator.get("/api/v1/structures?q=spip")).json();
    expect(coord.items.map((s: { name: string }) => s.name)).toEqual(["SPIP d'essai"]);
  });

  it("computes permissions for the client", async () => {
    expect((await mlAdmin.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({ update: true, manage_members: true });
    expect((await pro.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({ update: false, manage_members: false });
    expect((await coordinator.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({ update: true, manage_members: false });
  });

  it("creates a structure with a valid SIRET, commune and type; refuses others", async () => {
    const created = await platformAdmin.post("/api/v1/structures", {
      name: "Association d'essai",
      siret: "732 829 320 00074",
      type: "ccas-cias",
      address: { street: "1 rue de l'Exemple", postal_code: "02000", commune_code: "02408" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ siret: "73282932000074", type_label: expect.any(String), territory: { id: territoryId }, address: { commune_name: "Laon" } });
    expect((await pro.post("/api/v1/structures", { name: "Pas autorisé" })).statusCode).toBe(403);
    expect((await coordinator.post("/api/v1/structures", { name: "Structure du coordinateur", territory_id: territoryId })).statusCode).toBe(201);
  });

  it("rejects bad input with a field error per problem and writes nothing", async () => {
    const [before] = await t.database.db.select({ n: count() }).from(structures);
    const bad = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", siret: "7328293200007" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("siret");
    const luhn = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", siret: "73282932000075" });
    expect(luhn.json().errors[0].field).toBe("siret");
    const type = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", type: "missions-locale" });
    expect(type.statusCode).toBe(400);
    expect(type.json().errors[0].message).toMatch(/Vouliez-vous dire « mission-locale » \?/);
    const commune = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", address: { commune_code: "02999" } });
    expect(commune.json().errors[0].field).toBe("address.commune_code");
    const long = await platformAdmin.post("/api/v1/structures", { name: "x".repeat(201) });
    expect(long.json().errors[0].field).toBe("name");
    const [after] = await t.database.db.select({ n: count() }).from(structures);
    expect(after!.n).toBe(before!.n);
  });

  it("lets structure admins and coordinators edit, not professionals", async () => {
    expect((await pro.patch(`/api/v1/structures/${mlId}`, { phone: "03 00 00 00 00" })).statusCode).toBe(403);
    const res = await mlAdmin.patch(`/api/v1/structures/${mlId}`, { phone: "03 00 00 00 00", email: "contact@ml.example.org" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: "03 00 00 00 00", email: "contact@ml.example.org" });
  });
});

describe("members", () => {
  it("adds a new account with a temporary password shown once, and a membership to an existing account", async () => {
    const added = await mlAdmin.post(`/api/v1/structures/${mlId}/members`, { email: "nouvelle.recrue@test.spie.example.org", name: "Nouvelle Recrue", role: "professional" });
    expect(added.statusCode).toBe(201);
    expect(added.json().temporary_password).toEqual(expect.any(String));
    const newcomer = await loginAs(t.app, "nouvelle.recrue@test.spie.example.org", added.json().temporary_password);
    expect((await newcomer.get("/api/v1/me")).json().memberships[0].role).toBe("professional");

    const second = await mlAdmin.post(`/api/v1/structures/${mlId}/members`, { email: proEmail, name: "ignoré", role: "structure_admin" });
    expect(second.statusCode).toBe(201);
    expect(second.json().temporary_password).toBeNull();
    expect((await mlAdmin.post(`/api/v1/structures/${mlId}/members`, { email: proEmail, name: "ignoré", role: "structure_admin" })).statusCode).toBe(409);
  });

  it("changes roles and removes members; keeps at least one admin; refuses non-admins", async () => {
    const members = (await mlAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items as { membership_id: string; role: string; user: { email: string } }[];
    const recruit = members.find((m) => m.user.email === "nouvelle.recrue@test.spie.example.org")!;
    const changed = await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${recruit.membership_id}`, { role: "coordinator" });
    expect(changed.json().role).toBe("coordinator");
    expect((await mlAdmin.delete(`/api/v1/structures/${mlId}/members/${recruit.membership_id}`)).statusCode).toBe(204);
    expect((await mlAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items.some((m: { membership_id: string }) => m.membership_id === recruit.membership_id)).toBe(false);
    expect((await coordinator.get(`/api/v1/structures/${mlId}/members`)).statusCode).toBe(403);
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${recruit.membership_id}`, { role: "boss" })).statusCode).toBe(400);
  });
});

describe("territories and communes", () => {
  it("lists territories with their perimeter names", async () => {
    const res = (await pro.get("/api/v1/territories")).json();
    expect(res.items.find((t: { id: string }) => t.id === territoryId).perimeter).toEqual([{ kind: "departement", code: "02", name: "Aisne" }]);
  });

  it("finds communes by name or postcode without login", async () => {
    const byName = await t.app.inject({ method: "GET", url: "/api/v1/communes?q=laon" });
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items[0]).toMatchObject({ code: "02408", name: "Laon", departement: "02" });
    const byPostcode = (await t.app.inject({ method: "GET", url: "/api/v1/communes?q=20000" })).json();
    expect(byPostcode.items.map((c: { name: string }) => c.name)).toContain("Ajaccio");
    expect((await t.app.inject({ method: "GET", url: "/api/v1/communes" })).statusCode).toBe(400);
  });
});
