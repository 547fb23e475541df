import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "./dates.ts";
import { decisionNeedsReason, DEFAULT_ORIENTATION_CONFIG, recommendOrientation, resolveOrientationConfig, type OrientationInput } from "./orientation.ts";
import type { ThematicSlug, Weight } from "./thematics.ts";

const TODAY = "2026-06-15";

/** Someone who worked recently (−2), qualification level 4, 36 years old, housing assessed without impact: score −2. */
function input(overrides: Partial<OrientationInput> = {}, professional: Partial<NonNullable<OrientationInput["professional"]>> = {}): OrientationInput {
  return {
    today: TODAY,
    birth_date: "1990-01-10",
    rsa_status: "droit_ouvert_versable",
    situation_flags: [],
    weights: { logement: "sans-impact" },
    professional: { work_situation: "en_recherche_emploi", last_job_end_date: "2025-06-15", qualification_level: "4", wish: "non_exprime", ...professional },
    ...overrides,
  };
}

const weights = (entries: [ThematicSlug, Weight][]) => Object.fromEntries(entries) as Partial<Record<ThematicSlug, Weight>>;
const codes = (r: ReturnType<typeof recommendOrientation>) => r.factors.map((f) => f.code);

describe("recommendOrientation — the tracks and the score thresholds", () => {
  it("recommends the professional track to someone who worked recently and has no difficulty", () => {
    const r = recommendOrientation(input());
    expect(r).toMatchObject({ track: "professionnelle", score: -2 });
    expect(r.reasons.at(-1)).toBe("Score total -2 : 1 ou moins, orientation professionnelle recommandée.");
  });

  it("puts a score of exactly professional_max_score (1) in professionnelle and 2 in socio-professionnelle", () => {
    const three = weights([["logement", "moyen"], ["mobilite", "moyen"], ["sante", "moyen"]]);
    expect(recommendOrientation(input({ weights: three }))).toMatchObject({ score: 1, track: "professionnelle" });
    const four = weights([["logement", "moyen"], ["mobilite", "moyen"], ["sante", "moyen"], ["garde-enfant", "moyen"]]);
    const r = recommendOrientation(input({ weights: four }));
    expect(r).toMatchObject({ score: 2, track: "socio-professionnelle" });
    expect(r.reasons.at(-1)).toBe("Score total 2 : entre 2 et 6, orientation socio-professionnelle recommandée.");
  });

  it("puts exactly socio_professional_max_score (6) in socio-professionnelle and 7 in sociale", () => {
    const two = weights([["logement", "fort"], ["sante", "fort"]]);
    expect(recommendOrientation(input({ weights: two }))).toMatchObject({ score: 6, track: "socio-professionnelle" });
    const r = recommendOrientation(input({ weights: { ...two, mobilite: "moyen" } }));
    expect(r).toMatchObject({ score: 7, track: "sociale" });
    expect(r.reasons.at(-1)).toBe("Score total 7 : plus de 6, orientation sociale recommandée.");
  });

  it("names the difficulties and their weight in the reasons", () => {
    const r = recommendOrientation(input({ weights: weights([["logement", "fort"], ["sante", "fort"], ["mobilite", "moyen"]]) }));
    expect(r.reasons).toContain("2 difficultés pèsent fortement sur le retour à l'emploi : Logement, Santé (+8).");
    expect(r.reasons).toContain("1 difficulté pèse moyennement : Mobilité (+1).");
  });

  it("does not count employment, training and business creation as difficulties", () => {
    const r = recommendOrientation(input({ weights: weights([["emploi-formation", "fort"], ["creation-entreprise", "fort"], ["logement", "sans-impact"]]) }));
    expect(r.score).toBe(-2);
    expect(codes(r)).toEqual(["recent_work"]);
  });
});

