import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { communeKeys } from "./eligibility.ts";
import { todayInFrance } from "./directory.service.ts";

let t: TestApp;
let anon: Client;
let admin: Client; // structure admin of the Mission locale fictive (Laon)
let pro: Client; // professional of the same structure
let otherAdmin: Client; // structure admin elsewhere
let mlId: string;
let farId: string;
let sensitiveServiceId: string;

const LAON = "02408";
const laonEpci = () => communeKeys(LAON)!.epci!;
const base = { nom: "Atelier vélo solidaire", description: "Réparer son vélo avec l'aide d'un mécanicien bénévole, gratuitement." };

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const aisne = await f.territory(db, "Aisne (annuaire)", [{ kind: "departement", code: "02" }]);
  const ml = await f.structure(db, { name: "Mission locale fictive de Laon", territory_id: aisne.id, commune_code: LAON });
  const far = await f.structure(db, { name: "Association fictive du Nord", commune_code: "59350" });
  mlId = ml.id;
  farId = far.id;
  const sa = await f.user(db, [{ structure_id: ml.id, role: "structure_admin" }]);
  const p = await f.user(db, [{ structure_id: ml.id, role: "professional" }]);
  const oa = await f.user(db, [{ structure_id: far.id, role: "structure_admin" }]);
  [admin, pro, otherAdmin] = (await Promise.all([sa, p, oa].map((u) => loginAs(t.app, u.email)))) as [Client, Client, Client];
  anon = anonymous(t.app);

  // A small directory around Laon (02408), in Soissons (02722, same département), Lille (59350).
  const other = await f.structure(db, { name: "Structure fictive de Soissons", commune_code: "02722" });
  await f.service(db, other.id, { nom: "Permis solidaire Soissons", thematiques: ["mobilite--preparer-un-permis"], publics: ["jeunes"], type: "formation", code_insee: "02722", zone_eligibilite: ["02"], modes_accueil: ["en-presentiel"] });
  await f.service(db, other.id, { nom: "Garage solidaire de Laon", thematiques: ["mobilite--entretenir-reparer-son-vehicule"], publics: ["tous-publics"], type: "aide-materielle", code_insee: LAON, zone_eligibilite: [LAON], modes_accueil: ["en-presentiel"] });
  await f.service(db, other.id, { nom: "Plateforme mobilité en ligne", thematiques: ["mobilite--etre-accompagne-dans-son-parcours-mobilite"], publics: ["femmes"], type: "accompagnement", zone_eligibilite: ["france"], modes_accueil: ["a-distance"] });
  await f.service(db, other.id, { nom: "Location de voitures du Laonnois", thematiques: ["mobilite--acceder-a-un-vehicule"], publics: ["demandeurs-emploi"], type: "aide-materielle", code_insee: "02020", zone_eligibilite: [laonEpci()], modes_accueil: ["en-presentiel"] });
  await f.service(db, far.id, { nom: "Auto-école sociale lilloise", thematiques: ["mobilite--preparer-un-permis"], publics: ["tous-publics"], code_insee: "59350", zone_eligibilite: ["59"], modes_accueil: ["en-presentiel"] });
  await f.service(db, far.id, { nom: "Épicerie sociale partout", thematiques: ["equipement-et-alimentation--alimentation"], publics: ["tous-publics"], zone_eligibilite: null });
  await f.service(db, far.id, { nom: "Brouillon invisible", thematiques: ["mobilite--preparer-un-permis"], status: "draft", zone_eligibilite: null });
  await f.service(db, far.id, { nom: "Suspendu jusqu'à demain", thematiques: ["mobilite--preparer-un-permis"], status: "suspended", suspended_until: daysAgo(-1), zone_eligibilite: null });
  const spip = await f.structure(db, { name: "SPIP fictif", sensitive: true, commune_code: LAON, territory_id: aisne.id });
  sensitiveServiceId = (await f.service(db, spip.id, { nom: "Préparer la sortie", thematiques: ["remobilisation--lien-social"], zone_eligibilite: null })).id;
  await f.service(db, far.id, { nom: "Suspension terminée hier", thematiques: ["mobilite--preparer-un-permis"], status: "suspended", suspended_until: daysAgo(2), zone_eligibilite: null });
});

afterAll(async () => {
  await t?.close();
});

const names = (body: { items: { nom: string }[] }) => body.items.map((i) => i.nom);

