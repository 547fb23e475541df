import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import {
  member,
  memberUpdateBody,
  structure,
  structureClaimBody,
  structureCreateBody,
  structureList,
  structureListQuery,
  structureTypes,
  structureUpdateBody,
} from "../../../common/schemas/structures.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { structureTypes as referential } from "./structure-types.ts";
import * as service from "./structures.service.ts";

const memberParams = idParams.extend({ membership_id: z.uuid("Identifiant invalide") });

export async function structureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Structures"];
  r.get("/api/v1/structure-types", { config: { access: "public" }, schema: { tags, summary: "Types de structure (réseaux porteurs data·inclusion)", response: { 200: z.object({ items: structureTypes }) } } }, async () => ({
    items: referential(),
  }));
  r.get("/api/v1/structures", { schema: { tags, summary: "Lister les structures", querystring: structureListQuery, response: { 200: structureList } }, config: { access: "signed_in" } }, async (request) =>
    service.listStructures(ctx(request), request.query),
  );
  r.post("/api/v1/structures", { schema: { tags, summary: "Créer une structure", body: structureCreateBody, response: { 201: structure } }, config: { access: "signed_in" } }, async (request, reply) =>
    reply.status(201).send(await service.createStructure(ctx(request), request.body)),
  );
  r.get("/api/v1/structures/:id", { schema: { tags, summary: "Lire une structure", params: idParams, response: { 200: structure } }, config: { access: "signed_in" } }, async (request) =>
    service.getStructure(ctx(request), request.params.id),
  );
  r.patch("/api/v1/structures/:id", { schema: { tags, summary: "Modifier une structure", params: idParams, body: structureUpdateBody, response: { 200: structure } }, config: { access: "signed_in" } }, async (request) =>
    service.updateStructure(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/v1/structures/:id/deactivate",
    { schema: { tags, summary: "Désactiver une structure : ses membres perdent leurs accès, l'historique est conservé", params: idParams, response: { 200: structure } }, config: { access: "signed_in" } },
    async (request) => service.setStructureActive(ctx(request), request.params.id, false),
  );
  r.post(
    "/api/v1/structures/:id/reactivate",
    { schema: { tags, summary: "Réactiver une structure désactivée", params: idParams, response: { 200: structure } }, config: { access: "signed_in" } },
    async (request) => service.setStructureActive(ctx(request), request.params.id, true),
  );
  r.post(
    "/api/v1/structures/:id/claim",
    {
      schema: { tags, summary: "Rattacher une fiche de l'annuaire (importée) à la structure : elles ne font plus qu'une", params: idParams, body: structureClaimBody, response: { 200: structure } },
      config: { access: "signed_in" },
    },
    async (request) => service.claimDirectoryStructure(ctx(request), request.params.id, request.body.directory_structure_id),
  );
  r.get("/api/v1/structures/:id/members", { schema: { tags, summary: "Membres de la structure", params: idParams, response: { 200: z.object({ items: z.array(member) }) } }, config: { access: "signed_in" } }, async (request) =>
    service.listMembers(ctx(request), request.params.id),
  );
  r.patch(
    "/api/v1/structures/:id/members/:membership_id",
    {
      schema: {
        tags,
        summary: "Changer le rôle d'un membre",
        description:
          "Termine l'appartenance et en ouvre une nouvelle avec le nouveau rôle (la réponse porte le nouvel identifiant) : ce qui était tenu au titre de l'ancien rôle, comme les places dans les équipes d'accompagnement, prend fin. Les rôles de coordination et de pilotage sont attribués par les administrateurs de la plateforme ; personne ne change son propre rôle.",
        params: memberParams,
        body: memberUpdateBody,
        response: { 200: member },
      },
      config: { access: "signed_in" },
    },
    async (request) => service.updateMember(ctx(request), request.params.id, request.params.membership_id, request.body.role),
  );
  r.delete(
    "/api/v1/structures/:id/members/:membership_id",
    { schema: { tags, summary: "Retirer un membre", params: memberParams, response: { 204: z.null() } }, config: { access: "signed_in" } },
    async (request, reply) => {
      await service.removeMember(ctx(request), request.params.id, request.params.membership_id);
      return reply.status(204).send(null);
    },
  );
}
