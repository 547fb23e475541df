// HTTP edge of cohorts (issue 11). Who may do what: server/policy/cohorts.ts.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  cohort,
  cohortCreateBody,
  cohortList,
  cohortListQuery,
  cohortMembers,
  cohortMembersAddBody,
  cohortMembersAdded,
  cohortMembersQuery,
  cohortMembersRemoveBody,
  cohortMembersRemoved,
  cohortOutcomes,
  cohortPreview,
  cohortPreviewBody,
  cohortUpdateBody,
  personCohortAddBody,
  personCohorts,
} from "../../../common/schemas/cohorts.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./cohorts.service.ts";

export async function cohortRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Cohortes"];

  r.get(
    "/api/v1/cohorts",
    { schema: { tags, summary: "Cohortes que je vois (coordination et pilotage de leur territoire, administration)", querystring: cohortListQuery, response: { 200: cohortList } }, config: { access: "signed_in" } },
    async (request) => service.listCohorts(ctx(request), request.query.territory_id),
  );
  r.post(
    "/api/v1/cohorts",
    { schema: { tags, summary: "Créer une cohorte (coordination du territoire, administration)", body: cohortCreateBody, response: { 201: cohort } }, config: { access: "signed_in" } },
    async (request, reply) => reply.status(201).send(await service.createCohort(ctx(request), request.body)),
  );
  r.get(
    "/api/v1/cohorts/:id",
    { schema: { tags, summary: "Une cohorte : critères, période, résultats attendus, nombre de membres", params: idParams, response: { 200: cohort } }, config: { access: "signed_in" } },
    async (request) => service.getCohort(ctx(request), request.params.id),
  );
  r.patch(
    "/api/v1/cohorts/:id",
    { schema: { tags, summary: "Modifier une cohorte (coordination du territoire, administration)", params: idParams, body: cohortUpdateBody, response: { 200: cohort } }, config: { access: "signed_in" } },
    async (request) => service.updateCohort(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/v1/cohorts/:id/preview",
    {
      schema: {
        tags,
        summary: "Évaluer les critères : nombre et première page des personnes du territoire qui y répondent et ne sont pas encore membres (coordination du territoire)",
        params: idParams,
        body: cohortPreviewBody.optional(),
        response: { 200: cohortPreview },
      },
      config: { access: "people_list" },
    },
    async (request) => service.preview(ctx(request), request.params.id, request.body?.after),
  );
  r.get(
    "/api/v1/cohorts/:id/members",
    { schema: { tags, summary: "Membres de la cohorte, par nom (coordination du territoire)", params: idParams, querystring: cohortMembersQuery, response: { 200: cohortMembers } }, config: { access: "people_list" } },
    async (request) => service.listMembers(ctx(request), request.params.id, request.query),
  );
  r.post(
    "/api/v1/cohorts/:id/members",
    {
      schema: { tags, summary: "Ajouter des personnes du territoire (à la main, depuis l'aperçu, ou toutes celles qui répondent aux critères), en une fois", params: idParams, body: cohortMembersAddBody, response: { 201: cohortMembersAdded } },
      config: { access: "signed_in" },
    },
    async (request, reply) => reply.status(201).send(await service.addMembers(ctx(request), request.params.id, request.body)),
  );
  r.delete(
    "/api/v1/cohorts/:id/members",
    { schema: { tags, summary: "Faire sortir des membres de la cohorte, avec le motif de sortie", params: idParams, body: cohortMembersRemoveBody, response: { 200: cohortMembersRemoved } }, config: { access: "signed_in" } },
    async (request) => service.removeMembers(ctx(request), request.params.id, request.body),
  );
  r.get(
    "/api/v1/cohorts/:id/outcomes",
    { schema: { tags, summary: "Résultats de la cohorte mois par mois (nombres seulement)", params: idParams, response: { 200: cohortOutcomes } }, config: { access: "signed_in" } },
    async (request) => service.outcomes(ctx(request), request.params.id),
  );

  // From the person's file.
  r.get(
    "/api/v1/people/:id/cohorts",
    { schema: { tags, summary: "Cohortes de la personne, et celles de son territoire où l'ajouter", params: idParams, response: { 200: personCohorts } }, config: { access: { person: "read", resource: "cohort", action: "read" } } },
    async (request) => service.personCohorts(ctx(request), granted(request)),
  );
  r.post(
    "/api/v1/people/:id/cohorts",
    {
      schema: { tags, summary: "Ajouter la personne à une cohorte de son territoire (son équipe, la coordination)", params: idParams, body: personCohortAddBody, response: { 201: personCohorts } },
      config: { access: { person: "read", resource: "cohort", action: "update" } },
    },
    async (request, reply) => reply.status(201).send(await service.addFromFile(ctx(request), granted(request), request.body.cohort_id)),
  );
}
