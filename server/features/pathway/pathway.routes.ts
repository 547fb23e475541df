// HTTP edge of the pathway summary.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { pathway } from "../../../common/schemas/pathway.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./pathway.service.ts";


export async function pathwayRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/people/:id/pathway",
    { schema: { tags: ["Parcours"], summary: "Le parcours en bref : échéances, orientation et contrat en cours, ce que je peux faire", params: idParams, response: { 200: pathway } }, config: { access: { person: "read", resource: "pathway", action: "read" } } },
    async (request) => service.getPathway(ctx(request), granted(request)),
  );
}
