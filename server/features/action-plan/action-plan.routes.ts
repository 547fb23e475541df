// HTTP edge of the action plan.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  action,
  actionCreateBody,
  actionList,
  actionListQuery,
  actionUpdateBody,
  objective,
  objectiveCreateBody,
  objectiveList,
  objectiveUpdateBody,
} from "../../../common/schemas/action-plan.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./action-plan.service.ts";


export async function actionPlanRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Plan d'action"];

  r.get("/api/v1/people/:id/objectives", { schema: { tags, summary: "Objectifs du plan d'action et leurs actions", params: idParams, response: { 200: objectiveList } }, config: { access: { person: "read", resource: "action_plan", action: "read" } } }, async (request) =>
    service.listObjectives(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/objectives",
    { schema: { tags, summary: "Ajouter un objectif (une thématique)", params: idParams, body: objectiveCreateBody, response: { 201: objective } }, config: { access: { person: "update", resource: "action_plan", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.createObjective(ctx(request), granted(request), request.body)),
  );

  r.patch("/api/v1/objectives/:id", { schema: { tags, summary: "Modifier un objectif", params: idParams, body: objectiveUpdateBody, response: { 200: objective } }, config: { access: { person: "update", via: "objective", resource: "action_plan", action: "update" } } }, async (request) =>
    service.updateObjective(ctx(request), granted(request), request.params.id, request.body),
  );

  r.post(
    "/api/v1/objectives/:id/actions",
    { schema: { tags, summary: "Ajouter une action à un objectif (éventuellement vers un service de l'annuaire)", params: idParams, body: actionCreateBody, response: { 201: action } }, config: { access: { person: "update", via: "objective", resource: "action_plan", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.createAction(ctx(request), granted(request), request.params.id, request.body)),
  );

  r.patch("/api/v1/actions/:id", { schema: { tags, summary: "Modifier une action (statut, dates, service…)", params: idParams, body: actionUpdateBody, response: { 200: action } }, config: { access: { person: "update", via: "action", resource: "action_plan", action: "update" } } }, async (request) =>
    service.updateAction(ctx(request), granted(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/people/:id/actions",
    { schema: { tags, summary: "Toutes les actions du plan, filtrables par thématique et statut", params: idParams, querystring: actionListQuery, response: { 200: actionList } }, config: { access: { person: "read", resource: "action_plan", action: "read" } } },
    async (request) => service.listActions(ctx(request), granted(request), request.query),
  );
}
