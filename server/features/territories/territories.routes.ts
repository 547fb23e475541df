import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import {
  commune,
  communeSearchQuery,
  perimeterOption,
  perimeterSearchQuery,
  territory,
  territoryCounts,
  territoryCreateBody,
  territoryDetail,
  territoryPeople,
  territoryPeopleQuery,
  territoryQueues,
  queuePage,
  queuePageQuery,
  queueParams,
  territoryUpdateBody,
} from "../../../common/schemas/territories.ts";
import { ctx } from "../../http/context.ts";
import { searchCommunes, searchPerimeterAreas } from "./geography.ts";
import { listTerritories } from "./territories.repository.ts";
import * as service from "./territories.service.ts";
import * as queues from "./queues.service.ts";

const idParams = z.object({ id: z.uuid("Identifiant invalide") });

export async function territoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Territoires"];
  r.get("/api/v1/territories", { schema: { tags, summary: "Territoires de la plateforme et leur périmètre", response: { 200: z.object({ items: z.array(territory) }) } }, config: { access: "signed_in" } }, async () => ({
    items: await listTerritories(app.deps.db),
  }));
  r.post(
    "/api/v1/territories",
    { schema: { tags, summary: "Créer un territoire (administrateurs de la plateforme)", body: territoryCreateBody, response: { 201: territoryDetail } }, config: { access: "signed_in" } },
    async (request, reply) => {
      const c = ctx(request);
      return reply.status(201).send(await service.createTerritory(c.db, c.actor, request.body));
    },
  );
  r.get(
    "/api/v1/territories/:id",
    { schema: { tags, summary: "Un territoire : périmètre, communes couvertes, fuseau horaire et jours fériés", params: idParams, response: { 200: territoryDetail } }, config: { access: "signed_in" } },
    async (request) => service.getTerritory(ctx(request), request.params.id),
  );
  r.patch(
    "/api/v1/territories/:id",
    { schema: { tags, summary: "Renommer un territoire ou changer son périmètre (administrateurs de la plateforme)", params: idParams, body: territoryUpdateBody, response: { 200: territoryDetail } }, config: { access: "signed_in" } },
    async (request) => {
      const c = ctx(request);
      return service.updateTerritory(c.db, c.actor, request.params.id, request.body);
    },
  );
  r.get(
    "/api/v1/territories/:id/queues",
    {
      schema: {
        tags,
        summary: "Files d'attente de la coordination : personnes en attente d'une décision, les plus urgentes d'abord (coordination du territoire)",
        params: idParams,
        response: { 200: territoryQueues },
      },
      config: { access: "people_list" },
    },
    async (request) => queues.getQueues(ctx(request), request.params.id),
  );
  r.get(
    "/api/v1/territories/:id/queues/:kind",
    {
      schema: {
        tags,
        summary: "Une file d'attente de la coordination, page par page, les plus urgentes d'abord (coordination du territoire)",
        params: queueParams,
        querystring: queuePageQuery,
        response: { 200: queuePage },
      },
      config: { access: "people_list" },
    },
    async (request) => queues.getQueuePage(ctx(request), request.params.id, request.params.kind, request.query.page),
  );
  r.get(
    "/api/v1/territories/:id/counts",
    { schema: { tags, summary: "Nombre de personnes dans chaque file d'attente (coordination et pilotage du territoire)", params: idParams, response: { 200: territoryCounts } }, config: { access: "signed_in" } },
    async (request) => queues.getQueueCounts(ctx(request), request.params.id),
  );
  r.get(
    "/api/v1/territories/:id/people",
    {
      schema: { tags, summary: "Chercher une personne dans tout le territoire (coordination du territoire)", params: idParams, querystring: territoryPeopleQuery, response: { 200: territoryPeople } },
      config: { access: "people_list" },
    },
    async (request) => queues.searchTerritoryPeople(ctx(request), request.params.id, request.query.q),
  );
  r.get(
    "/api/v1/geography/areas",
    {
      config: { access: "public" },
      schema: { tags, summary: "Chercher une région, un département ou un EPCI par nom ou code (COG INSEE)", querystring: perimeterSearchQuery, response: { 200: z.object({ items: z.array(perimeterOption) }) } },
    },
    async (request) => ({ items: searchPerimeterAreas(request.query.q, request.query.kind, request.query.limit) }),
  );
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
