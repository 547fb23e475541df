// Referrals ("orientation vers un service", "fiche de prescription"): the states, who moves a
// referral from one to the next, what each move needs, and the refusal codes. Pure: no clock, no
// I/O. The server applies `referralTransition` to every change (a move the state does not allow is
// a 409); the web shows the moves the server says the caller may make.
//
//   sent ──► in_review ──► accepted ──► started ──► completed (success | failure | abandoned)
//     │          │   └───► refused
//     │          └───────► redirected (a new referral to another service, linked to this one)
//     └──(accepted | refused | redirected directly, without "à l'étude")
//   sent | in_review ──► expired   (no answer after 30 days: the job)
//   sent | in_review ──► cancelled (the sender, with a reason)

export const REFERRAL_STATUSES = ["sent", "in_review", "accepted", "refused", "redirected", "expired", "cancelled", "started", "completed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: "Envoyée",
  in_review: "À l'étude",
  accepted: "Acceptée",
  refused: "Refusée",
  redirected: "Réorientée vers un autre service",
  expired: "Expirée (sans réponse)",
  cancelled: "Annulée",
  started: "Accompagnement commencé",
  completed: "Terminée",
};

/** Still waiting for the receiving structure's decision. */
export const OPEN_STATUSES = ["sent", "in_review"] as const satisfies readonly ReferralStatus[];
export function isOpen(status: ReferralStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export const REFUSAL_REASONS = [
  "personne-injoignable",
  "personne-absente",
  "personne-en-emploi",
  "personne-en-formation",
  "personne-non-eligible",
  "personne-non-mobile",
  "personne-non-interessee",
  "freins-peripheriques",
  "session-complete",
  "doublon",
  "autre",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  "personne-injoignable": "Personne injoignable",
  "personne-absente": "Personne absente au rendez-vous",
  "personne-en-emploi": "Personne en emploi",
  "personne-en-formation": "Personne en formation",
  "personne-non-eligible": "Personne non éligible",
  "personne-non-mobile": "Personne non mobile",
  "personne-non-interessee": "Personne non intéressée",
  "freins-peripheriques": "Freins périphériques à lever d'abord",
  "session-complete": "Session complète",
  doublon: "Doublon (orientation déjà reçue)",
  autre: "Autre motif",
};

export const REFERRAL_OUTCOMES = ["success", "failure", "abandoned"] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const REFERRAL_OUTCOME_LABELS: Record<ReferralOutcome, string> = {
  success: "Réussite",
  failure: "Échec",
  abandoned: "Abandon",
};

export const CONTACT_PREFERENCES = ["phone", "email", "referent"] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
export const CONTACT_PREFERENCE_LABELS: Record<ContactPreference, string> = {
  phone: "Par téléphone",
  email: "Par courriel",
  referent: "Par l'intermédiaire du ou de la référent·e",
};

/** The maximum length of the reason for the referral. */
export const REFERRAL_REASON_MAX = 600;
/** The answer is due this many working hours after sending, at the receiving structure. */
export const REFERRAL_ANSWER_WORKING_HOURS = 72;
/** A reminder goes to the receiver this many working hours before the due time. */
export const REFERRAL_REMINDER_WORKING_HOURS_BEFORE = 24;
/** Without a decision after this many days (calendar days), the referral expires. */
export const REFERRAL_EXPIRY_DAYS = 30;
/** The signed link sent to a directory-only service is valid this many days (renewable by the sender). */
export const REFERRAL_LINK_DAYS = 8;

/**
 * Who makes a move: the sender side (the person's team), the receiving side (the receiving
 * structure's members, or whoever holds the signed link of a directory-only service), or the
 * platform itself (the expiry job).
 */
export type ReferralParty = "sender" | "receiver" | "system";

const MOVES: Record<ReferralStatus, Partial<Record<ReferralStatus, readonly ReferralParty[]>>> = {
  sent: { in_review: ["receiver"], accepted: ["receiver"], refused: ["receiver"], redirected: ["receiver"], expired: ["system"], cancelled: ["sender"] },
  in_review: { accepted: ["receiver"], refused: ["receiver"], redirected: ["receiver"], expired: ["system"], cancelled: ["sender"] },
  accepted: { started: ["receiver"] },
  started: { completed: ["receiver"] },
  refused: {},
  redirected: {},
  expired: {},
  cancelled: {},
  completed: {},
};

/** The moves a party may make from a state. */
export function movesFrom(status: ReferralStatus, party: ReferralParty): ReferralStatus[] {
  return (Object.entries(MOVES[status]) as [ReferralStatus, readonly ReferralParty[]][]).filter(([, parties]) => parties.includes(party)).map(([to]) => to);
}

export interface TransitionInput {
  to: ReferralStatus;
  reason_codes?: RefusalReason[] | null | undefined;
  message?: string | null | undefined;
  share_reason_with_person?: boolean | null | undefined;
  planned_start?: string | null | undefined;
  outcome?: ReferralOutcome | null | undefined;
  redirect_service_id?: string | null | undefined;
}

export interface TransitionFieldError {
  field: string;
  code: string;
  message: string;
}

export type TransitionDecision =
  | { ok: true }
  /** The current state does not allow the move (or not for this party): 409. */
  | { ok: false; kind: "state"; message: string }
  /** The move is allowed but its fields are missing or do not belong to it: 400. */
  | { ok: false; kind: "fields"; errors: TransitionFieldError[] };

/** Which fields each move takes (the others must be absent). */
const FIELDS: Partial<Record<ReferralStatus, { required: (keyof TransitionInput)[]; optional: (keyof TransitionInput)[] }>> = {
  in_review: { required: [], optional: ["message"] },
  accepted: { required: ["planned_start"], optional: ["message"] },
  refused: { required: ["reason_codes"], optional: ["message", "share_reason_with_person"] },
  redirected: { required: ["redirect_service_id"], optional: ["message"] },
  expired: { required: [], optional: [] },
  cancelled: { required: ["message"], optional: [] },
  started: { required: [], optional: ["message"] },
  completed: { required: ["outcome"], optional: ["message"] },
};

const REQUIRED_MESSAGES: Partial<Record<keyof TransitionInput, string>> = {
  planned_start: "Indiquez la date de début prévue",
  reason_codes: "Choisissez au moins un motif de refus",
  redirect_service_id: "Choisissez le service vers lequel réorienter",
  message: "Indiquez le motif",
  outcome: "Indiquez l'issue de l'accompagnement",
};

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value.trim().length > 0;
  return true;
}