describe("recommendOrientation — the minimum information", () => {
  it("recommends from one assessed thematic and a known work situation, not from less", () => {
    expect(recommendOrientation(input())).toMatchObject({ sufficient: true, track: "professionnelle" });
    expect(recommendOrientation(input({ weights: {} }))).toMatchObject({ sufficient: false, track: null });
    expect(recommendOrientation(input({ weights: { logement: "non-aborde" } }))).toMatchObject({ sufficient: false, track: null });
    expect(recommendOrientation(input({}, { work_situation: null }))).toMatchObject({ sufficient: false, track: null });
  });

  it("a single parent without stable housing, before any diagnostic, gets no confident track", () => {
    const r = recommendOrientation(input({ situation_flags: ["parent_isole"], weights: {}, professional: null }));
    expect(r.track).toBeNull();
    expect(r.missing).toContain("Aucune thématique n'a encore été abordée dans le diagnostic.");
  });

  it("asks a reason for a decision that differs, or that no recommendation supports", () => {
    expect(decisionNeedsReason("sociale", "sociale")).toBe(false);
    expect(decisionNeedsReason("sociale", "professionnelle")).toBe(true);
    expect(decisionNeedsReason("sociale", null)).toBe(true);
  });
});

describe("recommendOrientation — recent work and inactivity", () => {
  it("counts a job ended one day less than 24 months ago as recent work", () => {
    const r = recommendOrientation(input({}, { last_job_end_date: addDays(addMonths(TODAY, -24), 1) }));
    expect(codes(r)).toEqual(["recent_work"]);
    expect(r.reasons[0]).toBe("A travaillé dans les 24 derniers mois (dernier emploi terminé le 16/06/2024) (−2).");
  });

  it("counts a job ended exactly 24 months ago as no recent work", () => {
    const r = recommendOrientation(input({}, { last_job_end_date: addMonths(TODAY, -24) }));
    expect(codes(r)).toEqual(["no_recent_work"]);
    expect(r.score).toBe(1);
    expect(r.reasons[0]).toBe("Pas d'emploi depuis 24 mois ou plus (dernier emploi terminé le 15/06/2024) (+1).");
  });

  it("adds long inactivity from exactly 60 months without a job, not one day before", () => {
    expect(codes(recommendOrientation(input({}, { last_job_end_date: addDays(addMonths(TODAY, -60), 1) })))).toEqual(["no_recent_work"]);
    const r = recommendOrientation(input({}, { last_job_end_date: addMonths(TODAY, -60) }));
    expect(codes(r)).toEqual(["no_recent_work", "long_inactivity"]);
    expect(r).toMatchObject({ score: 3, track: "socio-professionnelle" });
    expect(r.reasons).toContain("Inactivité de longue durée : pas d'emploi depuis 60 mois ou plus (+2).");
  });

  it("counts someone working now as recent work whatever the last job date", () => {
    const r = recommendOrientation(input({}, { work_situation: "independant", last_job_end_date: "2001-01-01" }));
    expect(codes(r)).toEqual(["recent_work"]);
    expect(r.reasons[0]).toBe("Travaille actuellement (−2).");
  });

  it("counts an unknown last job as no recent work, without long inactivity, and says what is missing", () => {
    const r = recommendOrientation(input({}, { last_job_end_date: null, work_situation: null }));
    expect(codes(r)).toEqual(["no_recent_work"]);
    expect(r.missing).toContain("La situation professionnelle actuelle n'est pas renseignée.");
  });
});

