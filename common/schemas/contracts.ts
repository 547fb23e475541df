// Contracts ("contrat d'engagement" and the older types).
import { z } from "../zod.ts";
import {
  CONTRACT_PERIODS,
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  CONTRACT_VERSION_KINDS,
  DEFAULT_WEEKLY_HOURS,
  MAX_WEEKLY_HOURS,
  SIGNATURE_METHODS,
  weeklyHoursNeedReason,
} from "../domain/contracts.ts";
import { id, int4, isoDate, optionalText, pastDate } from "./common.ts";

const notInFuture = pastDate("La date de signature est dans le futur");

const fields = {
  type: z.enum(CONTRACT_TYPES),
  objectives: optionalText(4000),
  person_commitments: optionalText(4000),
  structure_commitments: optionalText(4000),
  weekly_hours: z.number().int().min(0).max(MAX_WEEKLY_HOURS),
  /** Required when the weekly activity target is under 15 hours (reduced or waived). */
  weekly_hours_reason: optionalText(1000),
  starts_on: isoDate,
  ends_on: isoDate,
  signed_on: pastDate("La date de signature est dans le futur").nullish(),
  signature_method: z.enum(SIGNATURE_METHODS).nullish(),
};

export interface ContractRuleFields {
  objectives?: string | null | undefined;
  person_commitments?: string | null | undefined;
  structure_commitments?: string | null | undefined;
  weekly_hours: number;
  weekly_hours_reason?: string | null | undefined;
  starts_on: string;
  ends_on: string;
  signed_on?: string | null | undefined;
  signature_method?: string | null | undefined;
}

/** The checks across fields, shared by the schema (POST) and the service (PATCH, on the merged contract). */
export function contractIssues(c: ContractRuleFields): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (![c.objectives, c.person_commitments, c.structure_commitments].some((t) => typeof t === "string" && t.trim() !== "")) {
    issues.push({ path: "objectives", message: "Indiquez au moins un objectif ou un engagement (de la personne ou de la structure)" });
  }
  if (c.ends_on < c.starts_on) issues.push({ path: "ends_on", message: "Le contrat ne peut pas finir avant de commencer" });
  if (weeklyHoursNeedReason(c.weekly_hours) && !c.weekly_hours_reason) {
    issues.push({ path: "weekly_hours_reason", message: `Un objectif d'activité inférieur à ${DEFAULT_WEEKLY_HOURS} heures par semaine doit être motivé` });
  }
  if (c.signed_on && !c.signature_method) issues.push({ path: "signature_method", message: "Indiquez comment le contrat a été signé" });
  if (!c.signed_on && c.signature_method) issues.push({ path: "signed_on", message: "Indiquez la date de signature" });
  return issues;
}

export const contractCreateBody = z
  .strictObject({
    ...fields,
    type: fields.type.default("contrat_engagement"),
    weekly_hours: fields.weekly_hours.default(DEFAULT_WEEKLY_HOURS),
  })
  .superRefine((b, ctx) => {
    for (const issue of contractIssues(b)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });
export type ContractCreateBody = z.infer<typeof contractCreateBody>;
export type ContractCreateInput = z.input<typeof contractCreateBody>;

const contentFields = {
  type: fields.type,
  objectives: fields.objectives,
  person_commitments: fields.person_commitments,
  structure_commitments: fields.structure_commitments,
  weekly_hours: fields.weekly_hours,
  weekly_hours_reason: fields.weekly_hours_reason,
  starts_on: fields.starts_on,
  ends_on: fields.ends_on,
};
const baseVersion = int4(1);

/** PATCH (a draft only): the fields to change, and the version the form was loaded from. */
export const contractUpdateBody = z.strictObject({ ...contentFields, base_version: baseVersion }).partial().required({ base_version: true });
export type ContractUpdateBody = z.infer<typeof contractUpdateBody>;

/** Recording the signature of a draft. */
export const contractSignBody = z.strictObject({ base_version: baseVersion, signed_on: notInFuture, signature_method: z.enum(SIGNATURE_METHODS) });
export type ContractSignBody = z.infer<typeof contractSignBody>;

/** An avenant to a signed contract: why, and the fields it changes. */
export const contractAmendBody = z.strictObject({ ...contentFields, base_version: baseVersion, reason: z.string().trim().min(1, "Indiquez le motif de l'avenant").max(2000) }).partial().required({ base_version: true, reason: true });
export type ContractAmendBody = z.infer<typeof contractAmendBody>;

/** Ending a signed contract: when, and why. */
export const contractEndBody = z.strictObject({ base_version: baseVersion, ended_on: isoDate, reason: z.string().trim().min(1, "Indiquez pourquoi le contrat prend fin").max(2000) });
export type ContractEndBody = z.infer<typeof contractEndBody>;

/** Renewing: the next contract, a draft copied from this one; its dates default to the following period of the same length. */
export const contractRenewBody = z
  .strictObject({ starts_on: isoDate.optional(), ends_on: isoDate.optional() })
  .superRefine((b, ctx) => {
    if (b.starts_on && b.ends_on && b.ends_on < b.starts_on) ctx.addIssue({ code: "custom", path: ["ends_on"], message: "Le contrat ne peut pas finir avant de commencer" });
  });
export type ContractRenewBody = z.infer<typeof contractRenewBody>;

const actorRef = z.object({ name: z.string(), structure_name: z.string().nullable() });

export const contract = z.object({
  id,
  person_id: id,
  type: z.enum(CONTRACT_TYPES),
  /** draft → signed → amended (after an avenant) → ended. */
  status: z.enum(CONTRACT_STATUSES),
  /** For a signed contract: before, within or after its dates. */
  period: z.enum(CONTRACT_PERIODS).nullable(),
  objectives: z.string().nullable(),
  person_commitments: z.string().nullable(),
  structure_commitments: z.string().nullable(),
  weekly_hours: z.number().int(),
  weekly_hours_reason: z.string().nullable(),
  starts_on: z.string(),
  ends_on: z.string(),
  signed_on: z.string().nullable(),
  signature_method: z.enum(SIGNATURE_METHODS).nullable(),
  ended_on: z.string().nullable(),
  end_reason: z.string().nullable(),
  /** The contract this one renews, and the one that renewed it. */
  renewed_from_id: id.nullable(),
  renewed_by_id: id.nullable(),
  structure: z.object({ id, name: z.string() }).nullable(),
  orientation_id: id.nullable(),
  version: z.number().int(),
  created_by: actorRef,
  created_at: z.string(),
  updated_at: z.string(),
  versions: z.array(z.object({ version: z.number().int(), kind: z.enum(CONTRACT_VERSION_KINDS), reason: z.string().nullable(), at: z.string(), author: actorRef, fields: z.array(z.string()) })),
  /** What the caller may do with this contract now (its state and the caller's rights). */
  permissions: z.object({ edit: z.boolean(), sign: z.boolean(), amend: z.boolean(), end: z.boolean(), renew: z.boolean() }),
});
export type Contract = z.infer<typeof contract>;
export const contractList = z.object({ items: z.array(contract) });
