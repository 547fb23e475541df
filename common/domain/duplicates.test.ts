import { describe, expect, it } from "vitest";
import { birthDateRelation, duplicateVerdict, editDistance, HOUSEHOLD_SCORE, nearBirthDates, SAME_HOUSEHOLD } from "./duplicates.ts";

const fatou = { first_names: "Fatou", last_name: "EXEMPLE", birth_date: "1987-11-19" };

describe("birth dates", () => {
  it("finds the close dates, and only valid ones", () => {
    const dates = nearBirthDates("1987-11-19");
    for (const d of ["1987-11-19", "1987-11-18", "1987-11-20", "1987-10-19", "1987-12-19", "1986-11-19", "1987-11-29", "1987-11-09"]) expect(dates).toContain(d);
    expect(dates).not.toContain("1987-11-39");
    expect(nearBirthDates("1987-05-11")).toContain("1987-11-05");
    expect(nearBirthDates("2000-12-31")).toContain("2001-01-01");
    expect(dates.length).toBeLessThan(80);
  });
  it("names each relation", () => {
    expect(birthDateRelation("1987-11-19", "1987-11-19")?.reason).toBe("Même date de naissance");
    expect(birthDateRelation("1987-11-19", "1987-11-20")?.reason).toBe("Date de naissance à un jour près");
    expect(birthDateRelation("1987-05-11", "1987-11-05")?.reason).toBe("Jour et mois de naissance inversés");
    expect(birthDateRelation("1987-11-19", "1981-11-19")?.reason).toBe("Date de naissance à un chiffre près");
    expect(birthDateRelation("1987-11-19", "1987-09-19")).toBeNull();
    expect(birthDateRelation("1987-11-19", "1990-01-01")).toBeNull();
  });
});

describe("names and verdicts", () => {
  it("counts typos and transpositions", () => {
    expect(editDistance("exemple", "exemle")).toBe(1);
    expect(editDistance("fatou", "ftaou")).toBe(1);
  });
  it("same names and date: similar, score 1", () => {
    expect(duplicateVerdict(fatou, { ...fatou })).toEqual({ match: "similar", score: 1, reasons: ["Mêmes nom et prénom", "Même date de naissance"] });
  });
  it("accents, case and hyphens ignored, and said", () => {
    const v = duplicateVerdict({ first_names: "Fâtou", last_name: "exemple", birth_date: "1987-11-19" }, fatou);
    expect(v?.reasons).toContain("Écriture différente (accents, majuscules, traits d'union ou espaces)");
    expect(v?.score).toBe(1);
  });
  it("first and last names swapped", () => {
    const v = duplicateVerdict({ first_names: "Exemple", last_name: "Fatou", birth_date: "1987-11-19" }, fatou);
    expect(v?.reasons[0]).toBe("Nom et prénom inversés");
    expect(v!.score).toBeLessThan(1);
  });
  it("one typo, one day off", () => {
    const v = duplicateVerdict({ first_names: "Fatou", last_name: "Exemle", birth_date: "1987-11-20" }, fatou);
    expect(v?.reasons).toEqual(["Nom proche (une faute de frappe ?)", "Même prénom", "Date de naissance à un jour près"]);
  });
  it("birth name against last name", () => {
    const v = duplicateVerdict({ first_names: "Fatou", last_name: "Fictive", birth_name: "Exemple", birth_date: "1987-11-19" }, fatou);
    expect(v?.reasons[0]).toBe("Nom de naissance identique ou proche du nom d'usage");
  });
  it("not a candidate: other names, or a far birth date", () => {
    expect(duplicateVerdict({ first_names: "Créée", last_name: "Par-La-Matrice-ab12cd34", birth_date: "1991-05-06" }, { first_names: "Créée", last_name: "Par-La-Matrice-zz98yy76", birth_date: "1991-05-06" })).toBeNull();
    expect(duplicateVerdict({ ...fatou, birth_date: "1990-03-03" }, fatou)).toBeNull();
    expect(duplicateVerdict({ ...fatou, first_names: "Awa" }, fatou)).toBeNull();
  });
  it("an identifier of the person in common: score 1, whatever the names", () => {
    expect(duplicateVerdict({ first_names: "Autre", last_name: "Personne", birth_date: "1970-01-01" }, fatou, { france_travail_id: true })).toEqual({ match: "identifier", score: 1, reasons: ["Même identifiant France Travail"] });
    expect(duplicateVerdict({ first_names: "Autre", last_name: "Personne", birth_date: "1970-01-01" }, fatou, { nir: true, caf_number: true })).toEqual({ match: "identifier", score: 1, reasons: ["Même numéro de sécurité sociale (NIR)"] });
  });
  it("the household's CAF/MSA number: the same person with close names and birth date, else someone of the household", () => {
    expect(duplicateVerdict({ ...fatou, birth_date: "1987-11-18" }, fatou, { caf_number: true })).toEqual({
      match: "identifier",
      score: 1,
      reasons: ["Même numéro allocataire CAF ou MSA", "Mêmes nom et prénom", "Date de naissance à un jour près"],
    });
    // The spouse: another first name and birth date, the same number. A candidate to confirm, not a refusal.
    expect(duplicateVerdict({ first_names: "Moussa", last_name: "Exemple", birth_date: "1984-02-03" }, fatou, { caf_number: true })).toEqual({
      match: "similar",
      score: HOUSEHOLD_SCORE,
      reasons: [SAME_HOUSEHOLD],
    });
    // Names alike, birth dates far apart (a parent and a child of the same names): the household too.
    expect(duplicateVerdict({ ...fatou, birth_date: "2007-05-01" }, fatou, { caf_number: true })).toMatchObject({ match: "similar", score: HOUSEHOLD_SCORE });
    expect(duplicateVerdict({ first_names: "Moussa", last_name: "Exemple", birth_date: "1984-02-03" }, fatou, {})).toBeNull();
  });
  it("orders by score: exact > one day off > typo and one digit", () => {
    const exact = duplicateVerdict(fatou, fatou)!.score;
    const day = duplicateVerdict({ ...fatou, birth_date: "1987-11-18" }, fatou)!.score;
    const typo = duplicateVerdict({ ...fatou, last_name: "Exemble", birth_date: "1987-11-18" }, fatou)!.score;
    expect(exact).toBeGreaterThan(day);
    expect(day).toBeGreaterThan(typo);
  });
});
