// Issue 9: a facet's count is what the search answers when that value is chosen ("Jeunes (2)"
// used to give 3: the facet counted services naming the public, the filter adds `tous-publics`
// ones); a page past the last answers the last page; a bad parameter is named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { communeKeys } from "./eligibility.ts";

let t: TestApp;
let anon: Client;
const LAON = "02408";

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const s = await f.structure(db, { name: "Structure fictive des facettes", commune_code: LAON });
  const epci = communeKeys(LAON)!.epci!;
  const rows: [string, string[], string[], string | null, string[] | null, string | null][] = [
    // nom, thematiques, publics, type, zone, code_insee
    ["Permis jeunes", ["mobilite--preparer-un-permis"], ["jeunes"], "formation", [LAON], LAON],
    ["Scooters jeunes", ["mobilite--acceder-a-un-vehicule"], ["jeunes", "demandeurs-emploi"], "aide-materielle", [epci], LAON],
    ["Garage pour tous", ["mobilite--entretenir-reparer-son-vehicule", "mobilite--acceder-a-un-vehicule"], ["tous-publics"], "aide-materielle", ["02"], "02722"],
    ["Mobilité en ligne", ["mobilite--etre-accompagne-dans-son-parcours-mobilite"], ["femmes"], "accompagnement", ["france"], null],
    ["Épicerie partout", ["equipement-et-alimentation--alimentation"], ["tous-publics"], "aide-materielle", null, LAON],
    ["Logement jeunes", ["logement-hebergement--louer-un-logement", "mobilite--financer-ma-mobilite"], ["jeunes"], null, ["02"], "02722"],
    ["Emploi seniors", ["trouver-un-emploi--repondre-a-des-offres-demploi"], ["seniors"], "accompagnement", [LAON], LAON],
    ["Numérique femmes", ["numerique--acceder-a-des-services-en-ligne"], ["femmes", "jeunes"], "atelier", null, null],
    ["Permis Lille", ["mobilite--preparer-un-permis"], ["tous-publics"], "formation", ["59"], "59350"],
  ];
  for (const [nom, thematiques, publics, type, zone, code_insee] of rows) {
    await f.service(db, s.id, { nom, thematiques, publics, type, zone_eligibilite: zone, code_insee, modes_accueil: code_insee ? ["en-presentiel"] : ["a-distance"] });
  }
  // 12 more for paging, all in Laon.
  for (let i = 1; i <= 12; i++) await f.service(db, s.id, { nom: `Atelier fictif ${String(i).padStart(2, "0")}`, thematiques: ["numerique--maitriser-les-fondamentaux-du-numerique"], publics: ["tous-publics"], type: "atelier", zone_eligibilite: [LAON], code_insee: LAON });
  anon = anonymous(t.app);
});

afterAll(async () => {
  await t?.close();
});

type Facet = { value: string; count: number };
type Result = { total: number; page: number; items: { nom: string }[]; facets: { thematiques: Facet[]; publics: Facet[]; types: Facet[] } };

async function searchOf(params: Record<string, string>): Promise<Result> {
  const res = await anon.get(`/api/v1/services?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const FACET_PARAM = { thematiques: "thematiques", publics: "publics", types: "types" } as const;

describe("facets", () => {
  const searches: Record<string, string>[] = [
    {},
    { publics: "jeunes" },
    { types: "aide-materielle" },
    { code_insee: LAON },
    { code_insee: LAON, publics: "jeunes" },
    { code_insee: LAON, thematiques: "mobilite", publics: "femmes" },
    { code_insee: LAON, types: "formation", publics: "jeunes" },
    { departement: "02", thematiques: "mobilite" },
    { departement: "02", spie_thematique: "mobilite", types: "aide-materielle" },
    { code_insee: LAON, spie_thematique: "mobilite" },
    { q: "jeunes" },
  ];

  it.each(searches)("count what choosing the value answers (%o)", async (params) => {
    const base = { ...params, page_size: "100" };
    const result = await searchOf(base);
    let checked = 0;
    for (const dim of ["thematiques", "publics", "types"] as const) {
      for (const { value, count } of result.facets[dim]) {
        const chosen = await searchOf({ ...base, [FACET_PARAM[dim]]: value });
        expect(count, `${JSON.stringify(params)} ${dim}=${value}`).toBe(chosen.total);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it("count the public's services and those for all publics: Jeunes (n) gives n", async () => {
    const all = await searchOf({ code_insee: LAON });
    const jeunes = all.facets.publics.find((p) => p.value === "jeunes")!;
    const chosen = await searchOf({ code_insee: LAON, publics: "jeunes" });
    expect(chosen.items.map((i) => i.nom)).toContain("Garage pour tous"); // tous-publics matches
    expect(jeunes.count).toBe(chosen.total);
    // Once a public is chosen, the other publics still count what choosing them answers.
    const femmes = chosen.facets.publics.find((p) => p.value === "femmes")!;
    expect(femmes.count).toBe((await searchOf({ code_insee: LAON, publics: "femmes" })).total);
  });
});

describe("paging", () => {
  it("answers the last page for a page past the last, with its number", async () => {
    const first = await searchOf({ code_insee: LAON, page_size: "10" });
    expect(first.total).toBeGreaterThan(10);
    expect(first.total).toBeLessThanOrEqual(20);
    const last = await searchOf({ code_insee: LAON, page_size: "10", page: "2" });
    const past = await searchOf({ code_insee: LAON, page_size: "10", page: "7" });
    expect(past.page).toBe(2);
    expect(past.total).toBe(first.total);
    expect(past.items.map((i) => i.nom)).toEqual(last.items.map((i) => i.nom));
    expect(past.items.length).toBe(first.total - 10);
    const none = await searchOf({ q: "introuvablezzz", page: "3" });
    expect(none).toMatchObject({ total: 0, page: 1, items: [] });
  });
});

describe("bad parameters", () => {
  it("names the parameter", async () => {
    const res = await anon.get("/api/v1/services?code_insee=02408&page=abc");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "page" })]);
  });
});
