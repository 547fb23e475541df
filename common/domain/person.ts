// Values of the person's file, with their French labels.

/** RSA file state, after the CAF/MSA flow's ETATDOSRSA (reference/caf-msa/vrsb0801.xsd). */
export const RSA_STATUSES = [
  "nouvelle_demande",
  "droit_refuse",
  "droit_ouvert_versable",
  "droit_ouvert_suspendu",
  "droit_ouvert_versement_suspendu",
  "droit_clos",
  "droit_clos_mois_anterieur",
] as const;
export type RsaStatus = (typeof RSA_STATUSES)[number];

export const RSA_STATUS_LABELS: Record<RsaStatus, string> = {
  nouvelle_demande: "Nouvelle demande en attente de décision",
  droit_refuse: "Droit refusé",
  droit_ouvert_versable: "Droit ouvert et versable",
  droit_ouvert_suspendu: "Droit ouvert et suspendu",
  droit_ouvert_versement_suspendu: "Droit ouvert, versement suspendu",
  droit_clos: "Droit clos",
  droit_clos_mois_anterieur: "Droit clos sur mois antérieur",
};

/** Situation flags: facts that change the pathway, never a medical or judicial detail. */
export const SITUATION_FLAGS = [
  "parent_isole",
  "rqth",
  "mobilite_reduite",
  "sortant_ase",
  "sans_logement_stable",
  "proche_aidant",
  "beneficiaire_aah",
  "demandeur_emploi_longue_duree",
] as const;
export type SituationFlag = (typeof SITUATION_FLAGS)[number];

export const SITUATION_FLAG_LABELS: Record<SituationFlag, string> = {
  parent_isole: "Parent isolé",
  rqth: "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
  mobilite_reduite: "Personne à mobilité réduite",
  sortant_ase: "Sortant·e de l'aide sociale à l'enfance",
  sans_logement_stable: "Sans logement stable",
  proche_aidant: "Proche aidant·e",
  beneficiaire_aah: "Bénéficiaire de l'AAH",
  demandeur_emploi_longue_duree: "Demandeur·se d'emploi de longue durée",
};
