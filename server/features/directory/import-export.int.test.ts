import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { count } from "drizzle-orm";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referencePath } from "../../paths.ts";
import { anonymous, loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { structures } from "../structures/structures.tables.ts";
import { services } from "./directory.tables.ts";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

let t: TestApp;
let coord: Client;
let admin: Client;
let pro: Client;
const SAMPLE = referencePath("data-inclusion-samples", "dataset-template-fixture.xlsx");

function multipart(filename: string, bytes: Uint8Array, field = "fichier") {
  const boundary = "----spie-test-boundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: Client, filename: string, bytes: Uint8Array, query = "") {
  const { payload, headers } = multipart(filename, bytes);
  return client.request({ method: "POST", url: `/api/v1/imports/data-inclusion${query}`, payload, headers });
}

async function counts() {
  const db = t.database.db;
  const [s] = await db.select({ n: count() }).from(structures);
  const [v] = await db.select({ n: count() }).from(services);
  return { structures: s!.n, services: v!.n };
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The sample with its deliberate errors corrected (cells replaced in the sheets' XML). */
function correctedSample(): Uint8Array {
  const files = unzipSync(readFileSync(SAMPLE));
  const patch = (path: string, cells: Record<string, string>) => {
    let xml = strFromU8(files[path]!);
    for (const [ref, text] of Object.entries(cells)) {
      const re = new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`);
      expect(re.test(xml), `${path} ${ref}`).toBe(true);
      xml = xml.replace(re, inline(ref, text));
    }
    files[path] = strToU8(xml);
  };
  patch("xl/worksheets/sheet1.xml", { C1: "date_maj", D4: "AGENCE ACTION LOGEMENT", J4: "75012", L4: "contact@action-logement.example.org", N4: "https://www.actionlogement.fr" });
  patch("xl/worksheets/sheet2.xml", { D1: "date_maj", I4: "logement-hebergement--louer-un-logement", AB4: "professionnels, usagers", AB5: "professionnels, usagers", AE4: "3", AE5: "3", Q5: "59350" });
  return zipSync(files);
}

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const aisne = await f.territory(db, "Aisne (import)", [{ kind: "departement", code: "02" }]);
  const cd = await f.structure(db, { name: "Département fictif", territory_id: aisne.id, commune_code: "02408" });
  const c = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }]);
  const a = await f.user(db, [], { is_admin: true });
  const p = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
  [coord, admin, pro] = (await Promise.all([c, a, p].map((u) => loginAs(t.app, u.email)))) as [Client, Client, Client];
});

afterAll(async () => {
  await t?.close();
});

describe("importing the data·inclusion sample spreadsheet", () => {
  it("reports every invalid row (sheet, row, field, reason) as the national validator does, and imports nothing", async () => {
    const before = await counts();
    const res = await upload(coord, "dataset-template-fixture.xlsx", readFileSync(SAMPLE));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ format: "xlsx", source: "dataset-template-fixture", dry_run: false });
    // Rows 2 (documentation) and 3 (example) are marked __ignore__: one structure and two services are read.
    expect(report.structures).toEqual({ received: 1, valid: 0, invalid: 1, created: 0, updated: 0, unchanged: 0 });
    expect(report.services).toEqual({ received: 2, valid: 0, invalid: 2, created: 0, updated: 0, unchanged: 0 });
    const lines = (report.errors as { sheet: string; row: number; field: string; message: string }[]).map((e) => `${e.sheet}:${e.row}:${e.field}:${e.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "Structures:4:code_postal:La chaîne doit contenir au plus 5 caractères",
        "Structures:4:courriel:La valeur n'est pas un courriel valide",
        "Structures:4:date_maj:Champ requis",
        "Structures:4:nom:Le nom de la structure ne doit pas se terminer par un point.",
        "Structures:4:site_web:La valeur doit être une URL valide",
        "Services:4:thematiques:La valeur « logement-hebergement--louer-un-appartement » n'existe pas. Vouliez-vous dire « logement-hebergement--louer-un-logement » ?",
        "Services:4:date_maj:Champ requis",
        "Services:5:date_maj:Champ requis",
        "Services:4:nombre_semaines:La valeur doit être un entier valide",
        "Services:5:nombre_semaines:La valeur doit être un entier valide",
        "Services:5:code_insee:Le code commune 59999 n'existe pas",
      ]),
    );
    expect(lines.filter((l) => l.startsWith("Services:4:mobilisable_par:") || l.startsWith("Services:5:mobilisable_par:"))).toHaveLength(2);
    expect(lines.filter((l) => l.includes(":structure_id:"))).toHaveLength(2);
    const warnings = (report.warnings as { message: string }[]).map((w) => w.message).join("\n");
    expect(warnings).toContain("« colonne en trop »");
    expect(warnings).toContain("« lien_source » en double (colonnes G et J)");
    expect(warnings).toContain("« lien_url_widget »");
    expect(await counts()).toEqual(before);
  });

  it("imports the corrected sample, and a second import changes nothing", async () => {
    const file = correctedSample();
    const first = (await upload(admin, "offre.xlsx", file, "?source=action-logement")).json();
    expect(first.errors).toEqual([]);
    expect(first.structures).toMatchObject({ received: 1, valid: 1, created: 1 });
    expect(first.services).toMatchObject({ received: 2, valid: 2, created: 2 });
    const after = await counts();
    const second = (await upload(admin, "offre.xlsx", file, "?source=action-logement")).json();
    expect(second.structures).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(second.services).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual(after);
    const found = (await anonymous(t.app).get("/api/v1/services?code_insee=59350&thematiques=logement-hebergement")).json();
    expect(found.items.map((s: { nom: string }) => s.nom)).toContain("Logement social");
    const one = found.items.find((s: { nom: string }) => s.nom === "Logement social");
    expect(one).toMatchObject({ source: "action-logement", mobilisable_par: ["professionnels", "usagers"], nombre_semaines: 3, volume_horaire_hebdomadaire: 10.5, date_maj: "2026-02-27" });
  });

  it("does a dry run without writing", async () => {
    const before = await counts();
    const report = (await upload(coord, "offre.xlsx", correctedSample(), "?source=autre-source&dry_run=true")).json();
    expect(report).toMatchObject({ dry_run: true, structures: { created: 1 }, services: { created: 2 } });
    expect(await counts()).toEqual(before);
  });
});

