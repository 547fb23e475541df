import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  const a = await f.user(t.database.db, [], { is_admin: true });
  admin = await loginAs(t.app, a.email);
});
afterAll(async () => t?.close());

describe("territories", () => {
  it("lets a platform admin create the Aisne, with its communes, time zone and holidays", async () => {
    const res = await admin.post("/api/v1/territories", { name: "Aisne (test)", perimeter: [{ kind: "departement", code: "02" }] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.perimeter).toEqual([{ kind: "departement", code: "02", name: "Aisne" }]);
    expect(body.departements).toEqual([{ code: "02", name: "Aisne" }]);
    expect(body.communes_count).toBeGreaterThan(750);
    expect(body.communes_sample[0].name).toBe("Saint-Quentin");
    expect(body.calendar).toMatchObject({ zone: "metropole", time_zone: "Europe/Paris", mixed: false });
    expect(body.calendar.holidays).toHaveLength(11);
    expect(body.permissions).toMatchObject({ update: true, read_queues: false, read_counts: false });

    const got = await admin.get(`/api/v1/territories/${body.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().name).toBe("Aisne (test)");
  });

  it("derives Mayotte's and Alsace-Moselle's calendars from the perimeter", async () => {
    const mayotte = (await admin.post("/api/v1/territories", { name: "Mayotte (test)", perimeter: [{ kind: "region", code: "06" }] })).json();
    expect(mayotte.calendar).toMatchObject({ zone: "mayotte", time_zone: "Indian/Mayotte" });
    expect(mayotte.calendar.holidays.map((h: { name: string }) => h.name)).toContain("Abolition de l'esclavage");
    // An EPCI of the Moselle: Metz Métropole (SIREN 200039865)
    const metz = (await admin.post("/api/v1/territories", { name: "Metz (test)", perimeter: [{ kind: "epci", code: "200039865" }] })).json();
    expect(metz.departements).toEqual([{ code: "57", name: "Moselle" }]);
    expect(metz.calendar.zone).toBe("alsace_moselle");
    expect(metz.calendar.holidays.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(["Vendredi saint", "Lendemain de Noël"]));
  });

  it("refuses unknown codes with field errors, and a taken name", async () => {
    const bad = await admin.post("/api/v1/territories", { name: "Mauvais", perimeter: [{ kind: "departement", code: "02" }, { kind: "departement", code: "20" }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: "perimeter.1.code", code: "unknown_code" })]);
    const empty = await admin.post("/api/v1/territories", { name: "Vide", perimeter: [] });
    expect(empty.statusCode).toBe(400);
    await admin.post("/api/v1/territories", { name: "Doublon (test)", perimeter: [{ kind: "commune", code: "02408" }] });
    const taken = await admin.post("/api/v1/territories", { name: "Doublon (test)", perimeter: [{ kind: "commune", code: "02722" }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe("name");
  });

  it("renames and changes the perimeter (a former commune code becomes the current one)", async () => {
    const created = (await admin.post("/api/v1/territories", { name: "Laon (test)", perimeter: [{ kind: "commune", code: "02408" }] })).json();
    const res = await admin.patch(`/api/v1/territories/${created.id}`, { name: "Corse-du-Sud (test)", perimeter: [{ kind: "commune", code: "20004" }, { kind: "departement", code: "2a" }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe("Corse-du-Sud (test)");
    expect(res.json().perimeter).toEqual([
      { kind: "commune", code: "2A004", name: "Ajaccio" },
      { kind: "departement", code: "2A", name: "Corse-du-Sud" },
    ]);
    const list = (await admin.get("/api/v1/territories")).json().items.map((x: { name: string }) => x.name);
    expect(list).toContain("Corse-du-Sud (test)");
    expect(list).not.toContain("Laon (test)");
  });

  it("keeps territory administration to platform admins; members of the territory read its page", async () => {
    const db = t.database.db;
    const aisne = await f.territory(db, "Aisne lecture (test)");
    const cd = await f.structure(db, { territory_id: aisne.id });
    const coordinator = await loginAs(t.app, (await f.user(db, [{ structure_id: cd.id, role: "coordinator" }])).email);
    const outsider = await loginAs(t.app, (await f.user(db, [{ structure_id: (await f.structure(db)).id, role: "professional" }])).email);
    expect((await coordinator.post("/api/v1/territories", { name: "Pas permis", perimeter: [{ kind: "departement", code: "02" }] })).statusCode).toBe(403);
    expect((await coordinator.patch(`/api/v1/territories/${aisne.id}`, { name: "Renommé" })).statusCode).toBe(403);
    const page = await coordinator.get(`/api/v1/territories/${aisne.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().permissions).toMatchObject({ update: false, update_settings: true, read_queues: true, read_counts: true, create_structure: true });
    expect((await outsider.get(`/api/v1/territories/${aisne.id}`)).statusCode).toBe(404);
  });

  it("tells the web which home page each account lands on", async () => {
    const db = t.database.db;
    const territory = await f.territory(db, "Accueil (test)");
    const s = await f.structure(db, { territory_id: territory.id });
    const home = async (role: "coordinator" | "steering" | "professional" | "structure_admin") => (await (await loginAs(t.app, (await f.user(db, [{ structure_id: s.id, role }])).email)).get("/api/v1/me")).json().permissions;
    const coordinator = await home("coordinator");
    expect(coordinator.home).toBe("workspace");
    expect(coordinator.coordinated_territories).toEqual([{ id: territory.id, name: "Accueil (test)" }]);
    const steering = await home("steering");
    expect(steering.home).toBe("steering");
    expect(steering.steered_territories).toEqual([{ id: territory.id, name: "Accueil (test)" }]);
    expect((await home("professional")).home).toBe("people");
    const me = (await admin.get("/api/v1/me")).json().permissions;
    expect(me).toMatchObject({ home: "admin", administer_territories: true, coordinated_territories: [] });
  });
});
