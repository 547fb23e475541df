import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import { loginAs, anonymous, tokenClient, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { insertPerson, isIdentifierConflict } from "./people.repository.ts";
import { people } from "./people.tables.ts";

let t: TestApp;
let aisne: { id: string };
let other: { id: string };
let alice: Client; // professional, CD de l'Aisne (fictional)
let bruno: Client; // professional, Mission locale fictive (same territory)
let coord: Client; // coordinator of Aisne
let coordElsewhere: Client;
let admin: Client; // structure admin of the Mission locale
let steering: Client;
let brunoUser: { id: string; email: string };

const base = { first_names: "Camille", last_name: "Exemple-Fictif", birth_date: "1990-04-12" };

async function peopleCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(people);
  return row!.n;
}

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  aisne = await f.territory(db, "Aisne (test)", [{ kind: "departement", code: "02" }]);
  other = await f.territory(db, "Mayotte (test)", [{ kind: "departement", code: "976" }]);
  const cd = await f.structure(db, { name: "Conseil départemental fictif", territory_id: aisne.id });
  const ml = await f.structure(db, { name: "Mission locale fictive", territory_id: aisne.id });
  const far = await f.structure(db, { name: "Structure lointaine", territory_id: other.id });
  const a = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
  const b = await f.user(db, [{ structure_id: ml.id, role: "professional" }]);
  const c = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }]);
  const c2 = await f.user(db, [{ structure_id: far.id, role: "coordinator" }]);
  const sa = await f.user(db, [{ structure_id: ml.id, role: "structure_admin" }]);
  const st = await f.user(db, [{ structure_id: cd.id, role: "steering" }]);
  brunoUser = b;
  const clients = await Promise.all([a, b, c, c2, sa, st].map((u) => loginAs(t.app, u.email)));
  [alice, bruno, coord, coordElsewhere, admin, steering] = clients as [Client, Client, Client, Client, Client, Client];
});

afterAll(async () => {
  await t?.close();
});

