// Notes are corrected or deleted by their author within 24 hours; the previous states are kept and
// the timeline tells it without showing more than the note's visibility allows.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { note_versions, notes } from "./notes.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let id: string;

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  id = await w.person();
  await w.addBruno(id);
});

afterAll(async () => {
  await t?.close();
});

async function write(client: typeof w.alice, body: string, visibility = "team") {
  const res = await client.post(`/api/v1/people/${id}/notes`, { body, visibility });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; permissions: { edit: boolean; delete: boolean } };
}

const timeline = async (client: typeof w.alice) => (await client.get(`/api/v1/people/${id}/timeline`)).json().items as { type: string; summary: string; data: Record<string, unknown> }[];
const versionsOf = async (noteId: string) => t.database.db.select().from(note_versions).where(eq(note_versions.note_id, noteId)).orderBy(note_versions.version);

describe("note corrections", () => {
  it("the author corrects their note within 24 hours; the previous body is kept, the timeline shows the correction", async () => {
    const n = await write(w.alice, "Entretien avec la personne, elle cherche un stage en boulangerie");
    expect(n.permissions).toEqual({ edit: true, delete: true });
    const seenByBruno = ((await w.bruno.get(`/api/v1/people/${id}/notes`)).json().items as { id: string; permissions: unknown }[]).find((x) => x.id === n.id);
    expect(seenByBruno?.permissions).toEqual({ edit: false, delete: false });
    const res = await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "Entretien avec la personne, elle cherche un stage en pâtisserie" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ body: "Entretien avec la personne, elle cherche un stage en pâtisserie", version: 2, visibility: "team", corrected_at: expect.any(String) });
    expect((await versionsOf(n.id)).map((v) => [v.version, v.body, v.replaced_by])).toEqual([[1, "Entretien avec la personne, elle cherche un stage en boulangerie", "corrected"]]);
    const events = await timeline(w.bruno);
    expect(events.find((e) => e.type === "note_corrected" && e.data.note_id === n.id)?.summary).toMatch(/^Note corrigée par son auteur·rice/);
    expect(events.find((e) => e.type === "note_added" && e.data.note_id === n.id)?.summary).toMatch(/pâtisserie/);
    expect(JSON.stringify(events)).not.toMatch(/boulangerie/);
  });

  it("refuses the others: a team member 403, an outsider 404, the coordinator who cannot read it 404, bad input 400", async () => {
    const n = await write(w.alice, "Note de l'équipe à ne pas toucher");
    const bruno = await w.bruno.patch(`/api/v1/notes/${n.id}`, { body: "Réécrite par un autre" });
    expect(bruno.statusCode).toBe(403);
    expect(bruno.json().detail).toMatch(/auteur/);
    expect((await w.bruno.delete(`/api/v1/notes/${n.id}`)).statusCode).toBe(403);
    expect((await w.outsider.patch(`/api/v1/notes/${n.id}`, { body: "x" })).statusCode).toBe(404);
    expect((await w.coord.delete(`/api/v1/notes/${n.id}`)).statusCode).toBe(404);
    expect((await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "" })).statusCode).toBe(400);
    expect((await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "x", contact_kind: "visio" })).statusCode).toBe(400);
    const mine = await write(w.alice, "Mon aide-mémoire", "author");
    expect((await w.bruno.patch(`/api/v1/notes/${mine.id}`, { body: "x" })).statusCode).toBe(404);
    expect(await versionsOf(n.id)).toEqual([]);
  });

  it("narrowing the visibility hides the note and its events from the team", async () => {
    const n = await write(w.alice, "Rendez-vous de santé à rappeler");
    const res = await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "Rendez-vous de santé à rappeler (pour moi)", visibility: "author" });
    expect(res.statusCode, res.body).toBe(200);
    expect(((await w.bruno.get(`/api/v1/people/${id}/notes`)).json().items as { id: string }[]).some((x) => x.id === n.id)).toBe(false);
    expect((await timeline(w.bruno)).some((e) => e.data.note_id === n.id)).toBe(false);
    expect((await timeline(w.alice)).filter((e) => e.data.note_id === n.id).map((e) => e.type).sort()).toEqual(["note_added", "note_corrected"]);
  });

  it("the author deletes their note: gone from the list and from the timeline's text, kept in the history", async () => {
    const n = await write(w.alice, "Note écrite par erreur dans le mauvais dossier");
    const res = await w.alice.delete(`/api/v1/notes/${n.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(((await w.alice.get(`/api/v1/people/${id}/notes`)).json().items as { id: string }[]).some((x) => x.id === n.id)).toBe(false);
    const events = await timeline(w.bruno);
    expect(events.find((e) => e.type === "note_deleted" && e.data.note_id === n.id)?.summary).toBe("Note supprimée par son auteur·rice");
    expect(JSON.stringify(events)).not.toMatch(/mauvais dossier/);
    expect((await versionsOf(n.id)).map((v) => [v.body, v.replaced_by])).toEqual([["Note écrite par erreur dans le mauvais dossier", "deleted"]]);
    expect((await w.alice.delete(`/api/v1/notes/${n.id}`)).statusCode).toBe(404);
    expect((await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "Retour" })).statusCode).toBe(404);
  });

  it("after 24 hours the note can no longer be corrected nor deleted (409)", async () => {
    const n = await write(w.alice, "Note d'avant-hier");
    await t.database.db.update(notes).set({ created_at: sql`now() - interval '25 hours'` }).where(eq(notes.id, n.id));
    const listed = ((await w.alice.get(`/api/v1/people/${id}/notes`)).json().items as { id: string; permissions: unknown; editable_until: unknown }[]).find((x) => x.id === n.id);
    expect(listed).toMatchObject({ permissions: { edit: false, delete: false }, editable_until: null });
    const patch = await w.alice.patch(`/api/v1/notes/${n.id}`, { body: "Trop tard" });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().detail).toMatch(/24 heures/);
    expect((await w.alice.delete(`/api/v1/notes/${n.id}`)).statusCode).toBe(409);
    const [row] = await t.database.db.select().from(notes).where(eq(notes.id, n.id));
    expect(row).toMatchObject({ body: "Note d'avant-hier", version: 1, deleted_at: null });
  });

  it("a deleted contact note is no longer the last contact with the person", async () => {
    const other = await w.person();
    const res = await w.alice.post(`/api/v1/people/${other}/notes`, { body: "Appel de la personne", contact_kind: "telephone" });
    expect(res.statusCode).toBe(201);
    expect((await w.alice.get(`/api/v1/people/${other}/pathway`)).json().last_contact_on).not.toBeNull();
    expect((await w.alice.delete(`/api/v1/notes/${res.json().id}`)).statusCode).toBe(204);
    expect((await w.alice.get(`/api/v1/people/${other}/pathway`)).json().last_contact_on).toBeNull();
  });
});