describe("importing JSON as the data·inclusion API serves it", () => {
  const structure = { source: "dora", id: "dora--s1", nom: "Garage solidaire fictif de Laon", date_maj: "2026-01-10", code_insee: "02408", reseaux_porteurs: ["aci"], siret: "12345678901234" };
  const service = { source: "dora", id: "dora--v1", structure_id: "dora--s1", nom: "Réparation de voitures", description: "Réparation à prix solidaire.", date_maj: "2026-01-10", thematiques: ["mobilite--entretenir-reparer-son-vehicule"], zone_eligibilite: ["02"], code_insee: "02408", modes_accueil: ["en-presentiel"], publics: ["tous-publics"] };

  it("upserts by (source, id): a changed record is updated, not duplicated", async () => {
    const body = { structures: [structure], services: [service] };
    const first = (await upload(coord, "dora.json", Buffer.from(JSON.stringify(body)))).json();
    expect(first).toMatchObject({ format: "json", structures: { created: 1 }, services: { created: 1 } });
    const changed = { structures: { items: [structure] }, services: [{ ...service, nom: "Réparation de voitures et de vélos", date_maj: "2026-02-01" }] };
    const second = (await upload(coord, "dora.json", Buffer.from(JSON.stringify(changed)))).json();
    expect(second).toMatchObject({ structures: { unchanged: 1 }, services: { updated: 1, created: 0 } });
    const found = (await anonymous(t.app).get("/api/v1/services?code_insee=02408&q=velo")).json();
    expect(found.items.map((s: { nom: string }) => s.nom)).toEqual(["Réparation de voitures et de vélos"]);
  });

  it("reports a 13-digit SIRET, an unknown thematic with a suggestion, an unknown structure, a duplicate id", async () => {
    const before = await counts();
    const list = [
      { ...structure, id: "dora--s2", siret: "1234567890123" },
      { ...service, id: "dora--v2", structure_id: "dora--inconnue", thematiques: ["famille--garde-denfant"] },
      { ...service, id: "dora--v3" },
      { ...service, id: "dora--v3" },
    ];
    const report = (await upload(coord, "dora.json", Buffer.from(JSON.stringify(list)))).json();
    const lines = (report.errors as { sheet: string; row: number; field: string; message: string }[]).map((e) => `${e.sheet}:${e.row}:${e.field}:${e.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "structures:1:siret:La chaîne doit contenir au moins 14 caractères",
        "services:2:thematiques:La valeur « famille--garde-denfant » n'existe pas. Vouliez-vous dire « famille--garde-denfants » ?",
        "services:2:structure_id:Structure « dora--inconnue » introuvable : ni dans ce fichier, ni importée auparavant",
        "services:4:id:Identifiant déjà utilisé par un autre service du fichier (ligne 3)",
      ]),
    );
    expect(report.services).toMatchObject({ received: 3, valid: 1, invalid: 2, created: 1 });
    expect(await counts()).toEqual({ structures: before.structures, services: before.services + 1 });
  });
});

describe("bad input", () => {
  it("answers a malformed file with a French problem and imports nothing", async () => {
    const before = await counts();
    for (const [name, bytes, expected] of [
      ["cassé.xlsx", Buffer.from("PK\u0003\u0004 ceci n'est pas un zip"), "archive ZIP invalide"],
      ["cassé.json", Buffer.from('{"structures": [ {"id": '), "JSON est mal formé"],
      ["notes.txt", Buffer.from("bonjour"), "Format de fichier non reconnu"],
      ["vide.json", Buffer.alloc(0), "vide"],
    ] as const) {
      const res = await upload(coord, name, bytes);
      expect(res.statusCode, name).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().detail, name).toContain(expected);
      expect(res.json().errors[0]).toMatchObject({ field: "fichier", code: "unreadable_file" });
    }
    expect(await counts()).toEqual(before);
  });

  it("names the sheets found when the expected ones are missing", async () => {
    const files = unzipSync(readFileSync(SAMPLE));
    const workbook = strFromU8(files["xl/workbook.xml"]!).replace('name="Structures"', 'name="Feuil1"').replace('name="Services"', 'name="Feuil2"');
    files["xl/workbook.xml"] = strToU8(workbook);
    const res = await upload(coord, "mauvais.xlsx", zipSync(files));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain("ni feuille « Structures » ni feuille « Services »");
    expect(res.json().detail).toContain("« Feuil1 »");
  });

  it("refuses a 50 MB file with a 413 in French", async () => {
    const res = await upload(coord, "enorme.json", Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "payload_too_large" });
    expect(res.json().detail).toContain("Le fichier dépasse 20 Mo");
  });

  it("is reserved to platform admins and coordinators", async () => {
    expect((await upload(pro, "dora.json", Buffer.from("[]"))).statusCode).toBe(403);
    expect((await upload(anonymous(t.app), "dora.json", Buffer.from("[]"))).statusCode).toBe(401);
    const json = await coord.post("/api/v1/imports/data-inclusion", { fichier: "x" });
    expect(json.statusCode).toBe(415);
    expect((await upload(coord, "dora.json", Buffer.from("[]"), "?source=Pas%20Valide")).statusCode).toBe(400);
  });
});

describe("exports", () => {
  function validator(schema: object) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(schema);
  }
  const diSchema = (kind: string) => JSON.parse(readFileSync(referencePath("data-inclusion-schema", "schemas", "v1", `${kind}.json`), "utf8"));

  it("serves data·inclusion structures and services valid against the official v1 schemas", async () => {
    const db = t.database.db;
    const own = await f.structure(db, { name: "Structure de la plateforme au nom très long ".repeat(4) + "fin.", commune_code: "02408" });
    await f.service(db, own.id, { source: "spie", source_id: "spie--export-1", nom: "Accompagnement fictif exporté", thematiques: ["numerique--acquerir-un-equipement"], publics: [], courriel: "pas-un-courriel", zone_eligibilite: ["02408", "france"] });
    const anon = anonymous(t.app);
    const structuresRes = await anon.get("/api/v1/exports/data-inclusion/structures.json");
    const servicesRes = await anon.get("/api/v1/exports/data-inclusion/services.json");
    expect(structuresRes.statusCode).toBe(200);
    const structureList = structuresRes.json() as object[];
    const serviceList = servicesRes.json() as { id: string; structure_id: string; courriel: string | null }[];
    expect(structureList.length).toBeGreaterThanOrEqual(3);
    expect(serviceList.length).toBeGreaterThanOrEqual(4);
    const vs = validator(diSchema("structure"));
    const vv = validator(diSchema("service"));
    for (const s of structureList) expect(vs(s), JSON.stringify(vs.errors)).toBe(true);
    for (const s of serviceList) expect(vv(s), JSON.stringify(vv.errors)).toBe(true);
    const ids = new Set(structureList.map((s) => (s as { id: string }).id));
    for (const s of serviceList) expect(ids.has(s.structure_id), s.structure_id).toBe(true);
    expect(serviceList.find((s) => s.id === "spie--export-1")!.courriel).toBeNull();
  });

  it("serves the same as CSV", async () => {
    const res = await anonymous(t.app).get("/api/v1/exports/data-inclusion/services.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const [header, ...rows] = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header!.split(",").slice(0, 4)).toEqual(["source", "structure_id", "id", "nom"]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(res.body).toContain('"02408, france"');
  });

  it("escapes CSV cells a spreadsheet would run as formulas", async () => {
    const db = t.database.db;
    const own = await f.structure(db, { name: "Structure fictive aux formules", commune_code: "02408" });
    await f.service(db, own.id, {
      source: "spie",
      source_id: "spie--formule-1",
      nom: "=HYPERLINK(\"https://exemple.invalid\";\"Cliquez\")",
      description: "+33 description fictive",
      telephone: "-1+1",
      contact_nom_prenom: "@SOMME(A1:A2)",
      longitude: -1.5,
      latitude: 49.5,
      code_insee: "02408",
    });
    const res = await anonymous(t.app).get("/api/v1/exports/data-inclusion/services.csv");
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    const row = rows.find((r) => r.includes("spie--formule-1"))!;
    expect(row).toContain(`"'=HYPERLINK(""https://exemple.invalid"";""Cliquez"")"`);
    expect(row).toContain(",'+33 description fictive,");
    expect(row).toContain(",'-1+1,");
    expect(row).toContain(",'@SOMME(A1:A2),");
    // Numbers stay numbers.
    const columns = header!.split(",");
    expect(row.split(",")[columns.indexOf("longitude")]).toBe("-1.5");
    expect(res.body).not.toMatch(/(^|,)[=+@]/m);
  });

  it("serves services in Open Referral HSDS 3.0 form, valid against its schema", async () => {
    const res = await anonymous(t.app).get("/api/v1/exports/hsds/services.json");
    expect(res.statusCode).toBe(200);
    const list = res.json() as object[];
    expect(list.length).toBeGreaterThanOrEqual(4);
    const schema = JSON.parse(readFileSync(referencePath("hsds", "schema", "compiled", "service_with_definitions.json"), "utf8"));
    const validate = validator(schema);
    for (const s of list) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    expect(list.some((s) => ((s as { attributes?: unknown[] }).attributes ?? []).length > 0)).toBe(true);
  });
});
