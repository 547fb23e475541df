import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { changePasswordBody, loginBody, me } from "../../../common/schemas/auth.ts";
import { ctx } from "../../http/context.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/authenticate.ts";
import type { Actor, ActorMembership } from "../../policy/actor.ts";
import { canImportDirectory } from "../../policy/directory.ts";
import { actingMemberships, administeredStructures, mayChangeStructureTerritory } from "../../policy/roles.ts";
import { logoutAnswer } from "../../../common/schemas/proconnect.ts";
import { logoutUrl as proconnectLogoutUrl } from "../proconnect/proconnect.service.ts";
import * as auth from "./auth.service.ts";

function membershipView(m: ActorMembership) {
  return {
    id: m.id,
    role: m.role,
    structure: { id: m.structure_id, name: m.structure_name },
    territory: m.territory_id ? { id: m.territory_id, name: m.territory_name ?? "" } : null,
  };
}

export function meView(actor: Actor) {
  const acting = actingMemberships(actor);
  return {
    user: { id: actor.user_id, email: actor.email, name: actor.name, is_admin: actor.is_admin },
    memberships: actor.memberships.map(membershipView),
    csrf_token: actor.csrf_token,
    via: actor.via,
    permissions: {
      create_person: acting.length > 0,
      import_directory: canImportDirectory(actor),
      manage_territories: mayChangeStructureTerritory(actor),
      administered_structures: administeredStructures(actor),
      acting_memberships: acting.map(membershipView),
    },
  };
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Authentification"];

  r.post(
    "/api/v1/auth/login",
    { config: { access: "public", csrf: false }, schema: { tags, summary: "Ouvrir une session (cookie)", body: loginBody, response: { 200: me } } },
    async (request, reply) => {
      const { cookie, actor } = await auth.login(app.deps, request.body.email, request.body.password, request.ip);
      setSessionCookie(reply, cookie, app.deps.config.secureCookies, app.deps.config.sessionAbsoluteHours * 3600);
      request.log.info({ user_id: actor.user_id }, "login");
      return meView(actor);
    },
  );

  r.post(
    "/api/v1/auth/logout",
    // Public so that a stale cookie can still be cleared; with a live session the CSRF token is
    // required (authenticate.ts), or any site could log the user out.
    {
      config: { access: "public" },
      schema: { tags, summary: "Fermer la session (200 et logout_url quand elle venait de ProConnect : le navigateur y va ensuite)", response: { 204: z.null(), 200: logoutAnswer } },
    },
    async (request, reply) => {
      const logoutUrl = await proconnectLogoutUrl(app.deps, request.actor?.session_id ?? null);
      if (request.actor) await auth.logout(app.deps, request.actor);
      clearSessionCookie(reply, app.deps.config.secureCookies);
      if (logoutUrl) return reply.status(200).send({ logout_url: logoutUrl });
      return reply.status(204).send(null);
    },
  );

  r.get("/api/v1/me", { schema: { tags, summary: "Le compte connecté, ses appartenances et rôles", response: { 200: me } }, config: { access: "signed_in" } }, async (request) => meView(ctx(request).actor));

  r.post(
    "/api/v1/me/password",
    { schema: { tags, summary: "Changer son mot de passe", body: changePasswordBody, response: { 204: z.null() } }, config: { access: "signed_in" } },
    async (request, reply) => {
      await auth.changePassword(app.deps, ctx(request).actor, request.body.current_password, request.body.new_password);
      return reply.status(204).send(null);
    },
  );
}
