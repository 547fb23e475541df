// Orientation: recommendation, decisions, réorientation requests, and the territory's settings of
// the rule.
import { z } from "../zod.ts";
import { ACCESS_LOG_RETENTION_MONTHS } from "../domain/access-log.ts";
import { QUALIFICATION_LEVELS } from "../domain/diagnostic.ts";
import { TRACKS, type OrientationPoints } from "../domain/orientation.ts";
import { id, optionalText, pastDate, shortText } from "./common.ts";

export const recommendation = z.object({
  /** Null when the file lacks the minimum information (then `missing` says what to complete). */
  track: z.enum(TRACKS).nullable(),
  sufficient: z.boolean(),
  score: z.number(),
  reasons: z.array(z.string()),
  factors: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() })),
  missing: z.array(z.string()),
  /** The diagnostic version it was computed from (0: none yet). */
  diagnostic_version: z.number().int(),
});
export type Recommendation = z.infer<typeof recommendation>;

/** A decision: the track, the organisme référent, the référent, dates and reason. */
export const orientationBody = z
  .strictObject({
    track: z.enum(TRACKS),
    /** The organisme référent. */
    structure_id: id,
    /** The référent unique: a membership (professional or coordinator) of that structure. */
    referent_membership_id: id.nullish(),
    /** Defaults to today. */
    decided_on: pastDate("La date de décision est dans le futur").optional(),
    /** When the person was notified; defaults to the decision date. Starts the contract's month. */
    notified_on: pastDate("La date de notification est dans le futur").nullish(),
    /** Why; required when the track differs from the recommendation, or when there was none. */
    reason: optionalText(2000),
  })
  .superRefine((b, ctx) => {
    if (b.notified_on && b.decided_on && b.notified_on < b.decided_on) {
      ctx.addIssue({ code: "custom", path: ["notified_on"], message: "La notification ne peut pas précéder la décision" });
    }
  });
export type OrientationBody = z.infer<typeof orientationBody>;

const actorRef = z.object({ name: z.string(), structure_name: z.string().nullable() });

export const orientation = z.object({
  id,
  person_id: id,
  track: z.enum(TRACKS),
  structure: z.object({ id, name: z.string() }),
  referent: z.object({ membership_id: id, name: z.string(), structure_name: z.string() }).nullable(),
  decided_on: z.string(),
  notified_on: z.string(),
  reason: z.string().nullable(),
  /** Null when there was not enough information to recommend. */
  recommended_track: z.enum(TRACKS).nullable(),
  recommendation_reasons: z.array(z.string()),
  differs_from_recommendation: z.boolean(),
  is_reorientation: z.boolean(),
  decided_by: actorRef,
  created_at: z.string(),
});
export type Orientation = z.infer<typeof orientation>;
export const orientationList = z.object({ items: z.array(orientation), current: orientation.nullable() });

export const REORIENTATION_STATUSES = ["pending", "accepted", "refused"] as const;
export const reorientationRequestBody = z.strictObject({
  reason: shortText(2000),
  proposed_track: z.enum(TRACKS).nullish(),
  proposed_structure_id: id.nullish(),
});
export type ReorientationRequestBody = z.infer<typeof reorientationRequestBody>;

export const reorientationDecisionBody = z
  .strictObject({
    decision: z.enum(["accept", "refuse"]),
    /** Required when refusing. */
    reason: optionalText(2000),
    /** The new orientation, required when accepting. */
    orientation: orientationBody.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === "refuse" && !b.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Donnez la raison du refus" });
    if (b.decision === "accept" && !b.orientation) ctx.addIssue({ code: "custom", path: ["orientation"], message: "Décrivez la nouvelle orientation" });
  });
export type ReorientationDecisionBody = z.infer<typeof reorientationDecisionBody>;

