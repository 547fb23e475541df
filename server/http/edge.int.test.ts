// Bad input is refused at the edge, never a 500: text the database cannot store (NUL, lone
// surrogates) answers 400 naming the field; integers beyond an `integer` column and dates beyond a
// sane range are refused; malformed ids in paths answer 404 problem+json; script links refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, testApp, type Client, type TestApp } from "../test/app.ts";
import * as f from "../test/factories.ts";

let t: TestApp;
let pro: Client;
let admin: Client;
let personId: string;
let structureId: string;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const territory = await f.territory(db, "Aisne bord");
  const cd = await f.structure(db, { territory_id: territory.id });
  structureId = cd.id;
  const user = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
  const adminUser = await f.user(db, [{ structure_id: cd.id, role: "structure_admin" }]);
  pro = await loginAs(t.app, user.email);
  admin = await loginAs(t.app, adminUser.email);
  const res = await pro.post("/api/v1/people", { first_names: "Camille", last_name: "Bord-Fictif", birth_date: "1990-04-12", territory_id: territory.id });
  personId = res.json().id;
});

afterAll(async () => {
  await t?.close();
});

function fields(res: { json(): unknown }): string[] {
  return ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
}

describe("text the database cannot store", () => {
  it("refuses a NUL character in a nested body field with a 400 naming it", async () => {
    const res = await pro.patch(`/api/v1/people/${personId}`, { address: { street: "1 rue\u0000 Fictive" } });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(fields(res)).toEqual(["address.street"]);
    expect(res.json().errors[0].message).toMatch(/^Caractère interdit/);
  });

  it("refuses a lone surrogate in the diagnostic (stored as JSON) with a 400 naming the field", async () => {
    const res = await pro.request({ method: "PUT", url: `/api/v1/people/${personId}/diagnostic`, payload: { base_version: 0, thematics: { logement: { weight: "fort", situation: "Texte \ud800 fictif" } } } });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["thematics.logement.situation"]);
    expect(res.json().errors[0].message).toMatch(/^Texte mal encodé/);
  });

  it("refuses a NUL character in a query parameter", async () => {
    const res = await pro.get("/api/v1/structures?q=ab%00c");
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["q"]);
  });
});

describe("numbers and dates out of range", () => {
  it("answers 404 for a diagnostic version beyond an integer column", async () => {
    const res = await pro.get(`/api/v1/people/${personId}/diagnostic/versions/2147483648`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
  });

  it("refuses a diff between versions beyond an integer column", async () => {
    const res = await pro.get(`/api/v1/people/${personId}/diagnostic/diff?from=0&to=2147483648`);
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["to"]);
  });

  it("refuses an RSA right opened in year 9999 or in the future, and « my people » keeps working", async () => {
    for (const date of ["9999-12-31", "2099-01-01"]) {
      const res = await pro.patch(`/api/v1/people/${personId}`, { rsa_status: "droit_ouvert_versable", rsa_right_opened_on: date });
      expect(res.statusCode, date).toBe(400);
      expect(fields(res)).toEqual(["rsa_right_opened_on"]);
    }
    expect((await pro.patch(`/api/v1/people/${personId}`, { rsa_right_opened_on: "1899-12-31" })).statusCode).toBe(400);
    expect((await pro.patch(`/api/v1/people/${personId}`, { rsa_status: "droit_ouvert_versable", rsa_right_opened_on: "2024-01-02" })).statusCode).toBe(200);
    expect((await pro.get("/api/v1/people")).statusCode).toBe(200);
  });

  it("refuses contract dates beyond 2100", async () => {
    const res = await pro.post(`/api/v1/people/${personId}/contracts`, { starts_on: "2024-01-01", ends_on: "9999-12-31" });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContain("ends_on");
  });
});

describe("malformed ids in paths", () => {
  it.each(["pas-un-identifiant", "1", "%00", "%ED%A0%80", "x".repeat(300)])("answer 404 problem+json for %s", async (bad) => {
    const res = await pro.get(`/api/v1/people/${bad}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "not_found", title: "Ressource introuvable" });
  });

  it("answer 404 for a malformed second id too", async () => {
    const res = await admin.request({ method: "DELETE", url: `/api/v1/structures/${structureId}/members/pas-un-identifiant` });
    expect(res.statusCode).toBe(404);
  });
});

describe("links", () => {
  it.each(["javascript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://exemple.fr"])("refuses %s as a structure's website or a service's link", async (link) => {
    const structure = await admin.patch(`/api/v1/structures/${structureId}`, { website: link });
    expect(structure.statusCode).toBe(400);
    expect(fields(structure)).toEqual(["website"]);
    const service = await admin.post(`/api/v1/structures/${structureId}/services`, { nom: "Service fictif", description: "Un service fictif.", lien_mobilisation: link });
    expect(service.statusCode).toBe(400);
    expect(fields(service)).toEqual(["lien_mobilisation"]);
  });

  it("accepts an https link", async () => {
    expect((await admin.patch(`/api/v1/structures/${structureId}`, { website: "https://exemple.fr/fictif" })).statusCode).toBe(200);
  });
});
