// The shared socio-professional diagnostic (DOMAIN.md §3 step 2): one homogeneous grid whoever
// fills it in. Values and their French labels; the shapes are in common/schemas/diagnostic.ts.
import type { ThematicSlug, Weight } from "./thematics.ts";

export const WORK_SITUATIONS = ["en_emploi", "independant", "en_formation", "en_recherche_emploi", "sans_activite"] as const;
export type WorkSituation = (typeof WORK_SITUATIONS)[number];
export const WORK_SITUATION_LABELS: Record<WorkSituation, string> = {
  en_emploi: "En emploi salarié",
  independant: "Travailleur·se indépendant·e",
  en_formation: "En formation",
  en_recherche_emploi: "En recherche d'emploi",
  sans_activite: "Sans activité",
};
/** Situations where the person works now (recent work, no inactivity). */
export const WORKING_SITUATIONS: readonly WorkSituation[] = ["en_emploi", "independant"];

/** National qualification levels (cadre national des certifications, 2019): infra-3 = no diploma. */
export const QUALIFICATION_LEVELS = ["infra-3", "3", "4", "5", "6", "7", "8"] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];
export const QUALIFICATION_LEVEL_LABELS: Record<QualificationLevel, string> = {
  "infra-3": "Infra 3 (sans diplôme)",
  "3": "Niveau 3 (CAP, BEP)",
  "4": "Niveau 4 (baccalauréat)",
  "5": "Niveau 5 (bac + 2)",
  "6": "Niveau 6 (licence, bac + 3)",
  "7": "Niveau 7 (master, bac + 5)",
  "8": "Niveau 8 (doctorat)",
};
/** Rank of a level, to compare them (infra-3 = 0, 3 = 1 … 8 = 6). */
export function qualificationRank(level: QualificationLevel): number {
  return QUALIFICATION_LEVELS.indexOf(level);
}

export const CONTRACT_KINDS = ["cdi", "cdd", "interim", "alternance", "iae", "creation", "indifferent"] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  cdi: "CDI",
  cdd: "CDD",
  interim: "Intérim",
  alternance: "Alternance",
  iae: "Insertion par l'activité économique",
  creation: "Création d'activité",
  indifferent: "Indifférent",
};

export const WORKING_TIMES = ["temps_plein", "temps_partiel", "indifferent"] as const;
export type WorkingTime = (typeof WORKING_TIMES)[number];
export const WORKING_TIME_LABELS: Record<WorkingTime, string> = {
  temps_plein: "Temps plein",
  temps_partiel: "Temps partiel",
  indifferent: "Indifférent",
};

export const AVAILABILITIES = ["immediate", "sous_1_mois", "sous_3_mois", "plus_tard"] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  immediate: "Immédiate",
  sous_1_mois: "Dans le mois",
  sous_3_mois: "D'ici trois mois",
  plus_tard: "Plus tard",
};

/** What the person wishes first (one of the national orientation criteria). */
export const WISHES = ["emploi_rapide", "formation", "creation_activite", "lever_difficultes", "non_exprime"] as const;
export type Wish = (typeof WISHES)[number];
export const WISH_LABELS: Record<Wish, string> = {
  emploi_rapide: "Trouver un emploi rapidement",
  formation: "Se former",
  creation_activite: "Créer son activité",
  lever_difficultes: "Régler d'abord d'autres difficultés",
  non_exprime: "Pas de souhait exprimé",
};

export interface ProfessionalProject {
  job: string;
  contract_kinds: ContractKind[];
  working_time: WorkingTime | null;
}

export interface Mobility {
  driving_licence: boolean | null;
  vehicle: boolean | null;
  /** How far the person can travel to work, in kilometres. */
  radius_km: number | null;
}

export interface ProfessionalSide {
  work_situation: WorkSituation | null;
  work_situation_since: string | null;
  last_job_end_date: string | null;
  qualification_level: QualificationLevel | null;
  projects: ProfessionalProject[];
  skills: string | null;
  availability: Availability | null;
  wish: Wish | null;
  mobility: Mobility;
}

export interface Assessor {
  user_id: string;
  name: string;
  structure_name: string | null;
  at: string;
}

export interface ThematicAssessment {
  weight: Weight;
  situation: string | null;
  needs: string | null;
  /** Who last changed this thematic (set by the server on save). */
  assessed_by: Assessor | null;
}

export interface DiagnosticContent {
  thematics: Record<ThematicSlug, ThematicAssessment>;
  professional: ProfessionalSide;
}

export function emptyProfessional(): ProfessionalSide {
  return {
    work_situation: null,
    work_situation_since: null,
    last_job_end_date: null,
    qualification_level: null,
    projects: [],
    skills: null,
    availability: null,
    wish: null,
    mobility: { driving_licence: null, vehicle: null, radius_km: null },
  };
}

export function emptyAssessment(): ThematicAssessment {
  return { weight: "non-aborde", situation: null, needs: null, assessed_by: null };
}
