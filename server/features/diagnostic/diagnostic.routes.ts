// HTTP edge of the diagnostic.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { todayIso } from "../../../common/domain/dates.ts";
import { diagnostic, diagnosticBody, diagnosticDiff, diagnosticDiffQuery, diagnosticVersions, versionParams } from "../../../common/schemas/diagnostic.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import * as service from "./diagnostic.service.ts";


export async function diagnosticRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Diagnostic partagé"];

  r.get("/api/v1/people/:id/diagnostic", { schema: { tags, summary: "Dernière version du diagnostic (version 0 : pas encore de diagnostic)", params: idParams, response: { 200: diagnostic } } }, async (request) =>
    service.getDiagnostic(ctx(request), request.params.id),
  );

  r.put(
    "/api/v1/people/:id/diagnostic",
    {
      schema: {
        tags,
        summary: "Enregistrer le diagnostic (nouvelle version ; 409 si base_version n'est pas la dernière, avec la dernière version)",
        params: idParams,
        body: diagnosticBody,
        response: { 200: diagnostic },
      },
    },
    async (request) => service.saveDiagnostic(ctx(request), request.params.id, request.body),
  );

  r.get("/api/v1/people/:id/diagnostic/versions", { schema: { tags, summary: "Historique des versions du diagnostic (la plus récente d'abord)", params: idParams, response: { 200: diagnosticVersions } } }, async (request) =>
    service.listDiagnosticVersions(ctx(request), request.params.id),
  );

  r.get("/api/v1/people/:id/diagnostic/versions/:version", { schema: { tags, summary: "Une version du diagnostic", params: versionParams, response: { 200: diagnostic } } }, async (request) =>
    service.getDiagnosticVersion(ctx(request), request.params.id, request.params.version),
  );

  r.get(
    "/api/v1/people/:id/diagnostic/diff",
    { schema: { tags, summary: "Ce qui a changé entre deux versions (0 : diagnostic vide)", params: idParams, querystring: diagnosticDiffQuery, response: { 200: diagnosticDiff } } },
    async (request) => service.diffDiagnosticVersions(ctx(request), request.params.id, request.query.from, request.query.to),
  );

  r.get("/api/v1/people/:id/diagnostic/portrait.pdf", { schema: { tags, summary: "Portrait socio-professionnel imprimable (PDF)", params: idParams } }, async (request, reply) => {
    const { pdf, filename } = await service.portraitPdf(ctx(request), request.params.id, todayIso());
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
  });
}
