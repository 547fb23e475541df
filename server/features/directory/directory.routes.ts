import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import {
  directoryStructure,
  service,
  serviceCreateBody,
  serviceSearchQuery,
  serviceSearchResult,
  serviceUpdateBody,
  structureServices,
  suggestionBody,
  suggestionList,
  suggestionUpdateBody,
} from "../../../common/schemas/directory.ts";
import { idParams } from "../../../common/schemas/common.ts";
import * as directory from "./directory.service.ts";

function dctx(request: FastifyRequest): directory.DirectoryCtx {
  return { db: request.server.deps.db, actor: request.actor };
}

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Annuaire"];
  r.get(
    "/api/v1/services",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Chercher des services (public)",
        description:
          "Services publiés éligibles pour une commune (`code_insee`) ou un département, filtrés par thématique (valeur data·inclusion ou catégorie entière), thématique SPIE, publics (`tous-publics` correspond toujours), types, frais, modes d'accueil et texte libre (`q`). Les services en présentiel les plus proches d'abord, les services à distance à la fin. Les listes s'écrivent séparées par des virgules ou en répétant le paramètre.",
        security: [],
        querystring: serviceSearchQuery,
        response: { 200: serviceSearchResult },
      },
    },
    async (request) => directory.search(dctx(request), request.query),
  );
  r.get(
    "/api/v1/services/:id",
    { config: { access: "public" }, schema: { tags, summary: "Lire un service (public s'il est publié)", security: [], params: idParams, response: { 200: service } } },
    async (request) => directory.getService(dctx(request), request.params.id),
  );
  r.patch(
    "/api/v1/services/:id",
    { schema: { tags, summary: "Modifier un service (administrateurs de la structure)", params: idParams, body: serviceUpdateBody, response: { 200: service } }, config: { access: "signed_in" } },
    async (request) => directory.updateService(dctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/v1/structures/:id/services",
    { schema: { tags, summary: "Créer un service de la structure", params: idParams, body: serviceCreateBody, response: { 201: service } }, config: { access: "signed_in" } },
    async (request, reply) => reply.status(201).send(await directory.createService(dctx(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/structures/:id/services",
    { schema: { tags, summary: "Services de la structure, brouillons compris (administrateurs)", params: idParams, response: { 200: structureServices } }, config: { access: "signed_in" } },
    async (request) => directory.structureServices(dctx(request), request.params.id),
  );
  r.get(
    "/api/v1/directory/structures/:id",
    { config: { access: "public" }, schema: { tags, summary: "Fiche publique d'une structure et de ses services publiés", security: [], params: idParams, response: { 200: directoryStructure } } },
    async (request) => directory.directoryStructure(dctx(request), request.params.id),
  );
  r.post(
    "/api/v1/services/:id/suggestions",
    {
      schema: { tags, summary: "Suggérer une correction (professionnels)", params: idParams, body: suggestionBody, response: { 201: z.object({ id: z.uuid(), status: z.string() }) } }, config: { access: "signed_in" } },
    async (request, reply) => reply.status(201).send(await directory.suggestCorrection(dctx(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/structures/:id/service-suggestions",
    { schema: { tags, summary: "Corrections suggérées pour les services de la structure", params: idParams, response: { 200: suggestionList } }, config: { access: "signed_in" } },
    async (request) => directory.listSuggestions(dctx(request), request.params.id),
  );
  r.patch(
    "/api/v1/service-suggestions/:id",
    { schema: { tags, summary: "Traiter une suggestion", params: idParams, body: suggestionUpdateBody, response: { 204: z.null() } }, config: { access: "signed_in" } },
    async (request, reply) => {
      await directory.handleSuggestion(dctx(request), request.params.id, request.body.status);
      return reply.status(204).send(null);
    },
  );
}