describe("creating a person", () => {
  it("creates the file, puts the creator in the team as référent and logs the creation", async () => {
    const res = await alice.post("/api/v1/people", { ...base, address: { commune_code: "02408", postal_code: "02000" }, caf_number: "demo1234" });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const person = (await alice.get(`/api/v1/people/${id}`)).json();
    expect(person).toMatchObject({ first_names: "Camille", last_name: "Exemple-Fictif", caf_number: "DEMO1234", territory: { id: aisne.id } });
    expect(person.address.commune_name).toBe("Laon");
    expect(person.permissions).toEqual({ read: true, update: true, manage_team: true, read_access_log: true, change_territory: false, merge: false });
    const team = (await alice.get(`/api/v1/people/${id}/team`)).json();
    expect(team.members).toHaveLength(1);
    expect(team.members[0].is_referent).toBe(true);
    const log = (await alice.get(`/api/v1/people/${id}/access-log`)).json();
    expect(log.items.map((i: { action: string; resource: string }) => `${i.action}:${i.resource}`)).toEqual(expect.arrayContaining(["create:person", "read:person", "read:team"]));
  });

  it("answers 409 with the candidates when the same person exists (accents and case ignored)", async () => {
    const before = await peopleCount();
    const res = await bruno.post("/api/v1/people", { first_names: "CAMILLE", last_name: "exemple fictif", birth_date: "1990-04-12" });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const body = res.json();
    expect(body.code).toBe("duplicate_person");
    expect(body.can_confirm).toBe(true);
    expect(body.candidates).toHaveLength(1);
    expect(body.candidates[0]).toMatchObject({ match: "similar", score: 1, followed_by: ["Conseil départemental fictif"], already_in_team: false });
    expect(body.candidates[0].reasons).toEqual(["Mêmes nom et prénom", "Écriture différente (accents, majuscules, traits d'union ou espaces)", "Même date de naissance"]);
    expect(Object.keys(body.candidates[0]).sort()).toEqual(["already_in_team", "followed_by", "join_request_pending", "match", "person_id", "reasons", "score"]);
    expect(await peopleCount()).toBe(before);
  });

  it("refuses the household's CAF number with the same names and birth date even when the caller says it is someone else", async () => {
    const before = await peopleCount();
    const res = await bruno.post("/api/v1/people", { ...base, first_names: "Camile", caf_number: "DEMO1234", confirm_not_duplicate: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "duplicate_person", can_confirm: false });
    expect(res.json().candidates[0]).toMatchObject({ match: "identifier", score: 1 });
    expect(res.json().candidates[0].reasons[0]).toBe("Même numéro allocataire CAF ou MSA");
    expect(await peopleCount()).toBe(before);
  });

  it("lets the spouse, who shares the household's CAF number, be created once the caller confirms it is another person", async () => {
    const spouse = { first_names: "Dominique", last_name: "Autre", birth_date: "1985-01-01", caf_number: "demo1234" };
    const asked = await bruno.post("/api/v1/people", spouse);
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ code: "duplicate_person", can_confirm: true });
    expect(asked.json().candidates).toEqual([expect.objectContaining({ match: "similar", score: 0.5, reasons: ["Même numéro allocataire CAF ou MSA : même foyer (conjoint·e, partenaire ?)"] })]);
    const created = await bruno.post("/api/v1/people", { ...spouse, confirm_not_duplicate: true });
    expect(created.statusCode).toBe(201);
    expect((await bruno.get(`/api/v1/people/${created.json().id}`)).json().caf_number).toBe("DEMO1234");
    const [row] = await t.database.db.select({ n: count() }).from(people).where(eq(people.caf_number, "DEMO1234"));
    expect(row!.n).toBe(2);
    // A professional adds the number to an existing file of the household: not a duplicate either.
    const other = (await bruno.post("/api/v1/people", { first_names: "Sacha", last_name: "Autre", birth_date: "2004-06-07" })).json().id;
    expect((await bruno.patch(`/api/v1/people/${other}`, { caf_number: "DEMO1234" })).statusCode).toBe(200);
  });

  it("lets a homonym be created once the caller confirms it is another person", async () => {
    const res = await bruno.post("/api/v1/people", { ...base, confirm_not_duplicate: true });
    expect(res.statusCode).toBe(201);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const before = await peopleCount();
    const cases: [unknown, string][] = [
      [{ ...base, birth_date: "2999-01-01" }, "birth_date"],
      [{ ...base, birth_date: "12/04/1990" }, "birth_date"],
      [{ ...base, first_names: 42 }, "first_names"],
      [{ ...base, last_name: "x".repeat(201) }, "last_name"],
      [{ ...base, nickname: "Cam" }, "nickname"],
      [{ ...base, address: { commune_code: "99999" } }, "address.commune_code"],
      [{ ...base, address: { commune_code: "ABCDE" } }, "address.commune_code"],
      [{ ...base, nir: "1234567890123" }, "nir"],
      [{ ...base, email: "pas-une-adresse" }, "email"],
      [{ last_name: "Seul" }, "first_names"],
    ];
    for (const [payload, field] of cases) {
      const res = await alice.post("/api/v1/people", payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const invalidJson = await alice.request({ method: "POST", url: "/api/v1/people", payload: "{not json", headers: { "content-type": "application/json" } });
    expect(invalidJson.statusCode).toBe(400);
    expect(invalidJson.json().code).toBe("invalid_json");
    expect(await peopleCount()).toBe(before);
  });

  it("stores the NIR encrypted and only shows it masked", async () => {
    const res = await alice.post("/api/v1/people", { first_names: "Sacha", last_name: "Nirfictif", birth_date: "1985-07-01", nir: "1 85 07 02 408 123 67" });
    expect(res.statusCode, res.body).toBe(201);
    const person = (await alice.get(`/api/v1/people/${res.json().id}`)).json();
    expect(person.nir_masked).toBe("1 •• •• •• ••• ••• 67");
    expect(JSON.stringify(person)).not.toContain("0702408123");
    const dup = await bruno.post("/api/v1/people", { first_names: "Autre", last_name: "Personne", birth_date: "1970-01-01", nir: "185070240812367" });
    expect(dup.statusCode).toBe(409);
  });

  it("refuses people creation to roles that do not accompany people", async () => {
    expect((await admin.post("/api/v1/people", { ...base, last_name: "Admin" })).statusCode).toBe(403);
    expect((await steering.post("/api/v1/people", { ...base, last_name: "Pilotage" })).statusCode).toBe(403);
  });
});

