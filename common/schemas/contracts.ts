// Contracts ("contrat d'engagement" and the older types).
import { z } from "../zod.ts";
import { CONTRACT_STATUSES, CONTRACT_TYPES, DEFAULT_WEEKLY_HOURS, MAX_WEEKLY_HOURS, SIGNATURE_METHODS, weeklyHoursNeedReason } from "../domain/contracts.ts";
import { id, int4, isoDate, optionalText, pastDate } from "./common.ts";

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

/** PATCH: the fields to change, and the version the form was loaded from. */
export const contractUpdateBody = z.strictObject({ ...fields, base_version: int4(1) }).partial().required({ base_version: true });
export type ContractUpdateBody = z.infer<typeof contractUpdateBody>;

const actorRef = z.object({ name: z.string(), structure_name: z.string().nullable() });

export const contract = z.object({
  id,
  person_id: id,
  type: z.enum(CONTRACT_TYPES),
  status: z.enum(CONTRACT_STATUSES),
  objectives: z.string().nullable(),
  person_commitments: z.string().nullable(),
  structure_commitments: z.string().nullable(),
  weekly_hours: z.number().int(),
  weekly_hours_reason: z.string().nullable(),
  starts_on: z.string(),
  ends_on: z.string(),
  signed_on: z.string().nullable(),
  signature_method: z.enum(SIGNATURE_METHODS).nullable(),
  structure: z.object({ id, name: z.string() }).nullable(),
  orientation_id: id.nullable(),
  version: z.number().int(),
  created_by: actorRef,
  created_at: z.string(),
  updated_at: z.string(),
  versions: z.array(z.object({ version: z.number().int(), at: z.string(), author: actorRef, fields: z.array(z.string()) })),
});
export type Contract = z.infer<typeof contract>;
export const contractList = z.object({ items: z.array(contract) });
