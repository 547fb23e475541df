// The orientation recommendation (DOMAIN.md §3 step 3): a pure, documented rule that reads the
// diagnostic and the file and recommends one of the three national tracks, with its reasons in
// plain French. It recommends; a coordinator decides, and may decide otherwise with a reason.
//
// How it works — a score of distance from employment, each criterion adding or removing points:
//
//   criterion (national list, 2024)        points (default)       when
//   weight of the difficulties             +4 per "fort"          each peripheral thematic (all but
//                                          +1 per "moyen"         emploi-formation and création d'entreprise)
//   recent work                            −2                     working now, or a job ended less than
//                                                                 `recent_work_months` (24) ago
//   no recent work                         +1                     otherwise (also when no job is known)
//   length of inactivity                   +2 (on top)            no job for `long_inactivity_months` (60) or more
//   qualification                          +1                     level `low_qualification_max` (infra-3) or below
//   age                                    +1                     `senior_age` (55) or older
//   disability                             +1                     RQTH or AAH in the file
//   wishes                                 −1                     wants a job quickly, or to create an activity
//                                          +2                     wants to settle other difficulties first
//   age (young), RSA                       0                      explained only (Mission locale; legal delay)
//
// Minimum information (below it, no track: "pas assez d'éléments pour recommander", with what is
// missing): at least one thematic of the diagnostic assessed, and the current work situation known.
//
//   score ≤ `professional_max_score` (1)           → professionnelle ("emploi")
//   score ≤ `socio_professional_max_score` (6)     → socio-professionnelle ("global")
//   above                                          → sociale ("remobilisation")
//
// A territory may override any threshold or point value (territory settings); these are defaults.
import { addMonths, ageOn, formatDateFr } from "./dates.ts";
import type { ProfessionalSide, QualificationLevel } from "./diagnostic.ts";
import { QUALIFICATION_LEVEL_LABELS, WORKING_SITUATIONS, qualificationRank } from "./diagnostic.ts";
import type { RsaStatus } from "./person.ts";
import { THEMATICS, type ThematicSlug, type Weight } from "./thematics.ts";

export const TRACKS = ["professionnelle", "socio-professionnelle", "sociale"] as const;
export type Track = (typeof TRACKS)[number];
export const TRACK_LABELS: Record<Track, string> = {
  professionnelle: "Professionnelle (emploi)",
  "socio-professionnelle": "Socio-professionnelle (accompagnement global)",
  sociale: "Sociale (remobilisation)",
};

export interface OrientationPoints {
  strong_difficulty: number;
  medium_difficulty: number;
  recent_work: number;
  no_recent_work: number;
  long_inactivity: number;
  low_qualification: number;
  senior: number;
  disability: number;
  wish_employment: number;
  wish_difficulties: number;
}

export interface OrientationRuleConfig {
  /** A job ended less than this many months ago is recent work. Default 24 (national: the last 2 years). */
  recent_work_months: number;
  /** No job for this many months or more is long inactivity. Default 60. */
  long_inactivity_months: number;
  /** From this age, the age criterion adds points. Default 55. */
  senior_age: number;
  /** Under this age, the Mission locale is pointed out (no points). Default 26. */
  young_age_limit: number;
  /** Qualification levels up to this one count as low. Default "infra-3". */
  low_qualification_max: QualificationLevel;
  points: OrientationPoints;
  /** Highest score recommending "professionnelle". Default 1. */
  professional_max_score: number;
  /** Highest score recommending "socio-professionnelle"; above it, "sociale". Default 6. */
  socio_professional_max_score: number;
}

export const DEFAULT_ORIENTATION_CONFIG: OrientationRuleConfig = {
  recent_work_months: 24,
  long_inactivity_months: 60,
  senior_age: 55,
  young_age_limit: 26,
  low_qualification_max: "infra-3",
  points: {
    strong_difficulty: 4,
    medium_difficulty: 1,
    recent_work: -2,
    no_recent_work: 1,
    long_inactivity: 2,
    low_qualification: 1,
    senior: 1,
    disability: 1,
    wish_employment: -1,
    wish_difficulties: 2,
  },
  professional_max_score: 1,
  socio_professional_max_score: 6,
};

export type OrientationRuleOverride = Partial<Omit<OrientationRuleConfig, "points">> & { points?: Partial<OrientationPoints> };

