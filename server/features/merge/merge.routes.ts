// HTTP edge of merging two files (coordinators of the territory: policy/people.ts `merge`).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParams } from "../../../common/schemas/common.ts";
import { mergeBody, mergePreview, mergePreviewQuery, mergeResult } from "../../../common/schemas/people.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as merge from "./merge.service.ts";

export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Personnes accompagnées"];

  r.get(
    "/api/v1/people/:id/merge-preview",
    {
      schema: {
        tags,
        summary: "Aperçu côte à côte de la fusion d'un autre dossier dans celui-ci (coordination du territoire)",
        params: idParams,
        querystring: mergePreviewQuery,
        response: { 200: mergePreview },
      },
      config: { access: { person: "merge", resource: "merge_preview", action: "read" } },
    },
    async (request) => merge.mergePreview(ctx(request), granted(request), request.query.merged_id),
  );

  r.post(
    "/api/v1/people/:id/merge",
    {
      schema: {
        tags,
        summary: "Fusionner un autre dossier dans celui-ci (définitif : l'autre dossier renvoie vers celui-ci)",
        params: idParams,
        body: mergeBody,
        response: { 200: mergeResult },
      },
      config: { access: { person: "merge", resource: "merge", action: "update" } },
    },
    async (request) => merge.mergePeople(ctx(request), granted(request), request.body.merged_id),
  );
}
