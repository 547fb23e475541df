// HTTP edge of contracts.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { contract, contractCreateBody, contractList, contractUpdateBody } from "../../../common/schemas/contracts.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./contracts.service.ts";


export async function contractRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Contrats"];

  r.get("/api/v1/people/:id/contracts", { schema: { tags, summary: "Contrats de la personne (le plus récent d'abord), avec leurs versions", params: idParams, response: { 200: contractList } }, config: { access: { person: "read", resource: "contract", action: "read" } } }, async (request) =>
    service.listContracts(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/contracts",
    { schema: { tags, summary: "Écrire un contrat (contrat d'engagement par défaut)", params: idParams, body: contractCreateBody, response: { 201: contract } }, config: { access: { person: "update", resource: "contract", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.createContract(ctx(request), granted(request), request.body)),
  );

  r.get("/api/v1/contracts/:id", { schema: { tags, summary: "Lire un contrat", params: idParams, response: { 200: contract } }, config: { access: { person: "read", via: "contract", resource: "contract", action: "read" } } }, async (request) => service.getContract(ctx(request), granted(request), request.params.id));

  r.patch(
    "/api/v1/contracts/:id",
    { schema: { tags, summary: "Modifier ou signer un contrat (nouvelle version ; 409 si base_version n'est pas la dernière)", params: idParams, body: contractUpdateBody, response: { 200: contract } }, config: { access: { person: "update", via: "contract", resource: "contract", action: "update" } } },
    async (request) => service.updateContract(ctx(request), granted(request), request.params.id, request.body),
  );

  r.get("/api/v1/contracts/:id/pdf", { schema: { tags, summary: "Contrat imprimable (PDF)", params: idParams }, config: { access: { person: "read", via: "contract", resource: "contract_pdf", action: "export" } } }, async (request, reply) => {
    const { pdf, filename } = await service.contractPdf(ctx(request), granted(request), request.params.id);
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
  });
}
