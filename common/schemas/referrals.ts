// Referrals to a service of the directory ("orientation vers un service"): the API contract, also
// used by the web forms.
import { z } from "../zod.ts";
import { CONTACT_PREFERENCES, REFERRAL_OUTCOMES, REFERRAL_REASON_MAX, REFERRAL_STATUSES, REFUSAL_REASONS } from "../domain/referrals.ts";
import { THEMATIC_SLUGS } from "../domain/thematics.ts";
import { id, isoDate, optionalText, pageQuery, paged, shortText } from "./common.ts";

/** An instant given by a partner system: ISO 8601 with its offset (or Z). */
const instant = z.iso.datetime({ offset: true, message: "Date et heure invalides (ISO 8601 avec fuseau, ex. 2026-05-12T09:30:00+02:00)" });

export const referralCreateBody = z.strictObject({
  person_id: id,
  service_id: id,
  /** Why this service, for this person (at most 600 characters, never cut). */
  reason: shortText(REFERRAL_REASON_MAX),
  /** The person's situation, as the person agreed to share it. */
  situation: optionalText(2000),
  /** The service's prerequisites (from its `conditions_acces` / `publics`) the person meets. */
  prerequisites_met: z.array(shortText(300)).max(30).nullish(),
  /** When the person is available (days, times). */
  availability: optionalText(500),
  contact_preference: z.enum(CONTACT_PREFERENCES, "Choisissez comment joindre la personne").nullish(),
  /** The person agreed to share exactly these elements with the receiving structure. */
  consent: z.literal(true, "Le consentement de la personne est nécessaire pour envoyer l'orientation"),
  /** For partner systems recording a referral made elsewhere: when it was really sent (never in the future). */
  sent_at: instant.optional(),
});
export type ReferralCreateBody = z.infer<typeof referralCreateBody>;

export const referralTransitionBody = z.strictObject({
  to: z.enum(REFERRAL_STATUSES, "État inconnu"),
  reason_codes: z.array(z.enum(REFUSAL_REASONS, "Motif de refus inconnu")).max(REFUSAL_REASONS.length).nullish(),
  message: optionalText(2000),
  share_reason_with_person: z.boolean().nullish(),
  planned_start: isoDate.nullish(),
  outcome: z.enum(REFERRAL_OUTCOMES, "Issue inconnue").nullish(),
  redirect_service_id: id.nullish(),
});
export type ReferralTransitionBody = z.infer<typeof referralTransitionBody>;

const booleanParam = z.enum(["true", "false"], "Valeur attendue : true ou false").transform((v) => v === "true");

export const referralListQuery = z.strictObject({
  /** sent: the referrals of the people in my teams; received: those addressed to my structures. */
  direction: z.enum(["sent", "received"]).default("sent"),
  status: z.enum(REFERRAL_STATUSES, "État inconnu").optional(),
  overdue: booleanParam.optional(),
  service_id: id.optional(),
  ...pageQuery,
});
export type ReferralListQuery = z.infer<typeof referralListQuery>;

