import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import { DEMO_PASSWORD } from "./demo-data.ts";
import { seedDemo } from "./seed.ts";

let t: TestApp;
let camille: Client;

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
  camille = await loginAs(t.app, "camille.demo@demo.spie.example.org", DEMO_PASSWORD);
});

afterAll(async () => {
  await t?.close();
});

describe("the demo pathways", () => {
  it("give Karim a diagnostic, an orientation, a signed contract and a plan; Thierry two versions and an overdue orientation", async () => {
    const list = (await camille.get("/api/v1/people?page_size=100")).json();
    const id = (last: string, first: string) => list.items.find((p: { last_name: string; first_names: string }) => p.last_name === last && p.first_names === first).id as string;
    const karim = id("EXEMPLE", "Karim");
    const pathway = (await camille.get(`/api/v1/people/${karim}/pathway`)).json();
    expect(pathway).toMatchObject({ diagnostic_version: 1, current_orientation: { referent: { name: "Camille Démo" } }, current_contract: { status: "signed", period: "current" }, deadlines: { orientation: { status: "done" }, contract: { status: "done" } } });
    expect((await camille.get(`/api/v1/people/${karim}/actions`)).json().items).toHaveLength(2);
    const thierry = id("MODÈLE", "Thierry Jean");
    const diff = (await camille.get(`/api/v1/people/${thierry}/diagnostic/diff?from=1&to=2`)).json();
    expect(diff.changes.map((c: { section_label: string; field: string }) => `${c.section_label}/${c.field}`)).toContain("Santé/weight");
    const overdue = (await camille.get("/api/v1/people?overdue=true&page_size=100")).json();
    expect(overdue.items.map((p: { id: string }) => p.id)).toContain(thierry);
    expect(overdue.items.map((p: { id: string }) => p.id)).not.toContain(karim);
  });
});
