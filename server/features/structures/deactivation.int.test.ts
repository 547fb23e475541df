import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";

let t: TestApp;
let w: PathwayWorld;

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});
afterAll(async () => t?.close());

describe("deactivating a structure", () => {
  it("takes their access away from its members, keeps the history, and gives it back on reactivation", async () => {
    const person = await w.person();
    expect((await w.alice.get(`/api/v1/people/${person}`)).statusCode).toBe(200);

    // Alice's own professional refuses; the coordinator of the territory deactivates.
    expect((await w.alice.post(`/api/v1/structures/${w.cd.id}/deactivate`)).statusCode).toBe(403);
    expect((await w.coordElsewhere.post(`/api/v1/structures/${w.cd.id}/deactivate`)).statusCode).toBe(403);
    const done = await w.coord.post(`/api/v1/structures/${w.ml.id}/deactivate`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().deactivated_at).not.toBeNull();
    expect(done.json().permissions.deactivate).toBe(true);

    // Bruno (Mission locale) loses his membership; his session sees it at once.
    expect((await w.bruno.get("/api/v1/me")).json().memberships).toEqual([]);
    expect((await w.bruno.post("/api/v1/people", { first_names: "Non", last_name: "Permis", birth_date: "1990-01-01" })).statusCode).toBe(403);

    // A deactivated structure is no organisme référent any more.
    const options = await w.coord.get(`/api/v1/people/${person}/orientation/options`);
    expect(options.statusCode).toBe(200);
    const names = options.json().structures.map((x: { id: string }) => x.id);
    expect(names).toContain(w.cd.id);
    expect(names).not.toContain(w.ml.id);

    // A member in a file's team loses the file while the structure is deactivated.
    const cd = await w.coord.post(`/api/v1/structures/${w.cd.id}/deactivate`);
    expect(cd.statusCode).toBe(200);
    expect((await w.alice.get(`/api/v1/people/${person}`)).statusCode).toBe(404);
    // The coordinator's own membership is in the CD too: the coordinator lost the territory as well.
    expect((await w.coord.get(`/api/v1/people/${person}`)).statusCode).toBe(404);

    // A platform admin reactivates; the team seat and its history are back.
    const admin = await loginAs(t.app, (await f.user(t.database.db, [], { is_admin: true })).email);
    const back = await admin.post(`/api/v1/structures/${w.cd.id}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().deactivated_at).toBeNull();
    expect((await w.alice.get(`/api/v1/people/${person}`)).statusCode).toBe(200);
    const timeline = await w.alice.get(`/api/v1/people/${person}/timeline`);
    expect(timeline.statusCode).toBe(200);
  });

  it("lists only the platform's own structures on request", async () => {
    const res = await w.coord.get("/api/v1/structures?origin=platform");
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((s: { source: string }) => s.source === "spie")).toBe(true);
  });
});
