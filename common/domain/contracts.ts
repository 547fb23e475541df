// The contract (DOMAIN.md §3 step 4): the "contrat d'engagement" since the 2023 full-employment
// law; older files keep the types it replaced.

export const CONTRACT_TYPES = ["contrat_engagement", "cer", "ppae", "cej", "pacea"] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  contrat_engagement: "Contrat d'engagement",
  cer: "Contrat d'engagements réciproques (CER)",
  ppae: "Projet personnalisé d'accès à l'emploi (PPAE)",
  cej: "Contrat d'engagement jeune (CEJ)",
  pacea: "Parcours contractualisé d'accompagnement vers l'emploi et l'autonomie (PACEA)",
};

export const SIGNATURE_METHODS = ["manuscrite", "electronique"] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];
export const SIGNATURE_METHOD_LABELS: Record<SignatureMethod, string> = {
  manuscrite: "Signature manuscrite (papier)",
  electronique: "Signature électronique",
};

/** Weekly activity target of the contrat d'engagement (15 hours), reduced or waived only with a reason. */
export const DEFAULT_WEEKLY_HOURS = 15;
export const MAX_WEEKLY_HOURS = 35;

export function weeklyHoursNeedReason(hours: number): boolean {
  return hours < DEFAULT_WEEKLY_HOURS;
}

/**
 * The contract's life: a draft is written and corrected (each change a version); once signed it is
 * no longer edited but amended (an "avenant": a new version with its reason); it is ended (a date,
 * a reason); a renewal writes the next contract as a draft from the last one.
 */
export const CONTRACT_STATUSES = ["draft", "signed", "amended", "ended"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: "Brouillon à signer",
  signed: "Signé",
  amended: "Signé, modifié par avenant",
  ended: "Terminé",
};

/** Where a signed contract stands in time (null for a draft or an ended contract). */
export const CONTRACT_PERIODS = ["upcoming", "current", "lapsed"] as const;
export type ContractPeriod = (typeof CONTRACT_PERIODS)[number];
export const CONTRACT_PERIOD_LABELS: Record<ContractPeriod, string> = {
  upcoming: "pas encore commencé",
  current: "en cours",
  lapsed: "date de fin dépassée",
};

export function contractPeriod(c: { status: ContractStatus; starts_on: string; ends_on: string }, today: string): ContractPeriod | null {
  if (c.status !== "signed" && c.status !== "amended") return null;
  if (today < c.starts_on) return "upcoming";
  if (today > c.ends_on) return "lapsed";
  return "current";
}

export const CONTRACT_TRANSITIONS = ["edit", "sign", "amend", "end", "renew"] as const;
export type ContractTransition = (typeof CONTRACT_TRANSITIONS)[number];

/** Whether the contract's state allows the transition (who may act is decided by server/policy). */
export function contractAllows(c: { status: ContractStatus; renewed: boolean }, transition: ContractTransition): boolean {
  switch (transition) {
    case "edit":
    case "sign":
      return c.status === "draft";
    case "amend":
    case "end":
      return c.status === "signed" || c.status === "amended";
    case "renew":
      return c.status !== "draft" && !c.renewed;
  }
}

/** Why the state refuses the transition, in French (the 409's message). */
export function contractRefusal(c: { status: ContractStatus; renewed: boolean }, transition: ContractTransition): string {
  if (transition === "renew" && c.renewed) return "Ce contrat a déjà été renouvelé : renouvelez le dernier contrat.";
  if (transition === "renew") return "Un brouillon ne se renouvelle pas : signez-le ou corrigez-le.";
  if (c.status === "draft") return "Ce contrat n'est pas encore signé : corrigez le brouillon ou enregistrez sa signature.";
  if (c.status === "ended") return "Ce contrat est terminé : il ne peut plus être modifié, seulement renouvelé.";
  return "Ce contrat est signé : il ne se corrige plus, il se modifie par un avenant.";
}

/** The fields of a contract's content (what versions, amendments and renewals carry). */
export const CONTRACT_CONTENT_FIELDS = ["type", "objectives", "person_commitments", "structure_commitments", "weekly_hours", "weekly_hours_reason", "starts_on", "ends_on"] as const;
export type ContractContentField = (typeof CONTRACT_CONTENT_FIELDS)[number];

export const CONTRACT_VERSION_KINDS = ["created", "edited", "signed", "amended", "ended"] as const;
export type ContractVersionKind = (typeof CONTRACT_VERSION_KINDS)[number];
export const CONTRACT_VERSION_KIND_LABELS: Record<ContractVersionKind, string> = {
  created: "Rédaction",
  edited: "Correction du brouillon",
  signed: "Signature",
  amended: "Avenant",
  ended: "Fin du contrat",
};
