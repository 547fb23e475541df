// Cohorts: the API contract (issue 11) and the form's schema. snake_case JSON.
import { z } from "../zod.ts";
import { COHORT_ADDED_HOW, COHORT_EXIT_REASONS } from "../domain/cohorts.ts";
import { communeCode, id, isoDate, todayInFrance } from "./common.ts";

/** An EPCI's SIREN (9 digits). */
export const epciCode = z.string().trim().regex(/^\d{9}$/, "Code EPCI invalide (SIREN à 9 chiffres)");

/**
 * Inclusion criteria: every criterion given must hold (AND); an absent one does not filter. A
 * yes/no criterion set to false requires the opposite (e.g. `single_parent: false` = not a single
 * parent). Ages are in whole years on the day of the evaluation (the territory's today).
 */
export const cohortCriteria = z
  .strictObject({
    age_min: z.number().int().min(0).max(120).optional(),
    age_max: z.number().int().min(0).max(120).optional(),
    /** The RSA right is open (droit ouvert, versable or suspended). */
    rsa_beneficiary: z.boolean().optional(),
    /** The file's situation flag `parent_isole`. */
    single_parent: z.boolean().optional(),
    /** The file's situation flag `rqth`. */
    rqth: z.boolean().optional(),
    /** Left an insertion action without a next step (common/domain/cohorts.ts). */
    left_action_without_solution: z.boolean().optional(),
    /** Lives in one of these communes or in a commune of one of these EPCI (either list matches). */
    commune_codes: z.array(communeCode).max(200).optional(),
    epci_codes: z.array(epciCode).max(50).optional(),
    /** RSA right opened between these dates (inclusive). */
    rsa_right_opened_from: isoDate.optional(),
    rsa_right_opened_to: isoDate.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.age_min !== undefined && c.age_max !== undefined && c.age_min > c.age_max) ctx.addIssue({ code: "custom", path: ["age_max"], message: "L'âge maximum est inférieur à l'âge minimum" });
    if (c.rsa_right_opened_from && c.rsa_right_opened_to && c.rsa_right_opened_from > c.rsa_right_opened_to)
      ctx.addIssue({ code: "custom", path: ["rsa_right_opened_to"], message: "La fin de la période est avant son début" });
  });
export type CohortCriteria = z.infer<typeof cohortCriteria>;

const cohortFields = {
  name: z.string().trim().min(1).max(150),
  criteria: cohortCriteria,
  starts_on: isoDate,
  ends_on: isoDate.nullable().optional(),
  expected_outcomes: z.string().trim().max(5000).nullable().optional(),
};

