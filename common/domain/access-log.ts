// The access log in words: what each recorded access means for the person and their team. The raw
// codes stay in the database; lines shown to people are built from these labels.

/** What was looked at or changed ("a consulté <label>"). Unknown codes fall back to "le dossier". */
export const ACCESS_RESOURCE_LABELS: Record<string, string> = {
  person: "l'identité",
  team: "l'équipe d'accompagnement",
  timeline: "l'historique du parcours",
  access_log: "le journal des accès",
  pathway: "le parcours en bref",
  diagnostic: "le diagnostic",
  diagnostic_versions: "les versions du diagnostic",
  diagnostic_portrait_pdf: "le portrait (PDF)",
  orientation_recommendation: "la recommandation d'orientation",
  orientation_options: "les organismes référents possibles",
  orientation: "l'orientation",
  reorientation_request: "les demandes de réorientation",
  contract: "les contrats",
  contract_pdf: "un contrat (PDF)",
  action_plan: "le plan d'action",
  notes: "les notes",
  join_request: "une demande d'accès à l'équipe",
  referral: "une orientation vers un service",
  cohort: "les cohortes",
  committee: "une situation présentée en comité",
  committee_submission: "une situation présentée en comité",
  committee_submission_document: "un document joint à une situation présentée en comité",
  unmet_need: "un besoin sans solution",
  merge_preview: "l'aperçu d'une fusion de dossiers en double",
  merge: "la fusion de dossiers en double",
};

/** The verb of an access, in the past tense. */
export const ACCESS_ACTION_LABELS: Record<string, string> = {
  read: "a consulté",
  list: "a vu dans une liste",
  create: "a créé",
  update: "a modifié",
  delete: "a supprimé",
  export: "a imprimé",
  duplicate_check: "a vu lors d'une vérification de doublons",
};

/** Why the access was granted. */
export const ACCESS_REASON_LABELS: Record<string, string> = {
  team: "membre de l'équipe d'accompagnement",
  coordinator: "équipe de coordination du territoire",
  requester: "demande à rejoindre l'équipe",
  duplicate_check: "vérification de doublons à la création d'un dossier",
  referral: "structure destinataire d'une orientation",
  committee: "membre d'un comité, charte de confidentialité signée",
  self: "la personne elle-même",
};

/**
 * How long access-log rows stay online, in months, per territory (territory settings,
 * `access_log.retention_months`). The default is the one the RGPD register states; rows of a person
 * without territory keep the default. Older rows are purged by the daily job `access-log-purge`.
 */
export const ACCESS_LOG_RETENTION_MONTHS = { default: 12, min: 6, max: 60 } as const;

/** Accesses of one person through one membership less than this apart make one visit. */
export const VISIT_GAP_MINUTES = 30;

function label(map: Record<string, string>, code: string, fallback: string): string {
  return map[code] ?? fallback;
}

/**
 * "a consulté l'identité, le diagnostic et les notes ; a modifié le plan d'action": what a visit did,
 * each verb once, in the order of the verbs above.
 */
export function describeVisit(accesses: { action: string; resource: string }[]): string {
  const byAction = new Map<string, string[]>();
  for (const a of accesses) {
    const what = label(ACCESS_RESOURCE_LABELS, a.resource, "le dossier");
    const list = byAction.get(a.action) ?? [];
    if (!list.includes(what)) list.push(what);
    byAction.set(a.action, list);
  }
  const order = Object.keys(ACCESS_ACTION_LABELS);
  return [...byAction.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([action, things]) => `${label(ACCESS_ACTION_LABELS, action, "a consulté")} ${joinFr(things)}`)
    .join(" ; ");
}

export function accessReasonLabel(reason: string): string {
  return label(ACCESS_REASON_LABELS, reason, "autre motif");
}

/** "a, b et c" */
export function joinFr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}
