// The shared diagnostic: request and response shapes (API and web forms).
import { z } from "../zod.ts";
import {
  AVAILABILITIES,
  CONTRACT_KINDS,
  QUALIFICATION_LEVELS,
  WISHES,
  WORKING_TIMES,
  WORK_SITUATIONS,
} from "../domain/diagnostic.ts";
import { THEMATIC_SLUGS, WEIGHTS, type ThematicSlug } from "../domain/thematics.ts";
import { id, int4, int4Param, optionalText, pastDate, shortText } from "./common.ts";

export const assessmentInput = z.strictObject({
  weight: z.enum(WEIGHTS, "Poids inconnu : fort, moyen, sans-impact ou non-aborde"),
  /** Free text: never a medical diagnosis (DOMAIN.md §7). */
  situation: optionalText(2000),
  needs: optionalText(2000),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

function perThematic<T extends z.ZodType>(schema: T): Record<ThematicSlug, T> {
  return Object.fromEntries(THEMATIC_SLUGS.map((slug) => [slug, schema])) as Record<ThematicSlug, T>;
}

export const projectInput = z.strictObject({
  job: shortText(200),
  contract_kinds: z.array(z.enum(CONTRACT_KINDS)).max(CONTRACT_KINDS.length).default([]),
  working_time: z.enum(WORKING_TIMES).nullish(),
});

export const professionalInput = z.strictObject({
  work_situation: z.enum(WORK_SITUATIONS).nullish(),
  work_situation_since: pastDate().nullish(),
  last_job_end_date: pastDate().nullish(),
  qualification_level: z.enum(QUALIFICATION_LEVELS).nullish(),
  projects: z.array(projectInput).max(5).default([]),
  skills: optionalText(2000),
  availability: z.enum(AVAILABILITIES).nullish(),
  wish: z.enum(WISHES).nullish(),
  mobility: z
    .strictObject({
      driving_licence: z.boolean().nullish(),
      vehicle: z.boolean().nullish(),
      radius_km: z.number().int().min(0).max(1000).nullish(),
    })
    .optional(),
});
export type ProfessionalInput = z.infer<typeof professionalInput>;

/**
 * PUT: the whole diagnostic (replacement): thematics left out are "non abordé", a missing
 * professional side is empty. `base_version` is the version the form was loaded from (0 when
 * there was none); a newer version on the server answers 409 with the latest one.
 */
export const diagnosticBody = z.strictObject({
  base_version: int4(0),
  thematics: z.strictObject(perThematic(assessmentInput.optional())).default({}),
  professional: professionalInput.optional(),
});
export type DiagnosticBody = z.infer<typeof diagnosticBody>;
export type DiagnosticBodyInput = z.input<typeof diagnosticBody>;

const actorRef = z.object({ name: z.string(), structure_name: z.string().nullable() });

export const assessment = z.object({
  weight: z.enum(WEIGHTS),
  situation: z.string().nullable(),
  needs: z.string().nullable(),
  assessed_by: z.object({ user_id: id, name: z.string(), structure_name: z.string().nullable(), at: z.string() }).nullable(),
});

export const professional = z.object({
  work_situation: z.enum(WORK_SITUATIONS).nullable(),
  work_situation_since: z.string().nullable(),
  last_job_end_date: z.string().nullable(),
  qualification_level: z.enum(QUALIFICATION_LEVELS).nullable(),
  projects: z.array(z.object({ job: z.string(), contract_kinds: z.array(z.enum(CONTRACT_KINDS)), working_time: z.enum(WORKING_TIMES).nullable() })),
  skills: z.string().nullable(),
  availability: z.enum(AVAILABILITIES).nullable(),
  wish: z.enum(WISHES).nullable(),
  mobility: z.object({ driving_licence: z.boolean().nullable(), vehicle: z.boolean().nullable(), radius_km: z.number().nullable() }),
});

export const diagnostic = z.object({
  person_id: id,
  /** 0 before the first save. */
  version: z.number().int(),
  created_at: z.string().nullable(),
  author: actorRef.nullable(),
  thematics: z.object(perThematic(assessment)),
  professional,
  permissions: z.object({ update: z.boolean() }),
});
export type Diagnostic = z.infer<typeof diagnostic>;

export const diagnosticVersionItem = z.object({
  version: z.number().int(),
  created_at: z.string(),
  author: actorRef,
  /** Number of changes from the previous version. */
  changes: z.number().int(),
});
export const diagnosticVersions = z.object({ items: z.array(diagnosticVersionItem) });

export const versionParams = z.object({ id, version: int4Param(1) });

export const diagnosticDiffQuery = z.strictObject({
  /** 0 = the empty diagnostic. */
  from: int4Param(0),
  to: int4Param(0),
});

export const diagnosticChange = z.object({
  section: z.enum(["thematic", "professional"]),
  thematic: z.enum(THEMATIC_SLUGS).nullable(),
  section_label: z.string(),
  field: z.string(),
  field_label: z.string(),
  before: z.string(),
  after: z.string(),
});
export type DiagnosticChangeView = z.infer<typeof diagnosticChange>;
export const diagnosticDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(diagnosticChange) });
