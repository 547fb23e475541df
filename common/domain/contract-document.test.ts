import { describe, expect, it } from "vitest";
import { contractDocument, type ContractDocumentInput } from "./contract-document.ts";

const contract: ContractDocumentInput["contract"] = {
  type: "contrat_engagement",
  status: "amended",
  version: 3,
  objectives: "Reprendre un emploi",
  person_commitments: "Venir aux rendez-vous",
  structure_commitments: null,
  weekly_hours: 15,
  weekly_hours_reason: null,
  starts_on: "2026-01-05",
  ends_on: "2026-07-04",
  signed_on: "2026-01-05",
  signature_method: "manuscrite",
  ended_on: null,
  end_reason: null,
  structure: { name: "Structure fictive" },
  versions: [
    { version: 1, kind: "created", reason: null, at: "2026-01-05T10:00:00Z" },
    { version: 2, kind: "signed", reason: null, at: "2026-01-05T11:00:00Z" },
    { version: 3, kind: "amended", reason: "Horaires de soins", at: "2026-02-01T10:00:00Z" },
  ],
};
const person = { name: "Personne FICTIVE", birth_date: "1990-01-10", referent: { name: "Référente Fictive", structure_name: "Structure fictive" } };
const text = (c = contract) =>
  contractDocument({ person, contract: c, today: "2026-02-02" })
    .sections.flatMap((s) => [s.heading, ...s.blocks.map((b) => JSON.stringify(b))])
    .join("\n");

describe("the contract as a document", () => {
  it("carries the parties, the référent, both sides' commitments, the dates, the avenants, the signature blocks and the rights", () => {
    const t = text();
    for (const fragment of ["Personne FICTIVE, né·e le 10/01/1990", "Référente Fictive (Structure fictive)", "Venir aux rendez-vous", "Aucun engagement écrit.", "du 05/01/2026 au 04/07/2026", "Avenant n° 1 du 01/02/2026 (version 3) : Horaires de soins", "signatures", "droit d'accès", "droit de rectification", "tribunal administratif", "deux mois"]) {
      expect(t, fragment).toContain(fragment);
    }
    expect(t).not.toContain("Motif de la réduction");
  });

  it("gives the reason of a reduced target or of a waiver", () => {
    expect(text({ ...contract, weekly_hours: 8, weekly_hours_reason: "Soins réguliers" })).toMatch(/Motif de la réduction.*Soins réguliers/);
    expect(text({ ...contract, weekly_hours: 0, weekly_hours_reason: "Enfant sans solution de garde" })).toMatch(/dispense d'activité[\s\S]*Motif de la dispense.*Enfant sans solution de garde/);
  });

  it("tells an ended contract's end", () => {
    expect(text({ ...contract, status: "ended", ended_on: "2026-03-01", end_reason: "Embauche" })).toContain("le 01/03/2026 — Embauche");
  });
});