describe("recommendOrientation — qualification, age, disability, wishes, RSA", () => {
  it("adds a point for infra-3 but not for level 3, unless the territory says so", () => {
    expect(codes(recommendOrientation(input({}, { qualification_level: "infra-3" })))).toContain("low_qualification");
    expect(codes(recommendOrientation(input({}, { qualification_level: "3" })))).not.toContain("low_qualification");
    const config = resolveOrientationConfig({ low_qualification_max: "3" });
    expect(codes(recommendOrientation(input({}, { qualification_level: "3" }), config))).toContain("low_qualification");
    expect(codes(recommendOrientation(input({}, { qualification_level: "4" }), config))).not.toContain("low_qualification");
  });

  it("adds the age point from the 55th birthday, not the day before", () => {
    expect(codes(recommendOrientation(input({ birth_date: "1971-06-16" })))).not.toContain("senior");
    const r = recommendOrientation(input({ birth_date: "1971-06-15" }));
    expect(codes(r)).toContain("senior");
    expect(r.reasons).toContain("55 ans : 55 ans ou plus (+1).");
  });

  it("points young people under 26 to the Mission locale without changing the score", () => {
    const young = recommendOrientation(input({ birth_date: "2000-06-16" }));
    expect(young.score).toBe(-2);
    expect(young.reasons).toContain("25 ans, moins de 26 ans : la Mission locale peut être l'organisme référent (sans effet sur le score).");
    expect(recommendOrientation(input({ birth_date: "2000-06-15" })).reasons.join(" ")).not.toContain("Mission locale");
  });

  it("adds a point for a recognised disability (RQTH or AAH), once", () => {
    const r = recommendOrientation(input({ situation_flags: ["rqth", "beneficiaire_aah", "parent_isole"] }));
    expect(r.factors.filter((f) => f.code === "disability")).toEqual([{ code: "disability", points: 1, text: "Situation de handicap reconnue (RQTH, AAH) : Cap emploi peut être l'organisme référent (+1)." }]);
  });

  it("takes the person's wishes into account", () => {
    expect(recommendOrientation(input({}, { wish: "emploi_rapide" })).score).toBe(-3);
    expect(recommendOrientation(input({}, { wish: "creation_activite" })).score).toBe(-3);
    expect(recommendOrientation(input({}, { wish: "lever_difficultes" })).score).toBe(0);
    expect(recommendOrientation(input({}, { wish: "formation" })).score).toBe(-2);
    expect(recommendOrientation(input({}, { wish: null })).missing).toContain("Le souhait de la personne n'est pas renseigné.");
  });

  it("explains the RSA situation without scoring it", () => {
    expect(recommendOrientation(input()).reasons).toContain("Allocataire du RSA (droit ouvert) : l'orientation doit être décidée dans les 6 semaines suivant l'ouverture du droit.");
    expect(recommendOrientation(input({ rsa_status: "nouvelle_demande" })).reasons).toContain("Demande de RSA en cours : l'orientation pourra être décidée dès l'ouverture du droit.");
    const none = recommendOrientation(input({ rsa_status: null }));
    expect(none.reasons).toContain("Pas de droit au RSA ouvert connu : la recommandation est indicative.");
    expect(none.score).toBe(-2);
  });
});

describe("recommendOrientation — an empty diagnostic and the territory's settings", () => {
  it("does not recommend from the file alone: not enough information, and what is missing", () => {
    const r = recommendOrientation(input({ professional: null, weights: {} }));
    expect(r).toMatchObject({ track: null, sufficient: false });
    expect(r.reasons[0]).toBe(
      "Pas assez d'éléments pour recommander une orientation : aucune thématique du diagnostic n'est évaluée et la situation professionnelle actuelle n'est pas renseignée.",
    );
    expect(r.missing).toEqual([
      "Aucune thématique n'a encore été abordée dans le diagnostic.",
      "La situation professionnelle actuelle n'est pas renseignée.",
      "Le niveau de qualification n'est pas renseigné.",
      "Le souhait de la personne n'est pas renseigné.",
    ]);
  });

  it("lists the thematics not discussed", () => {
    const all = weights([
      ["logement", "sans-impact"],
      ["illettrisme-illectronisme", "sans-impact"],
      ["situation-financiere", "sans-impact"],
      ["remobilisation", "sans-impact"],
      ["acces-aux-droits", "sans-impact"],
      ["emploi-formation", "moyen"],
      ["creation-entreprise", "sans-impact"],
      ["mobilite", "sans-impact"],
      ["garde-enfant", "non-aborde"],
    ]);
    expect(recommendOrientation(input({ weights: all })).missing[0]).toBe("Thématiques non abordées : Garde d'enfant, Santé.");
  });

  it("applies a territory's overrides over the documented defaults", () => {
    const config = resolveOrientationConfig({ recent_work_months: 12, points: { strong_difficulty: 2 }, socio_professional_max_score: 3 });
    expect(config.points).toEqual({ ...DEFAULT_ORIENTATION_CONFIG.points, strong_difficulty: 2 });
    expect(config.long_inactivity_months).toBe(60);
    const r = recommendOrientation(input({ weights: weights([["logement", "fort"], ["sante", "fort"]]) }, { last_job_end_date: addMonths(TODAY, -13) }), config);
    expect(codes(r)).toEqual(["strong_difficulties", "no_recent_work"]);
    expect(r).toMatchObject({ score: 5, track: "sociale" });
    expect(resolveOrientationConfig(null)).toEqual(DEFAULT_ORIENTATION_CONFIG);
    expect(resolveOrientationConfig({ senior_age: undefined })).toEqual(DEFAULT_ORIENTATION_CONFIG);
  });
});
