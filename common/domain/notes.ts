// Notes of the pathway, with who may read them.

export const NOTE_VISIBILITIES = ["team", "author", "person"] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  team: "L'équipe d'accompagnement",
  author: "Moi seulement",
  person: "L'équipe et la personne",
};

/** How the note records a contact with the person (none: a note without contact). */
export const CONTACT_KINDS = ["entretien", "telephone", "visio", "courriel", "courrier"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  entretien: "Entretien en présence",
  telephone: "Appel téléphonique",
  visio: "Visioconférence",
  courriel: "Courriel",
  courrier: "Courrier",
};
