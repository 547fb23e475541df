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

export const CONTRACT_STATUSES = ["draft", "upcoming", "active", "ended"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: "À signer",
  upcoming: "Signé, pas encore commencé",
  active: "En cours",
  ended: "Terminé",
};

export function contractStatus(c: { signed_on: string | null; starts_on: string; ends_on: string }, today: string): ContractStatus {
  if (!c.signed_on) return "draft";
  if (today < c.starts_on) return "upcoming";
  if (today > c.ends_on) return "ended";
  return "active";
}