/**
 * Whether `party` may move a referral from `from` with this input, and the input's field errors:
 * the one rule of the referral's life (the server applies it, the tests walk its boundaries).
 */
export function referralTransition(from: ReferralStatus, party: ReferralParty, input: TransitionInput, context: { current_service_id?: string | null } = {}): TransitionDecision {
  const parties = MOVES[from][input.to];
  if (!parties || !parties.includes(party)) {
    const label = REFERRAL_STATUS_LABELS[from].toLowerCase();
    const allowed = !parties
      ? `une orientation « ${label} » ne peut pas passer à « ${REFERRAL_STATUS_LABELS[input.to].toLowerCase()} »`
      : party === "sender"
        ? "seule la structure qui reçoit l'orientation peut faire ce choix"
        : party === "receiver"
          ? "seul·e l'envoyeur·se peut faire ce choix"
          : "ce changement se fait par une personne";
    return { ok: false, kind: "state", message: `Changement impossible : ${allowed}.` };
  }
  const spec = FIELDS[input.to] ?? { required: [], optional: [] };
  const errors: TransitionFieldError[] = [];
  for (const field of spec.required) if (!present(input[field])) errors.push({ field, code: "required", message: REQUIRED_MESSAGES[field] ?? "Champ obligatoire" });
  const allowedFields = new Set<string>(["to", ...spec.required, ...spec.optional]);
  for (const [field, value] of Object.entries(input)) {
    if (allowedFields.has(field) || value === undefined || value === null) continue;
    errors.push({ field, code: "not_allowed", message: `Ce champ ne s'applique pas au passage à « ${REFERRAL_STATUS_LABELS[input.to].toLowerCase()} »` });
  }
  if (input.to === "refused" && input.reason_codes?.includes("autre") && !present(input.message)) {
    errors.push({ field: "message", code: "required", message: "Précisez le motif « autre »" });
  }
  if (input.to === "refused" && input.reason_codes && new Set(input.reason_codes).size !== input.reason_codes.length) {
    errors.push({ field: "reason_codes", code: "duplicate", message: "Un motif est donné deux fois" });
  }
  if (input.to === "redirected" && input.redirect_service_id && input.redirect_service_id === context.current_service_id) {
    errors.push({ field: "redirect_service_id", code: "same_service", message: "Choisissez un autre service que celui de cette orientation" });
  }
  return errors.length ? { ok: false, kind: "fields", errors } : { ok: true };
}

