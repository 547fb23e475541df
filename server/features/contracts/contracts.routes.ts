// HTTP edge of contracts.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { contract, contractAmendBody, contractCreateBody, contractEndBody, contractList, contractRenewBody, contractSignBody, contractUpdateBody } from "../../../common/schemas/contracts.ts";
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
    { schema: { tags, summary: "Corriger un brouillon de contrat (nouvelle version ; 409 si le contrat est signé ou si base_version n'est pas la dernière)", params: idParams, body: contractUpdateBody, response: { 200: contract } }, config: { access: { person: "update", via: "contract", resource: "contract", action: "update" } } },
    async (request) => service.updateContract(ctx(request), granted(request), request.params.id, request.body),
  );

  const update = { person: "update", via: "contract", resource: "contract", action: "update" } as const;

  r.post(
    "/api/v1/contracts/:id/sign",
    { schema: { tags, summary: "Enregistrer la signature d'un brouillon (date, mode) ; 409 s'il est déjà signé", params: idParams, body: contractSignBody, response: { 200: contract } }, config: { access: update } },
    async (request) => service.signContract(ctx(request), granted(request), request.params.id, request.body),
  );

  r.post(
    "/api/v1/contracts/:id/amend",
    { schema: { tags, summary: "Avenant à un contrat signé : les champs modifiés et le motif (nouvelle version)", params: idParams, body: contractAmendBody, response: { 200: contract } }, config: { access: update } },
    async (request) => service.amendContract(ctx(request), granted(request), request.params.id, request.body),
  );

  r.post(
    "/api/v1/contracts/:id/end",
    { schema: { tags, summary: "Mettre fin à un contrat signé (date, motif)", params: idParams, body: contractEndBody, response: { 200: contract } }, config: { access: update } },
    async (request) => service.endContract(ctx(request), granted(request), request.params.id, request.body),
  );

  r.post(
    "/api/v1/contracts/:id/renew",
    { schema: { tags, summary: "Renouveler : le contrat suivant, un brouillon repris de celui-ci", params: idParams, body: contractRenewBody, response: { 201: contract } }, config: { access: { ...update, action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.renewContract(ctx(request), granted(request), request.params.id, request.body)),
  );

  r.get("/api/v1/contracts/:id/pdf", { schema: { tags, summary: "Contrat imprimable (PDF)", params: idParams }, config: { access: { person: "read", via: "contract", resource: "contract_pdf", action: "export" } } }, async (request, reply) => {
    const { pdf, filename } = await service.contractPdf(ctx(request), granted(request), request.params.id);
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
  });
}