export const referralStatsQuery = z.strictObject({
  structure_id: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ReferralStatsQuery = z.infer<typeof referralStatsQuery>;

const statusEnum = z.enum(REFERRAL_STATUSES);

/** What the receiving structure is shown of the person: the name, and the contact the person agreed to give. */
export const sharedPerson = z.object({
  /** The file's id: for the person's team only (null for the receiving side). */
  id: z.uuid().nullable(),
  first_names: z.string(),
  last_name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const referralTransitionView = z.object({
  id: z.uuid(),
  from: statusEnum.nullable(),
  to: statusEnum,
  at: z.string(),
  /** Who made the move: a named user, "the service (signed link)", or the platform. */
  actor: z.object({ kind: z.enum(["user", "link", "system"]), name: z.string().nullable(), structure_name: z.string().nullable() }),
  reason_codes: z.array(z.enum(REFUSAL_REASONS)),
  message: z.string().nullable(),
  share_reason_with_person: z.boolean().nullable(),
  planned_start: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  redirect_referral_id: z.uuid().nullable(),
});

export const referralPermissions = z.object({
  /** The moves the caller may make now. */
  transitions: z.array(statusEnum),
  /** Send a new signed link to a directory-only service (the sender side). */
  renew_link: z.boolean(),
  /** Open the person's file (the team). */
  open_file: z.boolean(),
});

export const referral = z.object({
  id: z.uuid(),
  status: statusEnum,
  person: sharedPerson,
  /** The service, with its commune and nearest SPIE thematic (to record an unmet need after a refusal or an expiry). */
  service: z.object({ id: z.uuid().nullable(), name: z.string(), commune_code: z.string().nullable(), thematic: z.enum(THEMATIC_SLUGS).nullable() }),
  receiving_structure: z.object({ id: z.uuid(), name: z.string(), on_platform: z.boolean() }),
  sender: z.object({ name: z.string().nullable(), structure_name: z.string().nullable(), email: z.string().nullable() }),
  reason: z.string(),
  situation: z.string().nullable(),
  prerequisites_met: z.array(z.string()),
  availability: z.string().nullable(),
  contact_preference: z.enum(CONTACT_PREFERENCES).nullable(),
  consent: z.object({ recorded_by: z.string().nullable(), recorded_at: z.string() }),
  /** ISO 8601 with the receiving territory's offset. */
  sent_at: z.string(),
  due_at: z.string(),
  answered_at: z.string().nullable(),
  overdue: z.boolean(),
  time_zone: z.string(),
  planned_start: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  redirected_from_id: z.uuid().nullable(),
  redirected_to_id: z.uuid().nullable(),
  /** Directory-only service: until when the e-mailed link works. */
  link_expires_at: z.string().nullable(),
  transitions: z.array(referralTransitionView),
  permissions: referralPermissions,
});
export type Referral = z.infer<typeof referral>;

export const referralListItem = z.object({
  id: z.uuid(),
  status: statusEnum,
  person_name: z.string(),
  person_id: z.uuid().nullable(),
  service: z.object({ id: z.uuid().nullable(), name: z.string() }),
  receiving_structure: z.object({ id: z.uuid(), name: z.string() }),
  sender: z.object({ name: z.string().nullable(), structure_name: z.string().nullable() }),
  sent_at: z.string(),
  due_at: z.string(),
  overdue: z.boolean(),
});
export type ReferralListItem = z.infer<typeof referralListItem>;
export const referralList = paged(referralListItem).extend({
  /** Received: how many wait for an answer, and how many of them are overdue (whatever the filters). */
  counts: z.object({ to_answer: z.number().int(), overdue: z.number().int() }),
  /** Received: the services of my structures (the inbox's service filter); empty for sent. */
  services: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ReferralList = z.infer<typeof referralList>;

export const referralStats = z.object({
  items: z.array(
    z.object({
      structure_id: z.uuid(),
      structure_name: z.string(),
      /** Referrals sent to the structure in the period. */
      received: z.number().int(),
      /** Those whose answer was due by now (or already answered). */
      due: z.number().int(),
      answered_in_time: z.number().int(),
      answered_late: z.number().int(),
      unanswered_overdue: z.number().int(),
      /** answered_in_time / due, null when nothing was due. */
      share_in_time: z.number().nullable(),
    }),
  ),
});
export type ReferralStats = z.infer<typeof referralStats>;

/** How a service receives referrals: on the platform, by an e-mailed link, or not at all (then its phone and address). */
export const referralChannel = z.object({
  service_id: z.uuid(),
  service_name: z.string(),
  structure_name: z.string(),
  channel: z.enum(["platform", "email", "none"]),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** Prerequisites to tick: the service's access conditions and publics. */
  prerequisites: z.array(z.string()),
});
export type ReferralChannel = z.infer<typeof referralChannel>;

/** The page of the e-mailed link: only what was sent. */
export const referralLinkView = referral.omit({ permissions: true }).extend({
  permissions: z.object({ transitions: z.array(statusEnum) }),
});
export type ReferralLinkView = z.infer<typeof referralLinkView>;

export const tokenParams = z.object({ token: z.string().min(10).max(400) });
