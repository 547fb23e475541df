// HTTP edge of the referrals. Access is declared here and decided by the gate (server/policy/gate.ts):
// the team sends (`refer`, the person found in the body), the team, the coordinator and the receiving
// structure's members read (`read_referral`, the `referral` relation for the latter); the moves of each
// side are decided in policy/referrals.ts. The signed link's routes are public: the token is the capability.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParams } from "../../../common/schemas/common.ts";
import {
  referral,
  referralChannel,
  referralCreateBody,
  referralLinkView,
  referralList,
  referralListQuery,
  referralStats,
  referralStatsQuery,
  referralTransitionBody,
  tokenParams,
} from "../../../common/schemas/referrals.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./referrals.service.ts";

export async function referralRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Orientations vers un service"];

  r.post(
    "/api/v1/referrals",
    {
      schema: {
        tags,
        summary: "Orienter une personne vers un service (équipe d'accompagnement ; consentement requis)",
        description: "`due_at` = `sent_at` + 72 heures ouvrées là où est la structure qui reçoit (jours fériés de son département), en ISO 8601 avec son décalage. `sent_at` (systèmes partenaires) : jamais dans le futur. Un service qui ne peut rien recevoir (ni membre sur la plateforme ni courriel) : 409 avec son téléphone et son adresse.",
        body: referralCreateBody,
        response: { 201: referral },
      },
      config: { access: { person: "refer", body: "person_id", resource: "referral", action: "create" } },
    },
    async (request, reply) => reply.code(201).send(await service.createReferral(ctx(request), granted(request), request.body)),
  );
  r.get(
    "/api/v1/referrals",
    { schema: { tags, summary: "Orientations envoyées (mes personnes) ou reçues (mes structures : à répondre d'abord, en retard d'abord)", querystring: referralListQuery, response: { 200: referralList } }, config: { access: "people_list" } },
    async (request) => service.listReferrals(ctx(request), request.query),
  );
  r.get(
    "/api/v1/referrals/stats",
    { schema: { tags, summary: "Part des réponses dans le délai de 72 heures ouvrées, par structure", querystring: referralStatsQuery, response: { 200: referralStats } }, config: { access: "signed_in" } },
    async (request) => service.stats(ctx(request), request.query),
  );
  r.get(
    "/api/v1/referrals/:id",
    { schema: { tags, summary: "Lire une orientation (la structure qui la reçoit n'en voit que ce qui a été envoyé)", params: idParams, response: { 200: referral } }, config: { access: { person: "read_referral", via: "referral", resource: "referral", action: "read" } } },
    async (request) => service.getReferral(ctx(request), granted(request), request.params.id),
  );
  r.post(
    "/api/v1/referrals/:id/transitions",
    {
      schema: { tags, summary: "Faire avancer une orientation (409 si son état ne le permet pas)", params: idParams, body: referralTransitionBody, response: { 200: referral } },
      config: { access: { person: "read_referral", via: "referral", resource: "referral", action: "update" } },
    },
    async (request) => service.transition(ctx(request), granted(request), request.params.id, request.body),
  );
  r.post(
    "/api/v1/referrals/:id/link",
    { schema: { tags, summary: "Renvoyer un lien signé (8 jours) au service de l'annuaire ; les liens précédents ne fonctionnent plus", params: idParams, response: { 200: referral } }, config: { access: { person: "refer", via: "referral", resource: "referral", action: "update" } } },
    async (request) => service.renewLink(ctx(request), granted(request), request.params.id),
  );
  r.get(
    "/api/v1/services/:id/referral-channel",
    { schema: { tags, summary: "Comment ce service reçoit une orientation (plateforme, lien par courriel, ou pas du tout : son téléphone et son adresse)", params: idParams, response: { 200: referralChannel } }, config: { access: "signed_in" } },
    async (request) => service.channel(app.deps, request.params.id),
  );
  r.get(
    "/api/v1/referral-links/:token",
    { schema: { tags, summary: "Page du lien signé : ce qui a été envoyé (sans compte)", security: [], params: tokenParams, response: { 200: referralLinkView } }, config: { access: "public" } },
    async (request) => service.getByLink(app.deps, request.params.token),
  );
  r.post(
    "/api/v1/referral-links/:token/transitions",
    {
      schema: { tags, summary: "Répondre par le lien signé (un clic : rien ne change à la simple ouverture du lien)", security: [], params: tokenParams, body: referralTransitionBody, response: { 200: referralLinkView } },
      config: { access: "public" },
    },
    async (request) => service.transitionByLink(app.deps, request.params.token, request.body),
  );
}
