// HTTP edge of orientation, réorientation and the territory's settings of the rule.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  orientation,
  orientationBody,
  orientationList,
  orientationOptions,
  recommendation,
  reorientationDecisionBody,
  reorientationRequest,
  reorientationRequestBody,
  reorientationRequestList,
  territorySettings,
  territorySettingsBody,
} from "../../../common/schemas/orientation.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./orientation.service.ts";
import * as settings from "./territory-settings.service.ts";


export async function orientationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Orientation"];

  r.get(
    "/api/v1/people/:id/orientation/recommendation",
    { schema: { tags, summary: "Orientation recommandée par la règle partagée, avec ses raisons", params: idParams, response: { 200: recommendation } }, config: { access: { person: "read", resource: "orientation_recommendation", action: "read" } } },
    async (request) => service.getRecommendation(ctx(request), granted(request)),
  );

  r.get(
    "/api/v1/people/:id/orientation/options",
    { schema: { tags, summary: "Organismes référents et référent·es possibles (structures du territoire de la personne)", params: idParams, response: { 200: orientationOptions } }, config: { access: { person: "read", resource: "orientation_options", action: "read" } } },
    async (request) => service.orientationOptions(ctx(request), granted(request)),
  );

  r.get("/api/v1/people/:id/orientations", { schema: { tags, summary: "Orientations décidées (la plus récente d'abord)", params: idParams, response: { 200: orientationList } }, config: { access: { person: "read", resource: "orientation", action: "read" } } }, async (request) =>
    service.listOrientations(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/orientations",
    { schema: { tags, summary: "Décider l'orientation (coordination du territoire, ou structure si le territoire le permet)", params: idParams, body: orientationBody, response: { 201: orientation } }, config: { access: { person: "decide_orientation", resource: "orientation", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.decideOrientation(ctx(request), granted(request), request.body)),
  );

  r.get(
    "/api/v1/people/:id/reorientation-requests",
    { schema: { tags, summary: "Demandes de réorientation", params: idParams, response: { 200: reorientationRequestList } }, config: { access: { person: "read", resource: "reorientation_request", action: "read" } } },
    async (request) => service.listReorientationRequests(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/reorientation-requests",
    { schema: { tags, summary: "Demander une réorientation (référent·e unique)", params: idParams, body: reorientationRequestBody, response: { 201: reorientationRequest } }, config: { access: { person: "request_reorientation", resource: "reorientation_request", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.requestReorientation(ctx(request), granted(request), request.body)),
  );

  r.post(
    "/api/v1/reorientation-requests/:id/decision",
    { schema: { tags, summary: "Accepter (nouvelle orientation) ou refuser une demande de réorientation", params: idParams, body: reorientationDecisionBody, response: { 200: reorientationRequest } }, config: { access: { person: "decide_orientation", via: "reorientation_request", resource: "reorientation_request", action: "update" } } },
    async (request) => service.decideReorientation(ctx(request), granted(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/territories/:id/settings",
    { schema: { tags: ["Territoires"], summary: "Règles du parcours du territoire (seuils d'orientation, échéances)", params: idParams, response: { 200: territorySettings } }, config: { access: "signed_in" } },
    async (request) => settings.getTerritorySettings(ctx(request), request.params.id),
  );

  r.put(
    "/api/v1/territories/:id/settings",
    { schema: { tags: ["Territoires"], summary: "Modifier les règles du parcours du territoire (coordination)", params: idParams, body: territorySettingsBody, response: { 200: territorySettings } }, config: { access: "signed_in" } },
    async (request) => settings.updateTerritorySettings(ctx(request), request.params.id, request.body),
  );
}