describe("editing services", () => {
  let id: string;

  it("lets a structure admin create a draft, invisible to the public", async () => {
    const res = await admin.post(`/api/v1/structures/${mlId}/services`, { ...base, thematiques: ["mobilite--entretenir-reparer-son-vehicule"], publics: ["jeunes"], code_insee: LAON, code_postal: "02000", zone_eligibilite: ["02"], modes_accueil: ["en-presentiel"], modes_mobilisation: ["se-presenter"] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({ status: "draft", source: "spie", source_id: `spie--${id}`, commune: "Laon", spie_thematiques: ["mobilite"], permissions: { update: true } });
    expect(body.date_maj).toBe(todayInFrance());
    expect((await anon.get(`/api/v1/services/${id}`)).statusCode).toBe(404);
    expect(names((await anon.get(`/api/v1/services?code_insee=${LAON}&q=velo`)).json())).not.toContain(base.nom);
  });

  it("publishes it: then anyone finds it by commune and text", async () => {
    const res = await admin.patch(`/api/v1/services/${id}`, { status: "published" });
    expect(res.statusCode, res.body).toBe(200);
    const found = (await anon.get(`/api/v1/services?code_insee=${LAON}&q=V%C3%89LOS%20atelier`)).json();
    expect(names(found)).toEqual([base.nom]);
    const one = (await anon.get(`/api/v1/services/${id}`)).json();
    expect(one).toMatchObject({ nom: base.nom, structure: { id: mlId, nom: "Mission locale fictive de Laon" }, permissions: { update: false, suggest: false } });
  });

  it("refuses unknown referential values with the closest valid one", async () => {
    const res = await admin.post(`/api/v1/structures/${mlId}/services`, { ...base, thematiques: ["famille--garde-denfant"], publics: ["jeune"], type: "atelierr" });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { field: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "thematiques", message: "La valeur « famille--garde-denfant » n'existe pas. Vouliez-vous dire « famille--garde-denfants » ?" }),
        expect.objectContaining({ field: "publics", message: expect.stringContaining("« jeunes »") }),
        expect.objectContaining({ field: "type", message: expect.stringContaining("« atelier »") }),
      ]),
    );
  });

  it("refuses a trailing dot, tous-publics with others, an unknown commune, unknown fields", async () => {
    const res = await admin.post(`/api/v1/structures/${mlId}/services`, { ...base, nom: "Atelier vélo.", publics: ["tous-publics", "jeunes"], code_insee: "59999", zone_eligibilite: ["02", "999"] });
    expect(res.statusCode).toBe(400);
    expect((res.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(["code_insee", "nom", "publics", "zone_eligibilite"]);
    const unknown = await admin.post(`/api/v1/structures/${mlId}/services`, { ...base, couleur: "bleu" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "couleur", code: "unknown_field" });
  });

  it("requires a date to suspend", async () => {
    const res = await admin.patch(`/api/v1/services/${id}`, { status: "suspended" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("suspended_until");
  });

  it("keeps other people out", async () => {
    expect((await pro.post(`/api/v1/structures/${mlId}/services`, base)).statusCode).toBe(403);
    expect((await otherAdmin.post(`/api/v1/structures/${mlId}/services`, base)).statusCode).toBe(403);
    expect((await otherAdmin.patch(`/api/v1/services/${id}`, { nom: "Piraté" })).statusCode).toBe(403);
    expect((await anon.post(`/api/v1/structures/${mlId}/services`, base)).statusCode).toBe(401);
    expect((await pro.get(`/api/v1/structures/${mlId}/services`)).statusCode).toBe(403);
  });

  it("lets a professional suggest a correction, handled by the structure admin", async () => {
    const res = await pro.post(`/api/v1/services/${id}/suggestions`, { message: "Le garage est fermé le lundi depuis mars." });
    expect(res.statusCode, res.body).toBe(201);
    expect((await anon.post(`/api/v1/services/${id}/suggestions`, { message: "Anonyme ne peut pas suggérer." })).statusCode).toBe(401);
    const list = (await admin.get(`/api/v1/structures/${mlId}/service-suggestions`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ service: { id, nom: base.nom }, status: "open", message: "Le garage est fermé le lundi depuis mars." });
    expect((await admin.get(`/api/v1/structures/${mlId}/services`)).json().open_suggestions).toBe(1);
    expect((await otherAdmin.patch(`/api/v1/service-suggestions/${list.items[0].id}`, { status: "done" })).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/service-suggestions/${list.items[0].id}`, { status: "done" })).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/structures/${mlId}/services`)).json().open_suggestions).toBe(0);
  });

  it("flags services not updated for 6 months to the structure admins", async () => {
    await f.service(t.database.db, mlId, { nom: "Vieux service", date_maj: daysAgo(200), zone_eligibilite: null });
    const body = (await admin.get(`/api/v1/structures/${mlId}/services`)).json();
    expect(body.stale_count).toBe(1);
    expect(body.items.find((s: { nom: string }) => s.nom === "Vieux service").stale).toBe(true);
    expect(body.items.map((s: { nom: string }) => s.nom)).toContain(base.nom);
  });

  it("shows a public structure page with its visible services only", async () => {
    const page = (await anon.get(`/api/v1/directory/structures/${farId}`)).json();
    expect(page.nom).toBe("Association fictive du Nord");
    expect(names({ items: page.services })).toEqual(expect.arrayContaining(["Auto-école sociale lilloise", "Suspension terminée hier"]));
    expect(names({ items: page.services })).not.toContain("Brouillon invisible");
    expect(names({ items: page.services })).not.toContain("Suspendu jusqu'à demain");
  });
});

