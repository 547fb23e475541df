import { z } from "../zod.ts";
import { isValidNir } from "../domain/identifiers.ts";
import { RSA_STATUSES, SITUATION_FLAGS } from "../domain/person.ts";
import { address, email, id, isoDate, optionalText, paged, pageQuery, pastDate, phone, shortText } from "./common.ts";
import { deadlines } from "./pathway.ts";

const birthDate = pastDate("La date de naissance est dans le futur");

const personFields = {
  first_names: shortText(200),
  last_name: shortText(200),
  birth_name: optionalText(200),
  birth_date: birthDate,
  email: email.nullish(),
  phone: phone.nullish(),
  address: address.nullish(),
  caf_number: z.string().trim().regex(/^[0-9A-Za-z]{1,20}$/, "Numéro allocataire invalide (chiffres et lettres, 20 au plus)").nullish(),
  france_travail_id: z.string().trim().regex(/^[0-9A-Za-z]{1,20}$/, "Identifiant France Travail invalide").nullish(),
  department_id: z.string().trim().max(50).nullish(),
  /** Write only: stored encrypted, answered as nir_masked. */
  nir: z.string().trim().refine(isValidNir, "NIR invalide (15 caractères, clé de contrôle)").nullish(),
  rsa_right_opened_on: pastDate("La date d'ouverture du droit RSA est dans le futur").nullish(),
  rsa_status: z.enum(RSA_STATUSES).nullish(),
  situation_flags: z.array(z.enum(SITUATION_FLAGS)).max(SITUATION_FLAGS.length).optional(),
  territory_id: id.nullish(),
};

export const personCreateBody = z.strictObject({
  ...personFields,
  /** Which of the caller's memberships joins the team (defaults to the first professional one). */
  membership_id: id.optional(),
  /** The caller checked the homonyms listed in a previous 409 and confirms this is someone else. */
  confirm_not_duplicate: z.boolean().optional(),
});
export type PersonCreateBody = z.infer<typeof personCreateBody>;

export const personUpdateBody = z.strictObject(personFields).partial();
export type PersonUpdateBody = z.infer<typeof personUpdateBody>;

export const personPermissions = z.object({
  read: z.boolean(),
  update: z.boolean(),
  manage_team: z.boolean(),
  read_access_log: z.boolean(),
  /** Only coordinators of the territory move a person to another territory. */
  change_territory: z.boolean(),
  /** Only coordinators of the territory merge two files (of territories they coordinate). */
  merge: z.boolean(),
});
export type PersonPermissions = z.infer<typeof personPermissions>;

const referent = z.object({ user_id: id, name: z.string(), structure_name: z.string() }).nullable();

export const person = z.object({
  id,
  first_names: z.string(),
  last_name: z.string(),
  birth_name: z.string().nullable(),
  birth_date: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.object({
    street: z.string().nullable(),
    complement: z.string().nullable(),
    postal_code: z.string().nullable(),
    commune_code: z.string().nullable(),
    commune_name: z.string().nullable(),
  }),
  caf_number: z.string().nullable(),
  france_travail_id: z.string().nullable(),
  department_id: z.string().nullable(),
  nir_masked: z.string().nullable(),
  rsa_right_opened_on: z.string().nullable(),
  rsa_status: z.enum(RSA_STATUSES).nullable(),
  situation_flags: z.array(z.enum(SITUATION_FLAGS)),
  territory: z.object({ id, name: z.string() }).nullable(),
  referent,
  created_at: z.string(),
  updated_at: z.string(),
  permissions: personPermissions,
});
export type Person = z.infer<typeof person>;

export const personCreated = z.object({ id });

/** "urgency": the earliest stored due date (orientation/contract or contact) first. */
export const PERSON_SORTS = ["name", "-name", "updated_at", "-updated_at", "birth_date", "-birth_date", "urgency", "-urgency"] as const;
const flag = z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] }).optional();
export const personListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  sort: z.enum(PERSON_SORTS).default("name"),
  /** Only people with an overdue legal deadline (orientation or contract). */
  overdue: flag,
  /** Only people without a référent unique. */
  no_referent: flag,
  /** Only people without contact for 3 months (or the territory's setting). */
  no_contact_3_months: flag,
  /**
   * Keyset pagination: the page after this person (the `next_after` of the previous page), in the
   * same sort and filters; `page` is then ignored. Page numbers reach the first PEOPLE_LIST_CAP people.
   */
  after: id.optional(),
  ...pageQuery,
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const personListItem = z.object({
  id,
  first_names: z.string(),
  last_name: z.string(),
  birth_date: z.string(),
  commune_name: z.string().nullable(),
  referent,
  is_referent: z.boolean(),
  updated_at: z.string(),
  deadlines,
});
export type PersonListItem = z.infer<typeof personListItem>;
/** Lists count up to this many people; past it the total reads "1 000+" (total_is_capped). */
export const PEOPLE_LIST_CAP = 1000;
export const personList = z.object({
  items: z.array(personListItem),
  /** The number of people, at most PEOPLE_LIST_CAP. */
  total: z.number().int(),
  /** There are more than PEOPLE_LIST_CAP people: show "1 000+". */
  total_is_capped: z.boolean(),
  /** The `after` of the next page, null on the last one. */
  next_after: id.nullable(),
});