function periodCheck(v: { starts_on?: string | undefined; ends_on?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (v.starts_on && v.ends_on && v.ends_on < v.starts_on) ctx.addIssue({ code: "custom", path: ["ends_on"], message: "La fin de la période est avant son début" });
}

export const cohortCreateBody = z.strictObject({ territory_id: id, ...cohortFields }).superRefine(periodCheck);
export type CohortCreateBody = z.infer<typeof cohortCreateBody>;
export const cohortUpdateBody = z.strictObject(cohortFields).partial().superRefine(periodCheck);
export type CohortUpdateBody = z.infer<typeof cohortUpdateBody>;

export const cohortPermissions = z.object({
  update: z.boolean(),
  preview: z.boolean(),
  manage_members: z.boolean(),
  read_members: z.boolean(),
  read_outcomes: z.boolean(),
});
export type CohortPermissions = z.infer<typeof cohortPermissions>;

export const cohort = z.object({
  id,
  territory_id: id,
  territory_name: z.string(),
  name: z.string(),
  criteria: cohortCriteria,
  /** The communes and EPCI of the criteria with their names (official geography). */
  places: z.array(z.object({ kind: z.enum(["commune", "epci"]), code: z.string(), name: z.string() })),
  starts_on: z.string(),
  ends_on: z.string().nullable(),
  expected_outcomes: z.string().nullable(),
  /** Current members (no name: counts are for everyone who sees the cohort). */
  members_count: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  permissions: cohortPermissions,
});
export type Cohort = z.infer<typeof cohort>;

export const cohortListQuery = z.strictObject({ territory_id: id.optional() });
export const cohortList = z.object({
  items: z.array(cohort),
  /** Territories where the caller may create a cohort. */
  may_create_in: z.array(z.object({ id, name: z.string() })),
});

/** A person a list of the cohort shows (preview or members). */
const listedPerson = {
  person_id: id,
  first_names: z.string(),
  last_name: z.string(),
  birth_date: z.string(),
  commune_name: z.string().nullable(),
};

export const PREVIEW_PAGE_SIZE = 20;
/** Adding "all matching people" at once stops at this many (narrow the criteria past it). */
export const COHORT_BULK_ADD_MAX = 2000;

export const cohortPreviewBody = z.strictObject({
  /** The page after this person (keyset, by name). */
  after: id.optional(),
});
export const cohortPreview = z.object({
  /** Matching people of the territory who are not current members. */
  count: z.number().int(),
  items: z.array(z.object(listedPerson)),
  next_after: id.nullable(),
  /** The day the ages were computed on (the territory's today). */
  evaluated_on: z.string(),
});
export type CohortPreview = z.infer<typeof cohortPreview>;

const notFuture = (d: string) => d <= todayInFrance();

export const cohortMembersAddBody = z
  .strictObject({
    /** People to add (by hand, or ticked in the preview). */
    person_ids: z.array(id).min(1).max(500).optional(),
    /** Or every person the criteria match today (at most COHORT_BULK_ADD_MAX). */
    all_matching: z.literal(true).optional(),
    /** "criteria": the people were chosen in the preview (each must still match). Default "hand". */
    how: z.enum(COHORT_ADDED_HOW).optional(),
    /** Default: the territory's today. */
    joined_on: isoDate.refine(notFuture, "La date est dans le futur").optional(),
  })
  .superRefine((b, ctx) => {
    if (Boolean(b.person_ids) === Boolean(b.all_matching)) ctx.addIssue({ code: "custom", path: ["person_ids"], message: "Donnez les personnes à ajouter, ou all_matching" });
  });
export type CohortMembersAddBody = z.infer<typeof cohortMembersAddBody>;
export const cohortMembersAdded = z.object({ added: z.number().int(), person_ids: z.array(id) });

export const cohortMembersRemoveBody = z
  .strictObject({
    person_ids: z.array(id).min(1).max(500),
    exit_reason: z.enum(COHORT_EXIT_REASONS),
    exit_comment: z.string().trim().max(1000).nullable().optional(),
    /** Default: the territory's today. */
    left_on: isoDate.refine(notFuture, "La date est dans le futur").optional(),
  })
  .superRefine((b, ctx) => {
    if (b.exit_reason === "autre" && !b.exit_comment) ctx.addIssue({ code: "custom", path: ["exit_comment"], message: "Précisez le motif de sortie" });
  });
export type CohortMembersRemoveBody = z.infer<typeof cohortMembersRemoveBody>;
export const cohortMembersRemoved = z.object({ removed: z.number().int() });

export const COHORT_MEMBER_STATUSES = ["active", "left", "all"] as const;
export const cohortMembersQuery = z.strictObject({
  status: z.enum(COHORT_MEMBER_STATUSES).default("active"),
  after: id.optional(),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});
export const cohortMember = z.object({
  ...listedPerson,
  joined_on: z.string(),
  left_on: z.string().nullable(),
  exit_reason: z.enum(COHORT_EXIT_REASONS).nullable(),
  exit_comment: z.string().nullable(),
  added_how: z.enum(COHORT_ADDED_HOW),
  added_by_name: z.string().nullable(),
});
export type CohortMember = z.infer<typeof cohortMember>;
export const cohortMembers = z.object({
  items: z.array(cohortMember),
  total: z.number().int(),
  next_after: id.nullable(),
});

export const cohortOutcomeMonth = z.object({
  /** "2026-03". */
  month: z.string(),
  /** The counts are as of this day: the month's last day, or today for the current month. */
  as_of: z.string(),
  members: z.number().int(),
  joined: z.number().int(),
  left: z.number().int(),
  orientation_done: z.number().int(),
  contract_signed: z.number().int(),
  employment_or_training: z.number().int(),
  lost_from_view: z.number().int(),
});
export type CohortOutcomeMonth = z.infer<typeof cohortOutcomeMonth>;
export const cohortOutcomes = z.object({ cohort_id: id, months: z.array(cohortOutcomeMonth) });
export type CohortOutcomes = z.infer<typeof cohortOutcomes>;

/** A person's cohorts, on their file. */
export const personCohorts = z.object({
  items: z.array(
    z.object({
      cohort_id: id,
      name: z.string(),
      joined_on: z.string(),
      left_on: z.string().nullable(),
      exit_reason: z.enum(COHORT_EXIT_REASONS).nullable(),
      added_how: z.enum(COHORT_ADDED_HOW),
    }),
  ),
  /** Open cohorts of the person's territory they may be added to (empty when the caller may not add). */
  available: z.array(z.object({ id, name: z.string() })),
  permissions: z.object({ add: z.boolean() }),
});
export type PersonCohorts = z.infer<typeof personCohorts>;
export const personCohortAddBody = z.strictObject({ cohort_id: id });
