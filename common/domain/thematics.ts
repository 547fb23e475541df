// The 10 SPIE thematics (Aisne guide, DOMAIN.md §2): they structure the diagnostic, the action
// plan, the committee and the statistics. Slugs are this project's; the data·inclusion v1
// categories are the nearest official values (used to search the directory).

export const THEMATIC_SLUGS = [
  "logement",
  "illettrisme-illectronisme",
  "situation-financiere",
  "remobilisation",
  "acces-aux-droits",
  "emploi-formation",
  "creation-entreprise",
  "mobilite",
  "garde-enfant",
  "sante",
] as const;
export type ThematicSlug = (typeof THEMATIC_SLUGS)[number];

export interface Thematic {
  slug: ThematicSlug;
  label: string;
  /** Nearest data·inclusion v1 "thématiques" categories (directory search). */
  data_inclusion: readonly string[];
  /**
   * A "frein périphérique" (social difficulty) rather than the employment project itself: only
   * these count as difficulties in the orientation rule.
   */
  peripheral: boolean;
}

export const THEMATICS: readonly Thematic[] = [
  { slug: "logement", label: "Logement", data_inclusion: ["logement-hebergement"], peripheral: true },
  { slug: "illettrisme-illectronisme", label: "Illettrisme & illectronisme", data_inclusion: ["lecture-ecriture-calcul", "numerique"], peripheral: true },
  { slug: "situation-financiere", label: "Situation financière", data_inclusion: ["difficultes-financieres", "equipement-et-alimentation"], peripheral: true },
  { slug: "remobilisation", label: "Sociabilisation & remobilisation", data_inclusion: ["remobilisation"], peripheral: true },
  { slug: "acces-aux-droits", label: "Accès aux droits", data_inclusion: ["difficultes-administratives-ou-juridiques"], peripheral: true },
  {
    slug: "emploi-formation",
    label: "Emploi & formation",
    data_inclusion: ["choisir-un-metier", "preparer-sa-candidature", "trouver-un-emploi", "se-former", "souvrir-a-linternational"],
    peripheral: false,
  },
  { slug: "creation-entreprise", label: "Création d'entreprise", data_inclusion: ["creer-une-entreprise"], peripheral: false },
  { slug: "mobilite", label: "Mobilité", data_inclusion: ["mobilite"], peripheral: true },
  { slug: "garde-enfant", label: "Garde d'enfant", data_inclusion: ["famille"], peripheral: true },
  { slug: "sante", label: "Santé", data_inclusion: ["sante"], peripheral: true },
];

export const THEMATIC_LABELS = Object.fromEntries(THEMATICS.map((t) => [t.slug, t.label])) as Record<ThematicSlug, string>;

export function isThematicSlug(value: string): value is ThematicSlug {
  return (THEMATIC_SLUGS as readonly string[]).includes(value);
}

/**
 * How strongly a thematic weighs on the return to work: the national orientation criteria use
 * fort / moyen / sans impact; "non abordé" keeps what was not discussed apart.
 */
export const WEIGHTS = ["fort", "moyen", "sans-impact", "non-aborde"] as const;
export type Weight = (typeof WEIGHTS)[number];

export const WEIGHT_LABELS: Record<Weight, string> = {
  fort: "Fort",
  moyen: "Moyen",
  "sans-impact": "Sans impact",
  "non-aborde": "Non abordé",
};

/** The SPIE thematic nearest to a service's data·inclusion "thématiques" (the first that maps), or null. */
export function thematicOfDataInclusion(values: readonly string[] | null | undefined): ThematicSlug | null {
  for (const value of values ?? []) {
    const category = value.split("--")[0]!;
    const found = THEMATICS.find((t) => t.data_inclusion.includes(category));
    if (found) return found.slug;
  }
  return null;
}