/** The statuses a move by the receiving side answers (the 72-hour answer is kept by the first one). */
export function answersReferral(to: ReferralStatus): boolean {
  return to === "in_review" || to === "accepted" || to === "refused" || to === "redirected";
}

/** Timeline sentences of the referral events (merged into the timeline summaries). */
export const REFERRAL_EVENT_TYPES = {
  sent: "referral_sent",
  in_review: "referral_in_review",
  accepted: "referral_accepted",
  refused: "referral_refused",
  redirected: "referral_redirected",
  expired: "referral_expired",
  cancelled: "referral_cancelled",
  started: "referral_started",
  completed: "referral_completed",
} as const satisfies Record<ReferralStatus, string>;

const s = (v: unknown, fallback = "") => (typeof v === "string" && v ? v : fallback);

export const REFERRAL_SUMMARIES: Record<string, (data: Record<string, unknown>) => string> = {
  referral_sent: (d) => `Orientation envoyée vers « ${s(d.service_name, "un service")} » (${s(d.structure_name, "?")})${d.redirected_from_id ? ", réorientée par la structure précédente" : ""}`,
  referral_in_review: (d) => `Orientation vers « ${s(d.service_name, "un service")} » mise à l'étude`,
  referral_accepted: (d) => `Orientation vers « ${s(d.service_name, "un service")} » acceptée${d.planned_start ? ` (début prévu le ${s(d.planned_start).split("-").reverse().join("/")})` : ""}`,
  referral_refused: (d) => {
    const codes = Array.isArray(d.reason_codes) ? (d.reason_codes as string[]).map((c) => REFUSAL_REASON_LABELS[c as RefusalReason] ?? c).join(", ") : "";
    return `Orientation vers « ${s(d.service_name, "un service")} » refusée${codes ? ` : ${codes.toLowerCase()}` : ""}`;
  },
  referral_redirected: (d) => `Orientation vers « ${s(d.service_name, "un service")} » réorientée vers « ${s(d.redirect_service_name, "un autre service")} »`,
  referral_expired: (d) => `Orientation vers « ${s(d.service_name, "un service")} » expirée sans réponse`,
  referral_cancelled: (d) => `Orientation vers « ${s(d.service_name, "un service")} » annulée${d.message ? ` : ${s(d.message)}` : ""}`,
  referral_started: (d) => `Accompagnement commencé par « ${s(d.service_name, "un service")} »`,
  referral_completed: (d) => `Orientation vers « ${s(d.service_name, "un service")} » terminée : ${REFERRAL_OUTCOME_LABELS[d.outcome as ReferralOutcome]?.toLowerCase() ?? "?"}`,
};
