import { z } from "../zod.ts";
import { COMMUNE_CODE_PATTERN } from "../domain/identifiers.ts";

export const id = z.uuid();
/** An id in a path (`/people/:id`): a malformed one answers 404, like an unknown one (server/http/errors.ts). */
export const idParams = z.object({ id: z.uuid("Identifiant invalide") });
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) => z.string().trim().max(max).nullish();

/** Largest value of a PostgreSQL `integer` column: integers of requests are bounded by it. */
export const INT4_MAX = 2_147_483_647;
/** An integer that fits an `integer` column (a version, a count…), from JSON. */
export const int4 = (min = 0) => z.number().int().min(min).max(INT4_MAX);
/** The same from a path or a query string ("12"). */
export const int4Param = (min = 0) => z.coerce.number().int().min(min).max(INT4_MAX);

/** Dates the platform accepts: from 1900 to 2100 (year 9999 breaks date arithmetic downstream). */
export const MIN_DATE = "1900-01-01";
export const MAX_DATE = "2100-12-31";
export const isoDate = z.iso
  .date({ abort: true })
  .refine((d) => d >= MIN_DATE, { message: "Date trop ancienne (1900 au plus tôt)", abort: true })
  .refine((d) => d <= MAX_DATE, { message: "Date trop lointaine (2100 au plus tard)", abort: true });

/** Today's date in France (the calendar the professionals live in), as AAAA-MM-JJ. */
export function todayInFrance(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(now);
}
/** A date that cannot be in the future (a birth, a decision, an RSA right opening…). */
export const pastDate = (message = "La date est dans le futur") => isoDate.refine((d) => d <= todayInFrance(), message);

/** A web address: http or https only (a `javascript:` or `data:` link would run in the browser). */
export const webUrl = (max = 2083) => z.url({ protocol: /^https?$/, message: "Adresse web invalide (elle commence par https://)" }).max(max);
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