describe("who may read a file", () => {
  let id: string;
  beforeAll(async () => {
    id = (await alice.post("/api/v1/people", { first_names: "Noa", last_name: "Confidentiel", birth_date: "1995-02-03", address: { commune_code: "02408" } })).json().id;
  });

  it("hides the file from a professional of another structure (404, not 403)", async () => {
    for (const url of [`/api/v1/people/${id}`, `/api/v1/people/${id}/team`, `/api/v1/people/${id}/timeline`, `/api/v1/people/${id}/access-log`]) {
      const res = await bruno.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe("not_found");
    }
    expect((await bruno.patch(`/api/v1/people/${id}`, { first_names: "Pirate" })).statusCode).toBe(404);
    const unknown = await bruno.get("/api/v1/people/00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe((await bruno.get(`/api/v1/people/${id}`)).json().detail);
  });

  it("hides it from structure admins, steering and coordinators of other territories", async () => {
    for (const client of [admin, steering, coordElsewhere]) expect((await client.get(`/api/v1/people/${id}`)).statusCode).toBe(404);
  });

  it("lets the territory's coordinator read but not edit", async () => {
    const res = await coord.get(`/api/v1/people/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toMatchObject({ read: true, update: false, manage_team: true });
    expect((await coord.patch(`/api/v1/people/${id}`, { first_names: "Autre" })).statusCode).toBe(403);
  });

  it("records every read in the access log, with the membership and the reason", async () => {
    await coord.get(`/api/v1/people/${id}`);
    await alice.get(`/api/v1/people/${id}`);
    const log = (await alice.get(`/api/v1/people/${id}/access-log?page_size=100`)).json();
    const reads = log.items.filter((i: { action: string; resource: string }) => i.action === "read" && i.resource === "person");
    expect(reads.some((r: { reason: string; structure_name: string }) => r.reason === "coordinator" && r.structure_name === "Conseil départemental fictif")).toBe(true);
    expect(reads.some((r: { reason: string }) => r.reason === "team")).toBe(true);
    expect(log.items.every((i: { route: string }) => i.route.startsWith("GET /api/v1/people/:id") || i.route.startsWith("POST /api/v1/people"))).toBe(true);
    const [{ n }] = (await t.database.db.select({ n: count() }).from(access_log)) as [{ n: number }];
    expect(n).toBeGreaterThan(log.total - 1);
  });

  it("refuses anonymous callers and cookie writes without the CSRF token", async () => {
    expect((await anonymous(t.app).get(`/api/v1/people/${id}`)).statusCode).toBe(401);
    const noCsrf = await alice.request({ method: "PATCH", url: `/api/v1/people/${id}`, payload: { first_names: "X" }, headers: { "x-csrf-token": "" } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe("csrf_failed");
  });

  it("accepts a bearer token acting with the user's rights", async () => {
    const partner = await tokenClient(t.app, t.database, brunoUser.email);
    expect((await partner.get(`/api/v1/people/${id}`)).statusCode).toBe(404);
    const aliceEmail = (await alice.get("/api/v1/me")).json().user.email;
    const aliceToken = await tokenClient(t.app, t.database, aliceEmail);
    const res = await aliceToken.patch(`/api/v1/people/${id}`, { phone: "01 23 45 67 89" });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe("01 23 45 67 89");
  });
});

describe("joining a team", () => {
  it("lets a professional ask to join and the référent approve", async () => {
    const id = (await alice.post("/api/v1/people", { first_names: "Lou", last_name: "Partage", birth_date: "1988-08-08" })).json().id;
    const dup = await bruno.post("/api/v1/people", { first_names: "Lou", last_name: "Partagé", birth_date: "1988-08-08" });
    expect(dup.json().candidates[0].person_id).toBe(id);
    const ask = await bruno.post(`/api/v1/people/${id}/join-requests`, { message: "Je l'accompagne sur la mobilité" });
    expect(ask.statusCode).toBe(201);
    expect((await bruno.post(`/api/v1/people/${id}/join-requests`, {})).statusCode).toBe(409);
    expect((await bruno.post(`/api/v1/join-requests/${ask.json().id}/decision`, { decision: "approve" })).statusCode).toBe(403);
    const pending = (await alice.get("/api/v1/join-requests?status=pending")).json();
    const mine = pending.items.find((r: { id: string }) => r.id === ask.json().id);
    expect(mine).toMatchObject({ can_decide: true, person_name: "Lou Partage" });
    const decided = await alice.post(`/api/v1/join-requests/${ask.json().id}/decision`, { decision: "approve" });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().status).toBe("approved");
    const read = await bruno.get(`/api/v1/people/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().permissions.manage_team).toBe(false);
    const timeline = (await bruno.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["person_created", "join_requested", "join_request_approved", "team_member_joined"]));
  });

  it("changes the référent, keeping exactly one", async () => {
    const id = (await alice.post("/api/v1/people", { first_names: "Eden", last_name: "Relais", birth_date: "1979-03-03" })).json().id;
    const ask = (await bruno.post(`/api/v1/people/${id}/join-requests`, {})).json();
    await coord.post(`/api/v1/join-requests/${ask.id}/decision`, { decision: "approve" });
    const team = (await alice.get(`/api/v1/people/${id}/team`)).json();
    const brunoSeat = team.members.find((m: { user: { id: string } }) => m.user.id === brunoUser.id);
    expect((await bruno.post(`/api/v1/people/${id}/team/referent`, { member_id: brunoSeat.id })).statusCode).toBe(403);
    const changed = await alice.post(`/api/v1/people/${id}/team/referent`, { member_id: brunoSeat.id });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().members.filter((m: { is_referent: boolean }) => m.is_referent).map((m: { id: string }) => m.id)).toEqual([brunoSeat.id]);
  });
});

