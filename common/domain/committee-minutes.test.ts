import { describe, expect, it } from "vitest";
import { minutesDocument, type MinutesInput } from "./committee-minutes.ts";

const input: MinutesInput = {
  committee: { name: "CTO fictif", kind_label: "Comité technique territorial (CTO)", territory_name: "Aisne", location: null },
  session: { date: "2026-05-21", time: "08:30", status_label: "Tenue" },
  attendance: [{ name: "Membre Fictif", structure_name: "Mission locale fictive", status_label: "Présent·e" }],
  situations: [
    {
      position: 1,
      person_name: "Test EXEMPLE",
      submitted_by: "Réf Érente (CD fictif)",
      question: "Quelle solution ?",
      outcome_label: "Actions décidées",
      summary: "Accompagnement renforcé",
      actions: [{ title: "Rendez-vous fictif", carried_by: "Réf Érente", due_on: "2026-06-30" }],
      follow_up_on: "2026-11-21",
    },
    { position: 2, person_name: "Fictive DÉMO", submitted_by: "Réf Érente (CD fictif)", question: "Et ensuite ?", outcome_label: null, summary: null, actions: [], follow_up_on: null },
  ],
  today: "2026-05-22",
};

describe("the minutes as a document", () => {
  it("has the session, attendance and one section per situation with its decision, actions and follow-up", () => {
    const doc = minutesDocument(input);
    expect(doc.title).toBe("Compte rendu — CTO fictif");
    expect(doc.subtitle).toContain("21/05/2026");
    expect(doc.sections.map((s) => s.heading)).toEqual(["Séance", "Présences", "Situation 1 — Test EXEMPLE", "Situation 2 — Fictive DÉMO"]);
    const first = JSON.stringify(doc.sections[2]);
    expect(first).toContain("Rendez-vous fictif — Réf Érente, pour le 30/06/2026");
    expect(first).toContain("21/11/2026");
    expect(JSON.stringify(doc.sections[3])).toContain("Pas encore de décision");
    expect(JSON.stringify(doc.sections[0])).toContain("non renseigné");
  });

  it("says when there is no situation and no attendance", () => {
    const doc = minutesDocument({ ...input, attendance: [], situations: [] });
    expect(doc.sections.map((s) => s.heading)).toEqual(["Séance", "Présences", "Situations"]);
    expect(JSON.stringify(doc.sections[1])).toContain("Présences non enregistrées.");
  });
});
