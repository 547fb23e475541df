// HTTP edge of unmet needs ("besoins sans solution"). Access: policy/unmet-needs.ts (asked by the
// service) and the gate's body person rule for a need that names a person.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParams } from "../../../common/schemas/common.ts";
import {
  unmetNeed,
  unmetNeedCreateBody,
  unmetNeedExportQuery,
  unmetNeedList,
  unmetNeedListQuery,
  unmetNeedSummary,
  unmetNeedSummaryQuery,
  unmetNeedUpdateBody,
} from "../../../common/schemas/unmet-needs.ts";
import { ctx } from "../../http/context.ts";
import { grantedIfNamed } from "../../policy/gate.ts";
import * as service from "./unmet-needs.service.ts";

export async function unmetNeedRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Besoins sans solution"];

  r.post(
    "/api/v1/unmet-needs",
    {
      schema: {
        tags,
        summary: "Signaler un besoin sans solution (thématique, commune, ce qui était cherché ; la personne concernée, par un membre de son équipe)",
        body: unmetNeedCreateBody,
        response: { 201: unmetNeed },
      },
      config: { access: { person: "update", body: "person_id", resource: "unmet_need", action: "create" } },
    },
    async (request, reply) => reply.status(201).send(await service.createNeed(ctx(request), grantedIfNamed(request), request.body)),
  );

  r.get(
    "/api/v1/unmet-needs",
    {
      schema: {
        tags,
        summary: "Besoins sans solution que je vois : les miens, ceux des territoires que je coordonne ou pilote (la personne, seulement si je peux lire son dossier)",
        querystring: unmetNeedListQuery,
        response: { 200: unmetNeedList },
      },
      config: { access: "people_list" },
    },
    async (request) => service.listNeeds(ctx(request), request.query),
  );

  r.get(
    "/api/v1/unmet-needs/summary",
    {
      schema: { tags, summary: "Nombre de besoins sans solution d'un territoire par thématique, commune, EPCI et mois (coordination et pilotage ; aucune personne)", querystring: unmetNeedSummaryQuery, response: { 200: unmetNeedSummary } },
      config: { access: "signed_in" },
    },
    async (request) => service.summary(ctx(request), request.query),
  );

  r.get(
    "/api/v1/unmet-needs/export.csv",
    {
      schema: { tags, summary: "Besoins sans solution d'un territoire, en CSV (coordination et pilotage ; aucune personne)", querystring: unmetNeedExportQuery },
      config: { access: "signed_in" },
    },
    async (request, reply) => {
      const { csv, filename } = await service.exportCsv(ctx(request), request.query);
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(csv);
    },
  );

  r.patch(
    "/api/v1/unmet-needs/:id",
    {
      schema: {
        tags,
        summary: "Clore un besoin (résolu par un service ou une orientation, ou abandonné avec un motif) ou, tant qu'il est ouvert, corriger sa description ou son urgence",
        params: idParams,
        body: unmetNeedUpdateBody,
        response: { 200: unmetNeed },
      },
      config: { access: "signed_in" },
    },
    async (request) => service.updateNeed(ctx(request), request.params.id, request.body),
  );
}