export const teamMember = z.object({
  id,
  user: z.object({ id, name: z.string(), email: z.string() }),
  structure: z.object({ id, name: z.string() }),
  membership_id: id,
  is_referent: z.boolean(),
  joined_at: z.string(),
});
export type TeamMember = z.infer<typeof teamMember>;
export const team = z.object({ members: z.array(teamMember), permissions: personPermissions });

export const setReferentBody = z.strictObject({ member_id: id });

/**
 * One candidate of a 409 duplicate answer: nothing of the file, only who follows the person, and
 * why it may be the same person (compared with what the caller typed: common/domain/duplicates.ts).
 */
export const duplicateCandidate = z.object({
  person_id: id,
  match: z.enum(["identifier", "similar"]),
  /** 1 for an identifier in common; 0.6 × names + 0.4 × birth date otherwise. */
  score: z.number().min(0).max(1),
  /** In French: "Date de naissance à un jour près", "Nom et prénom inversés"… */
  reasons: z.array(z.string()),
  followed_by: z.array(z.string()),
  already_in_team: z.boolean(),
  join_request_pending: z.boolean(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

export const JOIN_REQUEST_STATUSES = ["pending", "approved", "rejected", "cancelled"] as const;
export const joinRequestBody = z.strictObject({
  membership_id: id.optional(),
  message: optionalText(1000),
});
export const joinRequest = z.object({
  id,
  person_id: id,
  /** Only when the caller may read the file. */
  person_name: z.string().nullable(),
  requester: z.object({ user_id: id, name: z.string(), structure_name: z.string() }),
  message: z.string().nullable(),
  status: z.enum(JOIN_REQUEST_STATUSES),
  created_at: z.string(),
  decided_at: z.string().nullable(),
  decision_reason: z.string().nullable(),
  can_decide: z.boolean(),
});
export type JoinRequest = z.infer<typeof joinRequest>;
export const joinRequestListQuery = z.strictObject({
  status: z.enum(JOIN_REQUEST_STATUSES).optional(),
  ...pageQuery,
});
export const joinRequestList = paged(joinRequest);
export const joinRequestDecisionBody = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  reason: optionalText(1000),
});

export const accessLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  user_name: z.string(),
  structure_name: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  route: z.string(),
  reason: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
export const accessLogQuery = z
  .strictObject({
    ...pageQuery,
    /** raw: one row per recorded access; visits: one line per visit, in words. */
    view: z.enum(["raw", "visits"]).default("raw"),
    /** Period, inclusive (dates of Paris). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Only the accesses of this professional. */
    user_id: id.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "La fin de la période précède son début" });
export type AccessLogQuery = z.infer<typeof accessLogQuery>;
export const accessLog = paged(accessLogEntry);

/** One visit: the accesses of one professional, through one membership, less than 30 minutes apart. */
export const accessLogVisit = z.object({
  id: z.string(),
  started_at: z.string(),
  ended_at: z.string(),
  user: z.object({ id, name: z.string() }),
  structure_name: z.string().nullable(),
  reason: z.string(),
  reason_label: z.string(),
  /** "a consulté l'identité et le diagnostic ; a modifié le plan d'action" */
  summary: z.string(),
  accesses: z.number().int(),
});
export type AccessLogVisit = z.infer<typeof accessLogVisit>;
export const accessLogVisits = paged(accessLogVisit).extend({
  /** Everyone who accessed the file (to filter by professional). */
  viewers: z.array(z.object({ id, name: z.string() })),
});

export const timelineEvent = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  summary: z.string(),
  actor: z.object({ name: z.string(), structure_name: z.string().nullable() }).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;
export const timeline = z.object({ items: z.array(timelineEvent) });

// ——— Merging two files (coordinators of the territory) ———

export const mergePreviewQuery = z.strictObject({ merged_id: id });
export const mergeBody = z.strictObject({
  merged_id: id,
  /** The merge cannot be undone: the caller confirms they read the preview. */
  confirm: z.literal(true, { error: "Confirmez la fusion : elle ne peut pas être annulée" }),
});

/** What one of the two files holds, side by side in the preview. */
export const mergeSide = z.object({
  id,
  first_names: z.string(),
  last_name: z.string(),
  birth_name: z.string().nullable(),
  birth_date: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  commune_name: z.string().nullable(),
  caf_number: z.string().nullable(),
  france_travail_id: z.string().nullable(),
  department_id: z.string().nullable(),
  nir_masked: z.string().nullable(),
  territory_name: z.string().nullable(),
  referent: z.object({ name: z.string(), structure_name: z.string() }).nullable(),
  created_at: z.string(),
  /** Rows per part of the file: diagnostic_versions, orientations, contracts… */
  counts: z.record(z.string(), z.number().int()),
});
export type MergeSide = z.infer<typeof mergeSide>;

export const mergeConflict = z.object({
  field: z.string(),
  /** In French: what differs and which value the kept file keeps. */
  message: z.string(),
  /** A conflict that refuses the merge (different NIRs, two pending réorientation requests). */
  blocking: z.boolean(),
});

export const mergePreview = z.object({
  kept: mergeSide,
  merged: mergeSide,
  conflicts: z.array(mergeConflict),
  can_merge: z.boolean(),
});
export type MergePreview = z.infer<typeof mergePreview>;

export const mergeResult = z.object({
  kept_id: id,
  merged_id: id,
  /** Rows moved to the kept file, per table. */
  moved: z.record(z.string(), z.number().int()),
});
