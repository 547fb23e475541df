// Cohorts: groups of people followed together (a "cohorte" of single parents of Laon, of young people
// leaving an action without a next step…). Pure rules and labels shared by server and web: the
// criteria's words, the exit reasons, the age bounds as birth-date bounds (the SQL of the
// evaluation compares birth dates, with the same birthday rule as ageOn).
import { addMonths, ageOn } from "./dates.ts";

/** RSA statuses that make a person an RSA beneficiary ("bénéficiaire du RSA"): the right is open. */
export const RSA_BENEFICIARY_STATUSES = ["droit_ouvert_versable", "droit_ouvert_suspendu", "droit_ouvert_versement_suspendu"] as const;

/**
 * "Sortant·e d'une action d'insertion sans solution", as the file records it: the action plan holds
 * at least one action that ended (status `done` or `abandoned`, with or without an end date), and
 * no action is planned or in progress (nothing comes next).
 */
export const ENDED_ACTION_STATUSES = ["done", "abandoned"] as const;
export const CURRENT_ACTION_STATUSES = ["planned", "in_progress"] as const;

/** How a member came into the cohort. */
export const COHORT_ADDED_HOW = ["hand", "criteria"] as const;
export type CohortAddedHow = (typeof COHORT_ADDED_HOW)[number];
export const COHORT_ADDED_HOW_LABELS: Record<CohortAddedHow, string> = { hand: "À la main", criteria: "Par les critères" };

/** Why a member left the cohort (coded; `autre` needs a word of explanation). */
export const COHORT_EXIT_REASONS = ["emploi", "formation", "objectifs_atteints", "fin_de_periode", "sortie_rsa", "demenagement", "abandon", "erreur_ajout", "autre"] as const;
export type CohortExitReason = (typeof COHORT_EXIT_REASONS)[number];
export const COHORT_EXIT_REASON_LABELS: Record<CohortExitReason, string> = {
  emploi: "Accès à l'emploi",
  formation: "Entrée en formation",
  objectifs_atteints: "Objectifs atteints",
  fin_de_periode: "Fin de la période de la cohorte",
  sortie_rsa: "Sortie du RSA",
  demenagement: "Déménagement hors du territoire",
  abandon: "Abandon de l'accompagnement",
  erreur_ajout: "Ajout par erreur",
  autre: "Autre motif (à préciser)",
};

/** The outcome counts of a month, in the order the table shows them. */
export const COHORT_OUTCOME_COLUMNS = ["members", "joined", "left", "orientation_done", "contract_signed", "employment_or_training", "lost_from_view"] as const;
export type CohortOutcomeColumn = (typeof COHORT_OUTCOME_COLUMNS)[number];
export const COHORT_OUTCOME_LABELS: Record<CohortOutcomeColumn, string> = {
  members: "Membres",
  joined: "Entrées",
  left: "Sorties",
  orientation_done: "Orientation faite",
  contract_signed: "Contrat signé",
  employment_or_training: "En emploi ou en formation",
  lost_from_view: "Perdu·es de vue",
};

/** Months the outcome table covers at most (the latest ones). */
export const COHORT_OUTCOME_MAX_MONTHS = 36;

/**
 * The latest birth date of someone aged at least `age` on `today` (ageOn's rule: a birthday on
 * 29 February is reached on 28 February of a common year). age ≥ n ⇔ birth_date ≤ this date.
 */
export function latestBirthDateForAge(today: string, age: number): string {
  const bound = addMonths(today, -12 * age);
  // addMonths clamps 29 February to the 28th: someone born on the 29th is already `age` on the 28th.
  if (today.endsWith("-02-28")) {
    const leap = `${bound.slice(0, 4)}-02-29`;
    if (ageOn(leap, today) >= age && leap > bound) return leap;
  }
  return bound;
}

/** French sentences of the cohort events of a person's timeline. */
export const COHORT_EVENT_SUMMARIES: Record<string, (data: Record<string, unknown>) => string> = {
  cohort_joined: (d) => `Entrée dans la cohorte « ${String(d.cohort_name ?? "")} »${d.how === "criteria" ? " (par ses critères)" : ""}`,
  cohort_left: (d) => `Sortie de la cohorte « ${String(d.cohort_name ?? "")} » : ${COHORT_EXIT_REASON_LABELS[d.exit_reason as CohortExitReason] ?? String(d.exit_reason ?? "")}`,
};

/** The criteria in words, one line each (the cohort's page and list). */
export function describeCriteria(c: {
  age_min?: number | undefined;
  age_max?: number | undefined;
  rsa_beneficiary?: boolean | undefined;
  single_parent?: boolean | undefined;
  rqth?: boolean | undefined;
  left_action_without_solution?: boolean | undefined;
  commune_codes?: string[] | undefined;
  epci_codes?: string[] | undefined;
  rsa_right_opened_from?: string | undefined;
  rsa_right_opened_to?: string | undefined;
}, placeName: (kind: "commune" | "epci", code: string) => string = (_kind, code) => code): string[] {
  const lines: string[] = [];
  const fmt = (d: string) => d.split("-").reverse().join("/");
  if (c.age_min !== undefined && c.age_max !== undefined) lines.push(`De ${c.age_min} à ${c.age_max} ans`);
  else if (c.age_min !== undefined) lines.push(`${c.age_min} ans ou plus`);
  else if (c.age_max !== undefined) lines.push(`${c.age_max} ans ou moins`);
  const yesNo = (v: boolean | undefined, yes: string, no: string) => {
    if (v !== undefined) lines.push(v ? yes : no);
  };
  yesNo(c.rsa_beneficiary, "Bénéficiaire du RSA (droit ouvert)", "Sans droit RSA ouvert");
  yesNo(c.single_parent, "Parent isolé", "Pas parent isolé");
  yesNo(c.rqth, "Avec RQTH", "Sans RQTH");
  yesNo(c.left_action_without_solution, "Sortant·e d'une action d'insertion sans solution", "Pas sortant·e d'une action sans solution");
  if (c.commune_codes?.length) lines.push(`${c.commune_codes.length > 1 ? "Communes" : "Commune"} : ${c.commune_codes.map((code) => placeName("commune", code)).join(", ")}`);
  if (c.epci_codes?.length) lines.push(`EPCI : ${c.epci_codes.map((code) => placeName("epci", code)).join(", ")}`);
  if (c.rsa_right_opened_from && c.rsa_right_opened_to) lines.push(`Droit RSA ouvert du ${fmt(c.rsa_right_opened_from)} au ${fmt(c.rsa_right_opened_to)}`);
  else if (c.rsa_right_opened_from) lines.push(`Droit RSA ouvert depuis le ${fmt(c.rsa_right_opened_from)}`);
  else if (c.rsa_right_opened_to) lines.push(`Droit RSA ouvert au plus tard le ${fmt(c.rsa_right_opened_to)}`);
  if (lines.length === 0) lines.push("Aucun critère : toutes les personnes du territoire");
  return lines;
}
