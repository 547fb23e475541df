export const MEMBERSHIP_ROLES = ["professional", "structure_admin", "coordinator", "steering"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  professional: "Professionnel·le",
  structure_admin: "Administrateur·rice de la structure",
  coordinator: "Coordinateur·rice territorial·e (équipe SPIE)",
  steering: "Pilotage (indicateurs uniquement)",
};
