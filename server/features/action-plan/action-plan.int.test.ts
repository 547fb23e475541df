import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "../../../common/domain/dates.ts";
import { testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { actions, objectives } from "./action-plan.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let id: string;
let other: string;
let serviceId: string;
let draftServiceId: string;
const today = todayIso();

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  id = await w.person();
  await w.addBruno(id);
  other = await w.person();
  serviceId = (await f.service(t.database.db, w.ml.id, { nom: "Atelier code de la route", thematiques: ["mobilite"] })).id;
  draftServiceId = (await f.service(t.database.db, w.ml.id, { nom: "Brouillon", status: "draft" })).id;
});

afterAll(async () => {
  await t?.close();
});

describe("the action plan", () => {
  let objectiveId: string;

  it("rejects an objective with an unknown thematic, and writes nothing", async () => {
    const before = await w.rows(objectives);
    const res = await w.alice.post(`/api/v1/people/${id}/objectives`, { thematic: "jardinage", title: "Cultiver" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "thematic" });
    expect((await w.alice.post(`/api/v1/people/${id}/objectives`, { thematic: "mobilite" })).statusCode).toBe(400);
    expect(await w.rows(objectives)).toBe(before);
  });

  it("adds objectives and actions, one pointing to a service of the directory", async () => {
    const objective = await w.alice.post(`/api/v1/people/${id}/objectives`, { thematic: "mobilite", title: "Obtenir le permis B" });
    expect(objective.statusCode, objective.body).toBe(201);
    objectiveId = objective.json().id;
    const action = await w.alice.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "S'inscrire à l'atelier code", service_id: serviceId, service_label: "nom approximatif", due_on: "2026-12-31" });
    expect(action.statusCode, action.body).toBe(201);
    expect(action.json()).toMatchObject({ status: "planned", thematic: "mobilite", objective_title: "Obtenir le permis B", service: { id: serviceId, label: "Atelier code de la route", in_directory: true } });
    const free = await w.bruno.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "Chercher une auto-école sociale", service_label: "Auto-école associative de Laon", status: "in_progress" });
    expect(free.json()).toMatchObject({ status: "in_progress", started_on: today, service: { id: null, label: "Auto-école associative de Laon", in_directory: false } });
    const housing = (await w.alice.post(`/api/v1/people/${id}/objectives`, { thematic: "logement", title: "Trouver un logement autonome" })).json();
    await w.alice.post(`/api/v1/objectives/${housing.id}/actions`, { title: "Demande de logement social" });
    const plan = (await w.bruno.get(`/api/v1/people/${id}/objectives`)).json();
    expect(plan.items.map((o: { title: string; actions: unknown[] }) => [o.title, o.actions.length])).toEqual([
      ["Obtenir le permis B", 2],
      ["Trouver un logement autonome", 1],
    ]);
  });

  it("refuses an unknown or unpublished service", async () => {
    const before = await w.rows(actions);
    const unknown = await w.alice.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "X", service_id: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "service_id", code: "unknown_service" });
    const draft = await w.alice.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "X", service_id: draftServiceId });
    expect(draft.json().errors[0]).toMatchObject({ field: "service_id", code: "service_unavailable" });
    expect(await w.rows(actions)).toBe(before);
  });

  it("never touches someone else's objective: 404 outside the file, 400 when moving an action there; nothing written", async () => {
    const foreign = (await w.alice.post(`/api/v1/people/${other}/objectives`, { thematic: "sante", title: "Bilan de santé" })).json();
    const before = await w.rows(actions);
    expect((await w.bruno.post(`/api/v1/objectives/${foreign.id}/actions`, { title: "Intrusion" })).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "Intrusion" })).statusCode).toBe(404);
    expect((await w.outsider.patch(`/api/v1/objectives/${objectiveId}`, { title: "Intrusion" })).statusCode).toBe(404);
    expect((await w.coord.post(`/api/v1/objectives/${objectiveId}/actions`, { title: "Coordination" })).statusCode).toBe(403);
    const [mine] = (await w.alice.get(`/api/v1/people/${id}/actions`)).json().items;
    const moved = await w.alice.patch(`/api/v1/actions/${mine.id}`, { objective_id: foreign.id });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0]).toMatchObject({ field: "objective_id", code: "other_person" });
    expect((await w.outsider.patch(`/api/v1/actions/${mine.id}`, { status: "done" })).statusCode).toBe(404);
    expect(await w.rows(actions)).toBe(before);
    expect((await w.alice.get(`/api/v1/people/${id}/actions`)).json().items.find((a: { id: string }) => a.id === mine.id).objective_id).toBe(mine.objective_id);
  });

  it("changes statuses with their dates, and lists everything flat with filters", async () => {
    const items = (await w.alice.get(`/api/v1/people/${id}/actions`)).json().items as { id: string; title: string }[];
    const code = items.find((a) => a.title === "S'inscrire à l'atelier code")!;
    const done = await w.bruno.patch(`/api/v1/actions/${code.id}`, { status: "done" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "done", started_on: today, ended_on: today });
    const cancelled = await w.alice.patch(`/api/v1/actions/${items.find((a) => a.title === "Demande de logement social")!.id}`, { status: "cancelled" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", started_on: null, ended_on: today });
    expect((await w.alice.patch(`/api/v1/actions/${code.id}`, { status: "finished" })).statusCode).toBe(400);
    expect((await w.alice.patch(`/api/v1/actions/${code.id}`, { started_on: today, ended_on: "2020-01-01" })).statusCode).toBe(400);

    const mobility = (await w.alice.get(`/api/v1/people/${id}/actions?thematic=mobilite`)).json();
    expect(mobility.items).toHaveLength(2);
    const doneOnly = (await w.alice.get(`/api/v1/people/${id}/actions?status=done`)).json();
    expect(doneOnly.items.map((a: { title: string }) => a.title)).toEqual(["S'inscrire à l'atelier code"]);
    expect((await w.alice.get(`/api/v1/people/${id}/actions?thematic=logement&status=done`)).json().items).toEqual([]);
    expect((await w.alice.get(`/api/v1/people/${id}/actions?thematic=jardinage`)).statusCode).toBe(400);
    expect((await w.outsider.get(`/api/v1/people/${id}/actions`)).statusCode).toBe(404);

    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { summary: string }) => e.summary)).toContain("Action « S'inscrire à l'atelier code » : prévue → réalisée");
    expect(timeline.items.map((e: { summary: string }) => e.summary)).toContain("Action ajoutée (Mobilité) : S'inscrire à l'atelier code — service : Atelier code de la route");
  });
});
