import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { person_events } from "../people/people.tables.ts";
import { diagnostic_versions } from "./diagnostic.tables.ts";

let t: TestApp;
let w: PathwayWorld;

const first = {
  base_version: 0,
  thematics: {
    logement: { weight: "fort", situation: "Hébergée chez sa sœur", needs: "Logement autonome" },
    mobilite: { weight: "moyen", situation: "Pas de permis", needs: null },
    "emploi-formation": { weight: "moyen", situation: "Cherche dans l'aide à la personne" },
  },
  professional: {
    work_situation: "en_recherche_emploi",
    last_job_end_date: "2025-09-30",
    qualification_level: "3",
    projects: [{ job: "Auxiliaire de vie", contract_kinds: ["cdi", "cdd"], working_time: "temps_partiel" }],
    skills: "Relation aux personnes âgées",
    availability: "immediate",
    wish: "emploi_rapide",
    mobility: { driving_licence: false, vehicle: false, radius_km: 15 },
  },
};

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});

afterAll(async () => {
  await t?.close();
});

describe("the diagnostic", () => {
  let id: string;
  beforeAll(async () => {
    id = await w.person();
    await w.addBruno(id);
  });

  it("starts empty at version 0, every thematic not discussed", async () => {
    const res = await w.alice.get(`/api/v1/people/${id}/diagnostic`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ person_id: id, version: 0, author: null, permissions: { update: true } });
    expect(Object.keys(d.thematics)).toHaveLength(10);
    expect(Object.values(d.thematics).every((a) => (a as { weight: string }).weight === "non-aborde")).toBe(true);
  });

  it("saves a first version with who assessed each thematic, and logs it", async () => {
    const res = await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: first });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.version).toBe(1);
    expect(d.author).toMatchObject({ name: "Alice Fictive", structure_name: w.cd.name });
    expect(d.thematics.logement).toMatchObject({ weight: "fort", situation: "Hébergée chez sa sœur", needs: "Logement autonome", assessed_by: { name: "Alice Fictive" } });
    expect(d.thematics.sante).toMatchObject({ weight: "non-aborde", assessed_by: null });
    expect(d.professional).toMatchObject({ qualification_level: "3", mobility: { driving_licence: false, radius_km: 15 } });
    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ type: "diagnostic_saved", summary: expect.stringContaining("Diagnostic enregistré (version 1") });
    const log = (await w.alice.get(`/api/v1/people/${id}/access-log?page_size=100`)).json();
    expect(log.items.some((i: { action: string; resource: string }) => i.action === "update" && i.resource === "diagnostic")).toBe(true);
  });

  it("lets a second professional of the team read it and save the next version; each thematic keeps its assessor", async () => {
    const read = (await w.bruno.get(`/api/v1/people/${id}/diagnostic`)).json();
    expect(read.version).toBe(1);
    const body = { ...first, base_version: 1, thematics: { ...first.thematics, mobilite: { weight: "fort", situation: "Pas de permis", needs: "Aide au permis" } } };
    const res = await w.bruno.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().thematics.mobilite.assessed_by.name).toBe("Bruno Fictif");
    expect(res.json().thematics.logement.assessed_by.name).toBe("Alice Fictive");
  });

  it("answers 409 with the latest version to a save from a stale version, and writes nothing", async () => {
    const before = await w.rows(diagnostic_versions);
    const events = await w.rows(person_events);
    const res = await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: { ...first, base_version: 1 } });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json();
    expect(problem).toMatchObject({ code: "conflict", current_version: 2, latest: { version: 2, author: { name: "Bruno Fictif" } } });
    expect(problem.detail).toContain("Bruno Fictif");
    expect(await w.rows(diagnostic_versions)).toBe(before);
    expect(await w.rows(person_events)).toBe(events);
  });

  it("does not create a version when nothing changed", async () => {
    const current = (await w.alice.get(`/api/v1/people/${id}/diagnostic`)).json();
    const body = { base_version: current.version, thematics: Object.fromEntries(Object.entries(current.thematics).map(([k, v]) => [k, { weight: (v as { weight: string }).weight, situation: (v as { situation: string | null }).situation, needs: (v as { needs: string | null }).needs }])), professional: current.professional };
    const res = await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(current.version);
  });

  it("rejects an unknown thematic, an unknown weight, an unknown field or a future date, and writes nothing", async () => {
    const before = await w.rows(diagnostic_versions);
    const cases: [unknown, string][] = [
      [{ base_version: 2, thematics: { jardinage: { weight: "fort" } } }, "thematics.jardinage"],
      [{ base_version: 2, thematics: { logement: { weight: "tres-fort" } } }, "thematics.logement.weight"],
      [{ base_version: 2, thematics: { logement: { weight: "fort", couleur: "bleu" } } }, "thematics.logement.couleur"],
      [{ base_version: 2, professional: { qualification_level: "9" } }, "professional.qualification_level"],
      [{ base_version: 2, professional: { last_job_end_date: "2999-01-01" } }, "professional.last_job_end_date"],
      [{ base_version: -1 }, "base_version"],
      [{ thematics: {} }, "base_version"],
    ];
    for (const [payload, field] of cases) {
      const res = await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: payload as Record<string, unknown> });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(payload)).toContain(field);
    }
    expect(await w.rows(diagnostic_versions)).toBe(before);
  });

  it("lists the versions and shows a readable difference between any two", async () => {
    const versions = (await w.alice.get(`/api/v1/people/${id}/diagnostic/versions`)).json();
    expect(versions.items.map((v: { version: number; author: { name: string }; changes: number }) => [v.version, v.author.name, v.changes])).toEqual([
      [2, "Bruno Fictif", 2],
      [1, "Alice Fictive", expect.any(Number)],
    ]);
    const diff = (await w.alice.get(`/api/v1/people/${id}/diagnostic/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([
      { section: "thematic", thematic: "mobilite", section_label: "Mobilité", field: "weight", field_label: "Poids sur le retour à l'emploi", before: "Moyen", after: "Fort" },
      { section: "thematic", thematic: "mobilite", section_label: "Mobilité", field: "needs", field_label: "Besoins", before: "non renseigné", after: "Aide au permis" },
    ]);
    const fromEmpty = (await w.alice.get(`/api/v1/people/${id}/diagnostic/diff?from=0&to=1`)).json();
    expect(fromEmpty.changes.length).toBeGreaterThan(5);
    expect((await w.alice.get(`/api/v1/people/${id}/diagnostic/diff?from=1&to=9`)).statusCode).toBe(404);
    expect((await w.alice.get(`/api/v1/people/${id}/diagnostic/diff?from=a&to=2`)).statusCode).toBe(400);
    const v1 = (await w.alice.get(`/api/v1/people/${id}/diagnostic/versions/1`)).json();
    expect(v1.thematics.mobilite.weight).toBe("moyen");
  });

  it("lets the coordinator read but not write it, and hides it from people outside (404)", async () => {
    expect((await w.coord.get(`/api/v1/people/${id}/diagnostic`)).json().permissions.update).toBe(false);
    const denied = await w.coord.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: { ...first, base_version: 2 } });
    expect(denied.statusCode).toBe(403);
    for (const url of [`/api/v1/people/${id}/diagnostic`, `/api/v1/people/${id}/diagnostic/versions`, `/api/v1/people/${id}/diagnostic/diff?from=1&to=2`, `/api/v1/people/${id}/diagnostic/portrait.pdf`]) {
      expect((await w.outsider.get(url)).statusCode, url).toBe(404);
      expect((await w.coordElsewhere.get(url)).statusCode, url).toBe(404);
    }
    const put = await w.outsider.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: { ...first, base_version: 2 } });
    expect(put.statusCode).toBe(404);
  });

  it("prints the portrait as a PDF and logs the export", async () => {
    const res = await w.bruno.get(`/api/v1/people/${id}/diagnostic/portrait.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.rawPayload.length).toBeGreaterThan(1500);
    const rows = await t.database.db.select().from(access_log);
    expect(rows.some((r) => r.person_id === id && r.action === "export" && r.resource === "diagnostic_portrait_pdf")).toBe(true);
  });
});
