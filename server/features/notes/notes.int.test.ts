import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIso } from "../../../common/domain/dates.ts";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";
import { notes } from "./notes.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let id: string;
const today = todayIso();

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  id = await w.person();
  await w.addBruno(id);
});

afterAll(async () => {
  await t?.close();
});

describe("notes", () => {
  it("are written by the team and the coordinator, not by people outside; bad input writes nothing", async () => {
    const before = await w.rows(notes);
    expect((await w.outsider.post(`/api/v1/people/${id}/notes`, { body: "Intrusion" })).statusCode).toBe(404);
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "" })).statusCode).toBe(400);
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "x", visibility: "public" })).statusCode).toBe(400);
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "x", occurred_on: addDays(today, 2) })).statusCode).toBe(400);
    expect(await w.rows(notes)).toBe(before);
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Entretien : la personne a trouvé un stage", contact_kind: "entretien" })).statusCode).toBe(201);
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Mon aide-mémoire personnel", visibility: "author" })).statusCode).toBe(201);
    expect((await w.bruno.post(`/api/v1/people/${id}/notes`, { body: "Rendez-vous fixé au 12, à dire à la personne", visibility: "person" })).statusCode).toBe(201);
    const coordNote = await w.coord.post(`/api/v1/people/${id}/notes`, { body: "Situation vue en comité", visibility: "team" });
    expect(coordNote.statusCode).toBe(201);
    expect(coordNote.json()).toMatchObject({ visibility: "team", author: { name: "Claude Coordination" } });
  });

  it("are read according to their visibility, in the list and in the timeline", async () => {
    const bodies = async (client: typeof w.alice) => ((await client.get(`/api/v1/people/${id}/notes`)).json().items as { body: string }[]).map((n) => n.body).sort();
    expect(await bodies(w.alice)).toEqual(["Entretien : la personne a trouvé un stage", "Mon aide-mémoire personnel", "Rendez-vous fixé au 12, à dire à la personne", "Situation vue en comité"]);
    expect(await bodies(w.bruno)).toEqual(["Entretien : la personne a trouvé un stage", "Rendez-vous fixé au 12, à dire à la personne", "Situation vue en comité"]);
    expect(await bodies(w.coord)).toEqual(["Rendez-vous fixé au 12, à dire à la personne", "Situation vue en comité"]);
    expect((await w.outsider.get(`/api/v1/people/${id}/notes`)).statusCode).toBe(404);

    const summaries = async (client: typeof w.alice) => ((await client.get(`/api/v1/people/${id}/timeline`)).json().items as { type: string; summary: string }[]).filter((e) => e.type === "note_added").map((e) => e.summary);
    const brunoSees = await summaries(w.bruno);
    expect(brunoSees).toHaveLength(3);
    expect(brunoSees.join(" ")).not.toContain("aide-mémoire");
    expect(brunoSees).toContain("Note — entretien en présence (visible par : l'équipe d'accompagnement) : « Entretien : la personne a trouvé un stage »");
    expect(await summaries(w.alice)).toHaveLength(4);
    expect((await summaries(w.coord)).join(" ")).not.toContain("stage");
  });
});

describe("the pathway's deadlines in my people", () => {
  it("filters by overdue orientation, by no référent and by no contact for 3 months, and shows the deadlines", async () => {
    const late = await w.person({ last_name: "Filtre-Retard", rsa_right_opened_on: addDays(today, -60), rsa_status: "droit_ouvert_versable" });
    await w.person({ last_name: "Filtre-Recent", rsa_right_opened_on: addDays(today, -3), rsa_status: "droit_ouvert_versable" });
    const alone = await w.person({ last_name: "Filtre-Seul" });
    const { sql } = await import("drizzle-orm");
    await t.database.db.execute(sql`update team_members set is_referent = false where person_id = ${alone}`);
    await t.database.db.execute(sql`update people set created_at = now() - interval '4 months' where id in (${late}, ${alone})`);
    // Backdating by SQL is no change the app sees: recompute the stored due dates as the backfill job would.
    await refreshDeadlines(t.database.db, [late, alone]);

    const list = (await w.alice.get("/api/v1/people?q=filtre&page_size=100")).json();
    const byName = Object.fromEntries(list.items.map((p: { last_name: string; deadlines: unknown }) => [p.last_name, p.deadlines]));
    expect(byName["Filtre-Retard"]).toMatchObject({ overdue: true, orientation: { status: "overdue", days_left: -18 }, contract: null, no_recent_contact: true });
    expect(byName["Filtre-Recent"]).toMatchObject({ overdue: false, orientation: { status: "ok", days_left: 39 }, no_recent_contact: false });
    expect(byName["Filtre-Seul"]).toMatchObject({ orientation: null, overdue: false });

    const names = async (query: string) => ((await w.alice.get(`/api/v1/people?q=filtre&${query}`)).json().items as { last_name: string }[]).map((p) => p.last_name).sort();
    expect(await names("overdue=true")).toEqual(["Filtre-Retard"]);
    expect(await names("no_referent=true")).toEqual(["Filtre-Seul"]);
    expect(await names("no_contact_3_months=true")).toEqual(["Filtre-Retard", "Filtre-Seul"]);
    expect(await names("no_contact_3_months=1&no_referent=1")).toEqual(["Filtre-Seul"]);
    expect(await names("overdue=false")).toEqual(["Filtre-Recent", "Filtre-Retard", "Filtre-Seul"]);
    expect((await w.alice.get("/api/v1/people?overdue=peut-etre")).statusCode).toBe(400);
    const paged = (await w.alice.get("/api/v1/people?q=filtre&no_contact_3_months=true&page_size=1&page=2")).json();
    expect(paged.total).toBe(2);
    expect(paged.items).toHaveLength(1);

    expect((await w.alice.post(`/api/v1/people/${late}/notes`, { body: "Appel : point sur la situation", contact_kind: "telephone" })).statusCode).toBe(201);
    expect(await names("no_contact_3_months=true")).toEqual(["Filtre-Seul"]);
    const pathway = (await w.alice.get(`/api/v1/people/${late}/pathway`)).json();
    expect(pathway).toMatchObject({ last_contact_on: today, deadlines: { contact: { status: "ok", started_on: today } } });
  });
});