export const reorientationRequest = z.object({
  id,
  person_id: id,
  status: z.enum(REORIENTATION_STATUSES),
  reason: z.string(),
  proposed_track: z.enum(TRACKS).nullable(),
  proposed_structure: z.object({ id, name: z.string() }).nullable(),
  requested_by: actorRef,
  created_at: z.string(),
  decided_at: z.string().nullable(),
  decided_by: actorRef.nullable(),
  decision_reason: z.string().nullable(),
  orientation_id: id.nullable(),
});
export type ReorientationRequest = z.infer<typeof reorientationRequest>;
export const reorientationRequestList = z.object({ items: z.array(reorientationRequest) });

// ——— Territory settings ———

const points = z.number().int().min(-20).max(20);
const POINT_KEYS = [
  "strong_difficulty",
  "medium_difficulty",
  "recent_work",
  "no_recent_work",
  "long_inactivity",
  "low_qualification",
  "senior",
  "disability",
  "wish_employment",
  "wish_difficulties",
] as const satisfies readonly (keyof OrientationPoints)[];
const perPoint = <T extends z.ZodType>(schema: T) => Object.fromEntries(POINT_KEYS.map((k) => [k, schema])) as Record<(typeof POINT_KEYS)[number], T>;

export const orientationRuleOverride = z.strictObject({
  recent_work_months: z.number().int().min(1).max(240).optional(),
  long_inactivity_months: z.number().int().min(1).max(600).optional(),
  senior_age: z.number().int().min(16).max(80).optional(),
  young_age_limit: z.number().int().min(16).max(40).optional(),
  low_qualification_max: z.enum(QUALIFICATION_LEVELS).optional(),
  points: z.strictObject(perPoint(points.optional())).optional(),
  professional_max_score: z.number().int().min(-50).max(100).optional(),
  socio_professional_max_score: z.number().int().min(-50).max(100).optional(),
});

export const territorySettingsBody = z.strictObject({
  orientation_rule: orientationRuleOverride.optional(),
  /** Team members may decide the orientation of people their own structure will accompany. */
  structures_may_decide_orientation: z.boolean().optional(),
  deadlines: z
    .strictObject({
      soon_days: z.number().int().min(0).max(60).optional(),
      contact_months: z.number().int().min(1).max(24).optional(),
    })
    .optional(),
  /** How long the access log of the territory's people stays online (absent: the default, 12 months). */
  access_log: z
    .strictObject({
      retention_months: z.number().int().min(ACCESS_LOG_RETENTION_MONTHS.min).max(ACCESS_LOG_RETENTION_MONTHS.max).optional(),
    })
    .optional(),
});
export type TerritorySettingsBody = z.infer<typeof territorySettingsBody>;

export const territorySettings = z.object({
  territory_id: id,
  /** What the territory set. */
  settings: territorySettingsBody,
  /** The values in force: defaults with the territory's overrides. */
  effective: z.object({
    orientation_rule: z.object({
      recent_work_months: z.number(),
      long_inactivity_months: z.number(),
      senior_age: z.number(),
      young_age_limit: z.number(),
      low_qualification_max: z.enum(QUALIFICATION_LEVELS),
      points: z.object(perPoint(z.number())),
      professional_max_score: z.number(),
      socio_professional_max_score: z.number(),
    }),
    structures_may_decide_orientation: z.boolean(),
    deadlines: z.object({ orientation_weeks: z.number(), contract_months: z.number(), contact_months: z.number(), soon_days: z.number() }),
    access_log: z.object({ retention_months: z.number() }),
  }),
  can_update: z.boolean(),
});

/** Structures of the person's territory and their référents, to choose from when deciding. */
export const orientationOptions = z.object({
  structures: z.array(
    z.object({
      id,
      name: z.string(),
      /** The caller may choose it as organisme référent. */
      may_decide: z.boolean(),
      referents: z.array(z.object({ membership_id: id, name: z.string(), role: z.string() })),
    }),
  ),
});
export type OrientationOptions = z.infer<typeof orientationOptions>;
