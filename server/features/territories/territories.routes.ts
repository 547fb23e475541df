import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { commune, communeSearchQuery, territory } from "../../../common/schemas/territories.ts";
import { searchCommunes } from "./geography.ts";
import { listTerritories } from "./territories.repository.ts";

export async function territoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Territoires"];
  r.get("/api/v1/territories", { schema: { tags, summary: "Territoires de la plateforme et leur périmètre", response: { 200: z.object({ items: z.array(territory) }) } }, config: { access: "signed_in" } }, async () => ({
    items: await listTerritories(app.deps.db),
  }));
  r.get(
    "/api/v1/communes",
    {
      config: { access: "public" },
      schema: { tags, summary: "Chercher une commune par nom ou code postal (COG INSEE)", querystring: communeSearchQuery, response: { 200: z.object({ items: z.array(commune) }) } },
    },
    async (request) => ({
      items: searchCommunes(request.query.q, request.query.limit).map((c) => ({
        code: c.code,
        name: c.name,
        postal_codes: c.postal_codes,
        departement: c.departement,
        region: c.region,
        epci: c.epci,
      })),
    }),
  );
}
