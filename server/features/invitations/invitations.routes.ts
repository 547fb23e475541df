import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { invitation, invitationAcceptBody, invitationAccepted, invitationCreateBody, invitationPublic } from "../../../common/schemas/invitations.ts";
import { ctx } from "../../http/context.ts";
import { setSessionCookie } from "../../http/authenticate.ts";
import { meView } from "../auth/auth.routes.ts";
import * as service from "./invitations.service.ts";

const idParams = z.object({ id: z.uuid("Identifiant invalide") });
const invitationParams = z.object({ id: z.uuid("Identifiant invalide"), invitation_id: z.uuid("Identifiant invalide") });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Invitations"];
  r.get(
    "/api/v1/structures/:id/invitations",
    { config: { access: "signed_in" }, schema: { tags, summary: "Invitations en attente de la structure", params: idParams, response: { 200: z.object({ items: z.array(invitation) }) } } },
    async (request) => service.listInvitations(ctx(request), request.params.id),
  );
  r.post(
    "/api/v1/structures/:id/invitations",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Inviter une personne dans la structure (e-mail avec un lien valable 7 jours)",
        description:
          "Le compte (s'il n'existe pas) et l'appartenance ne sont créés qu'à l'acceptation. Les administrateur·rices de la structure invitent avec les rôles professionnel·le et administrateur·rice ; seuls les administrateurs de la plateforme invitent avec les rôles de coordination et de pilotage.",
        params: idParams,
        body: invitationCreateBody,
        response: { 201: invitation },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createInvitation(ctx(request), request.params.id, request.body)),
  );
  r.post(
    "/api/v1/structures/:id/invitations/:invitation_id/resend",
    { config: { access: "signed_in" }, schema: { tags, summary: "Renvoyer une invitation (nouveau lien, valable 7 jours ; l'ancien ne fonctionne plus)", params: invitationParams, response: { 200: invitation } } },
    async (request) => service.resendInvitation(ctx(request), request.params.id, request.params.invitation_id),
  );
  r.delete(
    "/api/v1/structures/:id/invitations/:invitation_id",
    { config: { access: "signed_in" }, schema: { tags, summary: "Annuler une invitation", params: invitationParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await service.revokeInvitation(ctx(request), request.params.id, request.params.invitation_id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/v1/invitations/:token",
    { config: { access: "public" }, schema: { tags, summary: "Lire une invitation (structure, rôle, adresse invitée)", params: tokenParams, response: { 200: invitationPublic } } },
    async (request) => service.getPublicInvitation(app.deps.db, request.params.token),
  );
  r.post(
    "/api/v1/invitations/:token/accept",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Accepter une invitation",
        description:
          "Sans compte pour l'adresse invitée : crée le compte avec le mot de passe choisi (12 caractères au moins), ouvre une session et répond le compte connecté. Avec un compte existant : il faut être connecté·e avec ce compte (aucun mot de passe ici).",
        params: tokenParams,
        body: invitationAcceptBody,
        response: { 200: invitationAccepted },
      },
    },
    async (request, reply) => {
      const accepted = await service.acceptInvitation(app.deps, request.actor, request.params.token, request.body, request.headers["user-agent"]);
      if (accepted.cookie) setSessionCookie(reply, accepted.cookie, app.deps.config.secureCookies, app.deps.config.sessionAbsoluteHours * 3600);
      request.log.info({ user_id: accepted.actor.user_id }, "invitation accepted");
      return meView(accepted.actor);
    },
  );
}