/** The defaults with a territory's overrides applied. */
export function resolveOrientationConfig(override: OrientationRuleOverride | null | undefined): OrientationRuleConfig {
  const { points, ...rest } = override ?? {};
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...DEFAULT_ORIENTATION_CONFIG,
    ...defined(rest),
    points: { ...DEFAULT_ORIENTATION_CONFIG.points, ...defined(points ?? {}) },
  };
}

export interface OrientationInput {
  today: string;
  birth_date: string;
  rsa_status: RsaStatus | null;
  situation_flags: readonly string[];
  /** Weights of the thematics from the latest diagnostic; missing ones are "non abordé". */
  weights: Partial<Record<ThematicSlug, Weight>>;
  professional: Pick<ProfessionalSide, "work_situation" | "last_job_end_date" | "qualification_level" | "wish"> | null;
}

export interface OrientationFactor {
  code: string;
  points: number;
  text: string;
}

export interface OrientationRecommendation {
  /** Null below the minimum information: the rule does not recommend from nothing. */
  track: Track | null;
  /** Whether the file holds the minimum information for a recommendation. */
  sufficient: boolean;
  score: number;
  /** Every criterion that counted, then the conclusion: plain French, one sentence each. */
  reasons: string[];
  factors: OrientationFactor[];
  /** What the diagnostic does not say yet (the recommendation may change once it does). */
  missing: string[];
}

const RSA_OPEN: readonly RsaStatus[] = ["droit_ouvert_versable", "droit_ouvert_suspendu", "droit_ouvert_versement_suspendu"];

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "0";
}

function plural(n: number, one: string, many: string): string {
  return n > 1 ? many : one;
}

