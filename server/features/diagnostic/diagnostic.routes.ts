// HTTP edge of the diagnostic.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { todayIso } from "../../../common/domain/dates.ts";
import { diagnostic, diagnosticBody, diagnosticDiff, diagnosticDiffQuery, diagnosticVersions, versionParams } from "../../../common/schemas/diagnostic.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted, type PersonRule } from "../../policy/gate.ts";
import * as service from "./diagnostic.service.ts";


export async function diagnosticRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Diagnostic partagé"];
  const read: PersonRule = { person: "read", resource: "diagnostic", action: "read" };
  const readVersions: PersonRule = { person: "read", resource: "diagnostic_versions", action: "read" };

  r.get("/api/v1/people/:id/diagnostic", { schema: { tags, summary: "Dernière version du diagnostic (version 0 : pas encore de diagnostic)", params: idParams, response: { 200: diagnostic } }, config: { access: read } }, async (request) =>
    service.getDiagnostic(ctx(request), granted(request)),
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
      config: { access: { person: "update", resource: "diagnostic", action: "update" } },
    },
    async (request) => service.saveDiagnostic(ctx(request), granted(request), request.body),
  );

  r.get("/api/v1/people/:id/diagnostic/versions", { schema: { tags, summary: "Historique des versions du diagnostic (la plus récente d'abord)", params: idParams, response: { 200: diagnosticVersions } }, config: { access: readVersions } }, async (request) =>
    service.listDiagnosticVersions(ctx(request), granted(request)),
  );

  r.get("/api/v1/people/:id/diagnostic/versions/:version", { schema: { tags, summary: "Une version du diagnostic", params: versionParams, response: { 200: diagnostic } }, config: { access: readVersions } }, async (request) =>
    service.getDiagnosticVersion(ctx(request), granted(request), request.params.version),
  );

  r.get(
    "/api/v1/people/:id/diagnostic/diff",
    { schema: { tags, summary: "Ce qui a changé entre deux versions (0 : diagnostic vide)", params: idParams, querystring: diagnosticDiffQuery, response: { 200: diagnosticDiff } }, config: { access: readVersions } },
    async (request) => service.diffDiagnosticVersions(ctx(request), granted(request), request.query.from, request.query.to),
  );

  r.get("/api/v1/people/:id/diagnostic/portrait.pdf", { schema: { tags, summary: "Portrait socio-professionnel imprimable (PDF)", params: idParams }, config: { access: { person: "read", resource: "diagnostic_portrait_pdf", action: "export" } } }, async (request, reply) => {
    const { pdf, filename } = await service.portraitPdf(ctx(request), granted(request), todayIso());
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
  });
}
