import { z } from "../zod.ts";
import { id } from "./common.ts";

export const PERIMETER_KINDS = ["region", "departement", "epci", "commune"] as const;
export type PerimeterKind = (typeof PERIMETER_KINDS)[number];

export const territory = z.object({
  id,
  name: z.string(),
  perimeter: z.array(z.object({ kind: z.enum(PERIMETER_KINDS), code: z.string(), name: z.string() })),
});
export type Territory = z.infer<typeof territory>;

export const commune = z.object({
  code: z.string(),
  name: z.string(),
  postal_codes: z.array(z.string()),
  departement: z.string(),
  region: z.string(),
  epci: z.string().nullable(),
});
export type Commune = z.infer<typeof commune>;

export const communeSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
