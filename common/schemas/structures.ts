import { z } from "../zod.ts";
import { isValidSiret } from "../domain/identifiers.ts";
import { MEMBERSHIP_ROLES } from "../domain/roles.ts";
import { address, email, id, paged, pageQuery, phone, shortText, webUrl } from "./common.ts";

export const siret = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s/g, ""))
  .refine(isValidSiret, "SIRET invalide (14 chiffres et clé de contrôle)");

const structureFields = {
  name: shortText(200),
  siret: siret.nullish(),
  /** A value of the data·inclusion "réseaux porteurs" referential. */
  type: z.string().trim().max(100).nullish(),
  address: address.nullish(),
  email: email.nullish(),
  phone: phone.nullish(),
  website: webUrl(500).nullish(),
  territory_id: id.nullish(),
  sensitive: z.boolean().optional(),
};

export const structureCreateBody = z.strictObject(structureFields);
export type StructureCreateBody = z.infer<typeof structureCreateBody>;
export const structureUpdateBody = z.strictObject(structureFields).partial();
export type StructureUpdateBody = z.infer<typeof structureUpdateBody>;

export const structure = z.object({
  id,
  name: z.string(),
  siret: z.string().nullable(),
  type: z.string().nullable(),
  type_label: z.string().nullable(),
  address: z.object({
    street: z.string().nullable(),
    complement: z.string().nullable(),
    postal_code: z.string().nullable(),
    commune_code: z.string().nullable(),
    commune_name: z.string().nullable(),
  }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  territory: z.object({ id, name: z.string() }).nullable(),
  sensitive: z.boolean(),
  /** Deactivated: its members have lost access; its history is kept. */
  deactivated_at: z.string().nullable(),
  /** Where the record comes from: "spie" for the platform's own structures, a producer for the directory's. */
  source: z.string(),
  /** Computed by the server's policy: what the caller may do with the structure. */
  permissions: z.object({
    update: z.boolean(),
    /** Deactivate or reactivate it (platform admins, coordinators of its territory). */
    deactivate: z.boolean(),
    /** Claim a directory record as this structure (platform admins, coordinators of its territory). */
    claim: z.boolean(),
    /** Move the structure to another territory (platform admins only). */
    change_territory: z.boolean(),
    manage_members: z.boolean(),
    /** The roles the caller may give or take away in this structure (never to themself). */
    grantable_roles: z.array(z.enum(MEMBERSHIP_ROLES)),
  }),
});
export type Structure = z.infer<typeof structure>;

export const structureClaimBody = z.strictObject({ directory_structure_id: id });

export const structureListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** platform: the platform's own structures only; directory: only those imported into the directory. */
  origin: z.enum(["platform", "directory"]).optional(),
  ...pageQuery,
});
export const structureList = paged(structure);

export const member = z.object({
  membership_id: id,
  user: z.object({ id, name: z.string(), email: z.string(), last_login_at: z.string().nullable(), deactivated: z.boolean() }),
  role: z.enum(MEMBERSHIP_ROLES),
  created_at: z.string(),
  /** What the caller may do with this member: a role change ends the membership and starts a new one. */
  permissions: z.object({ change_role: z.boolean(), remove: z.boolean() }),
});
export type Member = z.infer<typeof member>;

export const memberUpdateBody = z.strictObject({ role: z.enum(MEMBERSHIP_ROLES) });

export const referentialValue = z.object({ value: z.string(), label: z.string() });
export const structureTypes = z.array(referentialValue);
