import { describe, expect, it } from "vitest";
import {
  PUBLICS,
  THEMATIQUES,
  THEMATIQUE_CATEGORIES,
  TYPES_SERVICE,
  closestReferentialValue,
  endsWithStrayDot,
  expandThematiques,
  isStale,
  isVisible,
  publicsFilter,
  referentialLabel,
  spieThematicsOf,
  staleBefore,
  thematiqueLabel,
  thematiquesOfSpieThematic,
} from "./directory.ts";

describe("data·inclusion referentials", () => {
  it("are read from the official files", () => {
    expect(THEMATIQUES).toHaveLength(69);
    expect(PUBLICS.map((p) => p.value)).toContain("tous-publics");
    expect(THEMATIQUE_CATEGORIES.map((c) => c.value)).toContain("mobilite");
    expect(THEMATIQUE_CATEGORIES).toHaveLength(16);
    expect(thematiqueLabel("mobilite")).toBe("Mobilité");
    expect(thematiqueLabel("mobilite--preparer-un-permis")).toBe(THEMATIQUES.find((t) => t.value === "mobilite--preparer-un-permis")!.label);
  });
});

describe("expandThematiques", () => {
  it("expands a category to all its sub-values, keeps a sub-value, reports unknown inputs", () => {
    const { values, unknown } = expandThematiques(["mobilite", "famille--garde-denfants", "mobilite--preparer-un-permis", "nimporte-quoi"]);
    expect(values.filter((v) => v.startsWith("mobilite--"))).toHaveLength(6);
    expect(values).toContain("famille--garde-denfants");
    expect(values).not.toContain("famille--soutien-aidants");
    expect(new Set(values).size).toBe(values.length);
    expect(unknown).toEqual(["nimporte-quoi"]);
  });
});

describe("SPIE thematics ↔ data·inclusion", () => {
  it("maps a SPIE thematic to the sub-values of its categories", () => {
    expect(thematiquesOfSpieThematic("mobilite").every((t) => t.startsWith("mobilite--"))).toBe(true);
    const emploi = thematiquesOfSpieThematic("emploi-formation");
    expect(emploi.some((t) => t.startsWith("se-former--"))).toBe(true);
    expect(emploi.some((t) => t.startsWith("trouver-un-emploi--"))).toBe(true);
  });
  it("finds the SPIE thematics of a service", () => {
    expect(spieThematicsOf(["mobilite--preparer-un-permis", "numerique--acquerir-un-equipement"])).toEqual(["illettrisme-illectronisme", "mobilite"]);
    expect(spieThematicsOf([])).toEqual([]);
  });
});

describe("suggestions", () => {
  it("suggests the closest value of a referential", () => {
    expect(closestReferentialValue(THEMATIQUES, "famille--garde-denfant")).toBe("famille--garde-denfants");
    expect(closestReferentialValue(THEMATIQUES, "logement-hebergement--louer-un-appartement")).toBe("logement-hebergement--louer-un-logement");
    expect(closestReferentialValue(PUBLICS, "jeune")).toBe("jeunes");
    expect(closestReferentialValue(THEMATIQUES, "mobilté", { categories: true })).toBe("mobilite");
    expect(closestReferentialValue(PUBLICS, "xyzzy-plugh")).toBeUndefined();
  });
});

describe("rules", () => {
  it("publics filter always includes tous-publics", () => {
    expect(publicsFilter(["jeunes"])).toEqual(["tous-publics", "jeunes"]);
  });
  it("flags a trailing dot but not etc.", () => {
    expect(endsWithStrayDot("AGENCE ACTION LOGEMENT.")).toBe(true);
    expect(endsWithStrayDot("Ateliers : vélo, couture, etc.")).toBe(false);
    expect(endsWithStrayDot("Atelier vélo")).toBe(false);
  });
  it("is stale after six months", () => {
    expect(staleBefore("2026-08-31")).toBe("2026-02-28");
    expect(staleBefore("2026-07-15")).toBe("2026-01-15");
    expect(isStale("2026-01-14", "2026-07-15")).toBe(true);
    expect(isStale("2026-01-15", "2026-07-15")).toBe(false);
  });
  it("shows published services, and suspended ones the day after their suspension", () => {
    expect(isVisible("published", null, "2026-03-10")).toBe(true);
    expect(isVisible("draft", null, "2026-03-10")).toBe(false);
    expect(isVisible("archived", null, "2026-03-10")).toBe(false);
    expect(isVisible("suspended", "2026-03-10", "2026-03-10")).toBe(false);
    expect(isVisible("suspended", "2026-03-10", "2026-03-11")).toBe(true);
    expect(isVisible("suspended", null, "2026-03-11")).toBe(false);
  });
});

describe("labels shown", () => {
  it("correct the official files' missing accent, never the value", () => {
    expect(referentialLabel(TYPES_SERVICE, "aide-materielle")).toBe("Aide matérielle");
    expect(TYPES_SERVICE.map((t) => t.value)).toContain("aide-materielle");
    for (const t of TYPES_SERVICE) expect(t.label, t.value).not.toMatch(/materiel/);
  });
});
