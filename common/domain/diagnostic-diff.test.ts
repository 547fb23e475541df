import { describe, expect, it } from "vitest";
import { diffDiagnostics } from "./diagnostic-diff.ts";
import { emptyAssessment, emptyProfessional, type DiagnosticContent } from "./diagnostic.ts";
import { THEMATICS } from "./thematics.ts";

function content(edit: (c: DiagnosticContent) => void = () => {}): DiagnosticContent {
  const c = { thematics: Object.fromEntries(THEMATICS.map((t) => [t.slug, emptyAssessment()])), professional: emptyProfessional() } as DiagnosticContent;
  edit(c);
  return c;
}

describe("diffDiagnostics", () => {
  it("finds nothing between identical versions, nor in who assessed a thematic", () => {
    const a = content((c) => (c.thematics.logement = { weight: "fort", situation: "Hébergé chez un tiers", needs: null, assessed_by: null }));
    const b = content((c) => (c.thematics.logement = { weight: "fort", situation: "Hébergé chez un tiers", needs: null, assessed_by: { user_id: "u", name: "X", structure_name: null, at: "2026-01-01T00:00:00Z" } }));
    expect(diffDiagnostics(a, b)).toEqual([]);
    expect(diffDiagnostics(null, content())).toEqual([]);
  });

  it("describes a thematic change with its label, field and French values", () => {
    const a = content((c) => (c.thematics.logement = { weight: "fort", situation: "Hébergé chez un tiers", needs: null, assessed_by: null }));
    const b = content((c) => (c.thematics.logement = { weight: "moyen", situation: "Hébergé chez un tiers", needs: "Demande de logement social", assessed_by: null }));
    expect(diffDiagnostics(a, b)).toEqual([
      { section: "thematic", thematic: "logement", section_label: "Logement", field: "weight", field_label: "Poids sur le retour à l'emploi", before: "Fort", after: "Moyen" },
      { section: "thematic", thematic: "logement", section_label: "Logement", field: "needs", field_label: "Besoins", before: "non renseigné", after: "Demande de logement social" },
    ]);
  });

  it("describes the professional side: enums, dates, booleans, radius and projects", () => {
    const a = content((c) => {
      c.professional.qualification_level = "infra-3";
      c.professional.projects = [{ job: "Aide-soignant·e", contract_kinds: ["cdi"], working_time: "temps_plein" }];
    });
    const b = content((c) => {
      c.professional.qualification_level = "4";
      c.professional.last_job_end_date = "2025-03-12";
      c.professional.mobility = { driving_licence: true, vehicle: false, radius_km: 30 };
      c.professional.projects = [
        { job: "Aide-soignant·e", contract_kinds: ["cdi", "cdd"], working_time: "temps_plein" },
        { job: "Agent·e d'entretien", contract_kinds: [], working_time: null },
      ];
    });
    const changes = diffDiagnostics(a, b).map((c) => `${c.section_label} — ${c.field_label} : ${c.before} → ${c.after}`);
    expect(changes).toEqual([
      "Situation professionnelle — Fin du dernier emploi : non renseigné → 12/03/2025",
      "Situation professionnelle — Niveau de qualification : Infra 3 (sans diplôme) → Niveau 4 (baccalauréat)",
      "Situation professionnelle — Permis de conduire : non renseigné → Oui",
      "Situation professionnelle — Véhicule : non renseigné → Non",
      "Situation professionnelle — Rayon de mobilité : non renseigné → 30 km",
      "Situation professionnelle — Projet 1 : types de contrat : CDI → CDI, CDD",
      "Situation professionnelle — Projet 2 : métier recherché : non renseigné → Agent·e d'entretien",
    ]);
  });

  it("treats blank text as not filled in, and works from the empty diagnostic", () => {
    const a = content((c) => (c.thematics.sante = { weight: "non-aborde", situation: "  ", needs: null, assessed_by: null }));
    expect(diffDiagnostics(content(), a)).toEqual([]);
    const b = content((c) => (c.thematics.sante = { weight: "sans-impact", situation: null, needs: null, assessed_by: null }));
    expect(diffDiagnostics(null, b)).toEqual([expect.objectContaining({ section_label: "Santé", before: "Non abordé", after: "Sans impact" })]);
  });
});