describe("searching (public)", () => {
  it("returns services eligible for the commune, nearest first, remote ones last", async () => {
    const res = await anon.get(`/api/v1/services?code_insee=${LAON}&thematiques=mobilite`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const got = names(body);
    expect(got).not.toContain("Auto-école sociale lilloise"); // eligible in the Nord only
    expect(got).not.toContain("Brouillon invisible");
    expect(got).not.toContain("Suspendu jusqu'à demain");
    expect(got).toContain("Suspension terminée hier");
    expect(got.indexOf("Garage solidaire de Laon")).toBeLessThan(got.indexOf("Location de voitures du Laonnois"));
    expect(got.indexOf("Location de voitures du Laonnois")).toBeLessThan(got.indexOf("Permis solidaire Soissons"));
    expect(got.at(-1)).toBe("Plateforme mobilité en ligne");
    expect(body.items[0]).toMatchObject({ proximity: "commune" });
    expect(body.items.at(-1)).toMatchObject({ proximity: "a-distance", remote: true });
    expect(body.total).toBe(got.length);
    const mobilite = body.facets.thematiques.find((f: { value: string }) => f.value === "mobilite");
    expect(mobilite).toMatchObject({ label: "Mobilité", count: body.total });
  });

  it("expands a SPIE thematic and counts facets", async () => {
    const body = (await anon.get(`/api/v1/services?code_insee=${LAON}&spie_thematique=mobilite&page_size=2`)).json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(body.facets.types.map((t: { value: string }) => t.value)).toEqual(expect.arrayContaining(["aide-materielle", "formation"]));
  });

  it("always matches tous-publics services when filtering by public", async () => {
    const got = names((await anon.get(`/api/v1/services?code_insee=${LAON}&thematiques=mobilite&publics=jeunes`)).json());
    expect(got).toEqual(expect.arrayContaining(["Garage solidaire de Laon", "Permis solidaire Soissons"]));
    expect(got).not.toContain("Plateforme mobilité en ligne");
  });

  it("filters by several values, repeated or comma-separated", async () => {
    const a = names((await anon.get(`/api/v1/services?types=formation,accompagnement`)).json());
    const b = names((await anon.get(`/api/v1/services?types=formation&types=accompagnement`)).json());
    expect(a.sort()).toEqual(b.sort());
    expect(a).toEqual(expect.arrayContaining(["Permis solidaire Soissons", "Plateforme mobilité en ligne"]));
    expect(names((await anon.get(`/api/v1/services?modes_accueil=a-distance`)).json())).toEqual(["Plateforme mobilité en ligne"]);
  });

  it("searches a whole département", async () => {
    const got = names((await anon.get(`/api/v1/services?departement=02&thematiques=mobilite`)).json());
    expect(got).toEqual(expect.arrayContaining(["Permis solidaire Soissons", "Garage solidaire de Laon", "Location de voitures du Laonnois"]));
    expect(got).not.toContain("Auto-école sociale lilloise");
  });

  it("names unknown parameters and values in a 400", async () => {
    const unknown = await anon.get(`/api/v1/services?commune=Laon`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "commune", code: "unknown_field" });
    const badValue = await anon.get(`/api/v1/services?thematiques=mobilte&publics=femme&code_insee=59999`);
    expect(badValue.statusCode).toBe(400);
    const errors = badValue.json().errors as { field: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "thematiques", message: "La valeur « mobilte » n'existe pas. Vouliez-vous dire « mobilite » ?" }),
        expect.objectContaining({ field: "publics", message: expect.stringContaining("« femmes »") }),
        expect.objectContaining({ field: "code_insee" }),
      ]),
    );
    expect((await anon.get(`/api/v1/services?spie_thematique=velo`)).statusCode).toBe(400);
    expect((await anon.get(`/api/v1/services?page_size=1000`)).statusCode).toBe(400);
  });

  it("shows a national service as soon as it is published (cached national services are read again)", async () => {
    const res = await admin.post(`/api/v1/structures/${mlId}/services`, { nom: "Ligne d'écoute nationale", description: "Une écoute par téléphone partout en France.", thematiques: ["sante--sante-mentale"], zone_eligibilite: ["france"], modes_accueil: ["a-distance"] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(names((await anon.get(`/api/v1/services?code_insee=${LAON}&thematiques=sante`)).json())).not.toContain("Ligne d'écoute nationale");
    const published = await admin.patch(`/api/v1/services/${created.id}`, { status: "published" });
    expect(published.statusCode, published.body).toBe(200);
    const body = (await anon.get(`/api/v1/services?code_insee=${LAON}&thematiques=sante`)).json();
    expect(names(body)).toContain("Ligne d'écoute nationale");
    expect(body.total).toBe(body.items.length);
    // Changing the status alone keeps the other fields.
    expect((await anon.get(`/api/v1/services/${created.id}`)).json()).toMatchObject({ thematiques: ["sante--sante-mentale"], zone_eligibilite: ["france"], modes_accueil: ["a-distance"], remote: true });
    await admin.patch(`/api/v1/services/${created.id}`, { status: "archived" });
    expect(names((await anon.get(`/api/v1/services?code_insee=${LAON}&thematiques=sante`)).json())).not.toContain("Ligne d'écoute nationale");
  });

  it("pages through local and national services together", async () => {
    const all = (await anon.get(`/api/v1/services?code_insee=${LAON}&page_size=100`)).json();
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) paged.push(...names((await anon.get(`/api/v1/services?code_insee=${LAON}&page_size=3&page=${page}`)).json()));
    expect(paged).toEqual(names(all));
    expect(all.total).toBe(all.items.length);
  });

  it("shows services of a sensitive structure to those who accompany people in its territory only", async () => {
    expect(names((await anon.get(`/api/v1/services?q=preparer%20sortie`)).json())).toEqual([]);
    expect(names((await pro.get(`/api/v1/services?q=preparer%20sortie`)).json())).toEqual(["Préparer la sortie"]);
    expect((await anon.get(`/api/v1/services/${sensitiveServiceId}`)).statusCode).toBe(404);
    expect((await pro.get(`/api/v1/services/${sensitiveServiceId}`)).statusCode).toBe(200);
    // Issue 7: one rule (policy/structures.ts) — being signed in is not enough: a structure admin
    // elsewhere, a professional of another territory do not need the name of a SPIP of the Aisne.
    const elsewhere = await f.territory(t.database.db, "Mayotte (annuaire)", [{ kind: "departement", code: "976" }]);
    const farPro = await f.user(t.database.db, [{ structure_id: (await f.structure(t.database.db, { territory_id: elsewhere.id })).id, role: "professional" }]);
    for (const client of [otherAdmin, await loginAs(t.app, farPro.email)]) {
      expect(names((await client.get(`/api/v1/services?q=preparer%20sortie`)).json())).toEqual([]);
      expect((await client.get(`/api/v1/services/${sensitiveServiceId}`)).statusCode).toBe(404);
    }
    expect(((await anonymous(t.app).get("/api/v1/exports/data-inclusion/services.json")).json() as { nom: string }[]).map((s) => s.nom)).not.toContain("Préparer la sortie");
  });

  it("orders by distance when coordinates are given on both sides", async () => {
    const db = t.database.db;
    await f.service(db, farId, { nom: "Point proche", thematiques: ["sante--acces-aux-soins"], latitude: 49.56, longitude: 3.62, zone_eligibilite: null, modes_accueil: ["en-presentiel"] });
    await f.service(db, farId, { nom: "Point lointain", thematiques: ["sante--acces-aux-soins"], latitude: 43.3, longitude: 5.4, zone_eligibilite: null, modes_accueil: ["en-presentiel"] });
    const body = (await anon.get(`/api/v1/services?thematiques=sante&latitude=49.5&longitude=3.6`)).json();
    expect(names(body)).toEqual(["Point proche", "Point lointain"]);
    expect(body.items[0].distance_km).toBeLessThan(10);
    expect(body.items[1].distance_km).toBeGreaterThan(500);
  });
});