export function recommendOrientation(input: OrientationInput, config: OrientationRuleConfig = DEFAULT_ORIENTATION_CONFIG): OrientationRecommendation {
  const p = config.points;
  const factors: OrientationFactor[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  const add = (code: string, points: number, text: string) => factors.push({ code, points, text: `${text} (${signed(points)}).` });

  // Weight of the difficulties (peripheral thematics only).
  const peripheral = THEMATICS.filter((t) => t.peripheral);
  const strong = peripheral.filter((t) => input.weights[t.slug] === "fort");
  const medium = peripheral.filter((t) => input.weights[t.slug] === "moyen");
  const notDiscussed = THEMATICS.filter((t) => (input.weights[t.slug] ?? "non-aborde") === "non-aborde");
  if (strong.length > 0) {
    add(
      "strong_difficulties",
      strong.length * p.strong_difficulty,
      `${strong.length} ${plural(strong.length, "difficulté pèse", "difficultés pèsent")} fortement sur le retour à l'emploi : ${strong.map((t) => t.label).join(", ")}`,
    );
  }
  if (medium.length > 0) {
    add(
      "medium_difficulties",
      medium.length * p.medium_difficulty,
      `${medium.length} ${plural(medium.length, "difficulté pèse", "difficultés pèsent")} moyennement : ${medium.map((t) => t.label).join(", ")}`,
    );
  }
  if (notDiscussed.length === THEMATICS.length) missing.push("Aucune thématique n'a encore été abordée dans le diagnostic.");
  else if (notDiscussed.length > 0) missing.push(`${plural(notDiscussed.length, "Thématique non abordée", "Thématiques non abordées")} : ${notDiscussed.map((t) => t.label).join(", ")}.`);

  // Recent work and length of inactivity.
  const pro = input.professional;
  const working = pro?.work_situation ? WORKING_SITUATIONS.includes(pro.work_situation) : false;
  const lastJob = pro?.last_job_end_date ?? null;
  if (working) {
    add("recent_work", p.recent_work, "Travaille actuellement");
  } else if (lastJob && lastJob > addMonths(input.today, -config.recent_work_months)) {
    add("recent_work", p.recent_work, `A travaillé dans les ${config.recent_work_months} derniers mois (dernier emploi terminé le ${formatDateFr(lastJob)})`);
  } else if (lastJob) {
    add("no_recent_work", p.no_recent_work, `Pas d'emploi depuis ${config.recent_work_months} mois ou plus (dernier emploi terminé le ${formatDateFr(lastJob)})`);
    if (lastJob <= addMonths(input.today, -config.long_inactivity_months)) {
      add("long_inactivity", p.long_inactivity, `Inactivité de longue durée : pas d'emploi depuis ${config.long_inactivity_months} mois ou plus`);
    }
  } else {
    add("no_recent_work", p.no_recent_work, "Aucun emploi récent connu (date de fin du dernier emploi non renseignée)");
    if (!pro?.work_situation) missing.push("La situation professionnelle actuelle n'est pas renseignée.");
  }

  // Qualification.
  if (pro?.qualification_level) {
    if (qualificationRank(pro.qualification_level) <= qualificationRank(config.low_qualification_max)) {
      add("low_qualification", p.low_qualification, `Niveau de qualification ${QUALIFICATION_LEVEL_LABELS[pro.qualification_level].toLowerCase()}`);
    }
  } else {
    missing.push("Le niveau de qualification n'est pas renseigné.");
  }

  // Age.
  const age = ageOn(input.birth_date, input.today);
  if (age >= config.senior_age) add("senior", p.senior, `${age} ans : ${config.senior_age} ans ou plus`);
  else if (age < config.young_age_limit) notes.push(`${age} ans, moins de ${config.young_age_limit} ans : la Mission locale peut être l'organisme référent (sans effet sur le score).`);

  // Disability.
  const disability = input.situation_flags.filter((f) => f === "rqth" || f === "beneficiaire_aah");
  if (disability.length > 0) {
    add("disability", p.disability, `Situation de handicap reconnue (${disability.map((f) => (f === "rqth" ? "RQTH" : "AAH")).join(", ")}) : Cap emploi peut être l'organisme référent`);
  }

  // Wishes.
  if (pro?.wish === "emploi_rapide") add("wish", p.wish_employment, "Souhaite trouver un emploi rapidement");
  else if (pro?.wish === "creation_activite") add("wish", p.wish_employment, "Souhaite créer son activité");
  else if (pro?.wish === "lever_difficultes") add("wish", p.wish_difficulties, "Souhaite régler d'abord d'autres difficultés");
  else if (!pro?.wish) missing.push("Le souhait de la personne n'est pas renseigné.");

  // RSA.
  if (input.rsa_status && RSA_OPEN.includes(input.rsa_status)) notes.push("Allocataire du RSA (droit ouvert) : l'orientation doit être décidée dans les 6 semaines suivant l'ouverture du droit.");
  else if (input.rsa_status === "nouvelle_demande") notes.push("Demande de RSA en cours : l'orientation pourra être décidée dès l'ouverture du droit.");
  else notes.push("Pas de droit au RSA ouvert connu : la recommandation est indicative.");

  const score = factors.reduce((sum, f) => sum + f.points, 0);
  const insufficient: string[] = [];
  if (notDiscussed.length === THEMATICS.length) insufficient.push("aucune thématique du diagnostic n'est évaluée");
  if (!pro?.work_situation) insufficient.push("la situation professionnelle actuelle n'est pas renseignée");
  if (insufficient.length > 0) {
    if (!pro?.work_situation && !missing.some((m) => m.startsWith("La situation professionnelle"))) missing.unshift("La situation professionnelle actuelle n'est pas renseignée.");
    return {
      track: null,
      sufficient: false,
      score,
      reasons: [`Pas assez d'éléments pour recommander une orientation : ${insufficient.join(" et ")}.`, ...notes],
      factors,
      missing,
    };
  }
  const track: Track = score <= config.professional_max_score ? "professionnelle" : score <= config.socio_professional_max_score ? "socio-professionnelle" : "sociale";
  const conclusion =
    track === "professionnelle"
      ? `Score total ${score} : ${config.professional_max_score} ou moins, orientation professionnelle recommandée.`
      : track === "socio-professionnelle"
        ? `Score total ${score} : entre ${config.professional_max_score + 1} et ${config.socio_professional_max_score}, orientation socio-professionnelle recommandée.`
        : `Score total ${score} : plus de ${config.socio_professional_max_score}, orientation sociale recommandée.`;
  return { track, sufficient: true, score, reasons: [...factors.map((f) => f.text), ...notes, conclusion], factors, missing };
}

/**
 * Whether a decision must give its reason: when it differs from the recommendation, or when there was
 * none (not enough information). The API and the form ask the same question here.
 */
export function decisionNeedsReason(track: Track, recommended: Track | null): boolean {
  return recommended === null || track !== recommended;
}