describe("my people", () => {
  it("lists only the files where I am in the team, with search, paging and sorting", async () => {
    for (const [first, last] of [["Ana", "Zèbre-Test"], ["Bea", "Alpha-Test"], ["Cyd", "Milieu-Test"]]) {
      await alice.post("/api/v1/people", { first_names: first, last_name: last, birth_date: "2000-01-01" });
    }
    const all = (await alice.get("/api/v1/people?q=test&sort=name")).json();
    expect(all.items.map((p: { last_name: string }) => p.last_name)).toEqual(["Alpha-Test", "Milieu-Test", "Zèbre-Test"]);
    const page2 = (await alice.get("/api/v1/people?q=TEST&sort=-name&page=2&page_size=2")).json();
    expect(page2.total).toBe(3);
    expect(page2.items.map((p: { last_name: string }) => p.last_name)).toEqual(["Alpha-Test"]);
    const accents = (await alice.get("/api/v1/people?q=zebre")).json();
    expect(accents.items).toHaveLength(1);
    expect((await bruno.get("/api/v1/people?q=test")).json().total).toBe(0);
    expect((await alice.get("/api/v1/people?page_size=1000")).statusCode).toBe(400);
    expect((await alice.get("/api/v1/people?color=blue")).statusCode).toBe(400);
  });
});

describe("editing a file", () => {
  it("records in the timeline only the fields whose value changed", async () => {
    const id = (await alice.post("/api/v1/people", { first_names: "Rémi", last_name: "Modifié", birth_date: "1983-03-03", phone: "01 00 00 00 00" })).json().id;
    const same = await alice.patch(`/api/v1/people/${id}`, { first_names: "Rémi", phone: "01 00 00 00 00" });
    expect(same.statusCode).toBe(200);
    const changed = await alice.patch(`/api/v1/people/${id}`, { first_names: "Rémi", phone: "02 00 00 00 00", address: { commune_code: "02408" } });
    expect(changed.json()).toMatchObject({ phone: "02 00 00 00 00", address: { commune_name: "Laon" } });
    const updates = (await alice.get(`/api/v1/people/${id}/timeline`)).json().items.filter((e: { type: string }) => e.type === "person_updated");
    expect(updates).toHaveLength(1);
    expect(updates[0].data.fields).toEqual(["address", "phone"]);
  });
});

