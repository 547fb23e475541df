// HTTP edge of the person's file: validation by the shared zod schemas, then the service.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  accessLog,
  accessLogQuery,
  accessLogVisits,
  joinRequest,
  joinRequestBody,
  joinRequestDecisionBody,
  joinRequestList,
  joinRequestListQuery,
  person,
  personCreateBody,
  personCreated,
  personList,
  personListQuery,
  personUpdateBody,
  setReferentBody,
  team,
  timeline,
} from "../../../common/schemas/people.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { z } from "../../../common/zod.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as people from "./people.service.ts";


export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Personnes accompagnées"];

  r.post(
    "/api/v1/people",
    {
      schema: {
        tags,
        summary: "Créer le dossier d'une personne (contrôle des doublons : 409 avec les dossiers candidats)",
        body: personCreateBody,
        response: { 201: personCreated },
      },
      config: { access: "signed_in" },
    },
    async (request, reply) => reply.status(201).send(await people.createPerson(ctx(request), request.body)),
  );

  r.get(
    "/api/v1/people",
    { schema: { tags, summary: "Mes personnes accompagnées (où je suis dans l'équipe)", querystring: personListQuery, response: { 200: personList } }, config: { access: "people_list" } },
    async (request) => people.listMyPeople(ctx(request), request.query),
  );

  r.get(
    "/api/v1/people/:id",
    { schema: { tags, summary: "Lire un dossier", params: idParams, response: { 200: person } }, config: { access: { person: "read", resource: "person", action: "read" } } },
    async (request) => people.getPerson(ctx(request), granted(request)),
  );

  r.patch(
    "/api/v1/people/:id",
    {
      schema: { tags, summary: "Modifier un dossier (le territoire : équipe de coordination seulement)", params: idParams, body: personUpdateBody, response: { 200: person } },
      config: { access: { person: "read", resource: "person", action: "update" } },
    },
    async (request) => people.updatePerson(ctx(request), granted(request), request.body),
  );

  r.get(
    "/api/v1/people/:id/team",
    { schema: { tags, summary: "Équipe d'accompagnement", params: idParams, response: { 200: team } }, config: { access: { person: "read", resource: "team", action: "read" } } },
    async (request) => people.getTeam(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/team/referent",
    {
      schema: { tags, summary: "Désigner le ou la référent·e unique", params: idParams, body: setReferentBody, response: { 200: team } },
      config: { access: { person: "manage_team", resource: "team", action: "update" } },
    },
    async (request) => people.setReferent(ctx(request), granted(request), request.body.member_id),
  );

  r.get(
    "/api/v1/people/:id/timeline",
    { schema: { tags, summary: "Historique du parcours", params: idParams, response: { 200: timeline } }, config: { access: { person: "read", resource: "timeline", action: "read" } } },
    async (request) => people.getTimeline(ctx(request), granted(request)),
  );

  r.get(
    "/api/v1/people/:id/access-log",
    {
      schema: {
        tags,
        summary: "Journal des accès au dossier (view=visits : une ligne par visite, en clair)",
        params: idParams,
        querystring: accessLogQuery,
        response: { 200: z.union([accessLogVisits, accessLog]) },
      },
      config: { access: { person: "read_access_log", resource: "access_log", action: "read" } },
    },
    async (request) => people.getAccessLog(ctx(request), granted(request), request.query),
  );

  r.post(
    "/api/v1/people/:id/join-requests",
    {
      schema: { tags, summary: "Demander à rejoindre l'équipe d'accompagnement", params: idParams, body: joinRequestBody, response: { 201: joinRequest } },
      config: { access: { person: "request_join", resource: "join_request", action: "create" } },
    },
    async (request, reply) => reply.status(201).send(await people.requestToJoin(ctx(request), granted(request), request.body)),
  );

  r.get(
    "/api/v1/join-requests",
    {
      schema: { tags, summary: "Demandes d'accès : les miennes et celles que je peux traiter", querystring: joinRequestListQuery, response: { 200: joinRequestList } },
      config: { access: "people_list" },
    },
    async (request) => people.listJoinRequests(ctx(request), request.query),
  );

  r.post(
    "/api/v1/join-requests/:id/decision",
    {
      schema: { tags, summary: "Accepter ou refuser une demande d'accès", params: idParams, body: joinRequestDecisionBody, response: { 200: joinRequest } },
      config: { access: { person: "manage_team", via: "join_request", resource: "team", action: "update" } },
    },
    async (request) => people.decideJoinRequest(ctx(request), granted(request), request.params.id, request.body.decision, request.body.reason),
  );
}
