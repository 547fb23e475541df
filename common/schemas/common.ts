import { z } from "../zod.ts";
import { COMMUNE_CODE_PATTERN } from "../domain/identifiers.ts";

export const id = z.uuid();
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) => z.string().trim().max(max).nullish();
export const isoDate = z.iso.date();
export const isoDateTime = z.string();
export const communeCode = z.string().trim().regex(COMMUNE_CODE_PATTERN, "Code commune INSEE invalide (5 caractères, ex. 02408)");
export const email = z.email().max(254);
export const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 .()-]{6,30}$/, "Numéro de téléphone invalide");

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const address = z.strictObject({
  street: optionalText(300),
  complement: optionalText(300),
  postal_code: z.string().trim().regex(/^\d{5}$/, "Code postal invalide (5 chiffres)").nullish(),
  commune_code: communeCode.nullish(),
});
export type Address = z.infer<typeof address>;
