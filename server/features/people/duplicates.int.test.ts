// Duplicate detection by similarity (issue 9): each reason, the order of the scores, nothing of a
// candidate's file in the answer, and the name search in either word order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { people } from "./people.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let fatou: string;
let aminata: string;

const FATOU = { first_names: "Fatou", last_name: "Exemple-Doublon", birth_date: "1987-11-19" };

async function candidatesFor(body: Record<string, unknown>) {
  const res = await w.bruno.post("/api/v1/people", { ...body, territory_id: w.aisne.id });
  expect(res.statusCode, res.body).toBe(409);
  return res.json() as { can_confirm: boolean; candidates: { person_id: string; match: string; score: number; reasons: string[] }[] };
}

function candidate(answer: Awaited<ReturnType<typeof candidatesFor>>, id: string) {
  const found = answer.candidates.find((c) => c.person_id === id);
  expect(found, `candidate ${id}`).toBeDefined();
  return found!;
}

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  fatou = await w.person({ ...FATOU, confirm_not_duplicate: false });
  aminata = await w.person({ first_names: "Aminata", last_name: "Témoin-Fictive", birth_name: "Modèle", birth_date: "1979-05-11" });
});
afterAll(async () => t?.close());

describe("candidates by similarity", () => {
  it("one day off", async () => {
    const c = candidate(await candidatesFor({ ...FATOU, birth_date: "1987-11-20" }), fatou);
    expect(c).toMatchObject({ match: "similar" });
    expect(c.reasons).toContain("Date de naissance à un jour près");
  });

  it("first and last names swapped", async () => {
    const c = candidate(await candidatesFor({ first_names: "Exemple-Doublon", last_name: "Fatou", birth_date: "1987-11-19" }), fatou);
    expect(c.reasons).toContain("Nom et prénom inversés");
  });

  it("one typo", async () => {
    const c = candidate(await candidatesFor({ ...FATOU, last_name: "Exemple-Doublom" }), fatou);
    expect(c.reasons).toContain("Nom proche (une faute de frappe ?)");
  });

  it("accents, case and hyphens", async () => {
    const c = candidate(await candidatesFor({ first_names: "FÂTOU", last_name: "exemple doublon", birth_date: "1987-11-19" }), fatou);
    expect(c.score).toBe(1);
    expect(c.reasons).toContain("Écriture différente (accents, majuscules, traits d'union ou espaces)");
  });

  it("birth name against last name, and day and month swapped", async () => {
    const c = candidate(await candidatesFor({ first_names: "Aminata", last_name: "Modèle", birth_date: "1979-11-05" }), aminata);
    expect(c.reasons).toEqual(expect.arrayContaining(["Nom de naissance identique ou proche du nom d'usage", "Jour et mois de naissance inversés"]));
  });

  it("one digit of the birth date", async () => {
    const c = candidate(await candidatesFor({ ...FATOU, birth_date: "1981-11-19" }), fatou);
    expect(c.reasons).toContain("Date de naissance à un chiffre près");
  });

  it("orders the candidates by score, an identifier first", async () => {
    const ft = await w.person({ first_names: "Autre", last_name: "Inscrite-Fictive", birth_date: "1960-01-01", france_travail_id: "DOUBLON01" });
    const household = await w.person({ first_names: "Moussa", last_name: "Conjoint-Fictif", birth_date: "1984-02-03", caf_number: "FOYER01" });
    const near = await w.person({ ...FATOU, birth_date: "1987-11-18", confirm_not_duplicate: true });
    const answer = await candidatesFor({ ...FATOU, france_travail_id: "doublon01", caf_number: "foyer01" });
    expect(answer.can_confirm).toBe(false);
    expect(answer.candidates.map((c) => c.person_id)).toEqual([ft, fatou, near, household]);
    expect(answer.candidates[0]).toMatchObject({ match: "identifier", score: 1, reasons: ["Même identifiant France Travail"] });
    expect(answer.candidates[3]).toMatchObject({ match: "similar", score: 0.5, reasons: ["Même numéro allocataire CAF ou MSA : même foyer (conjoint·e, partenaire ?)"] });
    const scores = answer.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it("proposes nobody for other names or a far birth date, and creates the file", async () => {
    expect((await w.bruno.post("/api/v1/people", { ...FATOU, birth_date: "1992-03-03", territory_id: w.aisne.id })).statusCode).toBe(201);
    expect((await w.bruno.post("/api/v1/people", { ...FATOU, first_names: "Awa", territory_id: w.aisne.id })).statusCode).toBe(201);
  });

  it("answers nothing of the candidates' files (no name, no date), only who follows them", async () => {
    const before = (await t.database.db.select({ n: count() }).from(people))[0]!.n;
    const res = await w.outsider.post("/api/v1/people", { ...FATOU, last_name: "Exemple-Doublom", birth_date: "1987-11-20" });
    expect(res.statusCode).toBe(409);
    const text = res.body.toLowerCase();
    for (const secret of ["doublon\"", "1987-11-19", "fatou", "alice"]) expect(text).not.toContain(secret);
    for (const c of res.json().candidates) expect(Object.keys(c).sort()).toEqual(["already_in_team", "followed_by", "join_request_pending", "match", "person_id", "reasons", "score"]);
    // The outsider learned the candidates exist, nothing more: the files stay closed to them.
    expect((await w.outsider.get(`/api/v1/people/${fatou}`)).statusCode).toBe(404);
    expect((await t.database.db.select({ n: count() }).from(people))[0]!.n).toBe(before);
  });

  it("refuses an identical identifier on edit, not a similar name", async () => {
    const other = await w.person({ first_names: "Fatou", last_name: "Exemple-Doublonne", birth_date: "1987-11-19", confirm_not_duplicate: true });
    expect((await w.alice.patch(`/api/v1/people/${other}`, { phone: "0611223344" })).statusCode).toBe(200);
    const [row] = await t.database.db.select({ caf: people.caf_number }).from(people).where(eq(people.id, other));
    expect(row!.caf).toBeNull();
  });
});

describe("the name search in either order", () => {
  it("finds 'fatou exemple' and 'exemple fatou' in my people and in the territory's search", async () => {
    for (const q of ["fatou exemple", "exemple fatou", "Exemple-Doublon Fatou", "fat exem"]) {
      const mine = (await w.alice.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).json();
      expect(mine.items.map((i: { id: string }) => i.id), q).toContain(fatou);
      const territory = (await w.coord.get(`/api/v1/territories/${w.aisne.id}/people?q=${encodeURIComponent(q)}`)).json();
      expect(JSON.stringify(territory), q).toContain(fatou);
    }
    const none = (await w.alice.get(`/api/v1/people?q=${encodeURIComponent("fatou inexistant")}`)).json();
    expect(none.items).toEqual([]);
  });
});