describe("duplicates under concurrency (unique NIR, one creation at a time per CAF number)", () => {
  /** A NIR of fictional digits with its right control key. */
  function fictionalNir(body13: string): string {
    return body13 + String(97 - Number(BigInt(body13) % 97n)).padStart(2, "0");
  }

  function tally(responses: { statusCode: number }[]): Record<number, number> {
    const out: Record<number, number> = {};
    for (const r of responses) out[r.statusCode] = (out[r.statusCode] ?? 0) + 1;
    return out;
  }

  async function rowsWith(column: "nir_hash" | "caf_number", value: string): Promise<number> {
    const [row] = await t.database.db.select({ n: count() }).from(people).where(eq(people[column], value));
    return row!.n;
  }

  it("makes one file of 50 simultaneous creations with the same NIR, and 49 answers 409 with it", async () => {
    const nir = fictionalNir("2920675123456");
    const before = await peopleCount();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? alice : bruno).post("/api/v1/people", { first_names: "Simultané", last_name: "Fictif", birth_date: "1992-06-30", nir })),
    );
    expect(tally(responses)).toEqual({ 201: 1, 409: 49 });
    const id = responses.find((r) => r.statusCode === 201)!.json().id;
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      const body = r.json();
      expect(body.code).toBe("duplicate_person");
      expect(body.can_confirm).toBe(false);
      expect(body.candidates).toEqual([expect.objectContaining({ person_id: id, match: "identifier" })]);
    }
    expect(await peopleCount()).toBe(before + 1);
    const [created] = await t.database.db.select({ nir_hash: people.nir_hash }).from(people).where(eq(people.id, id));
    expect(await rowsWith("nir_hash", created!.nir_hash!)).toBe(1);
  });

  it("makes one file of 50 simultaneous creations of one person with the household's CAF number, even confirmed as different people", async () => {
    const before = await peopleCount();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? bruno : alice).post("/api/v1/people", { first_names: i % 3 ? "Alix" : "ALIX", last_name: "Allocataire-Simultané", birth_date: "1980-02-02", caf_number: "fict0009", confirm_not_duplicate: true }),
      ),
    );
    expect(tally(responses)).toEqual({ 201: 1, 409: 49 });
    const id = responses.find((r) => r.statusCode === 201)!.json().id;
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.json().candidates).toContainEqual(expect.objectContaining({ person_id: id, match: "identifier" }));
    }
    expect(await peopleCount()).toBe(before + 1);
    expect(await rowsWith("caf_number", "FICT0009")).toBe(1);
  });

  it("lets the members of one household be created at once, each confirmed, and none twice", async () => {
    const before = await peopleCount();
    const members = ["Béryl", "Cyan", "Dune", "Élie", "Fanny"];
    // Each member sent four times at once: one file each.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? bruno : alice).post("/api/v1/people", { first_names: members[i % 5], last_name: `Foyer-${members[i % 5]}`, birth_date: `19${70 + (i % 5)}-03-0${1 + (i % 5)}`, caf_number: "fict0010", confirm_not_duplicate: true }),
      ),
    );
    expect(tally(responses)).toEqual({ 201: 5, 409: 15 });
    expect(await peopleCount()).toBe(before + 5);
    expect(await rowsWith("caf_number", "FICT0010")).toBe(5);
  });

  it("recognises the unique violation of an identifier from either engine's driver", async () => {
    const row = { first_names: "Direct", last_name: "Fictif", birth_date: "1999-09-09", last_name_key: "fictif", first_name_key: "direct", search_key: "fictif direct" };
    await insertPerson(t.database.db, { ...row, caf_number: "FICT0777", nir_hash: "empreinte-fictive" });
    const nir = await insertPerson(t.database.db, { ...row, nir_hash: "empreinte-fictive" }).catch((e: unknown) => e);
    expect(isIdentifierConflict(nir)).toBe(true);
    // The household's number is not unique: a second file may hold it.
    expect(await insertPerson(t.database.db, { ...row, caf_number: "FICT0777" })).toMatchObject({ caf_number: "FICT0777" });
    expect(isIdentifierConflict(new Error("autre"))).toBe(false);
  });

  it("lets only one of several files take the same NIR by simultaneous edits; the others get 409", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      // Near-duplicates of each other by name (one letter more each): created knowingly.
      const res = await alice.post("/api/v1/people", { first_names: "Édité", last_name: `Concurrent ${"y".repeat(i + 1)}`, birth_date: "1975-05-05", confirm_not_duplicate: true });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const nir = fictionalNir("1750502408123");
    const responses = await Promise.all(ids.map((id) => alice.patch(`/api/v1/people/${id}`, { nir })));
    expect(tally(responses)).toEqual({ 200: 1, 409: 7 });
    const winner = ids[responses.findIndex((r) => r.statusCode === 200)]!;
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: "duplicate_person", candidates: [expect.objectContaining({ person_id: winner, match: "identifier" })] });
    }
    const rows = await t.database.db.select({ id: people.id, nir_hash: people.nir_hash }).from(people).where(inArray(people.id, ids));
    expect(rows.filter((r) => r.nir_hash !== null).map((r) => r.id)).toEqual([winner]);
  });
});
