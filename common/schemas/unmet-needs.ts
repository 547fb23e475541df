// Unmet needs ("besoins sans solution"): what a professional looked for and did not find, where, for
// whom; counted per thematic, commune/EPCI and month for the territory's coordination and steering.
import { z } from "../zod.ts";
import { THEMATIC_SLUGS } from "../domain/thematics.ts";
import { communeCode, id, isoDate, optionalText, pageQuery, shortText } from "./common.ts";

export const UNMET_NEED_URGENCIES = ["normal", "urgent"] as const;
export type UnmetNeedUrgency = (typeof UNMET_NEED_URGENCIES)[number];
export const UNMET_NEED_URGENCY_LABELS: Record<UnmetNeedUrgency, string> = { normal: "Normale", urgent: "Urgente" };

export const UNMET_NEED_STATUSES = ["open", "solved", "abandoned"] as const;
export type UnmetNeedStatus = (typeof UNMET_NEED_STATUSES)[number];
export const UNMET_NEED_STATUS_LABELS: Record<UnmetNeedStatus, string> = { open: "Sans solution", solved: "Résolu", abandoned: "Abandonné" };

/** What was looked for: a short statement of the need, never the person's identity. */
export const UNMET_NEED_DESCRIPTION_MAX = 1000;
export const UNMET_NEED_REASON_MAX = 600;

export const unmetNeedCreateBody = z.strictObject({
  thematic: z.enum(THEMATIC_SLUGS, "Choisissez une des 10 thématiques"),
  commune_code: communeCode,
  description: shortText(UNMET_NEED_DESCRIPTION_MAX),
  urgency: z.enum(UNMET_NEED_URGENCIES).default("normal"),
  /** The person concerned, if any: only a member of their team records it (the read is logged). */
  person_id: id.nullish(),
  /** The referral whose refusal or expiry left the need unmet, if any. */
  referral_id: id.nullish(),
  /** The membership (structure) on whose behalf the need is recorded; defaults to the first accompanying one. */
  membership_id: id.optional(),
});
export type UnmetNeedCreateBody = z.infer<typeof unmetNeedCreateBody>;

/**
 * A change to a need: close it as solved (with the service or the referral that solved it) or
 * abandoned (with a reason); or, while it is open, correct its description or urgency.
 */
export const unmetNeedUpdateBody = z.strictObject({
  status: z.enum(["solved", "abandoned"]).optional(),
  service_id: id.nullish(),
  referral_id: id.nullish(),
  reason: optionalText(UNMET_NEED_REASON_MAX),
  description: shortText(UNMET_NEED_DESCRIPTION_MAX).optional(),
  urgency: z.enum(UNMET_NEED_URGENCIES).optional(),
});
export type UnmetNeedUpdateBody = z.infer<typeof unmetNeedUpdateBody>;

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

export const unmetNeedListQuery = z.strictObject({
  status: z.enum(UNMET_NEED_STATUSES).optional(),
  thematic: z.enum(THEMATIC_SLUGS).optional(),
  commune_code: communeCode.optional(),
  epci: z.string().trim().regex(/^\d{9}$/, "Code EPCI invalide (9 chiffres)").optional(),
  territory_id: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only the needs I recorded. */
  mine: boolParam.optional(),
  ...pageQuery,
});
export type UnmetNeedListQuery = z.infer<typeof unmetNeedListQuery>;

export const unmetNeedSummaryQuery = z.strictObject({
  territory_id: id,
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(UNMET_NEED_STATUSES).optional(),
  thematic: z.enum(THEMATIC_SLUGS).optional(),
});
export type UnmetNeedSummaryQuery = z.infer<typeof unmetNeedSummaryQuery>;

export const unmetNeedExportQuery = unmetNeedSummaryQuery;

const place = z.object({ code: z.string(), name: z.string() });

export const unmetNeed = z.object({
  id,
  thematic: z.enum(THEMATIC_SLUGS),
  thematic_label: z.string(),
  commune: place,
  epci: place.nullable(),
  departement: place,
  territory_id: id.nullable(),
  description: z.string(),
  urgency: z.enum(UNMET_NEED_URGENCIES),
  /** Shown to those who may read the person's file now (the listing is logged); null for the others. */
  person_id: id.nullable(),
  /** Whether a person was named (steering sees this, never who). */
  has_person: z.boolean(),
  referral_id: id.nullable(),
  service: z.object({ id, nom: z.string() }).nullable(),
  status: z.enum(UNMET_NEED_STATUSES),
  closed_at: z.string().nullable(),
  closed_reason: z.string().nullable(),
  created_at: z.string(),
  /** Who recorded it: their structure (the author's name only for the author and coordinators). */
  created_by: z.object({ name: z.string().nullable(), structure_name: z.string().nullable(), mine: z.boolean() }),
  permissions: z.object({ update: z.boolean(), close: z.boolean() }),
});
export type UnmetNeed = z.infer<typeof unmetNeed>;

export const unmetNeedList = z.object({ items: z.array(unmetNeed), total: z.number().int() });
export type UnmetNeedList = z.infer<typeof unmetNeedList>;

const counts = { count: z.number().int(), open: z.number().int(), solved: z.number().int(), abandoned: z.number().int(), urgent: z.number().int() };

export const unmetNeedSummary = z.object({
  territory_id: id,
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: z.number().int(),
  /** Per thematic, the 10 thematics always listed (0 when none). */
  items: z.array(z.object({ thematic: z.enum(THEMATIC_SLUGS), label: z.string(), ...counts })),
  communes: z.array(z.object({ code: z.string(), name: z.string(), epci: z.string().nullable(), ...counts })),
  epcis: z.array(z.object({ code: z.string().nullable(), name: z.string(), ...counts })),
  /** Per month (AAAA-MM, in the territory's time zone). */
  months: z.array(z.object({ month: z.string(), ...counts })),
  /** Per thematic and month (the table of the page). */
  thematic_months: z.array(z.object({ thematic: z.enum(THEMATIC_SLUGS), month: z.string(), count: z.number().int() })),
});
export type UnmetNeedSummary = z.infer<typeof unmetNeedSummary>;
