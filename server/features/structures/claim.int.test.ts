import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataInclusion } from "../directory/import/import.service.ts";
import { services } from "../directory/directory.tables.ts";
import { anonymous, loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { structures } from "./structures.tables.ts";

let t: TestApp;
let w: PathwayWorld;

const record = { source: "dora", id: "dora--garage", nom: "Garage solidaire fictif de Laon", date_maj: "2026-01-10", code_insee: "02408", telephone: "0323000099", description: "Garage fictif." };
const service = { source: "dora", id: "dora--reparation", structure_id: "dora--garage", nom: "Réparation fictive de voitures", description: "Réparation à prix solidaire.", date_maj: "2026-01-10", thematiques: ["mobilite--entretenir-reparer-son-vehicule"], zone_eligibilite: ["02"], code_insee: "02408", modes_accueil: ["en-presentiel"], publics: ["tous-publics"] };
const file = (extra: object[] = []) => new TextEncoder().encode(JSON.stringify({ structures: [record], services: [service, ...extra] }));

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});
afterAll(async () => t?.close());

describe("claiming a directory record", () => {
  it("makes the platform structure and the directory record one, and keeps them one through later imports", async () => {
    const db = t.database.db;
    await importDataInclusion(db, file(), { source: "dora" });
    const [directory] = await db.select().from(structures).where(eq(structures.source_id, "dora--garage"));
    const platform = await f.structure(db, { name: "Garage solidaire de Laon (plateforme)", territory_id: w.aisne.id });

    // Not the référents, nor coordinators elsewhere; the coordinator of the territory may.
    const body = { directory_structure_id: directory!.id };
    expect((await w.alice.post(`/api/v1/structures/${platform.id}/claim`, body)).statusCode).toBe(403);
    expect((await w.coordElsewhere.post(`/api/v1/structures/${platform.id}/claim`, body)).statusCode).toBe(403);
    const claimed = await w.coord.post(`/api/v1/structures/${platform.id}/claim`, body);
    expect(claimed.statusCode, claimed.body).toBe(200);
    // The blanks of the platform structure came from the record.
    expect(claimed.json()).toMatchObject({ name: "Garage solidaire de Laon (plateforme)", phone: "0323000099" });

    const [moved] = await db.select({ structure_id: services.structure_id }).from(services).where(eq(services.source_id, "dora--reparation"));
    expect(moved!.structure_id).toBe(platform.id);
    const listed = (await w.coord.get("/api/v1/structures?q=garage")).json().items.map((s: { id: string }) => s.id);
    expect(listed).toEqual([platform.id]);
    const search = (await anonymous(t.app).get("/api/v1/services?code_insee=02408&q=reparation")).json();
    expect(search.items.map((s: { structure: { id: string } }) => s.structure.id)).toEqual([platform.id]);

    // A later import updates the record and lands its services, old and new, under the platform structure.
    const again = await importDataInclusion(db, file([{ ...service, id: "dora--pneus", nom: "Pneus fictifs" }]), { source: "dora" });
    expect(again.structures.created).toBe(0);
    const all = await db.select({ source_id: services.source_id, structure_id: services.structure_id }).from(services).where(eq(services.source, "dora"));
    expect(all.map((s) => s.structure_id)).toEqual([platform.id, platform.id]);

    // Once only; a platform structure is no directory record.
    expect((await w.coord.post(`/api/v1/structures/${platform.id}/claim`, body)).statusCode).toBe(409);
    const other = await f.structure(db, { territory_id: w.aisne.id });
    const notDirectory = await w.coord.post(`/api/v1/structures/${platform.id}/claim`, { directory_structure_id: other.id });
    expect(notDirectory.statusCode).toBe(400);
    expect(notDirectory.json().errors[0].field).toBe("directory_structure_id");
    const admin = await loginAs(t.app, (await f.user(db, [], { is_admin: true })).email);
    expect((await admin.get(`/api/v1/structures/${platform.id}`)).json().permissions.claim).toBe(true);
  });
});
